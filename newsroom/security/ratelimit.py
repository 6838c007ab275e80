"""Requests per client per time window, counted where every process sees the same count:
Redis when REDIS_URL is set, otherwise PostgreSQL (newsroom.caching.state).

Fixed windows: simple, one round trip, and good enough to stop one address hammering search or
a form. With the shared state unreachable nothing is limited (fail open): a limit must not
take the site down with Redis or the database.
"""

import time
from dataclasses import dataclass

from django.conf import settings
from django.http import HttpResponse
from django.template import loader

from newsroom.caching.state import Unavailable, state
from newsroom.security.client import client_ip


def parse_rate(rate):
    """ "30/60" -> (30, 60): at most 30 requests in 60 seconds; "" or "0" -> no limit."""
    if not rate or rate.strip() in ("0", "off"):
        return None
    count, _, seconds = rate.partition("/")
    return int(count), int(seconds or 60)


@dataclass(frozen=True)
class Count:
    """One request counted: how many in this window, over the limit or not, and the seconds
    until the window ends (for Retry-After)."""

    count: int
    over: bool
    retry_after: int


NOT_COUNTED = Count(count=0, over=False, retry_after=0)


def count(name, rate):
    """Count one request against `name` (e.g. "search:203.0.113.7") at `rate` ("30/60")."""
    parsed = parse_rate(rate)
    if parsed is None:
        return NOT_COUNTED
    limit, seconds = parsed
    now = time.time()
    window = int(now // seconds)
    try:
        # Kept a second past the window, so a count read at its very end is still there.
        number = state().count(f"limit:{name}:{window}", seconds + 1)
    except Unavailable:
        return NOT_COUNTED
    retry_after = max(seconds - int(now % seconds), 1)
    return Count(count=number, over=number > limit, retry_after=retry_after)


def rate_of(scope):
    return {
        "search": settings.NEWSROOM_RATE_LIMIT_SEARCH,
        "comment": settings.NEWSROOM_RATE_LIMIT_COMMENTS,
    }[scope]


def exceeded(request, scope):
    """Count this request against the client's limit for scope; True when over it.

    The seconds until the limit lifts are left on the request as `retry_after`."""
    address = client_ip(request)
    if address is None:
        return False
    counted = count(f"{scope}:{address}", rate_of(scope))
    request.retry_after = counted.retry_after
    return counted.over


def too_many_requests(request, message, retry_after=None):
    body = loader.render_to_string("429.html", {"message": message})
    response = HttpResponse(body, status=429)
    response["Retry-After"] = str(retry_after or getattr(request, "retry_after", 60))
    return response


SEARCH_MESSAGE = "You have searched very often in the last minute. Please wait a moment."


class SearchRateLimitMiddleware:
    """Searches per client, limited by NEWSROOM_RATE_LIMIT_SEARCH."""

    def __init__(self, get_response):
        self.get_response = get_response

    def process_view(self, request, view_func, view_args, view_kwargs):
        if request.resolver_match.view_name == "articles:search" and exceeded(request, "search"):
            return too_many_requests(request, SEARCH_MESSAGE)
        return None

    def __call__(self, request):
        return self.get_response(request)
