import datetime

import pytest
from bs4 import BeautifulSoup
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from articles import search
from articles.models import Article
from articles.scheduling import announce_due_publications
from articles.search import (
    MAX_QUERY_LENGTH,
    clean_query,
    install_search_trigger,
    installed_search_config,
    search_articles,
)
from tests.factories import ArticleFactory, AuthorFactory, SectionFactory

pytestmark = pytest.mark.django_db

NOW = timezone.now()


def days_ago(days):
    return NOW - datetime.timedelta(days=days)


def search_page(client, **params):
    response = client.get("/search/", params)
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


def result_headlines(soup):
    return [h.get_text() for h in soup.select(".search-result__headline")]


def found(text, **filters):
    return list(search_articles(text, **filters).values_list("headline", flat=True))


def test_every_write_path_keeps_the_search_index_current():
    """save(), QuerySet.update() and bulk_create() all reindex the story's words."""
    article = ArticleFactory(headline="Harbour reopens", body="<p>Ships return.</p>")
    assert found("harbour") == ["Harbour reopens"]
    article.headline = "Lighthouse restored"
    article.save()
    assert found("lighthouse") == ["Lighthouse restored"]
    assert found("harbour") == []
    Article.objects.filter(pk=article.pk).update(body="<p>Volunteers painted the tower.</p>")
    assert found("volunteers") == ["Lighthouse restored"]
    Article.objects.bulk_create(
        [
            Article(
                headline="Imported from the wire",
                slug="imported",
                section=article.section,
                body="<p>Cormorants nest on the pier.</p>",
                status=Article.Status.PUBLISHED,
                published_at=days_ago(1),
            )
        ]
    )
    assert found("cormorants") == ["Imported from the wire"]


def test_a_headline_match_outranks_a_body_match():
    """A story with the word in its headline comes before a newer one with it only in the body."""
    ArticleFactory(
        headline="Tariffs explained", body="<p>Nothing else.</p>", published_at=days_ago(90)
    )
    ArticleFactory(
        headline="Market report",
        body="<p>Traders discussed tariffs, tariffs and more tariffs today.</p>",
        published_at=days_ago(0),
    )
    assert found("tariffs") == ["Tariffs explained", "Market report"]


def test_a_standfirst_match_outranks_a_body_match():
    """The standfirst counts for more than the body, less than the headline."""
    ArticleFactory(headline="Weekly roundup", dek="", body="<p>Ferries late.</p>")
    ArticleFactory(
        headline="Port news", dek="Ferries late again.", body="", published_at=days_ago(30)
    )
    ArticleFactory(headline="Ferries late", dek="", body="", published_at=days_ago(60))
    assert found("ferries") == ["Ferries late", "Port news", "Weekly roundup"]


def test_the_newer_story_wins_a_tie():
    """Two equally relevant stories are ordered newest first."""
    for headline, age in (("Old ferry news", 40), ("New ferry news", 2), ("Mid ferry news", 10)):
        ArticleFactory(
            headline=headline, dek="", body="<p>The ferry sailed.</p>", published_at=days_ago(age)
        )
    assert found("ferry") == ["New ferry news", "Mid ferry news", "Old ferry news"]


def test_words_are_matched_by_their_stem():
    """The language rules find 'elections' for 'election' and 'ran' is not needed for 'running'."""
    ArticleFactory(headline="Elections called", body="<p>Candidates are running.</p>")
    assert found("election") == ["Elections called"]
    assert found("runs") == ["Elections called"]


def test_quotes_search_for_an_exact_phrase():
    """ "trade deal" finds the phrase, not the two words apart."""
    ArticleFactory(headline="A trade deal is signed", body="")
    ArticleFactory(headline="Deal or no deal on trade", body="")
    assert found('"trade deal"') == ["A trade deal is signed"]
    assert sorted(found("trade deal")) == ["A trade deal is signed", "Deal or no deal on trade"]


def test_a_minus_leaves_a_word_out_and_or_widens():
    """-word excludes stories with that word; 'or' finds either word."""
    ArticleFactory(headline="Stadium vote", body="<p>Football fans wait.</p>")
    ArticleFactory(headline="Stadium concert", body="<p>Music all night.</p>")
    ArticleFactory(headline="Library hours", body="")
    assert found("stadium -football") == ["Stadium concert"]
    assert sorted(found("library or concert")) == ["Library hours", "Stadium concert"]


def test_readers_only_find_published_stories():
    """Drafts, scheduled and unpublished stories never appear in search."""
    ArticleFactory(headline="Glacier published")
    ArticleFactory(headline="Glacier draft", draft=True)
    ArticleFactory(headline="Glacier scheduled", scheduled=True)
    ArticleFactory(headline="Glacier withdrawn", status=Article.Status.UNPUBLISHED)
    assert found("glacier") == ["Glacier published"]


