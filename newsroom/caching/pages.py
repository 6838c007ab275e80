"""Whole reader pages for anonymous readers, kept and served before anything else runs.

A page is kept under its address and the release, with the tags it showed (what was read
while it was built, newsroom.caching.tracking) and their versions in the shared state. It is
served again only while those versions are current, checked on every hit; a page during
whose build anything changed is not kept. Readers with a session (staff), a message waiting
or a personal cookie (our commenters') get pages built for them, marked private. Kept pages
never hold per-reader data: a page that sets a cookie (a CSRF token, for one) is not kept.

With the state in Redis, pages are kept there and found in one round trip that compares their
tags' versions inside Redis (newsroom.caching.hits); a server in front of Django's stack
answers hits before it runs (newsroom.caching.wsgi, `answer_early`). The content API's answers
are kept whole the same way, behind the partner's key (hits.Gate). Without Redis, pages are
kept in the default cache and in each process's memory (the last pages it served), and the
versions read from PostgreSQL. Either way a copy is never trusted alone: when the state cannot
be read, pages are built fresh.
"""

import hashlib
from http import HTTPStatus

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import DisallowedHost
from django.core.handlers.wsgi import WSGIRequest
from django.http import HttpResponse, HttpResponseNotModified
from django.urls import Resolver404, resolve
from django.utils.cache import patch_vary_headers
from django.utils.http import http_date, parse_etags, parse_http_date_safe

from newsroom.caching import hits, schedule
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
# What the answer in front of the stack found (answer_early), so the stack does not ask again.
LOOKED = "newsroom.caching.looked"

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


def keep(request, response, building, generation, now, admitted=None):
    """Store the page with the tag versions it was built with; None if it may not be kept.

    admitted: what the app's check admitted (hits.admit) for an answer behind a key."""
    shared = state()
    tags = sorted({*building.tags, LISTINGS})
    keys = [tag_key(tag) for tag in tags]
    expires = schedule.expiry(now, building.expires)
    current = shared.read([GENERATION, *keys, *hits.check_keys(admitted)])
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
        # Behind a key: every request is checked, so no cache in between may keep it.
        "private": bool(admitted),
    }
    key = page_key(request)
    seconds = max(1, int(expires - now))
    if shared.in_transaction:
        cache.set(key, entry, timeout=seconds)
        recent_pages.put(key, entry)
    else:
        hits.keep(key, entry, keys, current, seconds, admitted)
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


def cache_control(entry):
    shared = max(0, min(settings.NEWSROOM_CDN_SECONDS, int(entry["expires"] - clock())))
    return (
        f"public, max-age=0, s-maxage={shared}, "
        f"stale-while-revalidate={settings.NEWSROOM_CDN_STALE_SECONDS}"
    )


def public_headers(response, entry):
    """What a proxy or CDN in front needs: how long to keep, the validators, the tags."""
    response["Cache-Control"] = cache_control(entry)
    response["ETag"] = entry["etag"]
    response["Last-Modified"] = http_date(entry["modified"])
    response["Surrogate-Key"] = " ".join(entry["tags"])
    response["Cache-Tag"] = ",".join(entry["tags"])
    return response


def not_modified(request, entry):
    if_none_match = request.META.get("HTTP_IF_NONE_MATCH")
    if if_none_match:
        return entry["etag"] in parse_etags(if_none_match) or if_none_match.strip() == "*"
    if entry.get("private"):
        return False
    since = parse_http_date_safe(request.META.get("HTTP_IF_MODIFIED_SINCE", ""))
    return since is not None and entry["modified"] <= since


def respond(request, entry, state_name):
    if not_modified(request, entry):
        response = HttpResponseNotModified()
        if entry.get("private"):
            response["ETag"] = entry["etag"]
            response["Cache-Control"] = PRIVATE
    else:
        response = HttpResponse(entry["content"], status=entry["status"])
        for name, value in entry["headers"]:
            response[name] = value
    response["X-Page-Cache"] = state_name
    return response if entry.get("private") else public_headers(response, entry)


PRIVATE = "private, no-cache"
NOT_MODIFIED = f"304 {HTTPStatus.NOT_MODIFIED.phrase}"


def sent(request, entry, state_name):
    """respond()'s answer as Django's WSGI handler would send it: (status line, headers,
    body), without building an HttpResponse (the same header names, values and order)."""
    private = entry.get("private")
    if not_modified(request, entry):
        status, body, headers = NOT_MODIFIED, b"", {}
        if private:
            headers["etag"] = ("ETag", entry["etag"])
            headers["cache-control"] = ("Cache-Control", PRIVATE)
    else:
        status, body, headers = _status_line(entry), entry["content"], dict(_headers(entry))
    headers["x-page-cache"] = ("X-Page-Cache", state_name)
    if not private:
        headers["cache-control"] = ("Cache-Control", cache_control(entry))
        headers.update(_validators(entry))
    return status, list(headers.values()), body


