"""Pieces of story pages kept in memory (newsroom.caching.pieces): reused until what they show
changes."""

import time

import pytest
import time_machine
from bs4 import BeautifulSoup
from django.test import Client
from django.urls import reverse

from comments.signals import announce_comments_changed
from tests.comments.factories import CommentFactory
from tests.factories import ArticleFactory, AuthorFactory, CorrectionFactory, SectionFactory
from tests.helpers import admin_form_data, client_for


def soup(response):
    return BeautifulSoup(response.content, "html.parser")


@pytest.fixture
def pieces(settings):
    """Pages built for each request (no page cache), from kept pieces, as for a commenter."""
    settings.NEWSROOM_CACHE_WHOLE_PAGES = False
    settings.NEWSROOM_CACHE = True


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """Run a block's after-commit work (article_changed, comments_changed) as a commit does."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


@pytest.fixture
def story(db, committed):
    with committed():
        story = ArticleFactory(
            headline="Bridge reopens",
            section=SectionFactory(name="City", slug="city"),
            authors=[AuthorFactory(name="Pat Writer")],
            tags=["bridges"],
        )
        ArticleFactory(headline="Ferry timetable changes", tags=["bridges"])
        CommentFactory(article=story, text="First!")
    return story


def test_a_story_page_built_again_reads_one_row(
    pieces, redis_state, story, client, django_assert_num_queries
):
    """With the state in Redis, the database sees one query: the story's row."""
    url = story.get_absolute_url()
    first = client.get(url)
    with django_assert_num_queries(1):
        again = client.get(url)
    assert again.content == first.content
    page = soup(again)
    assert page.find("h1").get_text(strip=True) == "Bridge reopens"
    assert "Pat Writer" in page.select_one(".byline").get_text()
    assert "Ferry timetable changes" in page.select_one(".check-also").get_text()
    assert "First!" in page.select_one(".comment-list").get_text()


def test_each_change_shows_on_the_next_request(pieces, story, client, committed):
    url = story.get_absolute_url()
    client.get(url)
    with committed():
        CommentFactory(article=story, text="Second thoughts.")
        # As approving it in the moderation queue does.
        announce_comments_changed({story.pk})
    assert "Second thoughts." in soup(client.get(url)).select_one(".comment-list").get_text()

    with committed():
        story.headline = "Bridge reopens to traffic"
        story.save()
    page = soup(client.get(url))
    assert page.find("h1").get_text(strip=True) == "Bridge reopens to traffic"
    assert "Bridge reopens to traffic" in page.select_one(".comments-title").get_text()

    with committed():
        author = story.authors.get()
        author.name = "Pat Writer-Jones"
        author.save()
    assert "Pat Writer-Jones" in soup(client.get(url)).select_one(".byline").get_text()

    with committed():
        story.section.name = "Metro"
        story.section.save()
    page = soup(client.get(url))
    assert "Metro" in page.select_one(".breadcrumb").get_text()

    with committed():
        CorrectionFactory(article=story, text="An earlier version gave the wrong date.")
    assert "An earlier version gave the wrong date." in client.get(url).content.decode()

    with committed():
        ArticleFactory(headline="Bridge tolls return", tags=["bridges"])
    assert "Bridge tolls return" in client.get(url).content.decode()


def test_a_readers_own_pending_comment_is_never_kept_for_others(pieces, story, post, committed):
    url = story.get_absolute_url()
    commenter, reader = Client(), Client()
    reader.get(url)
    with committed():
        assert post(story, client=commenter, comment="Mine, held.").status_code == 302
    mine = soup(commenter.get(url)).get_text()
    assert "Mine, held." in mine and "Your comment is awaiting moderation." in mine
    assert "Mine, held." not in reader.get(url).content.decode()


