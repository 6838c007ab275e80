"""Announcing scheduled stories when their time comes, with no cron job to run.

A scheduled story needs no job to go live: `published()` shows it from its time on. Kept pages
(newsroom.caching) never outlive the next scheduled second, and the first request after it runs
`announce_due_publications`: the stories whose time came make stale what shows them, and
`article_changed` tells everyone else (a CDN's purge, say). The next due time and how far the
announcements went are kept in the cache's shared state, so every app server sees the same.
"""

import logging
from datetime import datetime

from django.utils import timezone

from articles.models import Article
from articles.signals import article_changed
from newsroom.caching import schedule
from newsroom.caching.invalidation import changed
from newsroom.caching.state import Unavailable, state
from newsroom.caching.tracking import LISTINGS

logger = logging.getLogger(__name__)

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
        schedule.record_next_change(first.timestamp() if first else None)
    finally:
        shared.delete(LOCK)


def forget_next_due(sender, **kwargs):
    """article_changed: a story saved may have been scheduled, rescheduled or unscheduled."""
    try:
        schedule.forget_next_change()
    except Unavailable:
        logger.warning("Could not forget the next scheduled publication", exc_info=True)


class ScheduledPublicationMiddleware:
    """Checks, before each view, whether a scheduled story's time has come.

    Views marked `touches_no_database` (the liveness probe) are left alone. The check is
    best-effort: if the database or the cache's state fails, the page is still served (and
    nothing kept), and the next request tries again.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if getattr(view_func, "touches_no_database", False):
            return None
        try:
            schedule.announce_if_due()
        except Exception:
            logger.warning("Could not check for scheduled stories now due", exc_info=True)
        return None
