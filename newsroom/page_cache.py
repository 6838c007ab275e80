"""Whole reader pages for anonymous readers, kept in the shared cache and emptied precisely.

A page is kept under its address. While it is built, every story, section, byline, picture
and topic it reads from the database is noted as its tags (`story-12`, `section-3`, ...),
through post_init, so no view has to declare them; every page also carries `listings`: which
stories are published shows on all of them (the sidebar, the lists, feeds and sitemaps).

Invalidation bumps tags: each tag has a version in the cache, and a kept page is served only
while the versions it was built with are still current; a page during whose build anything
was bumped is not kept (it may show the state before). Every hit checks the versions in the
shared cache, so several app servers sharing one Redis agree at once. What bumps what:

- article_changed: `story-<id>`; and `listings` when what the story adds to listings changed
  (it appeared, disappeared, moved in time or section, changed topics or bylines).
- comments_changed: `story-<id>` (the thread, and the count on the story's cards).
- a byline, picture or topic saved or deleted: its own tag. A section or the comment
  settings: `listings` (every page shows the navigation; every story page the rules), as
  both are read from the cache, not the database, when pages are built.
- a scheduled story's second: announced by articles.scheduling, checked on every request,
  hits included; pages are also never kept past the next scheduled publication.

Readers with a session (staff), a message waiting, or our commenter cookies get pages built
for them, marked private. Kept pages never hold per-reader data: a page that sets a cookie
(a CSRF token, for one) is not kept.
"""

import contextlib
import functools
import hashlib
import logging
import time
import uuid
from collections import OrderedDict
from contextvars import ContextVar

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import post_delete, post_init, post_save
from django.http import HttpResponse, HttpResponseNotModified
from django.utils.cache import patch_vary_headers
from django.utils.http import http_date, parse_etags, parse_http_date_safe
from django.utils.module_loading import import_string
from taggit.models import Tag

from articles.models import Article, Author, Image, Section
from articles.scheduling import NEXT_DUE, NOTHING_SCHEDULED, announce_due_publications
from articles.signals import article_changed
from comments.models import ModerationSettings
from comments.signals import comments_changed
from comments.threads import MINE_COOKIE

logger = logging.getLogger(__name__)

PAGE_PREFIX = "page-cache:page:"
TAG_PREFIX = "page-cache:tag:"
LISTED_PREFIX = "page-cache:listed:"
# Counts bumps, site-wide: a page is kept only if none happened while it was built.
GENERATION = "page-cache:generation"
LISTINGS = "listings"
# How long a tag's version is remembered; a page whose tag version was forgotten is rebuilt.
TAG_SECONDS = 7 * 24 * 3600

# The reader pages kept whole (URL names); everything else is always built for the request.
CACHED_VIEWS = {
    "articles:home",
    "articles:section",
    "articles:tag",
    "articles:author",
    "articles:archive_year",
    "articles:archive_month",
    "articles:archive_day",
    "articles:detail",
    "articles:feed_rss",
    "articles:feed_atom",
    "articles:section_feed_rss",
    "articles:section_feed_atom",
    "articles:tag_feed_rss",
    "articles:tag_feed_atom",
    "articles:author_feed_rss",
    "articles:author_feed_atom",
    "articles:sitemap",
    "articles:sitemap_section",
    "articles:news_sitemap",
}
# Never looked up (static files, the back office, forms, per-reader pages): saves a cache read.
NEVER_CACHED_PATHS = ("/static/", "/media/", "/admin/", "/comments/", "/preview/", "/search/")
# Tracked rows: reading one while a page is built tags the page with `<prefix>-<pk>`.
TRACKED = {Article: "story", Section: "section", Author: "author", Image: "image", Tag: "topic"}
# Saving or deleting one of these changes every page.
EVERYWHERE = (Section, ModerationSettings)
# Pages each process remembers besides the shared cache (RecentPages).
RECENT_PAGES = 200
# Headers a kept page must not repeat to another reader.
PERSONAL_HEADERS = {"set-cookie", "vary"}

_building = ContextVar("page_cache_building", default=None)


def personal_cookies():
    # Imported here: comments' views build on articles' views, which keep pieces through this
    # module (newsroom.pieces).
    from comments.views import AUTHOR_COOKIES

    return {
        settings.SESSION_COOKIE_NAME,
        "messages",
        MINE_COOKIE,
        *AUTHOR_COOKIES.values(),
    }


def is_personal(request):
    """The reader sees something of their own: a session, a message, their comment details."""
    cookies = request.COOKIES
    return "HTTP_AUTHORIZATION" in request.META or any(
        name in cookies for name in personal_cookies()
    )


def page_key(request):
    address = f"{request.scheme}://{request.get_host()}{request.get_full_path()}"
    return PAGE_PREFIX + hashlib.md5(address.encode(), usedforsecurity=False).hexdigest()


def tag_key(tag):
    return TAG_PREFIX + tag


# -- noting what a page shows -------------------------------------------------------------