def test_a_preview_of_unsaved_changes_is_never_kept_for_readers(pieces, story, editor, client):
    url = story.get_absolute_url()
    client.get(url)
    editor_client = client_for(editor)
    change = reverse("admin:articles_article_change", args=[story.pk])
    data = admin_form_data(editor_client, change)
    data.update(headline="Not for readers yet", _preview="1")
    shown = soup(editor_client.post(change, data))
    assert shown.find("h1").get_text(strip=True) == "Not for readers yet"
    assert soup(client.get(url)).find("h1").get_text(strip=True) == "Bridge reopens"


def test_a_page_built_from_kept_pieces_is_emptied_by_what_they_show(
    settings, story, client, committed
):
    """The whole-page cache learns what the pieces it was built from show."""
    settings.NEWSROOM_CACHE_WHOLE_PAGES = False
    url = story.get_absolute_url()
    client.get(url)
    settings.NEWSROOM_CACHE_WHOLE_PAGES = True
    client.get(url)
    assert client.get(url)["X-Page-Cache"] == "hit"
    with committed():
        CommentFactory(article=story, text="Late reply.")
        announce_comments_changed({story.pk})
    response = client.get(url)
    assert response["X-Page-Cache"] == "miss"
    assert "Late reply." in response.content.decode()


def test_home_and_section_pages_built_again_read_at_most_one_row(
    redis_state, pieces, story, client, django_assert_max_num_queries
):
    for url in ("/", "/city/"):
        first = client.get(url)
        with django_assert_max_num_queries(1):
            again = client.get(url)
        assert again.content == first.content
        assert "Bridge reopens" in again.content.decode()


def test_lists_show_each_change_on_the_next_request(pieces, story, client, committed):
    for url in ("/", "/city/", "/tag/bridges/"):
        client.get(url)
    with committed():
        story.headline = "Bridge reopens to traffic"
        story.save()
    with committed():
        ArticleFactory(headline="Tunnel plans shelved", section=story.section, tags=["bridges"])
    for url in ("/", "/city/", "/tag/bridges/"):
        text = client.get(url).content.decode()
        assert "Bridge reopens to traffic" in text, url
        assert "Tunnel plans shelved" in text, url
    with committed():
        CommentFactory(article=story, text="Nice.")
        announce_comments_changed({story.pk})
    cards = soup(client.get("/city/")).select(".story-card__comments")
    assert any("2 comments" in card.get_text() for card in cards)


def test_a_page_past_the_end_stays_missing(pieces, story, client):
    client.get("/city/")
    assert client.get("/city/?page=9").status_code == 404
    assert client.get("/city/?page=9").status_code == 404


def test_a_preview_never_puts_its_headline_in_the_readers_thread(pieces, story, editor, client):
    """The thread's heading names the story: a preview's is its own, and never kept."""
    url = story.get_absolute_url()
    editor_client = client_for(editor)
    change = reverse("admin:articles_article_change", args=[story.pk])
    data = admin_form_data(editor_client, change)
    data.update(headline="Not for readers yet", _preview="1")
    shown = soup(editor_client.post(change, data))
    assert "Not for readers yet" in shown.select_one(".comments-title").get_text()
    assert "Not for readers yet" not in client.get(url).content.decode()
    editor_client.post(change, data)
    assert "Bridge reopens" in soup(client.get(url)).select_one(".comments-title").get_text()


def test_the_kept_form_takes_a_comment_and_keeps_no_readers_details(pieces, story, post):
    url = story.get_absolute_url()
    jane, stranger = Client(), Client()
    page = soup(jane.get(url))
    token = page.select_one("input[name=comment_token]")["value"]
    # Jane reads the story for a minute before sending her comment.
    with time_machine.travel(time.time() + 60):
        sent = post(
            story, client=jane, comment_token=token, **{"wp-comment-cookies-consent": "yes"}
        )
    assert sent.status_code == 302
    assert soup(jane.get(url)).select_one("#author")["value"] == "Jane Reader"
    form = soup(stranger.get(url)).select_one("#commentform")
    assert form.select_one("#author").get("value", "") == ""
    assert "Jane Reader" not in form.decode()
