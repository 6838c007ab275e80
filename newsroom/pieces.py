"""Parts of reader pages kept once built, in each app server's memory, until what they show
changes.

The page cache keeps whole pages for anonymous readers. The parts of a page that cost the most
to build (a story with its bylines and topics, its thread of comments, the lists of stories
around it) are kept as well, so that a page built afresh (for a reader with a session or our
commenter cookies, or with the page cache off) reads them instead of the database.

A piece is tagged as whole pages are (newsroom.page_cache): the rows it names in its key and
their sections and pictures, every tracked row read while it was built, and `listings`. It is
used again only while those tags' versions in the shared cache are the ones it was built with,
so a change saved through any app server makes it stale on all of them at once. What changes
with time alone (a live badge ending) is kept at most NEWSROOM_PIECE_SECONDS, and nothing past
the next scheduled publication. Per-reader parts (the comment form, a reader's own pending
comment) are never kept.
"""

import hashlib
import time

from django.conf import settings
from django.core.cache import cache
from django.db import models

from newsroom import page_cache

PIECES = 1000

pieces = page_cache.RecentPages(PIECES)


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


def kept(name, parts, build):
    """What build() returns, kept under name and parts while nothing it shows has changed.

    parts: what tells this piece apart from others of the same name; model instances in it
    (or in lists in it) stand for their rows, whose changes make the piece stale.
    """
    if not settings.NEWSROOM_PIECES:
        return build()
    key = hashlib.md5(
        repr((name, [key_part(part) for part in parts])).encode(), usedforsecurity=False
    ).hexdigest()
    entry = pieces.get(key)
    if (
        entry is not None
        and entry["expires"] > time.time()
        and page_cache.current_versions(entry["tags"]) == entry["versions"]
    ):
        page_cache.note(entry["tags"])
        return entry["value"]
    generation = cache.get(page_cache.GENERATION)
    started = time.time()
    with page_cache.noting() as noted:
        value = build()
    for row in rows_in(parts):
        noted.update(page_cache.tags_of(row))
    tags = sorted({*noted, page_cache.LISTINGS})
    page_cache.note(tags)
    versions = page_cache.current_versions(tags)
    if cache.get(page_cache.GENERATION) != generation:
        # Something changed while it was built: it may show the state before.
        return value
    expires = started + settings.NEWSROOM_PIECE_SECONDS
    due = page_cache.next_publication()
    if due is not None:
        expires = min(expires, due)
    pieces.put(key, {"tags": tags, "versions": versions, "value": value, "expires": expires})
    return value