def test_results_page_shows_the_count_and_highlights_matched_words(client):
    """Matched words are in <mark>, the headline's HTML is escaped, the count is shown."""
    ArticleFactory(
        headline="Bridge <b>closure</b> & detours",
        dek="Drivers face delays.",
        body="<p>The old bridge needs repairs before winter.</p>",
    )
    soup = search_page(client, q="bridge")
    assert soup.select_one(".search-page__count").get_text() == "1 story found"
    headline = soup.select_one(".search-result__headline a")
    assert headline.get_text() == "Bridge <b>closure</b> & detours"
    assert [m.get_text() for m in headline.select("mark")] == ["Bridge"]
    assert headline.find("b") is None
    snippet = soup.select_one(".search-result__snippet")
    assert [m.get_text() for m in snippet.select("mark")] == ["bridge"]
    assert "<p>" not in snippet.get_text()
    assert len(soup.find_all("h1")) == 1


def test_search_can_be_narrowed_to_a_section():
    """The section filter keeps only that section's stories."""
    sport = SectionFactory(name="Sport", slug="sport")
    ArticleFactory(headline="Marathon route announced", section=sport)
    ArticleFactory(headline="Marathon budget debate")
    assert found("marathon", section=sport) == ["Marathon route announced"]


def test_search_can_be_narrowed_to_a_date_range(client):
    """From and To dates include whole days in the newsroom's time zone."""
    ArticleFactory(
        headline="Comet seen",
        published_at=datetime.datetime(2025, 3, 1, 23, 30, tzinfo=datetime.UTC),
    )
    ArticleFactory(
        headline="Comet returns",
        published_at=datetime.datetime(2025, 3, 20, 8, tzinfo=datetime.UTC),
    )
    ArticleFactory(
        headline="Comet fades", published_at=datetime.datetime(2025, 4, 2, 8, tzinfo=datetime.UTC)
    )
    soup = search_page(client, q="comet", start="2025-03-01", end="2025-03-20")
    assert result_headlines(soup) == ["Comet returns", "Comet seen"]
    soup = search_page(client, q="comet", start="2025-03-02")
    assert result_headlines(soup) == ["Comet fades", "Comet returns"]


def test_section_filter_is_applied_from_the_page(client):
    """Choosing a section in the form narrows the results and stays selected."""
    sport = SectionFactory(name="Sport", slug="sport")
    ArticleFactory(headline="Rowing club wins", section=sport)
    ArticleFactory(headline="Rowing lake drained")
    soup = search_page(client, q="rowing", section="sport")
    assert result_headlines(soup) == ["Rowing club wins"]
    assert soup.select_one("select[name=section] option[selected]")["value"] == "sport"


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"start": "yesterday"}, "Enter the start date as YYYY-MM-DD"),
        ({"end": "2025-13-45"}, "Enter the end date as YYYY-MM-DD"),
        ({"start": "2025-05-01", "end": "2025-04-01"}, "The end date is before the start date."),
        ({"end": "9999-12-31"}, "Enter a date between the years 1800 and 2999."),
        ({"start": "0001-01-01"}, "Enter a date between the years 1800 and 2999."),
    ],
)
def test_bad_dates_get_a_message_and_keep_what_was_typed(client, params, message):
    """A bad date is explained next to its field; the query and the typed dates stay in the form."""
    ArticleFactory(headline="Orchard harvest")
    soup = search_page(client, q="orchard", **params)
    assert message in soup.select_one(".search-filters").get_text()
    assert soup.select_one("#search-q")["value"] == "orchard"
    for name, value in params.items():
        assert soup.select_one(f"input[name={name}]")["value"] == value
    assert result_headlines(soup) == ["Orchard harvest"]


def test_an_unknown_section_gets_a_message(client):
    """A section that does not exist is explained; the search still runs over all sections."""
    ArticleFactory(headline="Orchard harvest")
    soup = search_page(client, q="orchard", section="nowhere")
    assert "There is no such section" in soup.select_one(".search-filters").get_text()
    assert result_headlines(soup) == ["Orchard harvest"]


def test_results_are_paginated_keeping_the_query_and_filters(client):
    """Twenty results a page; the page links carry the query and the filters."""
    world = SectionFactory(name="World", slug="world")
    for day in range(23):
        ArticleFactory(headline=f"Volcano update {day}", section=world, published_at=days_ago(day))
    soup = search_page(client, q="volcano", section="world")
    assert len(result_headlines(soup)) == 20
    assert "23 stories found" in soup.select_one(".search-page__count").get_text()
    next_link = soup.select_one(".pagination a[rel=next]")["href"]
    assert "q=volcano" in next_link and "section=world" in next_link and "page=2" in next_link
    soup = search_page(client, q="volcano", section="world", page="2")
    assert result_headlines(soup) == ["Volcano update 20", "Volcano update 21", "Volcano update 22"]
    assert search_page(client, q="volcano", page="99").select(".search-result")
    assert search_page(client, q="volcano", page="x").select(".search-result")


