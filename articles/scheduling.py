"""Announcing scheduled stories when their time comes, with no cron job to run.

A scheduled story needs no job to go live: `published()` shows it from its time on. What keeps
copies of pages (the page cache, a CDN) must still hear of it at that second, so the first
request after a story's time sends `article_changed` for it. The next due time is kept in the
shared cache, so each request costs one cache read, and every app server sees the same state.
"""

import contextlib
from datetime import datetime

from django.core.cache import cache
from django.db import InterfaceError, OperationalError
from django.utils import timezone

from articles.models import Article
from articles.signals import article_changed

NEXT_DUE = "articles:scheduling:next-due"
ANNOUNCED_UNTIL = "articles:scheduling:announced-until"
LOCK = "articles:scheduling:lock"
NOTHING_SCHEDULED = 0.0


def announce_due_publications(now=None):
    """Send article_changed for stories whose publication time passed since the last check."""
    now = now or timezone.now()
    next_due = cache.get(NEXT_DUE)
    if next_due is not None and (next_due == NOTHING_SCHEDULED or next_due > now.timestamp()):
        return
    # One server does the work; the others carry on and see the result on their next request.
    if not cache.add(LOCK, True, timeout=30):
        return
    try:
        announced_until = cache.get(ANNOUNCED_UNTIL)
        if announced_until is not None:
            since = datetime.fromtimestamp(announced_until, tz=timezone.get_current_timezone())
            due = set(
                Article.objects.filter(
                    status=Article.Status.PUBLISHED, published_at__gt=since, published_at__lte=now
                ).values_list("pk", flat=True)
            )
            if due:
                article_changed.send(sender=Article, article_ids=due)
        cache.set(ANNOUNCED_UNTIL, now.timestamp(), timeout=None)
        upcoming = Article.objects.filter(
            status=Article.Status.PUBLISHED, published_at__gt=now
        ).order_by("published_at")
        first = upcoming.values_list("published_at", flat=True).first()
        cache.set(NEXT_DUE, first.timestamp() if first else NOTHING_SCHEDULED, timeout=None)
    finally:
        cache.delete(LOCK)


def forget_next_due(sender, **kwargs):
    """A story saved may have been scheduled, rescheduled or unscheduled: look again."""
    cache.delete(NEXT_DUE)


class ScheduledPublicationMiddleware:
    """Checks, before each request, whether a scheduled story's time has come."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        # The database down: the view answers for itself (a 503, or a comment form kept for
        # the reader); the announcement is made on the first request after.
        with contextlib.suppress(OperationalError, InterfaceError):
            announce_due_publications()
        return self.get_response(request)
