import datetime
import re

import pytest
import time_machine
from bs4 import BeautifulSoup
from django.core.cache import cache
from django.test import Client

from articles.scheduling import announce_due_publications
from newsroom.readership import counting
from newsroom.readership.flush import REQUEST_FLUSH_LOCK, flush
from newsroom.readership.models import DailyViews, HourlyViews
from newsroom.readership.store import CacheStore
from tests.factories import ArticleFactory
from tests.helpers import client_for
from tests.readership.conftest import FIREFOX, SAFARI

pytestmark = pytest.mark.django_db
NOON = datetime.datetime(2026, 3, 10, 12, 15, tzinfo=datetime.UTC)


def totals(article):
    row = DailyViews.objects.filter(article=article).values("views", "visitors").first()
    return (row["views"], row["visitors"]) if row else (0, 0)


def test_story_page_carries_the_beacon_script_with_a_signed_story_id(client, article):
    """A static script, no inline code: the page works the same from a cache."""
    soup = BeautifulSoup(client.get(article.get_absolute_url()).content, "html.parser")
    script = soup.select_one("script[data-token]")
    assert script["src"].endswith("js/beacon.js")
    assert script["data-url"] == "/readership/hit"
    assert counting.article_from_token(script["data-token"]) == article.pk


def test_a_preview_is_not_counted(editor, article):
    """Editors checking a story in preview add nothing to its readers."""
    response = client_for(editor).get(f"/preview/{article.pk}/")
    assert response.status_code == 200
    assert b"data-token" not in response.content


def test_a_view_waits_in_the_cache_and_the_flush_writes_it(
    beacon, article, django_assert_num_queries
):
    """The request writes nothing to the database; the minute's flush writes the day's total."""
    cache.add(REQUEST_FLUSH_LOCK, True, timeout=60)  # this minute's flush has already run
    announce_due_publications()  # what every request checks, once, for scheduled stories
    with django_assert_num_queries(0):
        assert beacon(article).status_code == 204
    assert totals(article) == (0, 0)
    assert flush(CacheStore()) == 1
    assert totals(article) == (1, 1)


def test_a_reader_reloading_counts_as_views_but_one_visitor(beacon, article):
    cache.add(REQUEST_FLUSH_LOCK, True, timeout=60)
    beacon(article)
    beacon(article)
    beacon(article, user_agent=SAFARI)  # another browser behind the same address
    beacon(article, ip="198.51.100.20")
    flush(CacheStore())
    assert totals(article) == (4, 3)


def test_without_redis_a_request_flushes_at_most_once_a_minute(beacon, article):
    """With only the web process's cache, the counts reach the database from a request."""
    beacon(article)
    assert totals(article) == (1, 1)
    beacon(article, ip="198.51.100.20")
    assert totals(article) == (1, 1)
    cache.delete(REQUEST_FLUSH_LOCK)
    beacon(article, ip="198.51.100.21")
    assert totals(article) == (3, 3)


@pytest.mark.parametrize(
    "user_agent, headers",
    [
        ("Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)", {}),
        ("Mozilla/5.0 (compatible; bingbot/2.0)", {}),
        ("facebookexternalhit/1.1", {}),
        ("Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 HeadlessChrome/131.0", {}),
        ("curl/8.5.0", {}),
        ("python-requests/2.32", {}),
        ("", {}),
        (FIREFOX, {"HTTP_SEC_PURPOSE": "prefetch;prerender"}),
        (FIREFOX, {"HTTP_PURPOSE": "prefetch"}),
    ],
)
def test_robots_and_prefetches_are_not_counted(beacon, article, user_agent, headers):
    cache.add(REQUEST_FLUSH_LOCK, True, timeout=60)
    assert beacon(article, user_agent=user_agent, **headers).status_code == 204
    flush(CacheStore())
    assert totals(article) == (0, 0)


@pytest.mark.parametrize("token", ["", "12", "12:forged", "abc:def"])
def test_a_beacon_with_a_forged_story_id_is_refused(client, token):
    response = client.post("/readership/hit", {"a": token}, HTTP_USER_AGENT=FIREFOX)
    assert response.status_code == 400


def test_the_beacon_works_without_a_csrf_token_or_cookie(article):
    """Cached pages carry no token; the beacon must count from them all the same."""
    client = Client(enforce_csrf_checks=True)
    response = client.post(
        "/readership/hit", {"a": counting.beacon_token(article)}, HTTP_USER_AGENT=FIREFOX
    )
    assert response.status_code == 204
    assert not response.cookies
    assert "no-cache" in response["Cache-Control"]


def test_the_beacon_only_takes_posts(client):
    assert client.get("/readership/hit").status_code == 405


def test_views_land_in_the_hour_and_day_they_happened(article):
    store = CacheStore()
    with time_machine.travel(NOON, tick=False):
        counting.record_view(article.pk, "203.0.113.9", FIREFOX, "testserver", store=store)
    with time_machine.travel(NOON + datetime.timedelta(hours=2), tick=False):
        counting.record_view(article.pk, "203.0.113.9", FIREFOX, "testserver", store=store)
        counting.record_view(article.pk, "203.0.113.10", FIREFOX, "testserver", store=store)
    flush(store)
    hours = dict(HourlyViews.objects.values_list("hour", "views"))
    assert hours == {
        datetime.datetime(2026, 3, 10, 12, tzinfo=datetime.UTC): 1,
        datetime.datetime(2026, 3, 10, 14, tzinfo=datetime.UTC): 2,
    }
    day = DailyViews.objects.get(article=article)
    assert (day.date, day.views, day.visitors) == (datetime.date(2026, 3, 10), 3, 2)


