"""Whole reader pages for anonymous readers, kept and served before anything else runs.

A page is kept under its address and the release, with the tags it showed (what was read
while it was built, newsroom.caching.tracking) and their versions in the shared state. It is
served again only while those versions are current, checked on every hit; a page during
whose build anything changed is not kept. Readers with a session (staff), a message waiting
or a personal cookie (our commenters') get pages built for them, marked private. Kept pages
never hold per-reader data: a page that sets a cookie (a CSRF token, for one) is not kept.

Pages are kept in the default cache (Redis, shared by every process) and in each process's
memory (the last pages it served), but the versions always come from the shared state, so a
copy is never trusted alone. When that state cannot be read, pages are built fresh.
"""

import hashlib

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse, HttpResponseNotModified
from django.urls import Resolver404, resolve
from django.utils.cache import patch_vary_headers
from django.utils.http import http_date, parse_etags, parse_http_date_safe

from newsroom.caching import schedule
from newsroom.caching.invalidation import sweeper
from newsroom.caching.pieces import Recent
from newsroom.caching.release import release
from newsroom.caching.state import (
    GENERATION,
    Unavailable,
    clock,
    read_remembered,
    remembering,
    state,
    stop_remembering,
    tag_key,
)
from newsroom.caching.tracking import LISTINGS, noting

# The reader pages kept whole (URL names), filled by the apps that serve them (their ready()).
cached_views = set()
# Cookies that mean the reader sees something of their own, filled by the apps that set them.
personal_cookies = {"messages"}
# Never looked up (static files, the back office, forms, per-reader pages): saves a read.
NEVER_CACHED_PATHS = ("/static/", "/media/", "/admin/", "/comments/", "/preview/", "/search/")
# Pages each process remembers besides the shared cache.
RECENT_PAGES = 200
# Headers a kept page must not repeat to another reader.
PERSONAL_HEADERS = {"set-cookie", "vary"}

recent_pages = Recent(RECENT_PAGES)


def enabled():
    return settings.NEWSROOM_CACHE and settings.NEWSROOM_CACHE_WHOLE_PAGES


def is_personal(request):
    """The reader sees something of their own: a session, a message, their comment details."""
    cookies = request.COOKIES
    return (
        "HTTP_AUTHORIZATION" in request.META
        or settings.SESSION_COOKIE_NAME in cookies
        or any(name in cookies for name in personal_cookies)
    )


def page_key(request):
    address = f"{request.scheme}://{request.get_host()}{request.get_full_path()}"
    digest = hashlib.md5(address.encode(), usedforsecurity=False).hexdigest()
    return f"caching:page:{release()}:{digest}"


def keep(request, response, building, generation, now):
    """Store the page with the tag versions it was built with; None if it may not be kept."""
    tags = sorted({*building.tags, LISTINGS})
    keys = [tag_key(tag) for tag in tags]
    expires = schedule.expiry(now, building.expires)
    current = state().read([GENERATION, *keys])
    if current.get(GENERATION) != generation or expires - now < 1:
        # Something changed while the page was built: it may show the state before.
        return None
    content = response.content
    entry = {
        "status": response.status_code,
        "content": content,
        "headers": [
            (name, value)
            for name, value in response.items()
            if name.lower() not in PERSONAL_HEADERS
        ],
        "tags": tags,
        "keys": keys,
        "versions": {key: current.get(key) for key in keys},
        "etag": f'"{hashlib.md5(content, usedforsecurity=False).hexdigest()}"',
        "modified": int(now),
        "expires": expires,
    }
    key = page_key(request)
    cache.set(key, entry, timeout=max(1, int(expires - now)))
    recent_pages.put(key, entry)
    return entry


def kept_page(key, now):
    """The kept page under this key if it is current, else None; raises Unavailable."""
    for entry in (recent_pages.get(key), None):
        if entry is None:
            entry = cache.get(key)
            if entry is None:
                return None
            recent_pages.put(key, entry)
        if entry["expires"] <= now:
            return None
        values = read_remembered([*schedule.KEYS, *entry["keys"]])
        if schedule.announce_if_due(schedule.recorded(values), now):
            # A scheduled story's time has come: announced (making stale what it changes).
            values = state().read(entry["keys"])
        if {key: values.get(key) for key in entry["keys"]} == entry["versions"]:
            return entry
        recent_pages.forget(key)
    return None


