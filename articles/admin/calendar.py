"""The editorial calendar page of ArticleAdmin."""

import datetime

from django.core.exceptions import PermissionDenied
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.formats import date_format

from articles.calendar import Period, layout

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
        return date_format(period.start, "F Y")
    return f"{date_format(period.start, 'j F')} to {date_format(period.end, 'j F Y')}"


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
