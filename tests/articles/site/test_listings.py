import datetime

import pytest
from bs4 import BeautifulSoup
from django.utils import timezone

from tests.factories import ArticleFactory, AuthorFactory, ImageFactory, SectionFactory

pytestmark = pytest.mark.django_db


def soup_of(response):
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


def headlines(soup, selector=".story-card__headline"):
    return [h.get_text() for h in soup.select(selector)]


def hours_ago(hours):
    return timezone.now() - datetime.timedelta(hours=hours)


def test_home_page_leads_with_the_newest_story_then_top_and_latest(client):
    """The newest story leads; the next ones follow newest first; one <h1> for the page."""
    for hours in range(12, 0, -1):
        ArticleFactory(headline=f"Story {hours}h old", published_at=hours_ago(hours))
    soup = soup_of(client.get("/"))
    assert len(soup.find_all("h1")) == 1
    assert headlines(soup, ".story-card--lead .story-card__headline") == ["Story 1h old"]
    top = headlines(soup, ".home__top-stories .story-card__headline")
    assert top == [f"Story {h}h old" for h in range(2, 7)]
    latest = headlines(soup, ".home__latest .story-card__headline")
    assert latest == [f"Story {h}h old" for h in range(7, 13)]


def test_home_page_has_a_block_per_navigation_section(client):
    """Each section in the navigation gets its newest stories, not repeating those above."""
    world = SectionFactory(name="World", slug="world", position=0)
    sport = SectionFactory(name="Sport", slug="sport", position=1)
    hidden = SectionFactory(name="Notices", slug="notices", show_in_navigation=False)
    for hours in range(12):
        ArticleFactory(headline=f"Filler {hours}", section=world, published_at=hours_ago(hours))
    for hours in range(20, 26):
        ArticleFactory(headline=f"Sport {hours}", section=sport, published_at=hours_ago(hours))
        ArticleFactory(headline=f"World {hours}", section=world, published_at=hours_ago(hours))
    ArticleFactory(headline="A notice", section=hidden, published_at=hours_ago(30))
    soup = soup_of(client.get("/"))
    fronts = soup.select("section.section-front")
    assert [front.h2.a.get_text() for front in fronts] == ["World", "Sport"]
    assert fronts[1].h2.a["href"] == "/sport/"
    assert headlines(fronts[1]) == ["Sport 20", "Sport 21", "Sport 22", "Sport 23"]
    assert headlines(fronts[0]) == ["World 20", "World 21", "World 22", "World 23"]
    assert "A notice" not in soup.get_text()


def test_home_page_without_stories_says_so(client):
    """A new site shows a friendly line rather than an empty page."""
    soup = soup_of(client.get("/"))
    assert "No stories have been published yet." in soup.get_text()


def test_section_page_lists_its_stories_newest_first(client):
    """Only the section's stories, newest first, under the section's name and description."""
    world = SectionFactory(name="World", slug="world", description="News from abroad.")
    ArticleFactory(headline="Older", section=world, published_at=hours_ago(5))
    ArticleFactory(headline="Newer", section=world, published_at=hours_ago(1))
    ArticleFactory(headline="Sport story", section=SectionFactory(name="Sport", slug="sport"))
    soup = soup_of(client.get("/world/"))
    assert soup.h1.get_text() == "World"
    assert "News from abroad." in soup.select_one(".page-header").get_text()
    assert headlines(soup, ".layout__main .story-card__headline") == ["Newer", "Older"]


def test_section_page_is_paginated_with_plain_links(client):
    """25 stories: 20 on page 1 with a link to page 2, 5 on page 2 with a link back."""
    world = SectionFactory(name="World", slug="world")
    for hours in range(25):
        ArticleFactory(headline=f"Story {hours}", section=world, published_at=hours_ago(hours))
    first = soup_of(client.get("/world/"))
    assert len(first.select(".layout__main .story-card")) == 20
    assert first.select_one(".pagination a[rel=next]")["href"] == "?page=2"
    second = soup_of(client.get("/world/?page=2"))
    assert headlines(second, ".layout__main .story-card__headline") == [
        f"Story {h}" for h in range(20, 25)
    ]
    assert second.select_one(".pagination a[rel=prev]")["href"] == "?page=1"
    assert second.select_one(".pagination [aria-current=page]").get_text() == "2"


@pytest.mark.parametrize("page", ["0", "-1", "9999", "abc", "2.5", "1e3", "99999999999999999999"])
def test_out_of_range_or_malformed_page_is_a_styled_404(client, page):
    """A bad ?page= gets the site's 404 page, never an error."""
    ArticleFactory(
        section=SectionFactory(name="World", slug="world"),
        tags=["Trade"],
        authors=[AuthorFactory(slug="maren-holt")],
        published_at=datetime.datetime(2025, 11, 2, tzinfo=datetime.UTC),
    )
    for url in ("/world/", "/tag/trade/", "/author/maren-holt/", "/2025/"):
        assert client.get(url, {"page": "1"}).status_code == 200, url
        response = client.get(url, {"page": page})
        assert response.status_code == 404, url
        assert b"Page not found" in response.content


