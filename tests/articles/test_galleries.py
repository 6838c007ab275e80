"""Galleries: several library pictures as one block of a story, kept by the cleaner as the
editor writes them, shown to readers as a list (a swiped row with the page's script), and in
feeds and the API as plain pictures."""

import feedparser
import pytest
from bs4 import BeautifulSoup
from django.urls import reverse
from django_prose_editor.config import allowlist_from_extensions

from articles.desk.forms import BODY_EXTENSIONS
from articles.models import Article, Image
from articles.sanitize import BODY_CLASSES, clean_body, removed_parts
from newsroom.staff.roles import setup_roles
from tests.factories import ArticleFactory, ImageFactory
from tests.helpers import admin_form_data, client_for, staff

pytestmark = pytest.mark.django_db


def gallery(*images):
    return (
        f'<figure class="gallery" data-pictures="{" ".join(str(i.pk) for i in images)}"></figure>'
    )


@pytest.fixture
def pictures():
    return [
        ImageFactory(
            small=True, alt_text="Cranes at dawn", caption="The harbour.", credit="Ana Lee"
        ),
        ImageFactory(small=True, alt_text="A ferry leaving", caption="The 7:10 ferry.", credit=""),
        ImageFactory(small=True, alt_text="Gulls on the pier", caption="", credit="Wire"),
    ]


def test_the_editors_gallery_is_in_the_cleaners_allow_list_and_kept_as_written(pictures):
    editor = allowlist_from_extensions(BODY_EXTENSIONS)
    assert "data-pictures" in editor["attributes"]["figure"]
    assert "gallery" in BODY_CLASSES["figure"]
    written = f"<p>Before.</p>{gallery(*pictures)}<p>After.</p>"
    assert clean_body(written) == written
    assert removed_parts(written) == []


def test_anything_else_on_a_gallery_is_taken_out():
    hostile = (
        '<figure class="gallery evil" data-pictures="1 2" onclick="steal()" style="x" '
        'data-src="javascript:alert(1)"><script>alert(1)</script></figure>'
    )
    assert clean_body(hostile) == '<figure class="gallery" data-pictures="1 2"></figure>'


def story_page(client, article):
    response = client.get(article.get_absolute_url())
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


def test_a_gallery_shows_its_pictures_in_order_with_alt_texts_captions_and_credits(
    client, pictures
):
    article = ArticleFactory(body=f"<p>The harbour reopens.</p>{gallery(*pictures)}")
    soup = story_page(client, article)
    block = soup.select_one(".article__body [data-gallery]")
    assert block.select_one("ul.gallery__list")["aria-label"] == "Gallery of 3 pictures"
    items = block.select("li.gallery__item")
    assert [item.img["alt"] for item in items] == [
        "Cranes at dawn", "A ferry leaving", "Gulls on the pier"
    ]  # fmt: skip
    captions = [" ".join(item.figcaption.get_text().split()) for item in items]
    assert captions == [
        "1 of 3 The harbour. Photo: Ana Lee", "2 of 3 The 7:10 ferry.", "3 of 3 Photo: Wire"
    ]  # fmt: skip
    for item in items:
        sources = [source["type"] for source in item.select("picture source")]
        assert sources == ["image/avif", "image/webp"]
        assert "-4x3-at-50-50-" in item.img["src"]
        assert (item.img["width"], item.img["height"]) == ("427", "320")
        assert item.img["loading"] == "lazy"
    # The row and its buttons are the script's: without it, the list is all there is.
    assert soup.find("script", src=lambda src: src and src.endswith("js/gallery.js"))
    assert not soup.select(".gallery--row, .gallery__button")


def test_a_story_without_a_gallery_loads_no_gallery_script(client):
    soup = story_page(client, ArticleFactory(body="<p>Words only.</p>"))
    assert not soup.find("script", src=lambda src: src and "gallery" in src)


def test_pictures_removed_from_the_library_leave_the_gallery_and_an_empty_one_goes(
    client, pictures
):
    gone, alone = ImageFactory(small=True), ImageFactory(small=True)
    article = ArticleFactory(
        body=f"<p>Text.</p>{gallery(pictures[0], gone, pictures[1])}{gallery(alone)}"
    )
    Image.objects.filter(pk__in=[gone.pk, alone.pk]).delete()
    soup = story_page(client, article)
    assert [img["alt"] for img in soup.select(".gallery__item img")] == [
        "Cranes at dawn", "A ferry leaving"
    ]  # fmt: skip
    assert len(soup.select("[data-gallery]")) == 1
    assert not soup.select(".article__body figure.gallery[data-pictures]")


def test_a_caption_changed_in_the_library_shows_in_the_gallery_at_once(client, pictures):
    """The page is kept (the cache is on): a picture it shows changing makes it stale."""
    article = ArticleFactory(body=gallery(*pictures))
    assert "The harbour." in story_page(client, article).select_one(".gallery__item").get_text()
    assert "The harbour." in story_page(client, article).select_one(".gallery__item").get_text()
    pictures[0].caption = "The harbour, reopened."
    pictures[0].save()
    assert (
        "The harbour, reopened."
        in story_page(client, article).select_one(".gallery__item").get_text()
    )


@pytest.mark.parametrize("kind", ["rss", "atom"])
def test_full_text_feeds_show_a_gallery_as_plain_pictures_with_absolute_addresses(
    client, settings, pictures, kind
):
    settings.NEWSROOM_FEED_FULL_TEXT = True
    ArticleFactory(body=f"<p>Text.</p>{gallery(*pictures)}")
    response = client.get("/feed/" + ("atom/" if kind == "atom" else ""))
    content = feedparser.parse(response.content).entries[0].content[0].value
    soup = BeautifulSoup(content, "html.parser")
    images = soup.select("figure img")
    assert [img["alt"] for img in images] == [
        "Cranes at dawn",
        "A ferry leaving",
        "Gulls on the pier",
    ]
    assert all(img["src"].startswith("http://testserver/media/renditions/") for img in images)
    assert "Photo: Ana Lee" in soup.figure.figcaption.get_text()
    assert "data-pictures" not in content


def test_the_editors_gallery_is_saved_without_a_warning_and_its_pictures_are_listed(pictures):
    setup_roles(note=lambda line: None)
    client = client_for(staff("Editor", "edna"))
    article = ArticleFactory()
    url = reverse("admin:articles_article_change", args=[article.pk])
    data = admin_form_data(client, url)
    data.update(body=f"<p>The harbour.</p>{gallery(*pictures)}", _continue="1")
    response = client.post(url, data, follow=True)
    assert BeautifulSoup(response.content, "html.parser").select(".messagelist .warning") == []
    assert gallery(*pictures) in Article.objects.get(pk=article.pk).body
    ids = f"{pictures[2].pk} 999999 {pictures[0].pk}"
    answer = client.get(reverse("admin:articles_image_gallery"), {"ids": ids}).json()
    assert [(p["id"], p["alt"]) for p in answer["pictures"]] == [
        (pictures[2].pk, "Gulls on the pier"), (pictures[0].pk, "Cranes at dawn")
    ]  # fmt: skip
    assert all(p["thumbnail"].startswith("/media/renditions/") for p in answer["pictures"])
    assert client.get(reverse("admin:articles_image_gallery")).json() == {"pictures": []}
