"""Corrections and clarifications: notes on a story that readers may rely on, each with its
own time and a revision for every edit."""

import simple_history
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.text import Truncator

from articles.models.stories import Article
from newsroom.caching.invalidation import TrackedQuerySet


def validate_not_in_future(value):
    if value and value > timezone.now():
        raise ValidationError("This time is in the future; readers are told what has happened.")


class CorrectionQuerySet(TrackedQuerySet):
    def published(self):
        """The corrections a story's readers see (drafts wait for an editor)."""
        return self.filter(status=Correction.Status.PUBLISHED, published_at__lte=timezone.now())

    def on_published_stories(self):
        """For the corrections page and feed: only stories readers can see."""
        return self.published().filter(article__in=Article.objects.published())

    def newest_first(self):
        return self.order_by("-published_at", "-pk")


class Correction(models.Model):
    """A note telling readers what a story got wrong (a correction) or left unclear (a
    clarification), with its own time. Readers' copy of it is never silently rewritten:
    every edit keeps a revision, and only editors remove one."""

    class Kind(models.TextChoices):
        CORRECTION = "correction", "Correction"
        CLARIFICATION = "clarification", "Clarification"

    class Placement(models.TextChoices):
        TOP = "top", "At the top of the story"
        END = "end", "At the end of the story"

    class Status(models.TextChoices):
        DRAFT = "draft", "Draft (not shown)"
        PUBLISHED = "published", "Published"

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="corrections")
    kind = models.CharField(max_length=13, choices=Kind.choices, default=Kind.CORRECTION)
    text = models.TextField(
        help_text="Plain text: say what was wrong and what is right. Web addresses become "
        "links. Shown as “Correction, November 3, 2025, 14:05: …”."
    )
    placement = models.CharField(
        max_length=3,
        choices=Placement.choices,
        default=Placement.END,
        help_text="Serious errors go at the top, where every reader sees them.",
    )
    status = models.CharField(
        max_length=9,
        choices=Status.choices,
        default=Status.DRAFT,
        help_text="Reporters draft corrections; an editor publishes them.",
    )
    published_at = models.DateTimeField(
        "published",
        null=True,
        blank=True,
        validators=[validate_not_in_future],
        help_text="Filled in when the correction is published; it also becomes the story's "
        "“Updated” time.",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )

    objects = CorrectionQuerySet.as_manager()

    class Meta:
        ordering = ["-published_at", "-pk"]
        indexes = [models.Index(fields=["status", "-published_at"], name="correction_pub_idx")]

    def __str__(self):
        return f"{self.get_kind_display()}: {Truncator(self.text).chars(60)}"

    def save(self, *args, **kwargs):
        if self.status == self.Status.PUBLISHED and self.published_at is None:
            # Whole seconds, as the admin's time box shows and saves them.
            self.published_at = timezone.now().replace(microsecond=0)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return f"{self.article.get_absolute_url()}#correction-{self.pk}"

    def clean(self):
        if self.pk is None or self.status == self.Status.PUBLISHED:
            return
        stored = Correction.objects.filter(pk=self.pk).values_list("status", flat=True).first()
        if stored == self.Status.PUBLISHED:
            raise ValidationError(
                {
                    "status": "Readers have seen this correction, so it stays published. "
                    "Change its wording (the old one is kept in its history), or ask an editor "
                    "to remove it, which is recorded."
                }
            )

    def is_published(self):
        return self.status == self.Status.PUBLISHED and self.published_at is not None


def move_updated_time(correction):
    """A published correction is news about the story: its "Updated" time and dateModified
    become the correction's time, unless the story changed later still."""
    if not correction.is_published():
        return
    when = correction.published_at
    stories = Article.objects.filter(pk=correction.article_id)
    stories.filter(revised_at__isnull=True).update(revised_at=when)
    stories.filter(revised_at__lt=when).update(revised_at=when)


# Readers may rely on a correction's wording; every edit and removal stays on record.
simple_history.register(
    Correction,
    excluded_fields=["created_at"],
    history_change_reason_field=models.TextField(null=True),
)