def _validators(entry):
    """public_headers() after Cache-Control, worked out once per entry and process."""
    validators = entry.get("_validators")
    if validators is None:
        validators = entry["_validators"] = {
            "etag": ("ETag", entry["etag"]),
            "last-modified": ("Last-Modified", http_date(entry["modified"])),
            "surrogate-key": ("Surrogate-Key", " ".join(entry["tags"])),
            "cache-tag": ("Cache-Tag", ",".join(entry["tags"])),
        }
    return validators


def _status_line(entry):
    return f"{entry['status']} {HTTPStatus(entry['status']).phrase}"


def _headers(entry):
    """The kept headers as HttpResponse holds them: by lower-case name, in the order first
    set, the content type first (worked out once per entry and process)."""
    headers = entry.get("_headers")
    if headers is None:
        headers = {"content-type": ("Content-Type", HttpResponse().headers["Content-Type"])}
        for name, value in entry["headers"]:
            headers[name.lower()] = (name, value)
        entry["_headers"] = headers
    return headers


def answer_early(environ):
    """A current kept answer for this request, before Django's stack runs: (status line,
    headers, body), or None to let the stack answer. Only with the state in Redis, for
    anonymous readers (or a partner's key), once this process has looked for changes Redis
    missed within the last second; whatever it cannot decide, the stack decides."""
    if (
        environ.get("REQUEST_METHOD") not in ("GET", "HEAD")
        or not enabled()
        or state().in_transaction
        or not sweeper.is_known_clear()
    ):
        return None
    request = WSGIRequest(environ)
    if request.path.startswith(NEVER_CACHED_PATHS) or is_personal(request):
        return None
    record = None
    gate = hits.gate_for(request.path)
    if gate is not None:
        key = environ.get(gate.header)
        if not key or request.method != "GET":
            return None
        record = gate.record(key)
    try:
        verdict, entry = hits.lookup(page_key(request), clock(), record)
    except (DisallowedHost, Unavailable):
        return None
    if verdict != "hit":
        environ[LOOKED] = verdict
        return None
    return sent(request, entry, "hit")


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
        in_redis = not state().in_transaction
        gate = hits.gate_for(request.path)
        record = None
        if gate is not None:
            key = request.META.get(gate.header)
            if not (key and in_redis and request.method == "GET"):
                # Without a key (anonymous access) or Redis, the app's own kept pieces serve;
                # what the app answers to HEAD is its own.
                return self.get_response(request)
            record = gate.record(key)
        now = clock()
        key = page_key(request)
        try:
            if not sweeper.is_clear():
                raise Unavailable("changes not yet recorded")
            # Only cached views' pages are ever kept: a hit needs no look at the URL's view.
            entry = self._kept(request, key, now, record) if in_redis else kept_page(key, now)
            if entry is not None:
                return respond(request, entry, "hit")
            if gate is None and not is_cached_view(request):
                return self.get_response(request)
            generation = read_remembered([GENERATION]).get(GENERATION)
        except Unavailable:
            return self._fresh(request)
        with noting() as building, hits.admitting() as admitted:
            response = self.get_response(request)
        if not self._may_keep(request, response, gate, admitted):
            return response
        try:
            entry = keep(request, response, building, generation, now, admitted)
        except Unavailable:
            return unkept(response)
        if entry is None:
            if gate is None:
                response["Cache-Control"] = "no-cache"
            return response
        return respond(request, entry, "miss")

    @staticmethod
    def _kept(request, key, now, record):
        """The current kept answer from Redis (None: build it), unless the answer in front
        of the stack found none already."""
        if request.META.get(LOOKED) in ("stale", "unknown", "over"):
            return None
        verdict, entry = hits.lookup(key, now, record)
        if verdict == "due":
            # A scheduled change's time has come: announced, making stale what it changes.
            schedule.next_change()
            verdict, entry = hits.lookup(key, now, record)
        return entry if verdict == "hit" else None

    def _fresh(self, request):
        response = self.get_response(request)
        return unkept(response) if is_cached_view(request) else response

    @staticmethod
    def _may_keep(request, response, gate=None, admitted=None):
        if not (
            request.method == "GET"
            and response.status_code == 200
            and not response.streaming
            # A cookie set (a CSRF token, a session) means the page holds something personal.
            and not response.cookies
        ):
            return False
        if gate is not None:
            # Kept only when the app's check admitted the caller (so counted it).
            return bool(admitted)
        return (
            is_cached_view(request)
            and "private" not in response.get("Cache-Control", "")
            and "no-store" not in response.get("Cache-Control", "")
        )