def test_a_search_matching_very_many_stories_says_more_and_pages_through_the_best(
    client, monkeypatch
):
    """Past MAX_COUNTED matches the count is a floor, and the pages hold the best of them."""
    monkeypatch.setattr(search, "MAX_COUNTED", 21)
    for day in range(25):
        ArticleFactory(headline=f"Glacier report {day}", published_at=days_ago(day + 1))
    ArticleFactory(headline="Other news", body="<p>A glacier in the body.</p>")
    soup = search_page(client, q="glacier")
    count = soup.select_one(".search-page__count").get_text()
    assert count == "More than 21 stories found · page 1 of 2"
    assert result_headlines(soup) == [f"Glacier report {day}" for day in range(20)]
    soup = search_page(client, q="glacier", page="2")
    assert result_headlines(soup) == ["Glacier report 20"]


def test_a_results_page_keeps_the_ranking_of_the_whole_search(client):
    """Each page holds the next stories of the ranking: headline matches before body matches,
    newer before older, whatever page they fall on."""
    for day in range(3):
        ArticleFactory(
            headline="Weekly note", body="<p>Puffins seen.</p>", published_at=days_ago(day)
        )
    for day in range(20):
        ArticleFactory(headline=f"Puffin count {day}", published_at=days_ago(day + 10))
    first = result_headlines(search_page(client, q="puffins"))
    second = result_headlines(search_page(client, q="puffins", page="2"))
    assert first == [f"Puffin count {day}" for day in range(20)]
    assert second == ["Weekly note"] * 3
    assert first + second == found("puffins")


HOSTILE_QUERIES = [
    "",
    "   ",
    "the and of",
    "to be or not to be",
    '"',
    '"""',
    "'",
    '"unclosed phrase',
    "-",
    "--",
    "-the",
    "or",
    "!@#$%^&*()",
    "& | ! <->",
    ":*",
    "\\",
    "%",
    "\x00null byte",
    "<script>alert(1)</script>",
    "a" * 2000,
    "word " * 400,
    "ünïcödé 日本語 عربى",
]


@pytest.mark.parametrize("query", HOSTILE_QUERIES)
def test_hostile_and_degenerate_queries_get_a_friendly_page(client, query):
    """Whatever is typed, the reader gets a 200 with one heading and a helpful notice."""
    ArticleFactory(headline="Town hall meeting")
    response = client.get("/search/", {"q": query})
    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "html.parser")
    assert len(soup.find_all("h1")) == 1
    assert soup.select(".search-notice") or soup.select(".search-result")
    assert not soup.find("script", string=lambda s: s and "alert" in s)


def test_a_query_of_only_common_words_explains_itself(client):
    """Stop words alone find nothing, and the page says why."""
    ArticleFactory(headline="The and of")
    soup = search_page(client, q="the and of")
    assert "very common words" in soup.select_one(".search-notice").get_text()
    assert soup.select_one(".search-page__count").get_text() == "No stories found"


def test_an_empty_query_invites_the_reader_to_type(client):
    """No query: an invitation, no results, no error."""
    soup = search_page(client, q="")
    assert "Type a few words" in soup.select_one(".search-notice").get_text()
    assert not soup.select(".search-result")


def test_a_very_long_query_is_shortened_and_says_so(client):
    """A 2,000-character query uses its first words and tells the reader."""
    ArticleFactory(headline="Canal repairs")
    soup = search_page(client, q="canal " + "x" * 1994)
    assert "only its first words were used" in soup.get_text()
    text, shortened = clean_query("canal " * 400)
    assert shortened and len(text) <= MAX_QUERY_LENGTH and text.startswith("canal canal")


def test_the_search_page_has_one_search_box_keeping_the_query(client):
    """The header's box gives way to the page's fuller form, which shows what was searched."""
    soup = search_page(client, q="harbour")
    assert not soup.select("header.site-header form[role=search]")
    boxes = soup.select("input[name=q]")
    assert len(boxes) == 1
    assert boxes[0]["value"] == "harbour"


def test_other_pages_search_from_the_header(client):
    """Everywhere else the header's box submits to /search/."""
    soup = BeautifulSoup(client.get("/").content, "html.parser")
    form = soup.select_one("header.site-header form[role=search]")
    assert form["action"] == "/search/"


