"""Corrections and clarifications as readers see them: on the story, in its structured data,
on /corrections/ and its feed; and what changes when one is saved."""

import datetime
import json
from xml.etree import ElementTree

import pytest
import time_machine
from bs4 import BeautifulSoup
from django.core.cache import cache

from articles.models import Article, Correction
from articles.signals import article_changed
from tests.factories import ArticleFactory, CorrectionFactory

pytestmark = pytest.mark.django_db

PUBLISHED = datetime.datetime(2025, 11, 2, 9, 0, tzinfo=datetime.UTC)
CORRECTED = datetime.datetime(2025, 11, 3, 14, 5, tzinfo=datetime.UTC)


def soup_of(client, path):
    response = client.get(path)
    assert response.status_code == 200, path
    return BeautifulSoup(response.content, "html.parser")


def story_schema(soup):
    blocks = [json.loads(s.string) for s in soup.find_all("script", type="application/ld+json")]
    return next(block for block in blocks if block["@type"] != "BreadcrumbList")


@pytest.fixture
def story():
    return ArticleFactory(headline="Council approves the bridge", published_at=PUBLISHED)


def correct(story, when=CORRECTED, **fields):
    with time_machine.travel(when, tick=False):
        return CorrectionFactory(article=story, **fields)


@pytest.fixture
def received():
    calls = []

    def listener(sender, article_ids, **kwargs):
        calls.append(article_ids)

    article_changed.connect(listener)
    yield calls
    article_changed.disconnect(listener)


def test_the_story_shows_a_time_stamped_note_where_the_editor_placed_it(client, story):
    """“Correction, November 3, 2025, 2:05 p.m.: …” at the end; a clarification at the top."""
    correct(story, text="The bridge is 1.2 km long, not 12 km.")
    correct(
        story,
        when=CORRECTED + datetime.timedelta(hours=1),
        kind=Correction.Kind.CLARIFICATION,
        placement=Correction.Placement.TOP,
        text="The vote was on the design, not the budget.",
    )
    soup = soup_of(client, story.get_absolute_url())
    article = soup.find("article", class_="article")
    notes = article.find_all("aside", class_="correction")
    assert [" ".join(note.get_text().split()) for note in notes] == [
        "Clarification, November 3, 2025, 3:05 p.m.: The vote was on the design, not the budget.",
        "Correction, November 3, 2025, 2:05 p.m.: The bridge is 1.2 km long, not 12 km.",
    ]
    body = article.find("div", class_="article__body")
    assert notes[0] in body.find_all_previous("aside")
    assert notes[1] in body.find_all_next("aside")


def test_a_draft_correction_is_not_shown_to_readers(client, story):
    """Until an editor publishes it, a reporter's draft stays in the admin."""
    correct(story, draft=True, text="Draft wording nobody has checked.")
    response = client.get(story.get_absolute_url())
    assert "Draft wording" not in response.content.decode()
    assert "Draft wording" not in client.get("/corrections/").content.decode()


def test_links_in_the_text_are_links_and_markup_is_text(client, story):
    """Plain text with links: an address becomes a link, anything else stays text."""
    correct(story, text="See https://example.org/minutes <script>alert(1)</script>")
    note = soup_of(client, story.get_absolute_url()).find("aside", class_="correction")
    assert note.find("a")["href"] == "https://example.org/minutes"
    assert note.find("script") is None
    assert "<script>alert(1)</script>" in note.get_text()


def test_publishing_a_correction_moves_the_updated_time_and_date_modified(client, story):
    """The story's visible “Updated” time, its meta tag and dateModified become the note's."""
    correct(story)
    soup = soup_of(client, story.get_absolute_url())
    assert soup.find("p", class_="article__updated").time["datetime"] == CORRECTED.isoformat()
    modified = soup.find("meta", property="article:modified_time")["content"]
    assert modified == "2025-11-03T14:05:00+00:00"
    assert story_schema(soup)["dateModified"] == "2025-11-03T14:05:00+00:00"


def test_an_older_correction_never_moves_the_updated_time_back(story):
    later = CORRECTED + datetime.timedelta(days=1)
    Article.objects.filter(pk=story.pk).update(revised_at=later)
    correct(story)
    story.refresh_from_db()
    assert story.revised_at == later


def test_structured_data_lists_each_correction_as_a_correction_comment(client, story):
    """JSON-LD: `correction` holds a CorrectionComment per published note, oldest first."""
    correct(story, text="The bridge is 1.2 km long.")
    correct(
        story,
        when=CORRECTED + datetime.timedelta(minutes=30),
        kind=Correction.Kind.CLARIFICATION,
        text="The vote was on the design.",
    )
    correct(story, draft=True, text="Not yet checked.")
    schema = story_schema(soup_of(client, story.get_absolute_url()))
    assert schema["@type"] == "NewsArticle"
    assert schema["correction"] == [
        {
            "@type": "CorrectionComment",
            "text": "Correction: The bridge is 1.2 km long.",
            "datePublished": "2025-11-03T14:05:00+00:00",
        },
        {
            "@type": "CorrectionComment",
            "text": "Clarification: The vote was on the design.",
            "datePublished": "2025-11-03T14:35:00+00:00",
        },
    ]


