"""Old WordPress addresses answer 301 to the imported story, section, tag, author or feed."""

import pytest
from bs4 import BeautifulSoup
from taggit.models import Tag

from articles.models import Article, Author, Redirect, Section
from tests.factories import ArticleFactory
from tests.wordpress.exports import author, category, export, post, run, tag, write

pytestmark = pytest.mark.django_db


@pytest.fixture
def imported(tmp_path):
    """An outlet with a published story, a draft, nested categories, a tag and an author."""
    Tag.objects.create(name="Budget", slug="budget")
    text = export(
        author("Jane.Doe", "Jane Doe"),
        category("city", "City"),
        category("council", "Council", parent="city"),
        tag("budget-2024", "Budget"),
        post(
            41,
            creator="Jane.Doe",
            date="2024-03-05 23:30:00",
            date_gmt="2024-03-05 22:30:00",
            categories=[("council", "Council")],
            tags=[("budget-2024", "Budget")],
            link="https://old.example.com/news/council-approves-the-budget/",
        ),
        post(42, "Unfinished", "unfinished", status="draft"),
    )
    run(write(tmp_path, text))
    return Article.objects.get(wp_post_id=41)


@pytest.mark.parametrize(
    "old",
    [
        "/?p=41",
        "/council-approves-the-budget/",
        "/2024/03/05/council-approves-the-budget/",
        "/2024/03/council-approves-the-budget/",
        "/news/council-approves-the-budget/",
    ],
)
def test_old_post_addresses_redirect_permanently_to_the_article(client, imported, old):
    """Every WordPress form of a post's address lands on the article."""
    response = client.get(old)
    assert response.status_code == 301
    assert response["Location"] == imported.get_absolute_url()
    assert client.get(response["Location"]).status_code == 200


def test_old_category_addresses_redirect_to_the_section(client, imported):
    """/category/<slug>/ and the nested /category/<parent>/<slug>/ reach the section."""
    council = Section.objects.get(wp_category="council")
    for old in ("/category/council/", "/category/city/council/"):
        response = client.get(old)
        assert (response.status_code, response["Location"]) == (301, council.get_absolute_url())


def test_old_tag_address_redirects_when_the_slug_differs(client, imported):
    """The WordPress tag budget-2024 joined our existing Budget tag."""
    response = client.get("/tag/budget-2024/")
    assert (response.status_code, response["Location"]) == (301, "/tag/budget/")
    assert not Redirect.objects.filter(old_path="/tag/budget/").exists()


def test_old_author_address_redirects_to_the_byline(client, imported):
    """/author/<login>/ reaches the author page under our slug."""
    jane = Author.objects.get(wp_login="Jane.Doe")
    response = client.get("/author/Jane.Doe/")
    assert (response.status_code, response["Location"]) == (301, jane.get_absolute_url())


def test_old_feed_address_is_the_site_feed(client, imported):
    """WordPress's /feed/ is our site feed's own address: feed readers keep working."""
    response = client.get("/feed/")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/rss+xml")


def test_old_category_tag_and_author_feeds_redirect_to_our_feeds(client, imported):
    """Readers subscribed to /category/<slug>/feed/ and the like keep getting the stories."""
    council = Section.objects.get(wp_category="council")
    jane = Author.objects.get(wp_login="Jane.Doe")
    moves = {
        "/category/council/feed/": f"/feed/section/{council.slug}/",
        "/category/city/council/feed/rss2/": f"/feed/section/{council.slug}/",
        "/category/council/feed/atom/": f"/feed/section/{council.slug}/atom/",
        "/tag/budget-2024/feed/": "/feed/tag/budget/",
        "/author/Jane.Doe/feed/": f"/feed/author/{jane.slug}/",
        # Where the WordPress address is already ours, only the feed part differs.
        "/tag/budget/feed/": "/feed/tag/budget/",
        f"/author/{jane.slug}/feed/atom/": f"/feed/author/{jane.slug}/atom/",
    }
    for old, new in moves.items():
        response = client.get(old)
        assert (response.status_code, response["Location"]) == (301, new), old
        assert client.get(new).status_code == 200, new
    # A story's own comment feed and unknown addresses stay missing.
    assert client.get("/council-approves-the-budget/feed/").status_code == 404
    assert client.get("/category/nowhere/feed/").status_code == 404


def test_old_search_and_feed_query_links_redirect(client, imported):
    """/?s=words opens our search for the same words; /?feed=rss2 and /?feed=atom the feeds."""
    response = client.get("/", {"s": "budget & council"})
    assert (response.status_code, response["Location"]) == (301, "/search/?q=budget+%26+council")
    results = BeautifulSoup(client.get(response["Location"]).content, "html.parser")
    assert "Council approves the budget" in results.select_one(".search-result").get_text()
    assert client.get("/?feed=rss2")["Location"] == "/feed/"
    assert client.get("/?feed=atom")["Location"] == "/feed/atom/"


def test_links_to_drafts_do_not_reveal_them(client, imported):
    """/?p=<draft> shows the home page, not a redirect to the unpublished story."""
    response = client.get("/?p=42")
    assert response.status_code == 200
    assert client.get("/?p=999").status_code == 200


def test_a_moved_page_redirect_still_works_for_our_own_articles(client):
    """The redirects editors' slug changes leave behind keep working."""
    article = ArticleFactory(slug="old-slug")
    old_url = article.get_absolute_url()
    article.slug = "new-slug"
    article.save()
    response = client.get(old_url)
    assert (response.status_code, response["Location"]) == (301, article.get_absolute_url())


def test_answering_an_old_link_costs_three_queries(
    redis_state, client, imported, django_assert_num_queries
):
    """/?p=<id> is answered before the home page view runs, in a fixed number of queries."""
    with django_assert_num_queries(3):  # the redirect row, its article, the article's section
        assert client.get("/?p=41").status_code == 301
