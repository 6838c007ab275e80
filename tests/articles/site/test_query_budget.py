import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.factories import ArticleFactory, AuthorFactory, SectionFactory

pytestmark = pytest.mark.django_db

# Whatever the page lists, it stays within this many queries.
BUDGET = 8
# A story page also fetches its corrections.
STORY_BUDGET = BUDGET + 1


def queries_for(client, url):
    # Warm up once: first reads create rows such as the comment settings.
    client.get(url)
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(captured.captured_queries)


def story_with(count, slug):
    """A story with `count` authors, tags and related stories, each related one illustrated."""
    authors = [AuthorFactory() for _ in range(count)]
    related = [ArticleFactory(with_image=True, authors=authors) for _ in range(count)]
    return ArticleFactory(
        slug=slug,
        authors=authors,
        tags=[f"Topic {slug} {n}" for n in range(count)],
        related=related,
        with_image=True,
    )


def test_article_page_queries_do_not_grow_with_related_stories_tags_or_authors(client):
    """1 vs 10 related stories, tags and authors: the same number of queries."""
    small, large = story_with(1, "small"), story_with(10, "large")
    few = queries_for(client, small.get_absolute_url())
    many = queries_for(client, large.get_absolute_url())
    assert few == many
    assert many <= STORY_BUDGET


def test_article_page_fallback_check_also_has_a_fixed_cost(client):
    """The topic-based fallback costs the same with 1 or 10 shared tags."""
    one = ArticleFactory(slug="one", tags=["Shared 0"])
    ten = ArticleFactory(slug="ten", tags=[f"Shared {n}" for n in range(10)])
    for n in range(10):
        ArticleFactory(tags=[f"Shared {n}"], authors=[AuthorFactory(), AuthorFactory()])
    assert queries_for(client, one.get_absolute_url()) == queries_for(
        client, ten.get_absolute_url()
    )


def fill(section, author, count, tag, year):
    for n in range(count):
        ArticleFactory(
            section=section,
            authors=[author, AuthorFactory()],
            tags=[tag, f"Other {tag} {n}"],
            with_image=n < 3,
            published_at=datetime.datetime(year, 3, 1 + n % 28, 12, tzinfo=datetime.UTC),
        )


@pytest.mark.parametrize(
    "urls",
    [
        ("/few/", "/many/"),
        ("/tag/few/", "/tag/many/"),
        ("/author/few/", "/author/many/"),
        ("/2021/", "/2022/"),
        ("/2021/3/", "/2022/3/"),
        ("/2021/3/1/", "/2022/3/1/"),
    ],
)
def test_listing_queries_do_not_grow_with_the_number_of_stories(client, urls):
    """A listing with 2 stories and one with 25 run the same number of queries."""
    few_url, many_url = urls
    fill(SectionFactory(name="Few", slug="few"), AuthorFactory(slug="few"), 2, "few", 2021)
    fill(SectionFactory(name="Many", slug="many"), AuthorFactory(slug="many"), 25, "many", 2022)
    few, many = queries_for(client, few_url), queries_for(client, many_url)
    assert few == many
    assert many <= BUDGET


def test_home_page_queries_do_not_grow_with_stories_or_sections(client):
    """Two sections with a few stories, or six sections with many: the same queries."""
    # The top of the page takes the 12 newest; the section blocks show what comes after.
    fill(SectionFactory(name="First", slug="first"), AuthorFactory(), 14, "first", 2021)
    few = queries_for(client, "/")
    for n in range(5):
        fill(SectionFactory(name=f"S{n}", slug=f"s{n}"), AuthorFactory(), 25, f"s{n}", 2022)
    many = queries_for(client, "/")
    assert few == many
    assert many <= BUDGET
