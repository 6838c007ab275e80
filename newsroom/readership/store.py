"""Where views wait between a reader's request and the minute's flush: Redis, or the cache.

A request costs one Redis round trip (a small script) and never touches the database. With
`REDIS_URL` unset (development, tests) the Django cache stands in: fine for one process, which
is all a memory cache can be shared by anyway.
"""

import threading
import uuid
from functools import cache as once

from django.conf import settings
from django.core.cache import cache

PENDING = "readership:pending"
FLUSHING = "readership:flushing:"
SEEN = "readership:seen:"
ADDRESS = "readership:address:"
SALT = "readership:salt:"
# One view: KEYS = pending hash, the reader's key and the address's key for this story today;
# ARGV = bucket, seconds to midnight, views counted per reader, views counted per address.
# Past either cap the view is ignored; a reader first seen today also counts as a visitor.
COUNT_VIEW = """
local from_address = redis.call('INCR', KEYS[3])
if from_address == 1 then redis.call('EXPIRE', KEYS[3], ARGV[2]) end
if from_address > tonumber(ARGV[4]) then return 0 end
local seen = redis.call('INCR', KEYS[2])
if seen == 1 then redis.call('EXPIRE', KEYS[2], ARGV[2]) end
if seen > tonumber(ARGV[3]) then return 0 end
redis.call('HINCRBY', KEYS[1], ARGV[1] .. ':v', 1)
if seen == 1 then redis.call('HINCRBY', KEYS[1], ARGV[1] .. ':u', 1) end
return 1
"""


class RedisStore:
    # The clock (manage.py newsroom_clock) flushes every minute from its own process.
    flushes_in_requests = False

    def __init__(self, url):
        import redis

        self.redis = redis.Redis.from_url(url)
        self.count = self.redis.register_script(COUNT_VIEW)
        # Today's salt, so that a view costs one round trip; a new day fetches the new one.
        self.salt_day = self.salt_value = None

    def add_view(self, bucket, seen_key, address_key, seconds, caps):
        """Count one view in `bucket` unless the reader or the address is past its cap for the
        day (caps: views per reader, views per address); True when counted."""
        return bool(
            self.count(
                keys=[PENDING, SEEN + seen_key, ADDRESS + address_key],
                args=[bucket, seconds, *caps],
            )
        )

    def take_batches(self):
        """Move the pending counts aside and return every batch not yet written, by name.

        A batch left behind by a flush that crashed is returned again, so nothing is lost.
        """
        name = FLUSHING + uuid.uuid4().hex
        # RENAMENX moves the whole hash at once: views counted meanwhile start a new one.
        if self.redis.exists(PENDING):
            self.redis.renamenx(PENDING, name)
        batches = {}
        for key in self.redis.scan_iter(match=FLUSHING + "*", count=100):
            raw = self.redis.hgetall(key)
            batches[key] = {field.decode(): int(value) for field, value in raw.items()}
        return batches

    def forget_batch(self, name):
        self.redis.delete(name)

    def salt(self, day, seconds):
        if self.salt_day != day:
            key = f"{SALT}{day.isoformat()}"
            self.redis.set(key, uuid.uuid4().hex + uuid.uuid4().hex, nx=True, ex=seconds)
            self.salt_day, self.salt_value = day, self.redis.get(key).decode()
        return self.salt_value

    def delete_salts_except(self, day):
        keep = f"{SALT}{day.isoformat()}".encode()
        for key in self.redis.scan_iter(match=SALT + "*"):
            if key != keep:
                self.redis.delete(key)


class CacheStore:
    """The same, through Django's cache API (whose increments are not shared-dict atomic)."""

    lock = threading.Lock()
    # A memory cache lives in the web process: only a request there can flush it.
    flushes_in_requests = True

    def add_view(self, bucket, seen_key, address_key, seconds, caps):
        per_reader, per_address = caps
        if _count(ADDRESS + address_key, seconds) > per_address:
            return False
        seen = _count(SEEN + seen_key, seconds)
        if seen > per_reader:
            return False
        first_time = seen == 1
        with self.lock:
            pending = cache.get(PENDING) or {}
            pending[f"{bucket}:v"] = pending.get(f"{bucket}:v", 0) + 1
            if first_time:
                pending[f"{bucket}:u"] = pending.get(f"{bucket}:u", 0) + 1
            cache.set(PENDING, pending, timeout=None)
        return True

    def take_batches(self):
        with self.lock:
            pending = cache.get(PENDING)
            cache.delete(PENDING)
        return {PENDING: pending} if pending else {}

    def forget_batch(self, name):
        """Taken already: the cache store hands each batch out once."""

    def salt(self, day, seconds):
        key = f"{SALT}{day.isoformat()}"
        cache.add(key, uuid.uuid4().hex + uuid.uuid4().hex, timeout=seconds)
        salts = cache.get(SALT + "days") or set()
        if day.isoformat() not in salts:
            cache.set(SALT + "days", salts | {day.isoformat()}, timeout=None)
        return cache.get(key)

    def delete_salts_except(self, day):
        salts = cache.get(SALT + "days") or set()
        for other in salts - {day.isoformat()}:
            cache.delete(SALT + other)
        cache.set(SALT + "days", salts & {day.isoformat()}, timeout=None)


def _count(key, seconds):
    if cache.add(key, 1, timeout=seconds):
        return 1
    try:
        return cache.incr(key)
    except ValueError:
        # Expired between add() and incr(): the day's first.
        cache.add(key, 1, timeout=seconds)
        return 1


@once
def _redis_store(url):
    return RedisStore(url)


def get_store():
    url = getattr(settings, "REDIS_URL", "")
    return _redis_store(url) if url else CacheStore()
