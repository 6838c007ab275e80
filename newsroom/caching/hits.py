"""Kept answers found in one round trip to Redis: the answer, its tags' versions compared
inside Redis, and for callers with a key (the content API's partners) their kept check and
their count.

A kept answer is a hash in Redis (newsroom.caching.state.HIT_SCRIPT) with the Redis names of
its tags' versions and the versions it was built with; each process also remembers the last
answers it served, so a hit sends only the ETag of its copy and gets the answer back only
when that copy is not the current one (copies are told apart by an id of their own: the same
bytes kept again carry another Last-Modified and expiry).

Paths behind a key are the apps' (`gates`): a caller's key passed the app's check once on the
normal path (`admit`), and that check is kept like an answer, tagged by the key's row, so
revoking the key makes it stale at once. A hit counts the request against the key's limit in
the same round trip; over it, or with no current check, the normal path answers (and counts).

Only with the state in Redis: in PostgreSQL, pages are checked as before (one query).
"""

import contextlib
import pickle
import uuid
from contextvars import ContextVar
from dataclasses import dataclass

from newsroom.caching import schedule
from newsroom.caching.pieces import Recent
from newsroom.caching.state import state, tag_key

# Answers each process remembers besides Redis.
RECENT_ANSWERS = 200

recent_answers = Recent(RECENT_ANSWERS)


@dataclass(frozen=True)
class Gate:
    """Answers under `prefix` go only to callers whose key, sent in the request header
    `header` (a WSGI name: HTTP_X_API_KEY), passed the app's check; `record(key)` names the
    kept check of a key (never the key itself: a digest)."""

    prefix: str
    header: str
    record: object


# Filled by the apps that check keys (their ready()).
gates = []


def gate_for(path):
    for gate in gates:
        if path.startswith(gate.prefix):
            return gate
    return None


def check_name(record):
    return f"check:{record}"


_admitted = ContextVar("caching_admitted", default=None)


@contextlib.contextmanager
def admitting():
    """Note what the app's check admitted while the request inside is answered."""
    admitted = {}
    token = _admitted.set(admitted)
    try:
        yield admitted
    finally:
        _admitted.reset(token)


def admit(record, *, tags, limit, counter, last_used, window):
    """The caller's key passed the app's check (which counted this request).

    record: its kept check's name (Gate.record); tags: what makes the check stale (the key's
    row); limit: requests per window (seconds); counter: the name of its counters in Redis
    without the window's number, which follows; last_used: where its last use is written."""
    admitted = _admitted.get()
    if admitted is not None:
        admitted.update(
            record=record,
            tags=list(tags),
            limit=limit,
            counter=counter,
            last_used=last_used,
            window=window,
        )


def lookup(key, now, record=None):
    """(verdict, entry) for the answer kept under key; see RedisState.hit. Raises Unavailable."""
    held = recent_answers.get(key)
    verdict, data = state().hit(
        schedule.KEYS,
        key,
        held["id"] if held else "",
        now,
        check_name(record) if record else None,
    )
    if verdict != "hit":
        if verdict == "stale":
            recent_answers.forget(key)
        return verdict, None
    if data is not None:
        held = pickle.loads(data)
        recent_answers.put(key, held)
    elif held is None:
        # An answer kept without its entry (keep() always writes both): build it.
        return "stale", None
    return verdict, held


def _versioned(shared, keys, current):
    return {
        "keys": " ".join(shared.full_keys(keys)),
        "versions": " ".join(current.get(key) or "" for key in keys),
    }


def keep(key, entry, keys, current, seconds, admitted=None):
    """Store an answer (and the check that admitted its caller) with the versions read."""
    shared = state()
    entry["id"] = uuid.uuid4().hex
    shared.keep_answer(
        key,
        {
            **_versioned(shared, keys, current),
            "expires": repr(entry["expires"]),
            "id": entry["id"],
            "entry": pickle.dumps(entry, protocol=pickle.HIGHEST_PROTOCOL),
        },
        seconds,
    )
    recent_answers.put(key, entry)
    if admitted:
        shared.keep_answer(
            check_name(admitted["record"]),
            {
                **_versioned(shared, check_keys(admitted), current),
                "expires": repr(entry["expires"]),
                "limit": admitted["limit"],
                "counter": admitted["counter"],
                "last_used": admitted["last_used"],
                "window": admitted["window"],
            },
            seconds,
        )


def check_keys(admitted):
    return [tag_key(tag) for tag in admitted["tags"]] if admitted else []
