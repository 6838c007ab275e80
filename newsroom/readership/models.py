"""What is kept of reading: totals per story and hour, and per story and day. Nothing else.

No visitor, address or browser is stored: the counts are all there is (see counting.py).
"""

from django.db import models


class HourlyViews(models.Model):
    article = models.ForeignKey(
        "articles.Article", on_delete=models.CASCADE, related_name="hourly_views"
    )
    hour = models.DateTimeField(help_text="The start of the hour (UTC) these views fell in.")
    views = models.PositiveIntegerField(default=0, help_text="Pages shown, reloads included.")
    visitors = models.PositiveIntegerField(
        default=0, help_text="Different readers that day, each counted in the hour they came."
    )

    class Meta:
        verbose_name = "views in an hour"
        verbose_name_plural = "views by hour"
        constraints = [
            models.UniqueConstraint(fields=["article", "hour"], name="readership_one_row_an_hour")
        ]

    def __str__(self):
        return f"{self.article_id} at {self.hour:%Y-%m-%d %H}h: {self.views}"


class DailyViews(models.Model):
    article = models.ForeignKey(
        "articles.Article", on_delete=models.CASCADE, related_name="daily_views"
    )
    date = models.DateField(help_text="The day in the newsroom's time zone.")
    views = models.PositiveIntegerField(default=0, help_text="Pages shown, reloads included.")
    visitors = models.PositiveIntegerField(default=0, help_text="Different readers that day.")

    class Meta:
        verbose_name = "most read"
        verbose_name_plural = "most read"
        constraints = [
            models.UniqueConstraint(fields=["article", "date"], name="readership_one_row_a_day")
        ]
        indexes = [models.Index(fields=["date", "-visitors"], name="readership_day_rank")]

    def __str__(self):
        return f"{self.article_id} on {self.date}: {self.views}"
