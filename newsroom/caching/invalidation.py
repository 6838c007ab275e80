"""Every change readers could see makes the kept copies showing it stale, whatever made it.

Saving or deleting a tracked row (newsroom.caching.tracking) is caught by post_save and
post_delete; `QuerySet.update()`, `bulk_create()` and `bulk_update()` of a tracked model's
`TrackedQuerySet` go through the same function, `changed()`. So the admin, the shell, a
management command, a task and a data fix all invalidate alike.

A change gets a new version for each of its tags, and a new generation, in the shared state
(newsroom.caching.state). When it is recorded:

- in PostgreSQL (no Redis): inside the change's own transaction, so the two commit together;
  and once more after commit, so a page built while the change was committing is not kept
  with the new versions;
- in Redis: after the transaction commits. A note of it is written with the change
  (`Pending`) and removed once Redis has the versions; if Redis could not be written (or the
  process died first), every process finds the note within a second, bypasses kept pages until
  Redis has it, and records it then.
"""

import logging
import threading
import time

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, DatabaseError, connections, models, transaction
from django.db.models.signals import post_delete, post_save
from django.utils.module_loading import import_string

from newsroom.caching.schedule import RESCHEDULE
from newsroom.caching.state import (
    GENERATION,
    Unavailable,
    forget_remembered,
    read_first,
    state,
)
from newsroom.caching.tracking import trackers

logger = logging.getLogger(__name__)

read_first.add(GENERATION)
# How often each process looks for changes Redis has not recorded yet.
SWEEP_SECONDS = 1.0
SWEEP_BATCH = 500
# Without Redis, every this many changes a process prunes the superseded rows of changes.
PRUNE_EVERY = 1000


def bump(tags, shared=None):
    """New versions for these tags, and a new generation, in the shared state."""
    (shared or state()).bump(set(tags))
    forget_remembered()


class _Batch:
    """The tags changed in this thread's transactions, recorded once one commits.

    Every change registers a flush after commit; the first to run records everything changed
    so far, the rest find nothing left. Tags of a transaction rolled back are recorded with the
    next one that commits: at worst a page is built once more.
    """

    def __init__(self):
        self.tags = set()
        self.pending = []

    def flush(self):
        tags, pending = self.tags, self.pending
        self.tags, self.pending = set(), []
        if tags:
            publish(tags, pending)


_batches = threading.local()


def changed(tags, using=DEFAULT_DB_ALIAS):
    """Pages showing any of these tags are stale once the current transaction commits."""
    tags = set(tags)
    if not tags:
        return
    if not connections[using].in_atomic_block:
        # Saved already (autocommit): record it now.
        publish(tags)
        return
    batch = getattr(_batches, using, None)
    if batch is None:
        batch = _Batch()
        setattr(_batches, using, batch)
    shared = state()
    if shared.in_transaction:
        # Every time, not once per transaction: a page built on this connection between two
        # changes must not keep the version the second one commits with.
        bump(tags, shared)
    else:
        from newsroom.caching.models import Pending

        batch.pending.append(Pending.objects.using(using).create(tags=sorted(tags)).pk)
    batch.tags |= tags
    transaction.on_commit(batch.flush, using=using, robust=True)


def publish(tags, pending=()):
    """Record committed changes in the shared state; failing that, keep them to retry."""
    from newsroom.caching.models import Pending

    shared = state()
    try:
        bump(tags, shared)
    except Unavailable:
        logger.error(
            "Could not record that pages showing %s changed: kept pages are bypassed until "
            "it is recorded",
            ", ".join(sorted(tags)),
        )
        if not shared.in_transaction and not pending:
            try:
                Pending.objects.create(tags=sorted(tags))
            except DatabaseError:
                logger.exception("Could not keep the change to record it later")
        sweeper.look_again()
        return
    if pending:
        Pending.objects.filter(pk__in=pending).delete()
    purge(tags)
    prune_now_and_then(shared)


_published = 0


def forget_superseded_changes():
    """Without Redis, prune the recorded changes no version depends on any more (the clock's
    minute, and every PRUNE_EVERY changes a process records)."""
    shared = state()
    if shared.in_transaction:
        shared.prune()


