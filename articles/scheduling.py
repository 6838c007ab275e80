"""Announcing scheduled stories when their time comes, with no cron job to run.

A scheduled story needs no job to go live: `published()` shows it from its time on. Kept pages
(newsroom.caching) never outlive the next scheduled second, and the first reader's request
after it (or `manage.py newsroom_clock`, within a minute) runs `announce_due_publications`:
the stories whose time came make stale what shows them, and `article_changed` tells everyone
else (a CDN's purge, say). The next due time and how far the announcements went are kept in
the cache's shared state, so every app server sees the same.
"""

from datetime import datetime

from django.utils import timezone

from articles.models import Article
from articles.signals import article_changed
from newsroom.caching import schedule
from newsroom.caching.invalidation import changed
from newsroom.caching.state import state
from newsroom.caching.tracking import LISTINGS

ANNOUNCED_UNTIL = "articles:announced-until"
LOCK = "articles:announcing"


def announce_due_publications(now=None):
    """Announce stories whose publication time passed since the last check, and record when
    the next one is due."""
    now = now or timezone.now()
    shared = state()
    # One server does the work; the others carry on and see the result on their next request.
    if not shared.add(LOCK, "1", 30):
        return
    try:
        # Read first: a story scheduled while the next one is worked out makes it unknown again.
        version = schedule.schedule_version()
        announced_until = shared.read([ANNOUNCED_UNTIL]).get(ANNOUNCED_UNTIL)
        if announced_until is not None:
            since = datetime.fromtimestamp(
                float(announced_until), tz=timezone.get_current_timezone()
            )
            due = set(
                Article.objects.filter(
                    status=Article.Status.PUBLISHED, published_at__gt=since, published_at__lte=now
                ).values_list("pk", flat=True)
            )
            if due:
                changed({LISTINGS, *(f"story-{pk}" for pk in due)})
                article_changed.send(sender=Article, article_ids=due)
        shared.write({ANNOUNCED_UNTIL: repr(now.timestamp())})
        first = (
            Article.objects.scheduled()
            .order_by("published_at")
            .values_list("published_at", flat=True)
            .first()
        )
        schedule.record_next_change(first.timestamp() if first else None, version)
    finally:
        shared.delete(LOCK)