def test_an_exact_phrase_is_not_quoted_twice_in_the_heading(client):
    """Searching “"city council"” says Results for "city council", not “"city council"”."""
    assert search_page(client, q='"city council"').h1.get_text() == 'Results for "city council"'
    assert search_page(client, q="harbour").h1.get_text() == "Results for “harbour”"


def test_search_results_show_the_story_picture(client):
    """A result with a featured picture shows it as a thumbnail beside the headline."""
    ArticleFactory(headline="Harbour dredging begins", with_image=True)
    soup = search_page(client, q="harbour")
    assert soup.select_one(".search-result__thumb img")


def test_search_runs_a_constant_number_of_queries(redis_state, client):
    """Two results or twenty, with several bylines each: the same number of queries."""
    ArticleFactory.create_batch(2, headline="Reservoir levels")
    search_page(client, q="reservoir")  # warm up: the first request fills caches
    with CaptureQueriesContext(connection) as few:
        search_page(client, q="reservoir")
    authors = AuthorFactory.create_batch(3)
    ArticleFactory.create_batch(25, headline="Reservoir levels", authors=authors)
    announce_due_publications()
    with CaptureQueriesContext(connection) as many:
        soup = search_page(client, q="reservoir", section="world")
    assert len(result_headlines(soup)) == 20
    # The section filter adds one lookup of the chosen section.
    assert len(many) == len(few) + 1
    # The check for words to look for, the count, the page, its bylines, the navigation's
    # sections, the form's section list, and the two statements that keep the search on its
    # index (articles.search.through_the_index).
    assert len(few) <= 8


def test_the_search_language_is_a_setting(settings):
    """Switching the text-search configuration re-indexes stories with the new rules."""
    ArticleFactory(headline="The running of the bulls", dek="", body="")
    assert found("runs") == ["The running of the bulls"]
    settings.NEWSROOM_SEARCH_CONFIG = "simple"
    install_search_trigger()
    assert installed_search_config() == "simple"
    assert found("runs") == []
    assert found("running") == ["The running of the bulls"]


def test_a_null_byte_in_the_query_is_not_reported_as_a_broken_filter(client):
    """The words around a NUL byte are searched; no "filters could not be used" warning."""
    ArticleFactory(headline="Town hall meeting")
    soup = search_page(client, q="town\x00hall")
    assert result_headlines(soup) == ["Town hall meeting"]
    assert not soup.select(".search-notice--warning")


@pytest.mark.parametrize("query", ["-harbour", "the -harbour", "ferry or -harbour"])
def test_a_search_that_only_leaves_words_out_asks_for_a_word_to_look_for(client, query):
    """ "-harbour" alone would list nearly every story: the page asks for a word instead."""
    ArticleFactory(headline="Ferry timetable changes")
    soup = search_page(client, q=query)
    assert result_headlines(soup) == []
    assert "a word with a minus sign in front is one to leave out" in soup.select_one(
        ".search-notice"
    ).get_text(" ", strip=True)


def test_a_typo_offers_did_you_mean_with_the_stories_spelling(client):
    """ "counsil budjet" finds nothing and offers "council budget", linked, filters kept."""
    ArticleFactory(headline="Council approves the budget", dek="A late vote.")
    soup = search_page(client, q="counsil budjet", section="world")
    notice = soup.select_one(".search-notice--suggestion")
    assert notice.get_text(" ", strip=True) == "Did you mean council budget ?"
    assert notice.a["href"] == "?q=council+budget&section=world"
    soup = search_page(client, q="council budget")
    assert result_headlines(soup) == ["Council approves the budget"]
    assert soup.select_one(".search-notice--suggestion") is None


@pytest.mark.parametrize(
    "typed",
    ["zzyzx qwvk", "council", '"counsil budjet"', "counsil -budget"],
)
def test_no_suggestion_for_unmatchable_known_or_syntax_queries(typed):
    ArticleFactory(headline="Council approves the budget")
    assert search.suggest(typed) is None


def test_drafts_lend_no_words_to_suggestions():
    ArticleFactory(headline="Secret merger talks", draft=True)
    ArticleFactory(headline="Harbour opens")
    assert search.suggest("mergr") is None
    assert search.suggest("harbor") == "harbour"


def test_a_bylines_name_and_a_topic_find_their_stories():
    rita = AuthorFactory(name="Rita Okafor", slug="rita-okafor")
    ArticleFactory(headline="Ferry fares rise", authors=[rita])
    ArticleFactory(headline="Bus lanes widened", tags=["Transport"])
    ArticleFactory(headline="Unrelated weather story")
    assert found("Rita Okafor") == ["Ferry fares rise"]
    assert found("okafor") == ["Ferry fares rise"]
    assert found("transport") == ["Bus lanes widened"]
