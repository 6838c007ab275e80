"""Live updates: the short posts of a story run as a live blog."""

from django.conf import settings
from django.db import models
from django.utils import timezone

from articles.models.pictures import Image
from articles.models.stories import Article
from newsroom.caching.invalidation import TrackedQuerySet


def cut_at_word(text, limit):
    """text on one line in at most limit characters, cut after a whole word with "…", never
    inside one (a key event in the live box, an update's title in the feed)."""
    text = " ".join(str(text).split())
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    if text[limit - 1] != " " and " " in cut:
        cut = cut.rsplit(" ", 1)[0]
    return cut.rstrip(" ,;:.-\N{EN DASH}\N{EM DASH}") + "…"


class LiveUpdate(models.Model):
    """A short post on a story's live blog, shown newest first with its time."""

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="live_updates")
    text = models.TextField(
        help_text="A few sentences. Plain text; a blank line starts a new paragraph and web "
        "addresses become links."
    )
    image = models.ForeignKey(
        Image,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name="picture",
    )
    is_key_event = models.BooleanField(
        "key event",
        default=False,
        help_text="Listed in the “Key events” box at the top of the live coverage.",
    )
    is_pinned = models.BooleanField(
        "pinned",
        default=False,
        help_text="Kept at the top of the updates, above newer ones, until you unpin it.",
    )
    posted_at = models.DateTimeField(default=timezone.now, db_index=True)
    updated_at = models.DateTimeField(auto_now=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )

    objects = TrackedQuerySet.as_manager()

    class Meta:
        ordering = ["-posted_at", "-pk"]
        verbose_name = "live update"

    def __str__(self):
        return cut_at_word(self.text, 60)

    def get_absolute_url(self):
        return f"{self.article.get_absolute_url()}#update-{self.pk}"
