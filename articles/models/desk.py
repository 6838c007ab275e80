"""Records of the back office that readers never see: links that show a draft, and the copies
autosave keeps of a form being typed."""

import secrets

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone

from articles.models.stories import Article


def _preview_key():
    return secrets.token_urlsafe(24)


class PreviewLinkQuerySet(models.QuerySet):
    def working(self, now=None):
        """Links that open their story: not revoked, not expired, the story still a draft."""
        return self.filter(
            revoked_at__isnull=True,
            expires_at__gt=now or timezone.now(),
            article__status__in=[Article.Status.DRAFT, Article.Status.IN_REVIEW],
        )

    def revoke(self, now=None):
        return self.filter(revoked_at__isnull=True).update(revoked_at=now or timezone.now())


class PreviewLink(models.Model):
    """A link that shows a draft to someone without an account, until it expires or is revoked.

    Dead once the story is published (it has its own address then) or unpublished.
    """

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="preview_links")
    key = models.CharField(max_length=64, unique=True, default=_preview_key, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField()
    revoked_at = models.DateTimeField(null=True, blank=True)

    objects = PreviewLinkQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]

    def __str__(self):
        return f"Preview link for {self.article}"

    def get_absolute_url(self):
        return reverse("articles:shared_preview", kwargs={"token": self.key})


class Autosave(models.Model):
    """A copy of the article form as one person left it, kept until they save the story.

    Never a revision and never shown to anyone else: it only refills that person's form.
    """

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    article = models.ForeignKey(
        Article, null=True, blank=True, on_delete=models.CASCADE, related_name="autosaves"
    )
    # The opened form that wrote it. It names a story not saved yet; for a saved story it tells
    # a late copy from a form already submitted apart from a copy from another tab.
    key = models.CharField(max_length=64)
    # The form's fields as the browser sent them ({name: [values]}); None once the story was
    # saved from the form named by key.
    data = models.JSONField(null=True)
    saved_at = models.DateTimeField(db_index=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["user", "article"],
                condition=models.Q(article__isnull=False),
                name="one_autosave_per_person_and_story",
            ),
            models.UniqueConstraint(
                fields=["user", "key"],
                condition=models.Q(article__isnull=True),
                name="one_autosave_per_person_and_new_story",
            ),
        ]

    def __str__(self):
        return f"Autosave by {self.user} at {self.saved_at:%Y-%m-%d %H:%M}"
