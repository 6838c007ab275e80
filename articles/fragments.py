"""Keys for pieces of reader pages kept once rendered: a digest of everything a piece shows.

A kept piece is found again only while what it shows is unchanged, so nothing has to empty
it and it can never be stale: each app server process keeps its own, in memory (the
`template_fragments` cache of settings.py, read by {% cache %} in the templates).
"""

import functools
import hashlib

from django.core.cache import caches

from articles.extensions import extensions


def shown(instance):
    """The values of a row's columns as loaded (None for a missing row)."""
    if instance is None:
        return None
    return tuple(map(instance.__dict__.get, columns(type(instance))))


@functools.cache
def columns(model):
    return tuple(field.attname for field in model._meta.concrete_fields)


def digest(parts):
    return hashlib.md5(repr(parts).encode(), usedforsecurity=False).hexdigest()


def story_parts(article):
    """A story as lists show it: its columns, section and picture, and whether it is live."""
    return (
        shown(article),
        shown(article.section),
        shown(article.featured_image),
        article.is_live(),
    )


def card_key(article):
    """Everything a story card shows: the story as lists show it, its bylines, and what other
    apps annotate on cards (the comment count, read by the card's extension slot)."""
    return digest(
        (
            story_parts(article),
            [shown(author) for author in article.authors.all()],
            [getattr(article, name, None) for name in extensions.listing_annotations],
        )
    )


def stories_key(stories):
    """Everything a list of stories without bylines shows (the sidebar, Check Also)."""
    return digest([story_parts(story) for story in stories])


def forget_on_template_change(sender, file_path, **kwargs):
    """runserver saw a file change: a kept piece may have been rendered by the template
    just edited, which its key knows nothing of (ArticlesConfig.ready)."""
    if file_path.suffix == ".html":
        caches["template_fragments"].clear()
