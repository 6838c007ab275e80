"""Requests per key (or anonymous address) per minute, and each key's last use, counted where
every app server sees the same: Redis when REDIS_URL is set, else PostgreSQL. Never a process's
own memory, which would give each server its own allowance.

One round trip per request either way: a Redis pipeline, or one upsert returning the count.
Fixed windows of a minute: simple, and enough to keep one partner from crowding out the rest.
"""

import functools
import logging
import time
from datetime import UTC, datetime

from django.conf import settings
from django.db import connection

from newsroom.api.models import Usage

logger = logging.getLogger(__name__)
WINDOW_SECONDS = 60


def retry_after(now):
    """Seconds until the current window ends (at least 1)."""
    return max(1, WINDOW_SECONDS - int(now % WINDOW_SECONDS))


class RedisUsage:
    def __init__(self, url, prefix):
        import redis

        self.client = redis.Redis.from_url(
            url, socket_timeout=0.5, socket_connect_timeout=0.5, decode_responses=True
        )
        self.prefix = f"{prefix}:api:" if prefix else "api:"

    def counter(self, subject):
        """The name of subject's counters, but for the window's number that ends it."""
        return f"{self.prefix}count:{subject}:"

    def last_used_key(self, subject):
        return f"{self.prefix}last-used:{subject}"

    def count(self, subject, now):
        # As newsroom.caching.state.HIT_SCRIPT counts a kept answer's hit.
        window = int(now // WINDOW_SECONDS)
        counter = f"{self.counter(subject)}{window}"
        with self.client.pipeline(transaction=False) as pipe:
            pipe.incr(counter)
            pipe.expire(counter, WINDOW_SECONDS + 5)
            pipe.set(self.last_used_key(subject), repr(now))
            count, _, _ = pipe.execute()
        return int(count)

    def last_used(self, subjects):
        subjects = list(subjects)
        if not subjects:
            return {}
        values = self.client.mget([f"{self.prefix}last-used:{subject}" for subject in subjects])
        return {
            subject: datetime.fromtimestamp(float(value), tz=UTC)
            for subject, value in zip(subjects, values, strict=True)
            if value is not None
        }


class DatabaseUsage:
    def count(self, subject, now):
        window = int(now // WINDOW_SECONDS)
        table = Usage._meta.db_table
        with connection.cursor() as cursor:
            cursor.execute(
                f"INSERT INTO {table} (subject, minute, count, last_used_at) "
                "VALUES (%s, %s, 1, to_timestamp(%s)) "
                "ON CONFLICT (subject) DO UPDATE SET "
                f"count = CASE WHEN {table}.minute = EXCLUDED.minute "
                f"THEN {table}.count + 1 ELSE 1 END, "
                "minute = EXCLUDED.minute, last_used_at = EXCLUDED.last_used_at "
                "RETURNING count",
                [subject, window, now],
            )
            return cursor.fetchone()[0]

    def last_used(self, subjects):
        return dict(
            Usage.objects.filter(subject__in=list(subjects)).values_list("subject", "last_used_at")
        )


@functools.cache
def _store_for(redis_url, prefix):
    return RedisUsage(redis_url, prefix) if redis_url else DatabaseUsage()


def store():
    return _store_for(settings.REDIS_URL, settings.NEWSROOM_CACHE_KEY_PREFIX)


def key_subject(key_id):
    return f"key:{key_id}"


def over_limit(subject, limit, now=None):
    """Count one request of subject; the seconds to wait when it is over limit, else None."""
    from redis.exceptions import RedisError

    now = time.time() if now is None else now
    try:
        count = store().count(subject, now)
    except RedisError as exc:
        # Partners keep being served while Redis is down; only the limit lapses.
        logger.warning("API usage not counted, Redis unavailable: %s", exc)
        return None
    if count > limit:
        return retry_after(now)
    return None


def last_used(keys):
    """{key id: when it was last used} for these keys (those never used are left out)."""
    found = store().last_used(key_subject(key.pk) for key in keys)
    return {key.pk: found[key_subject(key.pk)] for key in keys if key_subject(key.pk) in found}
