import os

import pytest
from django.core.cache import cache

from newsroom.readership import store as stores
from newsroom.readership.counting import beacon_token

FIREFOX = "Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0"
SAFARI = "Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 Safari/604.1"
# A Redis database of the tests' own; the Redis tests are skipped where none answers.
TEST_REDIS_URL = os.environ.get("NEWSROOM_TEST_REDIS_URL", "redis://127.0.0.1:6379/4")


@pytest.fixture(autouse=True)
def _empty_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def redis_store(settings):
    import redis

    try:
        redis.Redis.from_url(TEST_REDIS_URL).ping()
    except redis.RedisError:
        pytest.skip(f"No Redis at {TEST_REDIS_URL}")
    settings.REDIS_URL = TEST_REDIS_URL
    store = stores.RedisStore(TEST_REDIS_URL)
    store.redis.flushdb()
    yield store
    store.redis.flushdb()


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