def test_a_story_without_corrections_has_no_correction_property(client, story):
    assert "correction" not in story_schema(soup_of(client, story.get_absolute_url()))


def test_the_corrections_page_lists_newest_first_with_links_to_the_notes(client, story):
    other = ArticleFactory(headline="Ferry timetable changes", published_at=PUBLISHED)
    first = correct(story, text="The older one.")
    second = correct(other, when=CORRECTED + datetime.timedelta(hours=2), text="The newer one.")
    soup = soup_of(client, "/corrections/")
    assert soup.find("h1").get_text(strip=True) == "Corrections and clarifications"
    items = soup.find_all("li", class_="corrections-list__item")
    assert [item.find("p", class_="corrections-list__text").text for item in items] == [
        "The newer one.",
        "The older one.",
    ]
    links = [item.find("h2").a["href"] for item in items]
    assert links == [
        f"{other.get_absolute_url()}#correction-{second.pk}",
        f"{story.get_absolute_url()}#correction-{first.pk}",
    ]


def test_the_corrections_page_leaves_out_stories_readers_cannot_see(client, story):
    correct(story, text="On a story that was taken down.")
    Article.objects.filter(pk=story.pk).update(status=Article.Status.UNPUBLISHED)
    assert "taken down" not in client.get("/corrections/").content.decode()


def test_the_corrections_page_is_paginated(client, story):
    for minute in range(21):
        correct(story, when=CORRECTED + datetime.timedelta(minutes=minute), text=f"Note {minute}")
    first = soup_of(client, "/corrections/")
    assert len(first.find_all("li", class_="corrections-list__item")) == 20
    second = soup_of(client, "/corrections/?page=2")
    assert [p.text for p in second.find_all("p", class_="corrections-list__text")] == ["Note 0"]
    assert client.get("/corrections/?page=3").status_code == 404


def test_the_corrections_feed_links_each_entry_to_its_story(client, story):
    correction = correct(story, text="The bridge is 1.2 km long.")
    response = client.get("/corrections/feed/")
    assert response["Content-Type"].startswith("application/rss+xml")
    channel = ElementTree.fromstring(response.content).find("channel")
    item = channel.find("item")
    assert item.findtext("title") == "Correction: Council approves the bridge"
    assert item.findtext("description") == "The bridge is 1.2 km long."
    assert item.findtext("link").endswith(f"{story.get_absolute_url()}#correction-{correction.pk}")
    soup = soup_of(client, "/corrections/")
    feed = soup.find("link", rel="alternate", title=lambda t: t and "corrections" in t)
    assert feed["href"].endswith("/corrections/feed/")


def test_the_site_footer_links_to_the_corrections_page(client, story):
    footer = soup_of(client, "/").find("footer")
    assert footer.find("a", string="Corrections and clarifications")["href"] == "/corrections/"


def test_editing_a_correction_keeps_a_revision(story):
    """Readers' copy is never silently rewritten: the old wording stays in its history."""
    correction = correct(story, text="The bridge is 12 km long.")
    correction.text = "The bridge is 1.2 km long."
    correction.save()
    assert [r.text for r in correction.history.order_by("history_date")] == [
        "The bridge is 12 km long.",
        "The bridge is 1.2 km long.",
    ]


def test_saving_or_removing_a_correction_announces_the_story_after_commit(
    story, received, django_capture_on_commit_callbacks
):
    """The page cache hears of every change, once the transaction commits."""
    with django_capture_on_commit_callbacks(execute=False) as pending:
        correction = CorrectionFactory(article=story)
    assert received == []
    for callback in pending:
        callback()
    assert received == [{story.pk}]
    with django_capture_on_commit_callbacks(execute=True):
        correction.delete()
    assert received[-1] == {story.pk}


def test_a_cached_story_page_is_refreshed_when_a_correction_is_saved(
    client, story, django_capture_on_commit_callbacks
):
    """Whatever keeps a copy of the page drops it on article_changed and shows the note."""
    copies = {}

    def page_cache(sender, article_ids, **kwargs):
        for pk in article_ids:
            copies.pop(pk, None)

    article_changed.connect(page_cache)
    try:
        copies[story.pk] = client.get(story.get_absolute_url()).content
        with django_capture_on_commit_callbacks(execute=True):
            correct(story, text="The bridge is 1.2 km long.")
        assert story.pk not in copies
        assert "1.2 km" in client.get(story.get_absolute_url()).content.decode()
    finally:
        article_changed.disconnect(page_cache)
        cache.clear()
