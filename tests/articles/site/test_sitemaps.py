import datetime
from pathlib import Path

import pytest
from django.utils import timezone
from lxml import etree

from articles.models import Article
from articles.site import sitemaps
from articles.site.sitemaps import ArticleSitemap
from tests.factories import ArticleFactory, AuthorFactory, SectionFactory

pytestmark = pytest.mark.django_db

SITEMAP_NS = "http://www.sitemaps.org/schemas/sitemap/0.9"
NEWS_NS = "http://www.google.com/schemas/sitemap-news/0.9"
NS = {"s": SITEMAP_NS, "news": NEWS_NS}
SCHEMA = etree.XMLSchema(etree.parse(str(Path(__file__).parent / "schemas" / "sitemap.xsd")))


def valid_xml(client, path):
    """Fetch path and validate it against the sitemap (and Google News) schemas."""
    response = client.get(path)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/xml")
    document = etree.fromstring(response.content)
    SCHEMA.assertValid(document)
    return document


def locations(document):
    return [loc.text.removeprefix("http://testserver") for loc in document.findall(".//s:loc", NS)]


@pytest.fixture
def stories():
    reporter = AuthorFactory(name="Mina Park", slug="mina-park")
    idle = AuthorFactory(name="Idle Writer", slug="idle-writer")
    world = SectionFactory(name="World", slug="world")
    SectionFactory(name="Sport", slug="sport")
    published = ArticleFactory(
        headline="Published", section=world, authors=[reporter], tags=["Trade"]
    )
    ArticleFactory(headline="Draft", draft=True, authors=[idle], tags=["Secret"])
    ArticleFactory(headline="Scheduled", scheduled=True, authors=[idle], tags=["Secret"])
    ArticleFactory(
        headline="Withdrawn", status=Article.Status.UNPUBLISHED, authors=[idle], tags=["Secret"]
    )
    return published


def test_sitemap_index_lists_the_five_sitemaps(client, stories):
    """The index points at the articles, sections, tags and authors sitemaps, and the pages'."""
    document = valid_xml(client, "/sitemap.xml")
    assert document.tag == f"{{{SITEMAP_NS}}}sitemapindex"
    assert locations(document) == [
        "/sitemap-articles.xml",
        "/sitemap-sections.xml",
        "/sitemap-tags.xml",
        "/sitemap-authors.xml",
        "/sitemap-pages.xml",
    ]


def test_sitemaps_list_only_what_readers_can_see(client, stories):
    """Only published stories, and only tags and authors that have one."""
    published = stories
    articles = valid_xml(client, "/sitemap-articles.xml")
    assert locations(articles) == [published.get_absolute_url()]
    lastmod = articles.find(".//s:lastmod", NS).text
    assert datetime.datetime.fromisoformat(lastmod) >= published.published_at.replace(microsecond=0)
    assert locations(valid_xml(client, "/sitemap-sections.xml")) == ["/world/", "/sport/"]
    assert locations(valid_xml(client, "/sitemap-tags.xml")) == ["/tag/trade/"]
    assert locations(valid_xml(client, "/sitemap-authors.xml")) == ["/author/mina-park/"]


def test_large_sitemaps_are_split_into_files(client, monkeypatch):
    """Past the per-file limit, the index lists numbered pages of the articles sitemap."""
    monkeypatch.setattr(ArticleSitemap, "limit", 2)
    ArticleFactory.create_batch(5)
    index = locations(valid_xml(client, "/sitemap.xml"))
    assert index[:3] == [
        "/sitemap-articles.xml",
        "/sitemap-articles.xml?p=2",
        "/sitemap-articles.xml?p=3",
    ]
    assert len(locations(valid_xml(client, "/sitemap-articles.xml?p=3"))) == 1
    assert ArticleSitemap.limit <= 2000


def test_news_sitemap_lists_the_last_two_days(client):
    """Stories from the last 48 hours with publication, language, date and title."""
    now = timezone.now()
    fresh = ArticleFactory(headline="Fresh & new", published_at=now - datetime.timedelta(hours=5))
    ArticleFactory(headline="Old", published_at=now - datetime.timedelta(days=3))
    ArticleFactory(headline="Draft", draft=True)
    ArticleFactory(headline="Scheduled", scheduled=True)
    document = valid_xml(client, "/news-sitemap.xml")
    assert locations(document) == [fresh.get_absolute_url()]
    news = document.find(".//news:news", NS)
    assert news.findtext("news:publication/news:name", namespaces=NS) == "The Daily Ledger"
    assert news.findtext("news:publication/news:language", namespaces=NS) == "en"
    assert news.findtext("news:title", namespaces=NS) == "Fresh & new"
    published = datetime.datetime.fromisoformat(
        news.findtext("news:publication_date", namespaces=NS)
    )
    assert published.tzinfo is not None
    assert published == fresh.published_at.replace(microsecond=0)


def test_news_sitemap_holds_at_most_the_limit(client, monkeypatch):
    """Past NEWS_LIMIT stories, only the newest are listed."""
    monkeypatch.setattr(sitemaps, "NEWS_LIMIT", 2)
    now = timezone.now()
    for hour in range(4):
        ArticleFactory(headline=f"Story {hour}", published_at=now - datetime.timedelta(hours=hour))
    document = valid_xml(client, "/news-sitemap.xml")
    titles = [t.text for t in document.findall(".//news:title", NS)]
    assert titles == ["Story 0", "Story 1"]


def test_sitemap_index_dates_the_articles_sitemap_by_its_latest_change(client, stories):
    """The index's lastmod for stories is the newest publication or edit."""
    document = valid_xml(client, "/sitemap.xml")
    lastmod = document.find(".//s:sitemap/s:lastmod", NS).text
    expected = max(stories.published_at, stories.updated_at)
    assert datetime.datetime.fromisoformat(lastmod) == expected


def test_robots_txt_points_at_the_sitemaps_and_keeps_crawlers_out_of_the_admin(client):
    """robots.txt: both sitemaps, the admin and search results disallowed."""
    response = client.get("/robots.txt")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    lines = response.content.decode().splitlines()
    assert "User-agent: *" in lines
    assert "Disallow: /admin/" in lines
    assert "Sitemap: http://testserver/sitemap.xml" in lines
    assert "Sitemap: http://testserver/news-sitemap.xml" in lines
