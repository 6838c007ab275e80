"""Parts of reader pages kept once built, in each app server's memory, until what they show
changes.

Whole pages are kept for anonymous readers (newsroom.caching.pages). The parts of a page that
cost the most to build (a story with its bylines and topics, its thread of comments, the lists
of stories around it, the choice of stories for the home page) are kept as well, so a page
built afresh (for a reader with a session or our commenter cookies, or after a change
elsewhere) reads them instead of the database.

A piece is tagged as pages are: the rows named in its key (and the rows their foreign keys
name), every tracked row read while it was built, and `listings`. It is used again only while
those tags' versions in the shared state are the ones it was built with, so a change saved
through any process makes it stale in all of them. It is never kept past what it noted of the
clock (`expires_at`), the next scheduled publication or NEWSROOM_CACHE_SECONDS.
"""

import functools
import hashlib
import threading
from collections import OrderedDict

from django.conf import settings
from django.db import models

from newsroom.caching import schedule
from newsroom.caching.invalidation import sweeper
from newsroom.caching.release import release
from newsroom.caching.state import GENERATION, Unavailable, clock, read_remembered, state, tag_key
from newsroom.caching.tracking import LISTINGS, expires_at, note, noting, tags_of

PIECES = 1000
# Pieces kept under what they show (story cards): mostly 1-2 KB each.
SHOWN_PIECES = 2000


class Recent:
    """The entries this process used last; bounded, the least recently used dropped first.

    Safe across a worker's threads (gunicorn --threads): one thread's put() may drop the entry
    another has just found."""

    def __init__(self, size):
        self.size = size
        self.entries = OrderedDict()
        self.lock = threading.Lock()

    def get(self, key):
        with self.lock:
            entry = self.entries.get(key)
            if entry is not None:
                self.entries.move_to_end(key)
            return entry

    def put(self, key, entry):
        with self.lock:
            self.entries[key] = entry
            self.entries.move_to_end(key)
            while len(self.entries) > self.size:
                self.entries.popitem(last=False)

    def forget(self, key):
        with self.lock:
            self.entries.pop(key, None)

    def clear(self):
        with self.lock:
            self.entries.clear()


pieces = Recent(PIECES)
shown_pieces = Recent(SHOWN_PIECES)


def enabled():
    return settings.NEWSROOM_CACHE


def shown(instance):
    """The values of a row's columns as loaded (None for no row): what a piece shows of it."""
    if instance is None:
        return None
    return tuple(map(instance.__dict__.get, _columns(type(instance))))


@functools.cache
def _columns(model):
    return tuple(field.attname for field in model._meta.concrete_fields)


def kept_as_shown(name, shown_values, build):
    """What build() returns, kept under a digest of everything it shows.

    For a small piece repeated across pages and rebuilt often around it (a story card in a
    list rebuilt because another story changed): `shown_values` holds every value it shows
    (the rows as loaded, see shown(), and anything else), so any change gives it another key.
    Nothing has to make it stale and no shared state is read; the least used go first.
    """
    if not enabled():
        return build()
    key = hashlib.md5(
        repr((release(), name, shown_values)).encode(), usedforsecurity=False
    ).hexdigest()
    value = shown_pieces.get(key)
    if value is None:
        value = build()
        shown_pieces.put(key, value)
    return value


def key_part(part):
    if isinstance(part, models.Model):
        return (part._meta.label, part.pk)
    if isinstance(part, list | tuple):
        return [key_part(item) for item in part]
    return part


def rows_in(parts):
    for part in parts:
        if isinstance(part, models.Model):
            yield part
        elif isinstance(part, list | tuple):
            yield from rows_in(part)


def is_current(entry, now):
    """The entry's tags have the versions it was built with (nothing changed since)."""
    if entry["expires"] <= now:
        return False
    values = read_remembered([GENERATION])
    if values.get(GENERATION) == entry["generation"]:
        return True
    current = read_remembered(entry["keys"])
    return {key: current.get(key) for key in entry["keys"]} == entry["versions"]


def kept(name, parts, build, listings=True):
    """What build() returns, kept under name and parts while nothing it shows has changed.

    parts: what tells this piece apart from others of the same name; model instances in it
    (or in lists in it) stand for their rows, whose changes make the piece stale. listings:
    whether it shows which stories are published (a list of them, or a choice among them);
    False for a piece that shows only rows it reads (the navigation, one story's updates).
    """
    if not enabled():
        return build()
    key = hashlib.md5(
        repr((release(), name, [key_part(part) for part in parts])).encode(),
        usedforsecurity=False,
    ).hexdigest()
    now = clock()
    entry = pieces.get(key)
    try:
        if not sweeper.is_clear():
            raise Unavailable("changes not yet recorded")
        if entry is not None and is_current(entry, now):
            note(entry["tags"])
            expires_at(entry["expires"])
            return entry["value"]
        generation = read_remembered([GENERATION]).get(GENERATION)
    except Unavailable:
        pieces.forget(key)
        return build()
    with noting() as building:
        value = build()
    for row in rows_in(parts):
        building.tags.update(tags_of(row))
    if listings:
        building.tags.add(LISTINGS)
    tags = sorted(building.tags)
    keys = [tag_key(tag) for tag in tags]
    try:
        # Read afresh, not remembered: a change committed while this was built shows here.
        current = state().read([GENERATION, *keys])
        expires = schedule.expiry(now, building.expires)
    except Unavailable:
        return value
    if current.get(GENERATION) != generation or expires - now < 1:
        # Something changed while it was built: it may show the state before.
        return value
    pieces.put(
        key,
        {
            "tags": tags,
            "keys": keys,
            "versions": {key: current.get(key) for key in keys},
            "generation": generation,
            "value": value,
            "expires": expires,
        },
    )
    return value