def note_instance(sender, instance, **kwargs):
    tags = _building.get()
    if tags is not None and instance.pk is not None:
        tags.add(f"{TRACKED[sender]}-{instance.pk}")


def note(tags):
    """The page being built shows these too (a kept piece of it, read instead of the rows)."""
    noted = _building.get()
    if noted is not None:
        noted.update(tags)


@contextlib.contextmanager
def noting():
    """Collect the tags of what is read inside; the page around it is tagged with them too."""
    outer = _building.get()
    noted = set()
    token = _building.set(noted)
    try:
        yield noted
    finally:
        _building.reset(token)
        if outer is not None:
            outer.update(noted)


def tags_of(instance):
    """A tracked row's own tag and those of the tracked rows its foreign keys name."""
    tags = []
    model = type(instance)
    if model in TRACKED:
        tags.append(f"{TRACKED[model]}-{instance.pk}")
    for field in model._meta.concrete_fields:
        target = field.related_model
        if target in TRACKED:
            value = getattr(instance, field.attname)
            if value is not None:
                tags.append(f"{TRACKED[target]}-{value}")
    return tags


def current_versions(tags):
    return cache.get_many([tag_key(tag) for tag in tags])


# -- invalidation -------------------------------------------------------------------------


def bump(tags):
    """Make every kept page carrying one of these tags stale, here and on every server."""
    tags = sorted(set(tags))
    if not tags:
        return
    # The generation first, the versions after: a page built meanwhile is either refused (it
    # sees the new generation) or kept with versions that are about to be stale.
    cache.add(GENERATION, 0, timeout=None)
    cache.incr(GENERATION)
    version = uuid.uuid4().hex
    cache.set_many({tag_key(tag): version for tag in tags}, timeout=TAG_SECONDS)
    purge = getattr(settings, "NEWSROOM_PAGE_CACHE_PURGE", "")
    if purge:
        try:
            import_string(purge)(tags)
        except Exception:
            # A CDN that is down must not fail an editor's save; its copies expire anyway.
            logger.exception("Page cache purge hook %s failed for %s", purge, tags)


def listed_as(articles):
    """{pk: what the story adds to listings}: its time, section, topics and bylines, if shown."""
    now = time.time()
    listed = {}
    rows = (
        Article.objects.filter(pk__in=articles)
        .prefetch_related("tags", "authors")
        .only("pk", "status", "published_at", "section_id")
    )
    for article in rows:
        visible = (
            article.status == Article.Status.PUBLISHED
            and article.published_at is not None
            and article.published_at.timestamp() <= now
        )
        listed[article.pk] = (
            (
                article.published_at.isoformat(),
                article.section_id,
                sorted(tag.pk for tag in article.tags.all()),
                sorted(author.pk for author in article.authors.all()),
            )
            if visible
            else None
        )
    return listed


def stories_changed(sender, article_ids, **kwargs):
    """article_changed: the stories' pages and cards; the listings if membership changed."""
    ids = set(article_ids)
    previous = cache.get_many([f"{LISTED_PREFIX}{pk}" for pk in ids])
    current = listed_as(ids)
    tags = {f"story-{pk}" for pk in ids}
    for pk in ids:
        key = f"{LISTED_PREFIX}{pk}"
        now = current.get(pk)
        # Unknown before (never seen, or forgotten): it may have been listed, so look again.
        if key not in previous or previous[key] != now:
            tags.add(LISTINGS)
    bump(tags)
    cache.set_many({f"{LISTED_PREFIX}{pk}": current.get(pk) for pk in ids}, timeout=TAG_SECONDS)


def comments_changed_on(sender, article_ids, **kwargs):
    bump(f"story-{pk}" for pk in article_ids)


def row_saved_or_deleted(sender, instance, created=False, **kwargs):
    if created and sender is not Section:
        # No page shows a byline, picture or topic before it is saved; the navigation may
        # show a new section.
        return
    tags = [f"{TRACKED[sender]}-{instance.pk}"] if sender in TRACKED else []
    if sender in EVERYWHERE:
        tags.append(LISTINGS)
    transaction.on_commit(functools.partial(bump, tags), robust=True)


def connect():
    """Listen to what changes pages (NewsroomConfig.ready)."""
    article_changed.connect(stories_changed, dispatch_uid="page_cache.stories")
    comments_changed.connect(comments_changed_on, dispatch_uid="page_cache.comments")
    for model in TRACKED:
        post_init.connect(note_instance, sender=model, dispatch_uid=f"page_cache.note.{model}")
    for model in {*TRACKED, *EVERYWHERE} - {Article}:
        for signal in (post_save, post_delete):
            signal.connect(
                row_saved_or_deleted, sender=model, dispatch_uid=f"page_cache.row.{model}"
            )


# -- keeping and serving ------------------------------------------------------------------


def enabled():
    return getattr(settings, "NEWSROOM_PAGE_CACHE", True)


