"""Writing the waiting counts into the database: once a minute, one transaction per batch."""

import logging
from collections import defaultdict
from datetime import UTC, datetime

from django.core.cache import cache
from django.db import connection, transaction
from django.utils import timezone

from articles.models import Article
from newsroom.readership.models import DailyViews, HourlyViews
from newsroom.readership.store import get_store

logger = logging.getLogger(__name__)
REQUEST_FLUSH_LOCK = "readership:request-flush"
UPSERT = """
    INSERT INTO {table} (article_id, {period}, views, visitors)
    SELECT * FROM unnest(%s::bigint[], %s::{kind}[], %s::int[], %s::int[])
    ON CONFLICT (article_id, {period}) DO UPDATE
    SET views = {table}.views + EXCLUDED.views, visitors = {table}.visitors + EXCLUDED.visitors
"""


def parse(batch):
    """{"<article>:<YYYYMMDDHH>:v|u": n} → {(article id, hour): [views, visitors]}."""
    counts = defaultdict(lambda: [0, 0])
    for field, value in batch.items():
        article_id, hour, kind = field.split(":")
        started = datetime.strptime(hour, "%Y%m%d%H").replace(tzinfo=UTC)
        counts[(int(article_id), started)][0 if kind == "v" else 1] += value
    return counts


def _upsert(model, period, kind, rows):
    if not rows:
        return
    columns = list(zip(*((a, p, v, u) for (a, p), (v, u) in rows.items()), strict=True))
    sql = UPSERT.format(table=model._meta.db_table, period=period, kind=kind)
    with connection.cursor() as cursor:
        cursor.execute(sql, [list(column) for column in columns])


def write(counts):
    # A story deleted since its page was read has nowhere to keep its views.
    known = set(Article.objects.filter(pk__in={a for a, _ in counts}).values_list("pk", flat=True))
    hourly = {key: value for key, value in counts.items() if key[0] in known}
    daily = defaultdict(lambda: [0, 0])
    for (article_id, hour), (views, visitors) in hourly.items():
        day = daily[(article_id, timezone.localdate(hour))]
        day[0] += views
        day[1] += visitors
    with transaction.atomic():
        _upsert(HourlyViews, "hour", "timestamptz", hourly)
        _upsert(DailyViews, "date", "date", daily)
    return sum(views for views, _ in hourly.values())


def flush(store=None):
    """Write every waiting batch; returns the number of views written."""
    store = store or get_store()
    written = 0
    for name, batch in store.take_batches().items():
        written += write(parse(batch))
        store.forget_batch(name)
    return written


def flush_from_request(store):
    """Without Redis no other process sees the counts: a request flushes, once a minute."""
    if store.flushes_in_requests and cache.add(REQUEST_FLUSH_LOCK, True, timeout=60):
        try:
            flush(store)
        except Exception:
            # Counting must never break the beacon: at worst this minute's views are lost.
            logger.exception("Could not write the view counts")