def test_long_listings_elide_page_links(client):
    """Many pages show the first, last and neighbouring page numbers, not every one."""
    world = SectionFactory(name="World", slug="world")
    for hours in range(20 * 12):
        ArticleFactory(section=world, published_at=hours_ago(hours), authors=[])
    soup = soup_of(client.get("/world/?page=6"))
    labels = [el.get_text() for el in soup.select(".pagination li > *")]
    newer, older = (
        "\N{SINGLE LEFT-POINTING ANGLE QUOTATION MARK} Newer",
        "Older \N{SINGLE RIGHT-POINTING ANGLE QUOTATION MARK}",
    )
    assert labels == [newer, "1", "…", "4", "5", "6", "7", "8", "…", "12", older]


def test_tag_page_lists_stories_with_the_tag(client):
    """The topic page shows its stories and how many there are."""
    ArticleFactory(headline="On trade", tags=["Trade"])
    ArticleFactory(headline="On sport", tags=["Football"])
    soup = soup_of(client.get("/tag/trade/"))
    assert soup.h1.get_text() == "Trade"
    assert headlines(soup, ".layout__main .story-card__headline") == ["On trade"]
    assert "1 story tagged" in soup.select_one(".page-header").get_text()


def test_unknown_tag_is_a_404(client):
    """A tag that does not exist is not found."""
    assert client.get("/tag/nothing-here/").status_code == 404


def test_author_page_shows_bio_photo_and_their_stories(client):
    """Name, job title, bio and photo, then the stories they wrote or co-wrote."""
    author = AuthorFactory(
        name="Maren Holt",
        slug="maren-holt",
        job_title="Foreign correspondent",
        bio="Reports from East Asia.",
        photo=ImageFactory(small=True, alt_text="Maren Holt"),
    )
    ArticleFactory(headline="Her story", authors=[author], published_at=hours_ago(2))
    ArticleFactory(headline="Shared story", authors=[AuthorFactory(), author])
    ArticleFactory(headline="Someone else's story")
    soup = soup_of(client.get("/author/maren-holt/"))
    assert soup.h1.get_text() == "Maren Holt"
    header = soup.select_one(".page-header")
    assert "Foreign correspondent" in header.get_text()
    assert "Reports from East Asia." in header.get_text()
    assert header.img["alt"] == "Maren Holt"
    assert headlines(soup, ".layout__main .story-card__headline") == [
        "Shared story",
        "Her story",
    ]


def test_author_without_stories_has_a_page(client):
    """A new reporter's page shows their bio and an empty list."""
    AuthorFactory(name="New Hire", slug="new-hire")
    soup = soup_of(client.get("/author/new-hire/"))
    assert "No stories yet." in soup.get_text()


@pytest.mark.parametrize(
    ("url", "title", "expected"),
    [
        ("/2025/", "2025", ["Nov 2", "Nov 1", "Oct 31"]),
        ("/2025/11/", "November 2025", ["Nov 2", "Nov 1"]),
        ("/2025/11/02/", "November 2, 2025", ["Nov 2"]),
        ("/2025/10/", "October 2025", ["Oct 31"]),
    ],
)
def test_date_archives_list_stories_of_that_period(client, url, title, expected):
    """Year, month and day archives hold the stories published in that period."""
    for month, day, label in [(10, 31, "Oct 31"), (11, 1, "Nov 1"), (11, 2, "Nov 2")]:
        ArticleFactory(
            headline=label,
            published_at=datetime.datetime(2025, month, day, 12, tzinfo=datetime.UTC),
        )
    ArticleFactory(
        headline="Next year", published_at=datetime.datetime(2026, 1, 1, tzinfo=datetime.UTC)
    )
    soup = soup_of(client.get(url))
    assert soup.h1.get_text() == title
    assert headlines(soup, ".layout__main .story-card__headline") == expected


@pytest.mark.parametrize(
    "url", ["/2024/", "/2025/02/", "/2025/02/30/", "/2025/13/", "/9999/12/", "/9999/12/31/", "/0/"]
)
def test_empty_or_impossible_archive_dates_are_404(client, url):
    """No stories, or no such date: not found, never an error."""
    ArticleFactory(published_at=datetime.datetime(2025, 11, 2, tzinfo=datetime.UTC))
    assert client.get(url).status_code == 404


def test_story_cards_show_a_picture_with_srcset_and_lazy_loading(client):
    """Cards below the lead lazy-load their pictures; the lead's picture loads at once."""
    ArticleFactory(headline="Older", with_image=True, published_at=hours_ago(3))
    ArticleFactory(headline="Lead", with_image=True, published_at=hours_ago(1))
    soup = soup_of(client.get("/"))
    lead = soup.select_one(".story-card--lead img")
    assert "loading" not in lead.attrs and lead["fetchpriority"] == "high"
    other = soup.select_one(".home__top-stories img")
    assert other["loading"] == "lazy"
    # The card's 4:3 cut of the 480 x 320 picture, around its subject, AVIF and WebP first.
    assert other["width"] == "427" and other["height"] == "320"
    sources = soup.select_one(".home__top-stories picture").select("source")
    assert [source["type"] for source in sources] == ["image/avif", "image/webp"]