def next_publication():
    """When the next scheduled story goes live (a timestamp), or None."""
    due = cache.get(NEXT_DUE)
    if due is None:
        announce_due_publications()
        due = cache.get(NEXT_DUE)
    return None if due in (None, NOTHING_SCHEDULED) else due


def expiry(request, now):
    """Until when a page may be kept: our limit, the next publication, its own change.

    A page that changes by itself at a known time (comments closing N days after publication)
    says so in request.changes_by_itself_at (a timestamp).
    """
    limits = [now + settings.NEWSROOM_PAGE_CACHE_SECONDS]
    due = next_publication()
    if due is not None:
        limits.append(due)
    changes = getattr(request, "changes_by_itself_at", None)
    if changes is not None:
        limits.append(changes)
    return min(limits)


def keep(request, response, noted, generation):
    """Store the page with the tag versions it was built with; None if it may not be kept."""
    tags = [*sorted(noted), LISTINGS]
    now = time.time()
    expires = expiry(request, now)
    if expires - now < 1:
        return None
    versions = cache.get_many([tag_key(tag) for tag in tags])
    if cache.get(GENERATION) != generation:
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
        "versions": versions,
        "etag": f'"{hashlib.md5(content, usedforsecurity=False).hexdigest()}"',
        "modified": int(now),
        "expires": expires,
    }
    key = page_key(request)
    cache.set(key, entry, timeout=max(1, int(expires - now)))
    recent_pages.put(key, entry)
    return entry


class RecentPages:
    """The pages this process served last, so that a hit needs one cache read, not three.

    Never trusted alone: every hit still reads the page's tag versions and the next scheduled
    publication from the shared cache, so a copy here is served only while it is current
    on every server. Bounded, oldest dropped first.
    """

    def __init__(self, size):
        self.size = size
        self.pages = OrderedDict()

    def get(self, key):
        entry = self.pages.get(key)
        if entry is not None:
            self.pages.move_to_end(key)
        return entry

    def put(self, key, entry):
        self.pages[key] = entry
        self.pages.move_to_end(key)
        while len(self.pages) > self.size:
            self.pages.popitem(last=False)

    def forget(self, key):
        self.pages.pop(key, None)


recent_pages = RecentPages(RECENT_PAGES)


def kept_page(key):
    """The kept page under this key if it is current, else None (one cache read when warm)."""
    for entry in (recent_pages.get(key), None):
        if entry is None:
            entry = cache.get(key)
            if entry is None:
                return None
            recent_pages.put(key, entry)
        if entry["expires"] <= time.time():
            return None
        values = cache.get_many([NEXT_DUE, *(tag_key(tag) for tag in entry["tags"])])
        due = values.pop(NEXT_DUE, None)
        if due is None or (due != NOTHING_SCHEDULED and due <= time.time()):
            # Unknown, or a scheduled story's time has come: announce it (bumping the pages
            # it changes) and look again.
            announce_due_publications()
            values = cache.get_many([tag_key(tag) for tag in entry["tags"]])
        if values == entry["versions"]:
            return entry
        recent_pages.forget(key)
    return None


def public_headers(response, entry):
    """What a proxy or CDN in front needs: how long to keep, the validators, the tags."""
    shared = max(0, min(settings.NEWSROOM_CDN_SECONDS, int(entry["expires"] - time.time())))
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


def respond(request, entry, state):
    if not_modified(request, entry):
        response = HttpResponseNotModified()
    else:
        response = HttpResponse(entry["content"], status=entry["status"])
        for name, value in entry["headers"]:
            response[name] = value
    response["X-Page-Cache"] = state
    return public_headers(response, entry)


def private(response):
    """A page built for one reader: no proxy may keep it or show it to another."""
    response["Cache-Control"] = "private, no-cache"
    patch_vary_headers(response, ["Cookie"])
    response["X-Page-Cache"] = "bypass"
    return response


def is_cached_view(request):
    match = getattr(request, "resolver_match", None)
    return match is not None and match.view_name in CACHED_VIEWS


class PageCacheMiddleware:
    """Answer anonymous readers from the page cache; keep the pages built for them.

    First in MIDDLEWARE: a kept page is served before sessions, CSRF or the database are
    touched. The check for a scheduled story's time runs on hits too.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if (
            request.method not in ("GET", "HEAD")
            or not enabled()
            or request.path.startswith(NEVER_CACHED_PATHS)
        ):
            return self.get_response(request)
        if is_personal(request):
            response = self.get_response(request)
            return private(response) if is_cached_view(request) else response
        key = page_key(request)
        entry = kept_page(key)
        if entry is not None:
            return respond(request, entry, "hit")
        generation = cache.get(GENERATION)
        noted = set()
        token = _building.set(noted)
        try:
            response = self.get_response(request)
        finally:
            _building.reset(token)
        if not self._may_keep(request, response):
            return response
        entry = keep(request, response, noted, generation)
        if entry is None:
            response["Cache-Control"] = "no-cache"
            return response
        return respond(request, entry, "miss")

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
