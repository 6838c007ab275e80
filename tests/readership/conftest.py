import os

import pytest
from django.core.cache import cache

from newsroom.readership import store as stores
from newsroom.readership.counting import beacon_token
from newsroom.readership.flush import REQUEST_FLUSH_LOCK
from tests.helpers import forget_kept

FIREFOX = "Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0"
SAFARI = "Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 Safari/604.1"
# A Redis database of the tests' own; the Redis tests are skipped where none answers.
# A database of their own: the counters' keys have fixed names, and the two-server tests' app
# servers (on NEWSROOM_TEST_REDIS_URL) count and flush views of their own in theirs.
TEST_REDIS_URL = os.environ.get("NEWSROOM_TEST_READERSHIP_REDIS_URL", "redis://127.0.0.1:6379/14")


def forget_counts():
    """Empty what the counters keep in the cache, and only that: other tests rely on the rest."""
    days = cache.get(stores.SALT + "days") or set()
    cache.delete_many(
        [
            stores.PENDING,
            stores.SALT + "days",
            *(stores.SALT + day for day in days),
            REQUEST_FLUSH_LOCK,
        ]
    )
    # The most-read box, as it will be once its minutes are up.
    forget_kept()


@pytest.fixture(autouse=True)
def _no_counts_from_other_tests():
    forget_counts()
    yield
    forget_counts()


@pytest.fixture
def redis_store(settings):
    import redis

    try:
        redis.Redis.from_url(TEST_REDIS_URL).ping()
    except redis.RedisError:
        pytest.skip(f"No Redis at {TEST_REDIS_URL}")
    settings.REDIS_URL = TEST_REDIS_URL
    store = stores.RedisStore(TEST_REDIS_URL)
    forget_redis_counts(store)
    yield store
    forget_redis_counts(store)


def forget_redis_counts(store):
    """Delete the counters' keys, and only those: the two-server tests keep theirs beside them.

    The keys have fixed names, so these tests run on one pytest-xdist worker (tests/conftest.py).
    """
    for key in store.redis.scan_iter(match="readership:*"):
        store.redis.delete(key)


@pytest.fixture
def beacon(client):
    """Post the story page's beacon as a reader's browser would."""

    def send(article, ip="203.0.113.9", user_agent=FIREFOX, client=client, **headers):
        return client.post(
            "/readership/hit",
            {"a": beacon_token(article)},
            REMOTE_ADDR=ip,
            HTTP_USER_AGENT=user_agent,
            **headers,
        )

    return send
