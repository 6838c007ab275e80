"""Who has an article open in the admin: a light note, never a lock (saves are checked apart)."""

import time

from django.core.cache import cache

FRESH_SECONDS = 5 * 60


def _key(article_pk):
    return f"articles:editing:{article_pk}"


def opened(article_pk, user):
    """Note that this person opened the article; return the names of others who have it open."""
    now = time.time()
    editing = {
        pk: (name, seen)
        for pk, (name, seen) in cache.get(_key(article_pk), {}).items()
        if now - seen < FRESH_SECONDS
    }
    others = sorted(name for pk, (name, _) in editing.items() if pk != user.pk)
    editing[user.pk] = (user.get_full_name() or user.get_username(), now)
    cache.set(_key(article_pk), editing, FRESH_SECONDS)
    return others


def closed(article_pk, user):
    editing = cache.get(_key(article_pk), {})
    if editing.pop(user.pk, None):
        cache.set(_key(article_pk), editing, FRESH_SECONDS)
