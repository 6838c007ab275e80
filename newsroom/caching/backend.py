"""The Redis cache, failing soft: with Redis down, pages and admin saves work uncached.

It holds copies (kept pages, counters); what decides whether a copy is current is read from
newsroom.caching.state, which fails closed instead."""

import functools
import logging

from django.core.cache.backends.redis import RedisCache, RedisCacheClient
from redis.exceptions import RedisError

logger = logging.getLogger(__name__)


def _fail_soft(default):
    def decorate(method):
        @functools.wraps(method)
        def wrapper(self, *args, **kwargs):
            try:
                result = method(self, *args, **kwargs)
            except RedisError as exc:
                # Once per outage, not once per request: the log would drown in it.
                if not self._down:
                    logger.warning("Redis unavailable, running without the cache: %s", exc)
                self._down = True
                return default(args, kwargs) if callable(default) else default
            if self._down:
                logger.warning("Redis is back: the cache is in use again")
                self._down = False
            return result

        return wrapper

    return decorate


def _get_default(args, kwargs):
    return kwargs.get("default", args[1] if len(args) > 1 else None)


def _incr_default(args, kwargs):
    # incr() of a missing key raises ValueError in Django; an unreachable one counts from 0.
    return kwargs.get("delta", args[1] if len(args) > 1 else 1)


class ReusedClients(RedisCacheClient):
    """Django's Redis client, keeping one redis.Redis per connection pool.

    Django builds a new redis.Redis for every cache call, and each one fills its table of
    reply handlers afresh: a tenth of a millisecond per call, several calls per request.
    A redis.Redis is safe to share between threads; its connections come from the pool.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._clients = {}

    def get_client(self, key=None, *, write=False):
        pool = self._get_connection_pool(write)
        client = self._clients.get(pool)
        if client is None:
            client = self._clients[pool] = self._client(connection_pool=pool)
        return client


class FailSoftRedisCache(RedisCache):
    """Django's RedisCache, where every call answers "not cached" while Redis is unreachable."""

    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = ReusedClients
        self._down = False

    def validate_key(self, key):
        # Django's check warns of keys memcached would refuse (spaces, over 250 characters);
        # Redis takes any key, and the check was a tenth of the work of a page-cache hit,
        # which reads the versions of some thirty tags.
        return None

    get = _fail_soft(_get_default)(RedisCache.get)
    get_many = _fail_soft({})(RedisCache.get_many)
    has_key = _fail_soft(False)(RedisCache.has_key)
    set = _fail_soft(None)(RedisCache.set)
    set_many = _fail_soft([])(RedisCache.set_many)
    add = _fail_soft(False)(RedisCache.add)
    touch = _fail_soft(False)(RedisCache.touch)
    delete = _fail_soft(False)(RedisCache.delete)
    delete_many = _fail_soft(None)(RedisCache.delete_many)
    incr = _fail_soft(_incr_default)(RedisCache.incr)
    clear = _fail_soft(False)(RedisCache.clear)
