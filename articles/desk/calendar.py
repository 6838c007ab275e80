"""The editorial calendar: scheduled and planned stories laid out by day, a week or a month.

A story is on a day when it is scheduled to go live then, or when that is its target date and
it is not out yet: "planned" while it has no text, "in progress" once it has some.

Its page in the admin (ArticleAdmin's "Calendar"): a week or a month, moved by ?view= and ?day=.
"""

import calendar
import datetime
from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import strip_tags

from articles.models import Article

SCHEDULED, PLANNED, IN_PROGRESS = "scheduled", "planned", "in progress"


@dataclass
class Entry:
    article: Article
    kind: str
    time: datetime.datetime | None = None


@dataclass
class Day:
    date: datetime.date
    in_period: bool
    is_today: bool
    entries: list = field(default_factory=list)


@dataclass(frozen=True)
class Period:
    """A week (Monday to Sunday) or a month, and the whole weeks shown for it."""

    kind: str
    start: datetime.date
    end: datetime.date  # inclusive

    @classmethod
    def around(cls, kind, day):
        if kind == "month":
            first = day.replace(day=1)
            last = first.replace(day=calendar.monthrange(first.year, first.month)[1])
            return cls("month", first, last)
        monday = day - datetime.timedelta(days=day.weekday())
        return cls("week", monday, monday + datetime.timedelta(days=6))

    @property
    def shown_from(self):
        return self.start - datetime.timedelta(days=self.start.weekday())

    @property
    def shown_to(self):
        return self.end + datetime.timedelta(days=6 - self.end.weekday())

    def previous(self):
        return Period.around(self.kind, self.start - datetime.timedelta(days=1))

    def next(self):
        return Period.around(self.kind, self.end + datetime.timedelta(days=1))


def has_text(article):
    return bool(strip_tags(article.body or "").strip())


def entries_between(first, last):
    """[(date, Entry)] of the stories scheduled or planned from first to last (inclusive)."""
    zone = timezone.get_current_timezone()
    start = datetime.datetime.combine(first, datetime.time.min, tzinfo=zone)
    end = datetime.datetime.combine(
        last + datetime.timedelta(days=1), datetime.time.min, tzinfo=zone
    )
    listed = Article.objects.select_related("section").prefetch_related("authors")
    found = []
    for article in listed.scheduled().filter(published_at__gte=start, published_at__lt=end):
        when = timezone.localtime(article.published_at)
        found.append((when.date(), Entry(article, SCHEDULED, when)))
    for article in listed.planned().filter(planned_for__range=(first, last)):
        kind = IN_PROGRESS if has_text(article) else PLANNED
        found.append((article.planned_for, Entry(article, kind)))
    return found


def layout(period, today=None):
    """The period's weeks as lists of seven Days, each with its entries in time order."""
    today = today or timezone.localdate()
    days = {}
    day = period.shown_from
    while day <= period.shown_to:
        days[day] = Day(day, period.start <= day <= period.end, day == today)
        day += datetime.timedelta(days=1)
    for date, entry in entries_between(period.shown_from, period.shown_to):
        days[date].entries.append(entry)
    for each in days.values():
        # Timed (scheduled) stories first in time order, then the plans by headline.
        each.entries.sort(key=lambda e: (e.time is None, e.time or 0, e.article.headline))
    ordered = list(days.values())
    return [ordered[n : n + 7] for n in range(0, len(ordered), 7)]


WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]


def period_from(query):
    """The period asked for in ?view=week|month&day=YYYY-MM-DD; this week otherwise."""
    kind = "month" if query.get("view") == "month" else "week"
    try:
        day = datetime.date.fromisoformat(query.get("day", ""))
    except ValueError:
        day = timezone.localdate()
    return Period.around(kind, day)


def period_label(period):
    if period.kind == "month":
        return date_format(period.start, "YEAR_MONTH_FORMAT")
    start, end = (
        date_format(period.start, "MONTH_DAY_FORMAT"),
        date_format(period.end, "DATE_FORMAT"),
    )
    return f"{start} to {end}"


class ArticleCalendarMixin:
    def calendar_urls(self):
        return [
            path(
                "calendar/",
                self.admin_site.admin_view(self.calendar_view),
                name="articles_article_calendar",
            )
        ]

    def calendar_view(self, request):
        if not self.has_view_permission(request):
            raise PermissionDenied
        period = period_from(request.GET)
        url = reverse("admin:articles_article_calendar")

        def link(p, kind=None):
            return f"{url}?view={kind or p.kind}&day={p.start.isoformat()}"

        context = {
            **self.admin_site.each_context(request),
            "title": f"Editorial calendar: {period_label(period)}",
            "opts": self.model._meta,
            "period": period,
            "weeks": layout(period),
            "weekdays": WEEKDAYS,
            "previous_url": link(period.previous()),
            "next_url": link(period.next()),
            "today_url": f"{url}?view={period.kind}",
            "week_url": link(period, "week"),
            "month_url": link(period, "month"),
            "add_url": reverse("admin:articles_article_add"),
        }
        return TemplateResponse(request, "admin/articles/article/calendar.html", context)
