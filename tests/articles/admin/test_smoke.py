import pytest
from django.urls import reverse

from tests.articles.admin.conftest import client_for, form_data
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db


def test_editor_sees_every_admin_page_of_an_article(editor):
    """The change list, the add form and the change form of articles render for an editor."""
    article = ArticleFactory(tags=["trade"])
    client = client_for(editor)
    for url in (
        reverse("admin:index"),
        reverse("admin:articles_article_changelist"),
        reverse("admin:articles_article_add"),
        reverse("admin:articles_article_change", args=[article.pk]),
        reverse("admin:articles_article_revisions", args=[article.pk]),
        reverse("admin:articles_image_changelist"),
        reverse("admin:articles_author_changelist"),
    ):
        assert client.get(url).status_code == 200, url
    data = form_data(client, reverse("admin:articles_article_change", args=[article.pk]))
    print(sorted(data))
