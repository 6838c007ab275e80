"""Requests per client per time window, counted in the shared cache (Redis when configured).

Fixed windows: simple, one cache round trip, and good enough to stop one address hammering
search or the comment form. With the cache unreachable nothing is limited (fail open).
"""

import time

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse
from django.template import loader

from newsroom.security.client import client_ip


def parse_rate(rate):
    """ "30/60" -> (30, 60): at most 30 requests in 60 seconds; "" or "0" -> no limit."""
    if not rate or rate.strip() in ("0", "off"):
        return None
    count, _, seconds = rate.partition("/")
    return int(count), int(seconds or 60)


def rate_of(scope):
    return {
        "search": settings.NEWSROOM_RATE_LIMIT_SEARCH,
        "comment": settings.NEWSROOM_RATE_LIMIT_COMMENTS,
    }[scope]


def exceeded(request, scope):
    """Count this request against the client's limit for scope; True when over it."""
    rate = parse_rate(rate_of(scope))
    address = client_ip(request)
    if rate is None or address is None:
        return False
    limit, seconds = rate
    window = int(time.time() // seconds)
    key = f"ratelimit:{scope}:{address}:{window}"
    # The window's first request (the usual case) is counted by add() alone: one round trip.
    if cache.add(key, 1, timeout=seconds + 1):
        count = 1
    else:
        try:
            count = cache.incr(key)
        except ValueError:
            # The key expired between add() and incr(): this is the window's first request.
            count = 1
    request.retry_after = seconds - int(time.time() % seconds)
    return count > limit


def too_many_requests(request, message):
    body = loader.render_to_string("429.html", {"message": message})
    response = HttpResponse(body, status=429)
    response["Retry-After"] = str(getattr(request, "retry_after", 60))
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
