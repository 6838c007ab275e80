import datetime

import feedparser
import pytest
from bs4 import BeautifulSoup
from django.utils import timezone

from articles.models import Article
from articles.site.feeds import FEED_LENGTH
from tests.factories import ArticleFactory, AuthorFactory, ImageFactory, SectionFactory

pytestmark = pytest.mark.django_db

FEED_KINDS = ["rss", "atom"]


def feed_path(kind, scope="", slug=""):
    base = f"/feed/{scope}/{slug}/" if scope else "/feed/"
    return base + ("atom/" if kind == "atom" else "")


def parse(client, path):
    response = client.get(path)
    assert response.status_code == 200
    parsed = feedparser.parse(response.content)
    assert not parsed.bozo, parsed.get("bozo_exception")
    return response, parsed


@pytest.fixture
def newsroom():
    """A published story with two authors, tags and a picture, plus stories readers must not see."""
    reporter = AuthorFactory(name="Mina Park", slug="mina-park")
    partner = AuthorFactory(name="Wire Desk", slug="wire-desk")
    world = SectionFactory(name="World", slug="world")
    story = ArticleFactory(
        headline="Leaders agree on shipping lanes",
        dek="A deal after two days of talks.",
        excerpt="The summit ends with a deal.",
        body="<p>Full story text.</p>",
        section=world,
        authors=[reporter, partner],
        tags=["Trade", "Korea"],
        featured_image=ImageFactory(large=True),
        published_at=timezone.now() - datetime.timedelta(hours=3),
    )
    Article.objects.filter(pk=story.pk).update(
        revised_at=timezone.now() - datetime.timedelta(hours=1)
    )
    ArticleFactory(headline="Draft about trade", draft=True, section=world, tags=["Trade"])
    ArticleFactory(headline="Scheduled trade story", scheduled=True, section=world, tags=["Trade"])
    ArticleFactory(
        headline="Withdrawn trade story",
        status=Article.Status.UNPUBLISHED,
        section=world,
        tags=["Trade"],
    )
    story.refresh_from_db()
    return story


@pytest.mark.parametrize("kind", FEED_KINDS)
def test_site_feed_describes_each_story_fully(client, newsroom, kind):
    """Title, link, stable id, authors, categories, dates with zones, teaser and image."""
    response, parsed = parse(client, feed_path(kind))
    assert parsed.version == ("rss20" if kind == "rss" else "atom10")
    assert parsed.feed.title == "The Daily Ledger"
    assert [entry.title for entry in parsed.entries] == ["Leaders agree on shipping lanes"]
    entry = parsed.entries[0]
    assert entry.link == f"http://testserver/world/{newsroom.slug}/"
    assert entry.id == f"tag:testserver,{newsroom.published_at:%Y-%m-%d}:/articles/{newsroom.pk}/"
    assert entry.author == "Mina Park, Wire Desk"
    assert [tag.term for tag in entry.tags] == ["World", "Korea", "Trade"]
    assert entry.summary == "The summit ends with a deal."
    published = datetime.datetime(*entry.published_parsed[:6], tzinfo=datetime.UTC)
    assert abs(published - newsroom.published_at) < datetime.timedelta(seconds=1)
    updated = datetime.datetime(*entry.updated_parsed[:6], tzinfo=datetime.UTC)
    assert abs(updated - newsroom.revised_at) < datetime.timedelta(seconds=1)
    raw = response.content.decode()
    assert "+00:00" in raw or "+0000" in raw
    image = entry.media_content[0]
    assert image["medium"] == "image"
    assert image["url"].startswith("http://testserver/media/renditions/")
    assert int(image["width"]) >= 1200
    assert "Full story text" not in raw


@pytest.mark.parametrize("kind", FEED_KINDS)
def test_full_text_feeds_carry_the_body_when_the_setting_is_on(client, newsroom, settings, kind):
    """NEWSROOM_FEED_FULL_TEXT puts the story's HTML in content:encoded / atom:content."""
    settings.NEWSROOM_FEED_FULL_TEXT = True
    _, parsed = parse(client, feed_path(kind))
    assert "<p>Full story text.</p>" in parsed.entries[0].content[0].value


@pytest.mark.parametrize("kind", FEED_KINDS)
@pytest.mark.parametrize(
    ("scope", "slug", "title"),
    [
        ("section", "world", "The Daily Ledger: World"),
        ("tag", "trade", "The Daily Ledger: Trade"),
        ("author", "mina-park", "The Daily Ledger: Mina Park"),
    ],
)
def test_section_tag_and_author_feeds_hold_only_their_published_stories(
    client, newsroom, kind, scope, slug, title
):
    """No drafts, scheduled or unpublished stories; nothing from elsewhere."""
    ArticleFactory(headline="Elsewhere", section=SectionFactory(name="Sport", slug="sport"))
    _, parsed = parse(client, feed_path(kind, scope, slug))
    assert parsed.feed.title == title
    assert [entry.title for entry in parsed.entries] == ["Leaders agree on shipping lanes"]


def test_feeds_hold_the_twenty_newest_stories(client):
    """Only the newest FEED_LENGTH published stories, newest first."""
    now = timezone.now()
    for hour in range(FEED_LENGTH + 5):
        ArticleFactory(headline=f"Story {hour}", published_at=now - datetime.timedelta(hours=hour))
    _, parsed = parse(client, "/feed/")
    assert [e.title for e in parsed.entries] == [f"Story {h}" for h in range(FEED_LENGTH)]


def test_feed_of_an_unknown_section_is_a_404(client):
    """A feed address for nothing answers 404, not an empty feed."""
    assert client.get("/feed/section/nowhere/").status_code == 404
    assert client.get("/feed/tag/nothing/atom/").status_code == 404


def test_pages_link_their_feeds(client, newsroom):
    """Section, tag and author pages point feed readers at their own feeds and the site's."""
    for path, own in [
        ("/world/", "/feed/section/world/"),
        ("/tag/trade/", "/feed/tag/trade/"),
        ("/author/mina-park/", "/feed/author/mina-park/"),
    ]:
        soup = BeautifulSoup(client.get(path).content, "html.parser")
        links = {
            (link["type"], link["href"].removeprefix("http://testserver"))
            for link in soup.select("link[rel=alternate]")
        }
        assert ("application/rss+xml", own) in links
        assert ("application/atom+xml", own + "atom/") in links
        assert ("application/rss+xml", "/feed/") in links
