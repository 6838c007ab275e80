import datetime
import json

import pytest
from bs4 import BeautifulSoup
from django.utils import timezone

from articles.models import Article
from articles.site.metadata import share_image, site_meta
from tests.factories import (
    ArticleFactory,
    AuthorFactory,
    ImageFactory,
    SectionFactory,
    UserFactory,
    uploaded_image,
)

pytestmark = pytest.mark.django_db

PUBLISHED = datetime.datetime(2025, 11, 2, 0, 30, tzinfo=datetime.UTC)
REVISED = datetime.datetime(2025, 11, 2, 6, 0, tzinfo=datetime.UTC)


def soup_of(client, path):
    response = client.get(path)
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


def meta(soup, key):
    tag = soup.find("meta", attrs={"property": key}) or soup.find("meta", attrs={"name": key})
    return tag["content"] if tag else None


def json_ld(soup):
    blocks = [json.loads(s.string) for s in soup.find_all("script", type="application/ld+json")]
    return {block["@type"]: block for block in blocks}


@pytest.fixture
def story(settings):
    settings.TIME_ZONE = "Asia/Seoul"
    staff = AuthorFactory(name="Mina Park", slug="mina-park", user=UserFactory())
    wire = AuthorFactory(name="Wire Desk", slug="wire-desk")
    article = ArticleFactory(
        headline="Leaders agree on </script> shipping lanes",
        dek="A deal after two days of talks in Gyeongju.",
        excerpt="The summit ends with a deal.",
        dateline="Gyeongju, Nov 2025",
        section=SectionFactory(name="World", slug="world"),
        authors=[staff, wire],
        tags=["Trade", "Korea"],
        featured_image=ImageFactory(large=True),
        published_at=PUBLISHED,
    )
    Article.objects.filter(pk=article.pk).update(revised_at=REVISED)
    article.refresh_from_db()
    return article


def test_article_page_has_title_description_and_one_canonical_link(client, story):
    """The <title>, description and canonical come from the story; stray parameters are dropped."""
    soup = soup_of(client, story.get_absolute_url() + "?utm_source=newsletter")
    assert soup.title.get_text() == "Leaders agree on </script> shipping lanes · The Daily Ledger"
    assert meta(soup, "description") == "A deal after two days of talks in Gyeongju."
    canonical = soup.select("link[rel=canonical]")
    assert [link["href"] for link in canonical] == [f"http://testserver{story.get_absolute_url()}"]


def test_seo_overrides_come_first(client, story):
    """The editor's search-engine title and description win over headline and standfirst."""
    story.seo_title = "Shipping deal agreed"
    story.seo_description = "What the shipping deal means."
    story.save()
    soup = soup_of(client, story.get_absolute_url())
    assert soup.title.get_text().startswith("Shipping deal agreed")
    assert meta(soup, "og:title") == "Shipping deal agreed"
    assert meta(soup, "description") == "What the shipping deal means."
    assert meta(soup, "twitter:description") == "What the shipping deal means."


def test_article_page_carries_opengraph_and_twitter_tags(client, story):
    """Type article, times with zones, section, tags and a share image at least 1200 px wide."""
    soup = soup_of(client, story.get_absolute_url())
    assert meta(soup, "og:type") == "article"
    assert meta(soup, "og:title") == story.headline
    assert meta(soup, "og:url") == f"http://testserver{story.get_absolute_url()}"
    assert meta(soup, "article:published_time") == "2025-11-02T09:30:00+09:00"
    assert meta(soup, "article:modified_time") == "2025-11-02T15:00:00+09:00"
    assert meta(soup, "article:section") == "World"
    assert [t["content"] for t in soup.find_all("meta", property="article:tag")] == [
        "Korea",
        "Trade",
    ]
    assert int(meta(soup, "og:image:width")) >= 1200
    assert meta(soup, "og:image").startswith("http://testserver/media/renditions/")
    assert meta(soup, "og:image:alt") == "Delegates walk past the summit venue"
    assert meta(soup, "twitter:card") == "summary_large_image"
    assert meta(soup, "twitter:image") == meta(soup, "og:image")


def test_share_image_falls_back_to_the_widest_copy_of_a_small_picture():
    """A picture narrower than 1200 px is shared at its own size."""
    small = share_image(ImageFactory(file=uploaded_image(width=900, height=600)))
    assert small["width"] == 900
    assert share_image(None) is None