def test_a_listings_first_picture_loads_at_once_and_the_rest_when_scrolled_to(client, page_cache):
    """On a section, topic, byline or archive page the first story's picture is at the top
    of the page, often its largest element: fetched first, not lazily; the others wait,
    the same story's too where it is not first."""

    def at(hour):
        return datetime.datetime(2025, 11, 2, hour, tzinfo=datetime.UTC)

    ArticleFactory(headline="Trade", with_image=True, tags=["Trade"], published_at=at(9))
    ArticleFactory(headline="Older", with_image=True, tags=["Trade"], published_at=at(8))
    ArticleFactory(headline="Newer", with_image=True, published_at=at(10))
    for url, first in (
        ("/tag/trade/", "Trade"),
        ("/2025/11/2/", "Newer"),
        ("/tag/trade/", "Trade"),
    ):
        soup = soup_of(client.get(url))
        assert headlines(soup)[0] == first
        pictures = soup.select(".story-list img")
        assert "loading" not in pictures[0].attrs and pictures[0]["fetchpriority"] == "high"
        assert [img.get("loading") for img in pictures[1:]] == ["lazy"] * (len(pictures) - 1)
        assert not any(img.get("fetchpriority") for img in pictures[1:])


def test_year_and_month_archives_link_to_their_months_and_days(client):
    """A year page links to its months with stories; a month page to its days."""
    for month, day in [(10, 31), (11, 1), (11, 2)]:
        ArticleFactory(published_at=datetime.datetime(2025, month, day, 12, tzinfo=datetime.UTC))
    ArticleFactory(draft=True)
    year = soup_of(client.get("/2025/"))
    assert [(a.get_text(), a["href"]) for a in year.select(".archive-nav a")] == [
        ("Oct.", "/2025/10/"),
        ("Nov.", "/2025/11/"),
    ]
    month = soup_of(client.get("/2025/11/"))
    assert [a["href"] for a in month.select(".archive-nav a")] == ["/2025/11/1/", "/2025/11/2/"]
    assert not soup_of(client.get("/2025/11/2/")).select(".archive-nav")


def test_every_reader_page_has_one_h1_and_no_inline_code(client):
    """One <h1> per page, and no style attributes or inline scripts (a strict CSP comes later)."""
    author = AuthorFactory(slug="maren-holt", photo=ImageFactory(small=True))
    story = ArticleFactory(
        tags=["Trade"],
        authors=[author],
        with_image=True,
        published_at=datetime.datetime(2025, 11, 2, 12, tzinfo=datetime.UTC),
        related=[ArticleFactory(with_image=True)],
    )
    pages = ["/", "/world/", "/tag/trade/", "/author/maren-holt/", "/2025/", "/2025/11/",
             "/2025/11/2/", story.get_absolute_url()]  # fmt: skip
    for url in pages:
        soup = soup_of(client.get(url))
        assert len(soup.find_all("h1")) == 1, url
        assert not soup.select("[style]"), url
        # Structured data is not code: browsers never run application/ld+json.
        assert all(
            script.get("src") or script.get("type") == "application/ld+json"
            for script in soup.find_all("script")
        ), url
        assert all(img.has_attr("alt") for img in soup.find_all("img")), url
        assert all(img.has_attr("width") for img in soup.select("main img")), url


def test_page_links_keep_the_readers_other_parameters(rf):
    """A listing reached with ?q=... (search) keeps it in every page link."""
    from django.core.paginator import Paginator
    from django.template.loader import render_to_string

    page = Paginator(range(50), 20).page(2)
    html = render_to_string(
        "includes/_pagination.html", {"page": page}, request=rf.get("/search/?q=tariffs&page=2")
    )
    links = [a["href"] for a in BeautifulSoup(html, "html.parser").find_all("a")]
    assert links == [
        "?q=tariffs&page=1",
        "?q=tariffs&page=1",
        "?q=tariffs&page=3",
        "?q=tariffs&page=3",
    ]


def test_search_results_page_links_surround_the_current_page(client, monkeypatch):
    """Deep in a long search, the page links show the current page's neighbours."""
    from articles.site import views

    monkeypatch.setattr(views, "RESULTS_PER_PAGE", 1)
    for hours in range(50):
        ArticleFactory(headline=f"Volcano update {hours}", published_at=hours_ago(hours))
    soup = soup_of(client.get("/search/?q=volcano&page=30"))
    nav = soup.select_one("nav[aria-label='Result pages']")
    labels = [el.get_text() for el in nav.select("li > *")[1:-1]]
    assert labels == ["1", "…", "28", "29", "30", "31", "32", "…", "50"]
    assert nav.select_one("a[rel=next]")["href"] == "?q=volcano&page=31"
