import pytest
from bs4 import BeautifulSoup
from django.urls import reverse

from tests.factories import ArticleFactory
from tests.helpers import admin_form_data, client_for

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
    data = admin_form_data(client, reverse("admin:articles_article_change", args=[article.pk]))
    assert data["headline"] == article.headline


def test_admin_front_page_names_the_tags_section_for_editors(editor):
    """Editors see “Tags”, not the library's name."""
    soup = BeautifulSoup(client_for(editor).get("/admin/").content, "html.parser")
    captions = [caption.get_text(strip=True) for caption in soup.select("caption")]
    assert "Tags" in captions
    assert "Taggit" not in captions
