"""The shared state that says whether a kept copy is still current.

Every kept page and piece is checked against this state before it is used again, so it must be
the same for every process that serves pages: Redis when REDIS_URL is set, otherwise a table in
PostgreSQL (what a one-machine install already shares). Never a process's own memory.

When the state cannot be read or written, callers get Unavailable and build pages fresh: a
reader may wait a little longer, but never sees what an editor has taken down.
"""

import functools
import logging
import time
import uuid
from contextvars import ContextVar

from django.conf import settings
from django.db import DatabaseError, connection
from django.utils import timezone

logger = logging.getLogger(__name__)

# After Redis failed, how long every call is refused at once, without waiting for a timeout:
# during an outage a page is built fresh instead of waiting half a second for an answer.
RETRY_SECONDS = 1.0
# Changes with every recorded change: a page is kept only if it did not change while it was
# built, and a piece whose generation is current needs no other check.
GENERATION = "generation"
# How long Redis remembers a tag's version; a page whose tag version was forgotten is rebuilt.
VERSION_SECONDS = 7 * 24 * 3600


def tag_key(tag):
    """The key of a tag's version: it changes whenever a page showing the tag goes stale."""
    return f"tag:{tag}"


def clock():
    """Now, as a timestamp: the application's clock (django.utils.timezone), which tests move."""
    return timezone.now().timestamp()


class Unavailable(Exception):
    """The shared state could not be read or written."""


class RedisState:
    """Plain string values in Redis, under the site's key prefix. Writes happen at once, so a
    change is recorded after its transaction commits (newsroom.caching.invalidation)."""

    in_transaction = False

    def __init__(self, url, prefix):
        import redis

        self._url = url
        self.client = redis.Redis.from_url(
            url, socket_timeout=0.5, socket_connect_timeout=0.5, decode_responses=True
        )
        self.prefix = f"{prefix}:caching:" if prefix else "caching:"
        self.refused_until = 0.0
        # Failed since the last sweep: a change may have been missed (invalidation.Sweeper).
        self.troubled = False

    def _call(self, operation):
        from redis.exceptions import RedisError

        if time.monotonic() < self.refused_until:
            raise Unavailable("Redis failed a moment ago")
        try:
            return operation(self.client)
        except RedisError as exc:
            if time.monotonic() >= self.refused_until + RETRY_SECONDS:
                logger.warning("Redis unavailable: kept pages are bypassed (%s)", exc)
            self.refused_until = time.monotonic() + RETRY_SECONDS
            self.troubled = True
            raise Unavailable(str(exc)) from exc

    def read(self, keys):
        keys = list(keys)
        if not keys:
            return {}
        values = self._call(lambda client: client.mget([self.prefix + key for key in keys]))
        return {key: value for key, value in zip(keys, values, strict=True) if value is not None}

    def write(self, values, seconds=None):
        """Set these values, all at once."""

        def operation(client):
            with client.pipeline(transaction=True) as pipe:
                for key, value in values.items():
                    pipe.set(self.prefix + key, value, ex=seconds)
                pipe.execute()

        if values:
            self._call(operation)

    def bump(self, tags):
        """New versions for these tags and a new generation, all at once."""
        version = uuid.uuid4().hex
        self.write(
            {GENERATION: version, **{tag_key(tag): version for tag in tags}}, VERSION_SECONDS
        )

    def add(self, key, value, seconds):
        return bool(
            self._call(lambda client: client.set(self.prefix + key, value, nx=True, ex=seconds))
        )

    def delete(self, *keys):
        if keys:
            self._call(lambda client: client.delete(*(self.prefix + key for key in keys)))

    def count(self, key, seconds):
        """Add one to the counter at key and return it; a new counter lasts `seconds`."""

        def operation(client):
            with client.pipeline(transaction=True) as pipe:
                # SET NX starts the counter with its lifetime (EXPIRE NX needs Redis 7).
                pipe.set(self.prefix + key, 0, nx=True, ex=seconds)
                pipe.incr(self.prefix + key)
                return pipe.execute()[1]

        return int(self._call(operation))

    def forget_expired(self):
        """Redis forgets expired keys by itself."""

    # -- kept answers, checked inside Redis (newsroom.caching.hits) --------------------------

    @functools.cached_property
    def _raw(self):
        """A client giving bytes back: kept answers are pickled."""
        import redis

        client = redis.Redis.from_url(self._url, socket_timeout=0.5, socket_connect_timeout=0.5)
        return client, client.register_script(HIT_SCRIPT)

    def hit(self, schedule, name, held, now, record=None):
        """Whether the answer kept under `name` is current, asked in one round trip.

        (verdict, pickled entry or None): "hit" (the entry is None when the copy whose id
        is `held` is the current one), "stale" (missing, expired or made stale), "due" (a
        scheduled change's time has come: announcers must run first; `schedule`: the keys of
        the next change and of the version it was worked out at). With `record` (the
        name of a caller's kept check, newsroom.caching.hits.Gate), also "unknown" (no
        current check) and "over" (over its limit); a hit counts one request against it."""
        _client, script = self._raw
        keys = [*(self.prefix + key for key in schedule), self.prefix + name]
        if record is not None:
            keys.append(self.prefix + record)
        reply = self._call(lambda _client: script(keys=keys, args=[repr(now), held or ""]))
        return reply[0].decode(), reply[1] if len(reply) > 1 else None

    def keep_answer(self, name, fields, seconds):
        """Store a kept answer or check (a hash of `fields`, see HIT_SCRIPT) for `seconds`."""
        client, _script = self._raw
        key = self.prefix + name

        def operation(_client):
            with client.pipeline(transaction=True) as pipe:
                pipe.delete(key)
                pipe.hset(key, mapping=fields)
                pipe.expire(key, max(1, int(seconds)))
                pipe.execute()

        self._call(operation)

    def full_keys(self, keys):
        """The Redis names of these state keys, as HIT_SCRIPT reads them."""
        return [self.prefix + key for key in keys]


