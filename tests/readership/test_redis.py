"""The production counter store: Redis, shared by every app server and the clock."""

import datetime

import pytest

from articles.scheduling import announce_due_publications
from newsroom.clock import tick
from newsroom.readership import counting
from newsroom.readership.flush import flush
from newsroom.readership.models import DailyViews
from newsroom.readership.store import FLUSHING, PENDING
from tests.readership.conftest import FIREFOX

pytestmark = pytest.mark.django_db


def test_with_redis_no_reader_request_touches_the_database(
    redis_store, beacon, article, django_assert_num_queries
):
    """Not even once a minute: the clock flushes, from its own process."""
    announce_due_publications()
    with django_assert_num_queries(0):
        for ip in ("203.0.113.1", "203.0.113.2", "203.0.113.1"):
            assert beacon(article, ip=ip).status_code == 204
    assert not DailyViews.objects.exists()
    tick()
    assert DailyViews.objects.values_list("views", "visitors").get() == (3, 2)
    assert not redis_store.redis.exists(PENDING)


def test_a_batch_left_by_a_crashed_flush_is_written_by_the_next(redis_store, article):
    counting.record_view(article.pk, "203.0.113.1", FIREFOX, "testserver", store=redis_store)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr("newsroom.readership.flush.write", lambda counts: 1 / 0)
        with pytest.raises(ZeroDivisionError):
            flush(redis_store)
    assert list(redis_store.redis.scan_iter(match=FLUSHING + "*"))
    counting.record_view(article.pk, "203.0.113.2", FIREFOX, "testserver", store=redis_store)
    assert flush(redis_store) == 2
    assert DailyViews.objects.values_list("views", flat=True).get() == 2
    assert not list(redis_store.redis.scan_iter(match=FLUSHING + "*"))


def test_rotation_deletes_every_salt_but_todays_from_redis(redis_store):
    today = datetime.datetime(2026, 3, 11, 9, tzinfo=datetime.UTC)
    counting.todays_salt(today - datetime.timedelta(days=1), redis_store)
    counting.todays_salt(today, redis_store)
    counting.rotate_salt(today, redis_store)
    assert [key.decode() for key in redis_store.redis.scan_iter(match="readership:salt:*")] == [
        "readership:salt:2026-03-11"
    ]


def test_with_redis_down_the_beacon_still_answers(settings, beacon, article):
    """A view goes uncounted; nothing breaks."""
    settings.REDIS_URL = "redis://127.0.0.1:1/0"
    assert beacon(article).status_code == 204


def test_with_redis_one_address_with_300_browser_names_counts_as_a_handful(
    redis_store, beacon, article, settings
):
    for number in range(300):
        beacon(article, ip="203.0.113.66", user_agent=f"Mozilla/5.0 Firefox/{number}.0")
    for _ in range(9):
        beacon(article, ip="198.51.100.20")
    flush(redis_store)
    assert DailyViews.objects.values_list("views", "visitors").get() == (10 + 5, 10 + 1)
    # Neither the address nor the browser names are kept: only digests under the day's salt.
    keys = b" ".join(redis_store.redis.scan_iter(match="readership:*"))
    assert b"203.0.113.66" not in keys
    assert b"Firefox" not in keys
