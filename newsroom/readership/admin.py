"""The editors' "Most read" page: top stories today, this week and this month, and a story's
views per day and per hour since publication, drawn as SVG on the server."""

from django.contrib import admin
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path
from django.utils import timezone
from django.utils.formats import date_format, time_format

from articles.models import Article
from newsroom.readership.charts import bar_chart
from newsroom.readership.models import DailyViews
from newsroom.readership.ranking import PERIODS, daily_series, hourly_series, most_read

TOP = 10


@admin.register(DailyViews)
class MostReadAdmin(admin.ModelAdmin):
    """Counts are written by the flush only: editors read them, nobody edits them."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def get_urls(self):
        return [
            path(
                "story/<int:article_id>/",
                self.admin_site.admin_view(self.story_view),
                name="readership_story",
            ),
            *super().get_urls(),
        ]

    def changelist_view(self, request, extra_context=None):
        if not self.has_view_permission(request):
            return super().changelist_view(request, extra_context)
        context = {
            **self.admin_site.each_context(request),
            "title": "Most read",
            "opts": self.model._meta,
            "periods": [
                ("Today", most_read(PERIODS["today"], TOP)),
                ("This week", most_read(PERIODS["week"], TOP)),
                ("This month", most_read(PERIODS["month"], TOP)),
            ],
        }
        return TemplateResponse(request, "readership/admin/most_read.html", context)

    def story_view(self, request, article_id):
        if not self.has_view_permission(request):
            return super().changelist_view(request)
        article = get_object_or_404(Article.objects.select_related("section"), pk=article_id)
        days = daily_series(article)
        hours = [(timezone.localtime(hour), views) for hour, views in hourly_series(article)]
        context = {
            **self.admin_site.each_context(request),
            "title": f"Readers of “{article.headline}”",
            "opts": self.model._meta,
            "article": article,
            "daily": bar_chart(days, day_label),
            # An hour's bar has its day and time in its tooltip; under the bars, every sixth
            # hour is marked, with the date where a day starts.
            "hourly": bar_chart(
                hours, hour_label, axis_label=hour_mark, label_if=lambda hour: hour.hour % 6 == 0
            ),
            "days": days,
            "hours": hours,
        }
        return TemplateResponse(request, "readership/admin/story.html", context)


# The charts' words, in the house style (NEWSROOM_DATE_STYLE).
def day_label(day):
    return date_format(day, "MONTH_DAY_FORMAT")


def hour_label(hour):
    return f"{date_format(hour, 'MONTH_DAY_FORMAT')}, {time_format(hour, 'TIME_FORMAT')}"


def hour_mark(hour):
    return day_label(hour) if hour.hour == 0 else time_format(hour, "TIME_FORMAT")