# One round trip for a kept answer: is the next scheduled change still ahead (as
# schedule.recorded() and is_due() decide), are the versions of the tags the answer was kept
# with still current, and, for a caller with a key, is its kept check current and within its
# limit (then counted, as newsroom.api.usage counts). Kept answers and checks are hashes:
# keys (the Redis names of their tags' versions, space-separated), versions (the versions
# they were kept with, in the same order, empty for none), expires (a timestamp); an answer
# also id (the caller's copy is current if it has this id: ARGV[2]) and entry (pickled); a
# check also limit, counter (its counters' name without the window's number), last_used and
# window (seconds).
HIT_SCRIPT = """
local now = tonumber(ARGV[1])
local function current(key)
  local kept = redis.call('HMGET', key, 'keys', 'versions', 'expires')
  if not kept[1] or tonumber(kept[3]) <= now then return false end
  if kept[1] == '' then return kept[2] == '' end
  local names = {}
  for name in string.gmatch(kept[1], '%S+') do names[#names + 1] = name end
  local values = redis.call('MGET', unpack(names))
  for i = 1, #names do values[i] = values[i] or '' end
  return table.concat(values, ' ') == kept[2]
end
local next_change = redis.call('GET', KEYS[1]) or ''
local bar = string.find(next_change, '|', 1, true)
if not bar or bar == 1
    or string.sub(next_change, bar + 1) ~= (redis.call('GET', KEYS[2]) or '') then
  return {'due'}
end
local second = string.sub(next_change, 1, bar - 1)
if second ~= 'none' and tonumber(second) <= now then return {'due'} end
if not current(KEYS[3]) then return {'stale'} end
if KEYS[4] then
  if not current(KEYS[4]) then return {'unknown'} end
  local check = redis.call('HMGET', KEYS[4], 'limit', 'counter', 'last_used', 'window')
  local window = tonumber(check[4])
  local counter = check[2] .. string.format('%d', math.floor(now / window))
  if tonumber(redis.call('GET', counter) or '0') >= tonumber(check[1]) then
    return {'over'}
  end
  redis.call('INCR', counter)
  redis.call('EXPIRE', counter, window + 5)
  redis.call('SET', check[3], ARGV[1])
end
if redis.call('HGET', KEYS[3], 'id') == ARGV[2] then return {'hit'} end
return {'hit', redis.call('HGET', KEYS[3], 'entry')}
"""