def prune_now_and_then(shared):
    global _published
    _published += 1
    if _published % PRUNE_EVERY == 0:
        try:
            forget_superseded_changes()
        except Unavailable:
            logger.warning("Could not prune the cache's recorded changes", exc_info=True)


def purge(tags):
    hook = settings.NEWSROOM_CACHE_PURGE
    if hook:
        try:
            # The schedule tag is the cache's own: no page carries it.
            import_string(hook)(sorted(set(tags) - {RESCHEDULE}))
        except Exception:
            # A CDN that is down must not fail an editor's save; its copies expire anyway.
            logger.exception("Cache purge hook %s failed for %s", hook, sorted(tags))


class Sweeper:
    """Finds changes Redis has not recorded (written by any process) and records them.

    Until it has, `is_clear()` is False and kept pages are bypassed. With the state in
    PostgreSQL every change is recorded with its transaction, so there is nothing to sweep.
    """

    def __init__(self):
        self.checked_at = float("-inf")
        self.clear = True

    def look_again(self):
        """Check on the next request, not a second later."""
        self.checked_at = float("-inf")

    def is_clear(self):
        shared = state()
        if shared.in_transaction:
            return True
        now = time.monotonic()
        # After Redis failed here, look before trusting it again: this process may be the
        # one whose change it missed, or have served nothing while another's was missed.
        if shared.troubled or now - self.checked_at >= SWEEP_SECONDS:
            self.checked_at = now
            self.clear = self._sweep()
            if self.clear:
                shared.troubled = False
        return self.clear

    def is_known_clear(self):
        """Clear as of a look within the last SWEEP_SECONDS, without looking now (False: look
        first, through is_clear())."""
        shared = state()
        if shared.in_transaction:
            return True
        return (
            self.clear
            and not shared.troubled
            and time.monotonic() - self.checked_at < SWEEP_SECONDS
        )

    @staticmethod
    def _sweep():
        from newsroom.caching.models import Pending

        try:
            rows = list(Pending.objects.order_by("pk")[:SWEEP_BATCH])
            if not rows:
                return True
            bump({tag for row in rows for tag in row.tags})
            Pending.objects.filter(pk__in=[row.pk for row in rows]).delete()
        except (DatabaseError, Unavailable):
            return False
        logger.warning("Recorded %d change(s) Redis had missed", len(rows))
        purge({tag for row in rows for tag in row.tags})
        return len(rows) < SWEEP_BATCH


sweeper = Sweeper()


# -- the write paths ----------------------------------------------------------------------


def rows_changed(model, rows, created=False, using=DEFAULT_DB_ALIAS):
    tracker = trackers.get(model)
    if tracker is not None:
        changed((tag for row in rows for tag in tracker.changes(row, created=created)), using=using)


def _saved(sender, instance, created=False, using=DEFAULT_DB_ALIAS, **kwargs):
    rows_changed(sender, [instance], created=created, using=using)


def _deleted(sender, instance, using=DEFAULT_DB_ALIAS, **kwargs):
    rows_changed(sender, [instance], using=using)


class TrackedQuerySet(models.QuerySet):
    """A query set whose bulk writes make stale what the rows showed before and show after."""

    def update(self, **kwargs):
        tracker = trackers.get(self.model)
        if tracker is None or set(kwargs) <= tracker.unseen:
            return super().update(**kwargs)
        with transaction.atomic(using=self.db, savepoint=False):
            before = list(self._chain())
            count = super().update(**kwargs)
            after = self.model._base_manager.using(self.db).filter(
                pk__in=[row.pk for row in before]
            )
            rows_changed(self.model, [*before, *after], using=self.db)
        return count

    update.alters_data = True

    def bulk_create(self, objs, *args, **kwargs):
        created = super().bulk_create(objs, *args, **kwargs)
        rows_changed(self.model, created, created=True, using=self.db)
        return created

    def bulk_update(self, objs, *args, **kwargs):
        count = super().bulk_update(objs, *args, **kwargs)
        rows_changed(self.model, objs, using=self.db)
        return count


def listen(model):
    """Saves and deletes of this tracked model make pages stale (tracking.track)."""
    post_save.connect(_saved, sender=model, dispatch_uid=f"caching.saved.{model}")
    post_delete.connect(_deleted, sender=model, dispatch_uid=f"caching.deleted.{model}")
