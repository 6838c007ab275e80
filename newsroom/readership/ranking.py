"""Which stories are read most, and how each one was read over time."""

import time
from datetime import UTC, timedelta

from django.db.models import Sum
from django.utils import timezone

from articles.models import Article
from newsroom.caching.pieces import kept
from newsroom.caching.tracking import expires_at
from newsroom.readership.models import DailyViews, HourlyViews

PERIODS = {"today": 1, "week": 7, "month": 30}
BOX_SECONDS = 300
HOURLY_CHART_DAYS = 14


def most_read(days, limit=10, today=None):
    """Published stories by readers over the last `days` days (today included), with totals."""
    today = today or timezone.localdate()
    totals = (
        DailyViews.objects.filter(
            date__gt=today - timedelta(days=days),
            date__lte=today,
            article__in=Article.objects.published(),
        )
        .values("article")
        .annotate(readers=Sum("visitors"), views=Sum("views"))
        .order_by("-readers", "-views", "article")[:limit]
    )
    rows = list(totals)
    articles = Article.objects.select_related("section").in_bulk([row["article"] for row in rows])
    return [
        {"article": articles[row["article"]], "readers": row["readers"], "views": row["views"]}
        for row in rows
        if row["article"] in articles
    ]


def most_read_box(limit=5):
    """Today's and this week's most read, for every reader alike: worked out again every
    BOX_SECONDS, or at once when a story in it changes (newsroom.caching)."""

    def build():
        expires_at(time.time() + BOX_SECONDS)
        return {
            period: [
                {"headline": row["article"].headline, "url": row["article"].get_absolute_url()}
                for row in most_read(PERIODS[period], limit)
            ]
            for period in ("today", "week")
        }

    return kept("most-read", [limit], build)


def daily_series(article, today=None):
    """[(date, views)] for every day from publication to today, days without views as 0."""
    today = today or timezone.localdate()
    first = timezone.localdate(article.published_at) if article.published_at else today
    counts = dict(
        DailyViews.objects.filter(article=article, date__gte=first).values_list("date", "views")
    )
    days = (today - first).days + 1
    return [
        (first + timedelta(days=n), counts.get(first + timedelta(days=n), 0)) for n in range(days)
    ]


def hourly_series(article, now=None):
    """[(hour, views)] since publication, or over the last HOURLY_CHART_DAYS days if longer."""
    now = now or timezone.now()
    last = now.astimezone(UTC).replace(minute=0, second=0, microsecond=0)
    start = (article.published_at or now).astimezone(UTC).replace(minute=0, second=0, microsecond=0)
    start = max(start, last - timedelta(days=HOURLY_CHART_DAYS) + timedelta(hours=1))
    counts = dict(
        HourlyViews.objects.filter(article=article, hour__gte=start).values_list("hour", "views")
    )
    hours = int((last - start).total_seconds() // 3600) + 1
    series = []
    for n in range(max(hours, 0)):
        hour = start + timedelta(hours=n)
        series.append((hour, counts.get(hour, 0)))
    return series