class DatabaseState:
    """The state in PostgreSQL, on the default connection.

    A tag's version is the newest row naming it in an append-only table
    (newsroom.caching.models.Change), the generation the newest row of all: recording a change
    only inserts, in the caller's transaction, so it commits with the change, and concurrent
    writers never wait for one another's rows. Other values (the next scheduled change, a
    lock) are rows of newsroom.caching.models.State.
    """

    in_transaction = True
    troubled = False

    def _call(self, operation):
        try:
            return operation()
        except DatabaseError as exc:
            logger.warning("Cache state unavailable in the database: %s", exc)
            raise Unavailable(str(exc)) from exc

    def read(self, keys):
        """The values of these keys (tags' versions, the generation, plain values) that exist,
        in one query."""
        from newsroom.caching.models import Change, State

        keys = list(keys)
        tags = [key.removeprefix("tag:") for key in keys if key.startswith("tag:")]
        plain = [key for key in keys if not key.startswith("tag:") and key != GENERATION]
        parts, params = [], []
        if tags:
            parts.append(
                f"SELECT 'tag:' || tag, max(id)::text FROM {Change._meta.db_table} "
                "WHERE tag = ANY(%s) GROUP BY tag"
            )
            params.append(tags)
        if GENERATION in keys:
            parts.append(f"SELECT %s::text, max(id)::text FROM {Change._meta.db_table}")
            params.append(GENERATION)
        if plain:
            # The application's clock, as writes use it (tests move it), not the database's.
            parts.append(
                f"SELECT key, value FROM {State._meta.db_table} WHERE key = ANY(%s) "
                "AND (expires_at IS NULL OR expires_at > %s)"
            )
            params += [plain, timezone.now()]
        if not parts:
            return {}

        def operation():
            with connection.cursor() as cursor:
                cursor.execute(" UNION ALL ".join(parts), params)
                return {key: value for key, value in cursor.fetchall() if value is not None}

        return self._call(operation)

    def bump(self, tags):
        """New versions for these tags and a new generation: rows inserted, none updated."""
        from newsroom.caching.models import Change

        # An empty change still moves the generation.
        rows = [Change(tag=tag) for tag in tags] or [Change(tag="")]
        self._call(lambda: Change.objects.bulk_create(rows))

    def prune(self):
        """Forget the rows older than the newest of their tag (they decide nothing)."""
        from newsroom.caching.models import Change

        table = Change._meta.db_table

        def operation():
            with connection.cursor() as cursor:
                cursor.execute(
                    f"DELETE FROM {table} AS old USING {table} AS new "
                    "WHERE new.tag = old.tag AND new.id > old.id"
                )
                return cursor.rowcount

        return self._call(operation)

    def write(self, values, seconds=None):
        """Set these values."""
        from newsroom.caching.models import State

        expires = timezone.now() + timezone.timedelta(seconds=seconds) if seconds else None
        rows = [State(key=key, value=value, expires_at=expires) for key, value in values.items()]
        if rows:
            self._call(
                lambda: State.objects.bulk_create(
                    rows,
                    update_conflicts=True,
                    unique_fields=["key"],
                    update_fields=["value", "expires_at"],
                )
            )

    def add(self, key, value, seconds):
        from newsroom.caching.models import State

        table = State._meta.db_table

        def operation():
            with connection.cursor() as cursor:
                now = timezone.now()
                cursor.execute(
                    f"INSERT INTO {table} (key, value, expires_at) VALUES (%s, %s, %s) "
                    "ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value, "
                    f"expires_at = EXCLUDED.expires_at WHERE {table}.expires_at <= %s "
                    "RETURNING key",
                    [key, value, now + timezone.timedelta(seconds=seconds), now],
                )
                return cursor.fetchone() is not None

        return self._call(operation)

    def delete(self, *keys):
        from newsroom.caching.models import State

        if keys:
            self._call(lambda: State.objects.filter(key__in=keys).delete())

    def count(self, key, seconds):
        """Add one to the counter at key and return it; a new counter lasts `seconds`.

        One statement, so processes counting at once never lose a count."""
        from newsroom.caching.models import State

        table = State._meta.db_table
        now = timezone.now()
        expires = now + timezone.timedelta(seconds=seconds)

        def operation():
            with connection.cursor() as cursor:
                cursor.execute(
                    f"INSERT INTO {table} (key, value, expires_at) VALUES (%s, '1', %s) "
                    "ON CONFLICT (key) DO UPDATE SET "
                    f"value = CASE WHEN {table}.expires_at <= %s THEN '1' "
                    f"ELSE ({table}.value::bigint + 1)::text END, "
                    f"expires_at = CASE WHEN {table}.expires_at <= %s "
                    f"THEN EXCLUDED.expires_at ELSE {table}.expires_at END "
                    "RETURNING value",
                    [key, expires, now, now],
                )
                return int(cursor.fetchone()[0])

        return self._call(operation)

    def forget_expired(self):
        """Delete the rows whose time is past (counters of windows gone by)."""
        from newsroom.caching.models import State

        self._call(lambda: State.objects.filter(expires_at__lte=timezone.now()).delete())


@functools.cache
def _state_for(redis_url, prefix):
    if redis_url:
        return RedisState(redis_url, prefix)
    return DatabaseState()


def state():
    """The shared state of this configuration (one per process and Redis address)."""
    return _state_for(settings.REDIS_URL, settings.NEWSROOM_CACHE_KEY_PREFIX)


# What the current request has read of the state, so that the several pieces of one page ask
# once (set by the page cache's middleware for each request; None outside of one).
_remembered = ContextVar("caching_remembered", default=None)


def remembering():
    """Start remembering reads for one request; returns the token to stop with."""
    return _remembered.set({})


def stop_remembering(token):
    _remembered.reset(token)


def forget_remembered():
    remembered = _remembered.get()
    if remembered is not None:
        remembered.clear()


# Keys nearly every request reads (the generation, the next scheduled change): read together
# with the first read of a request. Filled by the modules that own them.
read_first = set()


def read_remembered(keys):
    """state().read(keys), reusing what this request read already."""
    remembered = _remembered.get()
    if remembered is None:
        return state().read(keys)
    missing = [key for key in keys if key not in remembered]
    if missing:
        if not remembered:
            missing = list({*missing, *read_first})
        found = state().read(missing)
        remembered.update({key: found.get(key) for key in missing})
    return {key: remembered[key] for key in keys if remembered[key] is not None}
