"""Live coverage: the updates of a live story and the cache-friendly answer readers poll.

Every reader's script asks for /live/<story>/<bucket>/, where the bucket is the number of the
current 15-second slice of time. All readers in the same slice ask for the same address, so
one answer (kept here until the story changes, newsroom.caching, and by any CDN in front)
serves them all: the database sees at most one query per story per slice, however many read
it.
"""

import json

from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from articles.models import Article
from articles.site.metadata import iso
from newsroom.caching.pieces import kept
from newsroom.caching.tracking import expires_at

BUCKET_SECONDS = 15
# Updates in one answer: a reader who was away longer gets the rest by reloading the page.
ANSWER_LENGTH = 20
# How many of the latest updates structured data lists.
SCHEMA_UPDATES = 10


def current_bucket(now=None):
    return int((now or timezone.now()).timestamp()) // BUCKET_SECONDS


def bucket_url(article_id, bucket):
    return reverse("articles:live_updates", kwargs={"pk": article_id, "bucket": bucket})


def updates(article):
    """Every update of a live story (or one whose coverage ended), pinned first, then newest
    first: all of them, so the page is complete without JavaScript. Fetched once per request;
    a story that was never live costs no query."""
    if not hasattr(article, "live_update_list"):
        article.live_update_list = (
            list(article.live_updates.select_related("image").order_by("-posted_at", "-pk"))
            if article.live_coverage_start
            else []
        )
    return arranged(article.live_update_list)


def arranged(updates):
    """Pinned updates first, then the rest newest first, as the page and the script show them."""
    updates = list(updates)
    return [u for u in updates if u.is_pinned] + [u for u in updates if not u.is_pinned]


def key_events(updates):
    return [update for update in updates if update.is_key_event]


def answer(article_id, bucket):
    """What a reader's script gets for this slice, as JSON bytes: the newest updates as
    rendered HTML, and whether the coverage is still live; None for a story that is not (or
    no longer) a published live story. The same for every reader: no per-reader data."""

    def build():
        # Two slices: a reader whose clock runs a little ahead asks for the next one early.
        expires_at((bucket + 2) * BUCKET_SECONDS)
        data = _fresh_answer(article_id, bucket)
        # Kept serialized, so a kept answer costs nothing more. An unknown story is kept too
        # (as b""), so made-up numbers cost no queries.
        return json.dumps(data).encode() if data else b""

    return kept("live-answer", [article_id, bucket], build, listings=False) or None


def _fresh_answer(article_id, bucket):
    article = (
        Article.objects.published()
        .filter(pk=article_id, live_coverage_start__isnull=False)
        .select_related("section")
        .first()
    )
    if article is None:
        return None
    updates = article.live_updates.select_related("image").order_by(
        "-is_pinned", "-posted_at", "-pk"
    )[:ANSWER_LENGTH]
    return {
        "live": article.is_live(),
        "bucket": bucket,
        "seconds": BUCKET_SECONDS,
        "updates": [
            {
                "id": update.pk,
                "posted": iso(update.posted_at),
                "pinned": update.is_pinned,
                "html": render_to_string("articles/_live_update.html", {"update": update}),
                # Its line in the "Key events" box, for key events only.
                "key_html": render_to_string("articles/_key_event.html", {"update": update})
                if update.is_key_event
                else "",
            }
            for update in updates
        ],
    }
