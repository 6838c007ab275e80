import pytest
from django.core.management import call_command

from articles.models import Article, Image, Section
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db


def test_demo_if_empty_leaves_an_existing_site_alone(capsys):
    """`make run` passes --if-empty, so a real newsroom's content is never touched.

    (What the demo loads is tested in test_demo.py.)
    """
    ArticleFactory()
    call_command("load_demo", if_empty=True)
    assert Article.objects.count() == 1
    assert Section.objects.count() == 1
    assert not Image.objects.exists()
    assert "left as it is" in capsys.readouterr().out