def test_flushing_twice_adds_each_view_once(article):
    store = CacheStore()
    counting.record_view(article.pk, "203.0.113.9", FIREFOX, "testserver", store=store)
    flush(store)
    flush(store)
    counting.record_view(article.pk, "203.0.113.10", FIREFOX, "testserver", store=store)
    flush(store)
    assert totals(article) == (2, 2)


def test_views_of_a_story_deleted_before_the_flush_are_dropped(article):
    store = CacheStore()
    gone = ArticleFactory()
    counting.record_view(gone.pk, "203.0.113.9", FIREFOX, "testserver", store=store)
    counting.record_view(article.pk, "203.0.113.9", FIREFOX, "testserver", store=store)
    gone.delete()
    assert flush(store) == 1
    assert totals(article) == (1, 1)


def test_the_salt_changes_each_day_and_yesterdays_is_deleted(article):
    """Yesterday's hashes cannot be linked to today's: the salt that made them is gone."""
    store = CacheStore()
    day_one, day_two = NOON, NOON + datetime.timedelta(days=1)
    salt_one = counting.todays_salt(day_one, store)
    salt_two = counting.todays_salt(day_two, store)
    assert salt_one != salt_two
    same_reader = ("203.0.113.9", FIREFOX, "testserver")
    assert counting.visitor_hash(salt_one, *same_reader) != counting.visitor_hash(
        salt_two, *same_reader
    )
    counting.rotate_salt(day_two, store)
    assert cache.get(f"readership:salt:{day_one.date().isoformat()}") is None
    assert counting.todays_salt(day_two, store) == salt_two


def test_a_reader_of_yesterday_counts_again_as_todays_visitor(article):
    store = CacheStore()
    for moment in (NOON, NOON + datetime.timedelta(days=1)):
        with time_machine.travel(moment, tick=False):
            counting.record_view(article.pk, "203.0.113.9", FIREFOX, "testserver", store=store)
            counting.rotate_salt(moment, store)
    flush(store)
    assert sorted(DailyViews.objects.values_list("date", "visitors")) == [
        (datetime.date(2026, 3, 10), 1),
        (datetime.date(2026, 3, 11), 1),
    ]


def test_nothing_of_the_reader_is_stored(beacon, article):
    """No address and no browser name, in the database or in the cache."""
    beacon(article)
    flush(CacheStore())
    stored = repr(list(DailyViews.objects.values())) + repr(list(HourlyViews.objects.values()))
    cached = repr({key: cache.get(key) for key in cache._cache}) + repr(list(cache._cache))
    for secret in ("203.0.113.9", "Firefox"):
        assert secret not in stored
        assert secret not in cached


def test_visitor_hash_is_a_keyed_digest_not_the_address():
    digest = counting.visitor_hash("salt-of-the-day", "203.0.113.9", FIREFOX, "news.example")
    assert re.fullmatch(r"[0-9a-f]{32}", digest)


def test_one_address_with_300_browser_names_counts_as_a_handful(beacon, article, settings):
    """Counts from one address past its share of the day are ignored, whatever the browser."""
    cache.add(REQUEST_FLUSH_LOCK, True, timeout=60)
    for number in range(300):
        user_agent = (
            f"Mozilla/5.0 (X11; Linux x86_64; rv:{number}.0) Gecko/20100101 Firefox/{number}.0"
        )
        assert beacon(article, ip="203.0.113.66", user_agent=user_agent).status_code == 204
    beacon(article, ip="198.51.100.20")  # a reader elsewhere still counts
    flush(CacheStore())
    views, visitors = totals(article)
    assert views == visitors == settings.NEWSROOM_READERSHIP_VIEWS_PER_ADDRESS + 1 == 11


def test_one_reader_reloading_all_day_counts_five_views(beacon, article):
    cache.add(REQUEST_FLUSH_LOCK, True, timeout=60)
    for _ in range(40):
        beacon(article)
    flush(CacheStore())
    assert totals(article) == (5, 1)


@pytest.mark.parametrize(
    "headers",
    [
        {"HTTP_SEC_FETCH_SITE": "cross-site"},
        {"HTTP_SEC_FETCH_SITE": "same-site"},
        {"HTTP_ORIGIN": "https://evil.example"},
    ],
)
def test_a_beacon_from_another_sites_page_is_refused(beacon, article, headers):
    cache.add(REQUEST_FLUSH_LOCK, True, timeout=60)
    response = beacon(article, **headers)
    assert response.status_code == 403
    assert response.text == "Views are counted from our own pages."
    flush(CacheStore())
    assert totals(article) == (0, 0)


def test_a_beacon_from_our_own_page_counts(beacon, article):
    cache.add(REQUEST_FLUSH_LOCK, True, timeout=60)
    ours = {"HTTP_SEC_FETCH_SITE": "same-origin", "HTTP_ORIGIN": "http://testserver"}
    assert beacon(article, **ours).status_code == 204
    flush(CacheStore())
    assert totals(article) == (1, 1)