def public_headers(response, entry):
    """What a proxy or CDN in front needs: how long to keep, the validators, the tags."""
    shared = max(0, min(settings.NEWSROOM_CDN_SECONDS, int(entry["expires"] - clock())))
    response["Cache-Control"] = (
        f"public, max-age=0, s-maxage={shared}, "
        f"stale-while-revalidate={settings.NEWSROOM_CDN_STALE_SECONDS}"
    )
    response["ETag"] = entry["etag"]
    response["Last-Modified"] = http_date(entry["modified"])
    response["Surrogate-Key"] = " ".join(entry["tags"])
    response["Cache-Tag"] = ",".join(entry["tags"])
    return response


def not_modified(request, entry):
    if_none_match = request.META.get("HTTP_IF_NONE_MATCH")
    if if_none_match:
        return entry["etag"] in parse_etags(if_none_match) or if_none_match.strip() == "*"
    since = parse_http_date_safe(request.META.get("HTTP_IF_MODIFIED_SINCE", ""))
    return since is not None and entry["modified"] <= since


def respond(request, entry, state_name):
    if not_modified(request, entry):
        response = HttpResponseNotModified()
    else:
        response = HttpResponse(entry["content"], status=entry["status"])
        for name, value in entry["headers"]:
            response[name] = value
    response["X-Page-Cache"] = state_name
    return public_headers(response, entry)


def private(response):
    """A page built for one reader: no proxy may keep it or show it to another."""
    response["Cache-Control"] = "private, no-cache"
    patch_vary_headers(response, ["Cookie"])
    response["X-Page-Cache"] = "bypass"
    return response


def unkept(response):
    """A page built fresh because the cache's state could not be read: nobody may keep it."""
    response["Cache-Control"] = "no-cache"
    response["X-Page-Cache"] = "bypass"
    return response


def is_cached_view(request):
    match = getattr(request, "resolver_match", None)
    if match is None:
        # Before the URL resolver ran: resolve it here (a few microseconds), so an address no
        # kept page answers costs no read of the shared state.
        try:
            match = resolve(request.path_info)
        except Resolver404:
            return False
    return match.view_name in cached_views


class PageCacheMiddleware:
    """Answer anonymous readers from kept pages; keep the pages built for them.

    First in MIDDLEWARE: a kept page is served before sessions, CSRF or the database are
    touched. Every request remembers what it read of the shared state, so the pieces of one
    page ask once.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = remembering()
        try:
            return self.answer(request)
        finally:
            stop_remembering(token)

    def answer(self, request):
        if (
            request.method not in ("GET", "HEAD")
            or not enabled()
            or request.path.startswith(NEVER_CACHED_PATHS)
        ):
            return self.get_response(request)
        if is_personal(request):
            response = self.get_response(request)
            return private(response) if is_cached_view(request) else response
        now = clock()
        key = page_key(request)
        try:
            if not sweeper.is_clear():
                raise Unavailable("changes not yet recorded")
            # Only cached views' pages are ever kept: a hit needs no look at the URL's view.
            entry = kept_page(key, now)
            if entry is not None:
                return respond(request, entry, "hit")
            if not is_cached_view(request):
                return self.get_response(request)
            generation = read_remembered([GENERATION]).get(GENERATION)
        except Unavailable:
            return self._fresh(request)
        with noting() as building:
            response = self.get_response(request)
        if not self._may_keep(request, response):
            return response
        try:
            entry = keep(request, response, building, generation, now)
        except Unavailable:
            return unkept(response)
        if entry is None:
            response["Cache-Control"] = "no-cache"
            return response
        return respond(request, entry, "miss")

    def _fresh(self, request):
        response = self.get_response(request)
        return unkept(response) if is_cached_view(request) else response

    @staticmethod
    def _may_keep(request, response):
        return (
            request.method == "GET"
            and response.status_code == 200
            and is_cached_view(request)
            and not response.streaming
            # A cookie set (a CSRF token, a session) means the page holds something personal.
            and not response.cookies
            and "private" not in response.get("Cache-Control", "")
            and "no-store" not in response.get("Cache-Control", "")
        )
