"""Asking a provider (or a page) about a link once, at save time, and keeping the answer."""

import json

import pytest
from django.core.files.storage import default_storage
from PIL import Image

from articles.embeds import fetch
from articles.embeds.resolve import EmbedError, resolve, resolve_links
from articles.models import Embed
from tests.embed_servers import YOUTUBE_LINK, jpeg, youtube_answer

pytestmark = pytest.mark.django_db


def test_a_youtube_answer_is_kept_with_our_copy_of_its_picture(web):
    web.oembed(youtube_answer(web))
    embed = resolve(YOUTUBE_LINK)
    assert (embed.kind, embed.provider, embed.provider_name) == ("video", "youtube", "YouTube")
    assert embed.title == "Harbour opening"
    assert embed.author_name == "Port Authority"
    assert (embed.width, embed.height) == (640, 360)
    # The privacy-enhanced player, on YouTube's own host, loaded only on a click.
    assert embed.frame_url == "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ?autoplay=1"
    assert embed.html.startswith('<iframe src="https://www.youtube-nocookie.com/embed/')
    assert "sandbox=" in embed.html
    assert embed.thumbnail.name.startswith("embeds/")
    assert embed.thumbnail.url.startswith("/media/")
    assert (embed.thumbnail_width, embed.thumbnail_height) == (480, 360)
    asked = next(path for path in web.requests if path.startswith("/oembed"))
    assert "url=https%3A%2F%2Fwww.youtube.com%2Fwatch%3Fv%3DdQw4w9WgXcQ" in asked


def test_fetching_again_refreshes_the_same_row(web):
    web.oembed(youtube_answer(web))
    first = resolve(YOUTUBE_LINK)
    web.oembed(youtube_answer(web, title="Harbour opening, updated"))
    resolve_links([YOUTUBE_LINK], refresh=True)
    assert Embed.objects.get().pk == first.pk
    assert Embed.objects.get().title == "Harbour opening, updated"


def test_the_picture_has_smaller_copies_in_modern_formats_for_readers_and_a_refresh_replaces_them(
    web,
):
    web.route("/wide.jpg", jpeg(1280, 720), kind="image/jpeg")
    web.oembed(youtube_answer(web) | {"thumbnail_url": web.base + "/wide.jpg"})
    embed = resolve(YOUTUBE_LINK)
    assert [(copy["format"], copy["width"]) for copy in embed.thumbnail_copies] == [
        ("avif", 480), ("avif", 960), ("webp", 480), ("webp", 960)
    ]  # fmt: skip
    for copy in embed.thumbnail_copies:
        with default_storage.open(copy["name"]) as file, Image.open(file) as picture:
            assert (picture.format.lower(), picture.size) == (
                copy["format"], (copy["width"], copy["width"] * 9 // 16)
            )  # fmt: skip
    assert sum(default_storage.size(c["name"]) for c in embed.thumbnail_copies[:2]) < (
        default_storage.size(embed.thumbnail.name)
    )
    wide = [copy["name"] for copy in embed.thumbnail_copies if copy["width"] == 960]
    web.oembed(youtube_answer(web))  # now a picture 480 pixels wide
    resolve_links([YOUTUBE_LINK], refresh=True)
    copies = Embed.objects.get().thumbnail_copies
    assert {copy["width"] for copy in copies} == {480}
    assert all(default_storage.exists(copy["name"]) for copy in copies)
    assert not any(default_storage.exists(name) for name in wide)


def test_an_answer_without_a_picture_keeps_the_embed_without_one(web):
    answer = youtube_answer(web)
    answer["thumbnail_url"] = web.base + "/missing.jpg"
    web.oembed(answer)
    assert not resolve(YOUTUBE_LINK).thumbnail


@pytest.mark.parametrize(
    ("setup", "message"),
    [
        (lambda web: web.oembed({"error": "boom"}, status=500), r"answered with an error \(500\)"),
        (lambda web: web.route("/oembed", "<html>junk</html>"), "did not answer with an embed"),
        (lambda web: web.route("/oembed", "[1, 2]", kind="application/json"), "did not answer"),
        (lambda web: web.oembed({"type": "video"}), "has no player in it"),
    ],
    ids=["server error", "junk", "not an object", "no player"],
)
def test_a_provider_that_fails_leaves_a_clear_reason(web, setup, message):
    setup(web)
    with pytest.raises(EmbedError, match=message):
        resolve(YOUTUBE_LINK)
    assert not Embed.objects.exists()


def test_a_provider_that_does_not_answer_in_time_is_given_up(web, monkeypatch):
    monkeypatch.setattr(fetch, "TIMEOUT", 0.2)
    web.slow("/oembed", seconds=1)
    assert resolve_links([YOUTUBE_LINK]) == {YOUTUBE_LINK: "127.0.0.1 did not answer in time"}


def test_a_provider_that_is_down_is_reported(web, monkeypatch):
    web.close()
    problems = resolve_links([YOUTUBE_LINK])
    assert problems == {YOUTUBE_LINK: "127.0.0.1 could not be reached"}


def test_an_answer_larger_than_the_limit_is_refused(web):
    web.route("/oembed", json.dumps({"html": "x" * 300_000}), kind="application/json")
    with pytest.raises(EmbedError, match="too large"):
        resolve(YOUTUBE_LINK)


def test_known_links_are_not_asked_about_again(web):
    web.oembed(youtube_answer(web))
    resolve(YOUTUBE_LINK)
    asked = len(web.requests)
    assert resolve_links([YOUTUBE_LINK]) == {}
    assert len(web.requests) == asked


def test_a_page_not_on_the_allow_list_becomes_a_card_from_its_opengraph_tags(web):
    web.route("/picture.png", open_graph_picture(), kind="image/png")
    page = web.route(
        "/story",
        """<html><head><title>Fallback title</title>
        <meta property="og:title" content="Council approves the harbour plan">
        <meta property="og:description" content="Votes were 7 to 2 after a long night.">
        <meta property="og:site_name" content="The Coast Herald">
        <meta property="og:image" content="/picture.png"></head><body>…</body></html>""",
    )
    card = resolve(page)
    assert card.kind == "card"
    assert card.title == "Council approves the harbour plan"
    assert card.description == "Votes were 7 to 2 after a long night."
    assert card.provider_name == "The Coast Herald"
    assert card.thumbnail and not card.frame_url and not card.html


def test_a_page_without_tags_falls_back_to_its_title(web):
    page = web.route("/plain", "<html><head><title>Tide tables</title></head></html>")
    card = resolve(page)
    assert (card.title, card.provider_name, card.description) == ("Tide tables", "127.0.0.1", "")


def test_a_file_that_is_no_page_is_not_a_card(web):
    pdf = web.route("/report.pdf", b"%PDF-1.7", kind="application/pdf")
    with pytest.raises(EmbedError, match="not a web page"):
        resolve(pdf)


def open_graph_picture():
    from io import BytesIO

    from PIL import Image

    out = BytesIO()
    Image.new("RGB", (1200, 630), (20, 90, 160)).save(out, "PNG")
    return out.getvalue()
