"""What readers get of an embed: a facade that asks the provider nothing, the player's frame
host allowed by the page's policy (kept with the page), a link card, and fresh pages when an
embed changes."""

import json

import feedparser
import pytest
from bs4 import BeautifulSoup
from django.urls import reverse

from articles.embeds.resolve import resolve
from articles.models import Article
from articles.search import search_articles
from tests.embed_servers import YOUTUBE_LINK, youtube_answer
from tests.factories import ArticleFactory, EmbedFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("page_cache")]


def own_line(url):
    return f'<p>Before.</p><p><a href="{url}">{url}</a></p><p>After.</p>'


@pytest.fixture
def video():
    return EmbedFactory(url=YOUTUBE_LINK, title="Harbour opening")


@pytest.fixture
def story(video, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        return ArticleFactory(slug="harbour", body=own_line(video.url))


def page(client, story):
    response = client.get(story.get_absolute_url())
    assert response.status_code == 200
    return response, BeautifulSoup(response.content, "html.parser")


def test_the_facade_shows_our_picture_title_and_provider_and_holds_the_player(client, story):
    _, html = page(client, story)
    figure = html.select_one(".article__body figure.embed")
    assert figure.select_one(".embed__title").text == "Harbour opening"
    assert figure.select_one("button").text == "Load from YouTube"
    assert figure.select_one("button").has_attr("hidden")  # shown by the script
    space = figure.select_one("canvas.embed__space")
    assert (space["width"], space["height"]) == ("640", "360")
    assert figure.select_one("img.embed__picture")["src"].startswith("/media/embeds/")
    link = figure.select_one("a.embed__link")
    assert (link["href"], link.text) == (YOUTUBE_LINK, "Open on YouTube")
    # The player waits, inert, in a <template>: nothing else names the provider's player.
    assert "youtube-nocookie" in figure.select_one("template").decode_contents()
    for inert in html.select('template, script[type="application/ld+json"]'):
        inert.decompose()
    assert "youtube-nocookie" not in str(html)
    assert html.select_one('script[src*="embeds"]') is not None
    assert html.select_one('link[href*="embeds"]') is not None


def test_the_facade_offers_the_pictures_smaller_copies_best_format_first(client, video, story):
    video.thumbnail_copies = [
        {"format": kind, "width": width, "name": f"embeds/harbour-{width}w.{kind}"}
        for kind in ("avif", "webp")
        for width in (480, 960)
    ]
    video.save()
    _, html = page(client, story)
    picture = html.select_one(".article__body figure.embed picture")
    sources = [(source["type"], source["srcset"]) for source in picture.select("source")]
    assert sources == [
        (
            "image/avif",
            "/media/embeds/harbour-480w.avif 480w, /media/embeds/harbour-960w.avif 960w",
        ),
        (
            "image/webp",
            "/media/embeds/harbour-480w.webp 480w, /media/embeds/harbour-960w.webp 960w",
        ),
    ]
    assert all(source["sizes"] for source in picture.select("source"))
    # The JPEG stays for browsers that read neither.
    assert picture.img["src"] == video.thumbnail.url and picture.img["loading"] == "lazy"


def test_nothing_on_the_page_loads_from_a_third_party(client, story):
    """What a browser fetches as it reads the page (the browser journey counts requests)."""
    _, html = page(client, story)
    for template in html.select("template"):
        template.decompose()
    loaded = [element.get("src", "") for element in html.select("img, script, iframe, video")]
    loaded += [
        element["href"]
        for element in html.select("link[href]")
        if {"stylesheet", "preload", "icon", "preconnect", "modulepreload"} & set(element["rel"])
    ]
    assert loaded and all(not address.startswith(("http", "//")) for address in loaded)


def test_the_policy_allows_the_providers_frame_only_where_a_story_carries_it(client, story):
    response, _ = page(client, story)
    assert "frame-src https://www.youtube-nocookie.com" in response["Content-Security-Policy"]
    again = client.get(story.get_absolute_url())
    assert again["X-Page-Cache"] == "hit"
    assert again["Content-Security-Policy"] == response["Content-Security-Policy"]
    plain = ArticleFactory(slug="plain")
    assert "frame-src" not in client.get(plain.get_absolute_url())["Content-Security-Policy"]
    assert "frame-src" not in client.get("/")["Content-Security-Policy"]


def test_without_an_embed_a_link_alone_stays_a_link(client, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        story = ArticleFactory(slug="unresolved", body=own_line("https://example.org/x"))
    _, html = page(client, story)
    assert html.select_one(".article__body a[href='https://example.org/x']").text == (
        "https://example.org/x"
    )
    assert html.select_one(".embed, .link-card") is None


def test_a_link_in_a_sentence_is_not_an_embed(client, video):
    story = ArticleFactory(slug="inline", body=f'<p>Watch <a href="{video.url}">this</a>.</p>')
    _, html = page(client, story)
    assert html.select_one(".embed") is None


def test_a_link_card_shows_title_description_and_site(client):
    EmbedFactory(
        url="https://example.org/story",
        kind="card",
        provider="",
        provider_name="The Coast Herald",
        title="Council approves the harbour plan",
        description="Votes were 7 to 2.",
        frame_url="",
        html="",
    )
    story = ArticleFactory(slug="card", body=own_line("https://example.org/story"))
    response, html = page(client, story)
    card = html.select_one(".article__body .link-card a")
    assert card["href"] == "https://example.org/story"
    assert card.select_one(".link-card__title").text == "Council approves the harbour plan"
    assert card.select_one(".link-card__site").text == "The Coast Herald"
    assert "frame-src" not in response["Content-Security-Policy"]
    assert html.select_one('script[src*="embeds"]') is None


def test_a_refreshed_embed_refreshes_the_kept_story(client, web, story, video):
    page(client, story)
    assert client.get(story.get_absolute_url())["X-Page-Cache"] == "hit"
    web.oembed(youtube_answer(web, title="Harbour opening, full speech"))
    resolve(YOUTUBE_LINK)
    response, html = page(client, story)
    assert response["X-Page-Cache"] == "miss"
    assert html.select_one(".embed__title").text == "Harbour opening, full speech"


def test_an_embed_fetched_after_the_story_was_kept_shows_at_once(client, web):
    story = ArticleFactory(slug="later", body=own_line(YOUTUBE_LINK))
    page(client, story)
    assert client.get(story.get_absolute_url())["X-Page-Cache"] == "hit"
    web.oembed(youtube_answer(web))
    resolve(YOUTUBE_LINK)
    response, html = page(client, story)
    assert response["X-Page-Cache"] == "miss"
    assert html.select_one(".embed") is not None


def test_the_story_json_ld_has_a_video_object(client, story):
    _, html = page(client, story)
    data = [json.loads(tag.string) for tag in html.select('script[type="application/ld+json"]')]
    article = next(item for item in data if "video" in item)
    assert article["video"] == [
        {
            "@type": "VideoObject",
            "name": "Harbour opening",
            "embedUrl": "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ?autoplay=1",
            "url": YOUTUBE_LINK,
            "thumbnailUrl": article["video"][0]["thumbnailUrl"],
        }
    ]
    assert article["video"][0]["thumbnailUrl"].startswith("http://testserver/media/embeds/")


def test_the_full_text_feed_shows_the_picture_and_a_link(client, story, settings):
    settings.NEWSROOM_FEED_FULL_TEXT = True
    feed = feedparser.parse(client.get(reverse("articles:feed_rss")).content)
    content = next(e for e in feed.entries if e.link.endswith("/harbour/")).content[0].value
    html = BeautifulSoup(content, "html.parser")
    assert html.select_one("iframe, template, button") is None
    assert html.select_one("img")["src"].startswith("http://testserver/media/embeds/")
    assert html.select_one(f'a[href="{YOUTUBE_LINK}"]').text in ("", "Harbour opening")
    assert "Harbour opening" in html.text and "Video on YouTube" in html.text


def test_search_finds_a_story_by_its_embeds_title(story):
    assert list(search_articles("harbour opening")) == [story]


def test_search_follows_an_embed_fetched_after_the_story(web):
    story = ArticleFactory(slug="later", body=own_line(YOUTUBE_LINK))
    assert list(search_articles("speech")) == []
    web.oembed(youtube_answer(web, title="The mayor's speech"))
    resolve(YOUTUBE_LINK)
    assert list(search_articles("speech")) == [story]
    assert Article.objects.filter(search_vector=None).count() == 0


def test_a_bulk_update_or_deletion_of_embeds_refreshes_the_kept_story(client, story, video):
    page(client, story)
    assert client.get(story.get_absolute_url())["X-Page-Cache"] == "hit"
    type(video).objects.filter(pk=video.pk).update(title="Renamed in bulk")
    response, html = page(client, story)
    assert response["X-Page-Cache"] == "miss"
    assert html.select_one(".embed__title").text == "Renamed in bulk"
    type(video).objects.filter(pk=video.pk).delete()
    response, html = page(client, story)
    assert response["X-Page-Cache"] == "miss" and html.select_one(".embed") is None


def test_a_story_with_embeds_costs_a_fixed_number_of_queries(
    client, django_assert_max_num_queries, settings
):
    settings.NEWSROOM_CACHE = False
    videos = EmbedFactory.create_batch(3)
    story = ArticleFactory(slug="three", body="".join(own_line(video.url) for video in videos))
    client.get(story.get_absolute_url())
    with django_assert_max_num_queries(30) as queries:
        client.get(story.get_absolute_url())
    embed_queries = [q for q in queries.captured_queries if "articles_embed" in q["sql"]]
    # One for the body, one for the structured data: not one per embed.
    assert len(embed_queries) == 2


def test_a_preview_allows_the_players_of_its_story(story, editor):
    from tests.helpers import client_for

    response = client_for(editor).get(reverse("articles:preview", args=[story.pk]))
    assert "frame-src https://www.youtube-nocookie.com" in response["Content-Security-Policy"]
