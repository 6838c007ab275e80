"""What a page shows, noted while it is built: the tags that later make it stale.

Apps name their models here (`track`): reading a row of a tracked model while a page or piece is
built tags it `<name>-<pk>` (`story-12`, `section-3`), so no view has to declare what it shows.
What is not a row (the clock, a setting) is noted explicitly with `note` or `expires_at`.
"""

import contextlib
from contextvars import ContextVar
from dataclasses import dataclass, field

from django.db.models.signals import post_init

# Every kept page and piece carries this tag: which stories are published shows on all of them
# (lists, the sidebar, feeds, sitemaps), so a story appearing or leaving makes them all stale.
LISTINGS = "listings"

_building = ContextVar("caching_building", default=None)


@dataclass
class Building:
    """What the page or piece being built shows: tags, and when it changes by itself."""

    tags: set = field(default_factory=set)
    expires: float | None = None

    def absorb(self, other):
        self.tags |= other.tags
        if other.expires is not None:
            self.expires_by(other.expires)

    def expires_by(self, timestamp):
        self.expires = timestamp if self.expires is None else min(self.expires, timestamp)


@dataclass(frozen=True)
class Tracker:
    model: type
    name: str | None
    changes: object
    unseen: frozenset


trackers = {}


def track(model, name=None, changes=None, unseen=()):
    """Pages reading a row of `model` are tagged `<name>-<pk>`; saving, deleting or updating
    rows makes stale the pages carrying `changes(instance, created)` (default: the row's own
    tag). A model without a name is never noted on reading, only invalidates. A bulk update of
    `unseen` fields only (what no page shows: an address kept for moderators) changes nothing."""
    if changes is None:
        changes = own_tag
    from newsroom.caching import invalidation

    trackers[model] = Tracker(model, name, changes, frozenset(unseen))
    invalidation.listen(model)
    if name is not None:
        post_init.connect(_note_instance, sender=model, dispatch_uid=f"caching.note.{model}")


def tag(instance):
    """A tracked row's own tag, e.g. `story-12`."""
    return f"{trackers[type(instance)].name}-{instance.pk}"


def own_tag(instance, created=False):
    return [tag(instance)]


def tags_of(instance):
    """A tracked row's own tag and those of the tracked rows its foreign keys name."""
    tags = []
    model = type(instance)
    if model in trackers and trackers[model].name:
        tags.append(tag(instance))
    for column in model._meta.concrete_fields:
        target = column.related_model
        if target in trackers and trackers[target].name:
            value = getattr(instance, column.attname)
            if value is not None:
                tags.append(f"{trackers[target].name}-{value}")
    return tags


def _note_instance(sender, instance, **kwargs):
    building = _building.get()
    if building is not None and instance.pk is not None:
        building.tags.add(f"{trackers[sender].name}-{instance.pk}")


def note(tags):
    """The page being built shows these too (a kept piece of it, read instead of the rows)."""
    building = _building.get()
    if building is not None:
        building.tags.update(tags)


def expires_at(timestamp):
    """The page being built changes by itself at this time (comments closing, a live badge
    ending): nothing built from it is kept past it."""
    building = _building.get()
    if building is not None:
        building.expires_by(timestamp)


@contextlib.contextmanager
def noting():
    """Note what is read inside; the page around it is noted with it too."""
    outer = _building.get()
    building = Building()
    token = _building.set(building)
    try:
        yield building
    finally:
        _building.reset(token)
        if outer is not None:
            outer.absorb(building)
