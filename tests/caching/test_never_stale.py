"""Whatever writes a change (the admin, the shell, a bulk update, a script), the next reader sees
it; when the shared state cannot be read or written, readers get pages built fresh."""

import logging
import threading

import pytest
from bs4 import BeautifulSoup
from django.db import connection, transaction
from django.utils import timezone

from articles.models import Article
from comments.models import Comment
from newsroom.caching.invalidation import changed, forget_superseded_changes
from newsroom.caching.models import Change, Pending
from newsroom.caching.state import GENERATION, state, tag_key
from newsroom.caching.tracking import LISTINGS
from tests.comments.factories import CommentFactory
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db

DEAD_REDIS = "redis://127.0.0.1:9/0"


def shown(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return response


def comments_on(response):
    return [p.get_text() for p in BeautifulSoup(response.content, "html.parser").select(".comment")]


@pytest.fixture
def story():
    return ArticleFactory(headline="Harbour dredging begins", slug="dredging")


def warm(client, url):
    first = shown(client, url)
    second = shown(client, url)
    assert second["X-Page-Cache"] == "hit", (first.headers, second.headers)


def test_a_comment_saved_through_the_orm_shows_on_the_next_request(client, story):
    """A script or a data fix that creates an approved comment needs to tell nobody."""
    url = story.get_absolute_url()
    warm(client, url)
    Comment.objects.create(
        article=story,
        author_name="Ola",
        author_email="ola@example.com",
        text="Saved from the shell.",
        status=Comment.Status.APPROVED,
        submitted_at=timezone.now(),
        fingerprint=Comment.make_fingerprint("ola@example.com", "Saved from the shell."),
    )
    assert any("Saved from the shell." in text for text in comments_on(shown(client, url)))


def test_a_comment_approved_by_a_bulk_update_shows_on_the_next_request(client, story):
    """QuerySet.update() sends no signal; it makes the pages stale all the same."""
    held = CommentFactory(article=story, text="Held, then approved.", status="pending")
    url = story.get_absolute_url()
    warm(client, url)
    assert not any("Held, then approved." in text for text in comments_on(shown(client, url)))
    Comment.objects.filter(pk=held.pk).update(status=Comment.Status.APPROVED)
    assert any("Held, then approved." in text for text in comments_on(shown(client, url)))


def test_a_story_unpublished_by_a_bulk_update_leaves_every_page(client, story):
    for url in ("/", "/feed/", story.get_absolute_url()):
        warm(client, url)
    Article.objects.filter(pk=story.pk).update(status=Article.Status.UNPUBLISHED)
    assert "Harbour dredging begins" not in shown(client, "/").content.decode()
    assert "Harbour dredging begins" not in shown(client, "/feed/").content.decode()
    assert client.get(story.get_absolute_url()).status_code == 404


def test_a_pending_comment_changes_no_kept_page(client, story):
    """Held for moderation, a new comment shows to no reader: the kept page stays kept."""
    url = story.get_absolute_url()
    warm(client, url)
    CommentFactory(article=story, status="pending")
    assert shown(client, url)["X-Page-Cache"] == "hit"


def test_with_the_state_unreachable_readers_get_pages_built_fresh(client, story, settings):
    """Redis down: nothing kept is served and nothing is kept; the page is current."""
    url = story.get_absolute_url()
    warm(client, url)
    settings.REDIS_URL = DEAD_REDIS
    story.headline = "Harbour dredging halted"
    story.save()
    for _ in range(2):
        response = shown(client, url)
        assert response["X-Page-Cache"] == "bypass"
        assert response["Cache-Control"] == "no-cache"
        assert "Harbour dredging halted" in response.content.decode()


def test_a_change_redis_missed_is_recorded_when_it_is_back(
    client, story, settings, redis_state, django_capture_on_commit_callbacks, caplog
):
    """A takedown during a Redis outage is kept in PostgreSQL, logged as an error, and
    recorded once Redis answers: the page kept before it is never served again."""
    url = story.get_absolute_url()
    warm(client, url)
    settings.REDIS_URL = DEAD_REDIS
    with caplog.at_level(logging.ERROR), django_capture_on_commit_callbacks(execute=True):
        story.status = Article.Status.UNPUBLISHED
        story.save()
    assert "Could not record that pages showing" in caplog.text
    assert Pending.objects.exists()
    settings.REDIS_URL = redis_state
    assert client.get(url).status_code == 404
    assert "Harbour dredging begins" not in shown(client, "/").content.decode()
    assert not Pending.objects.exists()


def test_with_redis_a_change_is_recorded_once_committed(
    client, story, redis_state, django_capture_on_commit_callbacks
):
    url = story.get_absolute_url()
    warm(client, url)
    with django_capture_on_commit_callbacks(execute=True):
        story.headline = "Harbour dredging halted"
        story.save()
    assert "Harbour dredging halted" in shown(client, url).content.decode()
    assert not Pending.objects.exists()


def test_forgetting_commenters_addresses_changes_no_kept_page(client, story):
    """The nightly purge of addresses touches what no reader sees: kept pages stay kept."""
    CommentFactory(article=story)
    url = story.get_absolute_url()
    warm(client, url)
    assert Comment.objects.update(ip_address=None) == 1
    assert shown(client, url)["X-Page-Cache"] == "hit"


@pytest.mark.django_db(transaction=True)
def test_two_writers_never_wait_for_each_others_record_of_a_change():
    """Without Redis a change is recorded by inserting rows, none updated: an editor's open
    transaction never holds up a comment or another editor's save on a shared tag."""
    started, finish = threading.Event(), threading.Event()

    def long_save():
        try:
            with transaction.atomic():
                changed({LISTINGS, "story-1"})
                started.set()
                finish.wait(10)
        finally:
            connection.close()

    editor = threading.Thread(target=long_save)
    editor.start()
    assert started.wait(10)
    try:
        with connection.cursor() as cursor:
            cursor.execute("SET lock_timeout = '2s'")
        with transaction.atomic():
            changed({LISTINGS, "story-1"})
    finally:
        with connection.cursor() as cursor:
            cursor.execute("SET lock_timeout = 0")
        finish.set()
        editor.join()


def test_pruning_the_recorded_changes_keeps_every_version():
    shared = state()
    for _ in range(3):
        changed({LISTINGS, "story-1"})
        changed({"story-2"})
    keys = [GENERATION, tag_key(LISTINGS), tag_key("story-1"), tag_key("story-2")]
    before = shared.read(keys)
    forget_superseded_changes()
    assert shared.read(keys) == before
    assert Change.objects.count() == 3  # the newest of listings, story-1, story-2