def test_news_article_json_ld_carries_every_field(client, story):
    """NewsArticle: headline, description, images, dates with zones, authors, publisher, more."""
    soup = soup_of(client, story.get_absolute_url())
    data = json_ld(soup)["NewsArticle"]
    url = f"http://testserver{story.get_absolute_url()}"
    assert data["@context"] == "https://schema.org"
    assert data["headline"] == story.headline
    assert data["description"] == "A deal after two days of talks in Gyeongju."
    assert data["image"] and all(u.startswith("http://testserver/media/") for u in data["image"])
    assert data["datePublished"] == "2025-11-02T09:30:00+09:00"
    assert data["dateModified"] == "2025-11-02T15:00:00+09:00"
    assert data["author"] == [
        {"@type": "Person", "name": "Mina Park", "url": "http://testserver/author/mina-park/"},
        {
            "@type": "Person",
            "name": "Wire Desk",
            "url": "http://testserver/author/wire-desk/",
        },
    ]
    assert data["publisher"]["name"] == "The Daily Ledger"
    assert data["publisher"]["logo"]["url"] == "http://testserver/static/img/logo.png"
    assert data["articleSection"] == "World"
    assert data["keywords"] == ["Korea", "Trade"]
    assert data["dateline"] == "Gyeongju, Nov 2025"
    assert data["mainEntityOfPage"] == {"@type": "WebPage", "@id": url}


def test_json_ld_cannot_break_out_of_its_script_element(client, story):
    """A headline containing </script> is escaped inside the JSON-LD block."""
    html = client.get(story.get_absolute_url()).content.decode()
    head = html[: html.index("</head>")]
    assert (
        "</script> shipping"
        not in head.split('type="application/ld+json"', 1)[1].split("</script>", 1)[0]
    )
    assert "\\u003C/script\\u003E shipping" in head


def test_breadcrumb_json_ld_matches_the_visible_breadcrumb(client, story):
    """The BreadcrumbList has the same names, in order, as the breadcrumb readers see."""
    soup = soup_of(client, story.get_absolute_url())
    crumbs = json_ld(soup)["BreadcrumbList"]["itemListElement"]
    visible = [li.a.get_text(strip=True) for li in soup.select("nav.breadcrumb li")]
    assert [c["name"] for c in crumbs] == visible
    assert [c["position"] for c in crumbs] == [1, 2, 3]
    assert crumbs[1]["item"] == "http://testserver/world/"


@pytest.mark.parametrize(
    "path", ["/", "/world/", "/tag/trade/", "/author/mina-park/", "/2025/", "/search/?q=deal"]
)
def test_every_page_has_exactly_one_canonical_link_and_social_tags(client, story, path):
    """Home, section, tag, author, archive and search pages each carry one canonical URL."""
    soup = soup_of(client, path)
    assert len(soup.select("link[rel=canonical]")) == 1
    assert meta(soup, "og:title") and meta(soup, "og:url") and meta(soup, "twitter:card")
    assert meta(soup, "description")
    assert len(soup.find_all("h1")) == 1


def test_the_404_page_says_what_it_is_and_asks_not_to_be_indexed(client):
    """A missing page keeps one canonical link, is titled "Page not found" for sharing too,
    and asks search engines not to index it."""
    response = client.get("/no/such/story/")
    assert response.status_code == 404
    soup = BeautifulSoup(response.content, "html.parser")
    assert len(soup.select("link[rel=canonical]")) == 1
    assert meta(soup, "og:title") == meta(soup, "twitter:title") == "Page not found"
    assert meta(soup, "robots") == "noindex"


def test_listing_pages_link_previous_and_next_pages_without_stray_parameters(client):
    """Page 2 of a section points back to page 1 and on to page 3; tracking tags are dropped."""
    section = SectionFactory(name="World", slug="world")
    now = timezone.now()
    for minute in range(45):
        ArticleFactory(section=section, published_at=now - datetime.timedelta(minutes=minute))
    soup = soup_of(client, "/world/?page=2&utm_campaign=x")
    assert soup.select_one("link[rel=canonical]")["href"] == "http://testserver/world/?page=2"
    assert soup.select_one("link[rel=prev]")["href"] == "http://testserver/world/"
    assert soup.select_one("link[rel=next]")["href"] == "http://testserver/world/?page=3"
    first = soup_of(client, "/world/")
    assert first.select_one("link[rel=canonical]")["href"] == "http://testserver/world/"
    assert first.select_one("link[rel=prev]") is None


def test_search_results_are_kept_out_of_search_engines(client):
    """Search pages say noindex and their canonical keeps only the query."""
    soup = soup_of(client, "/search/?q=harbour&page=1&utm_source=x")
    assert meta(soup, "robots") == "noindex, follow"
    assert soup.select_one("link[rel=canonical]")["href"] == "http://testserver/search/?q=harbour"


def test_a_page_about_no_story_or_listing_gets_the_sites_defaults(rf):
    """The site's name and feeds, and its own address without the query string."""
    meta = site_meta(rf.get("/comments/?x=1"))
    assert meta.canonical == "http://testserver/comments/"
    assert meta.title == "The Daily Ledger"
    assert [url for _, url, _ in meta.feeds] == [
        "http://testserver/feed/",
        "http://testserver/feed/atom/",
    ]
