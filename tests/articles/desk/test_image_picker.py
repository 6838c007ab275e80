"""The story editor's picture button: picking from the picture library, and pictures in the
body surviving the sanitizer onto the article page."""

import pytest
from bs4 import BeautifulSoup
from django.test import Client
from django.urls import reverse

from articles.desk.forms import ArticleAdminForm
from tests.factories import ArticleFactory, ImageFactory
from tests.helpers import client_for

pytestmark = pytest.mark.django_db
PICKER = "admin:articles_image_picker"


def test_editor_offers_the_picture_library_behind_the_picture_button():
    """The rich-text editor's configuration points its "Browse..." at the picture library."""
    html = str(ArticleAdminForm()["body"])
    assert reverse(PICKER) in html


def test_reporter_searches_the_library_and_gets_a_wide_copy_with_alt_text_and_caption(reporter):
    """Search finds pictures by alt text; each offers a wide copy, its alt text and caption."""
    harbour = ImageFactory(
        alt_text="Cranes over the harbour", caption="Dawn.", credit="Ana Lee", large=True
    )
    ImageFactory(alt_text="A quiet library reading room")
    response = client_for(reporter).get(reverse(PICKER), {"q": "harbour", "CKEditorFuncNum": "3"})
    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "html.parser")
    buttons = soup.select(".image-picker__choose")
    assert len(buttons) == 1
    choice = buttons[0]
    assert (choice["data-alt"], choice["data-caption"], choice["data-id"]) == (
        "Cranes over the harbour",
        "Dawn. Photo: Ana Lee",
        str(harbour.pk),
    )
    assert choice["data-url"].endswith("-1200w.jpg")
    assert soup.select_one("input[name=CKEditorFuncNum]")["value"] == "3"


def test_library_search_without_matches_says_so(reporter):
    """A search that finds nothing says so and offers the upload page."""
    ImageFactory(alt_text="Cranes over the harbour")
    response = client_for(reporter).get(reverse(PICKER), {"q": "volcano"})
    assert "No picture matches “volcano”" in response.content.decode()


def test_moderator_cannot_browse_the_picture_library(moderator):
    """The library is for people who may see pictures in the admin."""
    assert client_for(moderator).get(reverse(PICKER)).status_code == 403


def test_picture_inserted_by_address_survives_sanitizing_and_shows_in_the_story():
    """A figure from the editor (picture, alt text, caption) is stored and shown as written."""
    body = (
        '<p>Lead.</p><figure class="figure"><img src="https://cdn.example.org/cranes.jpg" '
        'alt="Cranes" data-file="7"><figcaption class="figure-caption">At dawn.</figcaption>'
        "</figure>"
    )
    cleaned = ArticleAdminForm.base_fields["body"].clean(body)
    article = ArticleFactory(body=cleaned)
    article.refresh_from_db()
    response = Client().get(article.get_absolute_url())
    figure = BeautifulSoup(response.content, "html.parser").select_one(".article__body figure")
    assert figure.img["src"] == "https://cdn.example.org/cranes.jpg"
    assert figure.img["alt"] == "Cranes"
    assert figure.figcaption.get_text() == "At dawn."
