"""Partners' endpoints, each call made to them (a delivery) with its attempts, and what they
were last told of each story."""

import base64
import secrets
import uuid

from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.core.validators import URLValidator
from django.db import models
from django.utils import timezone


class Event(models.TextChoices):
    STORY_PUBLISHED = (
        "story.published",
        "story.published: a story comes out (at its time, when scheduled)",
    )
    STORY_UPDATED = "story.updated", "story.updated: a published story changes"
    STORY_UNPUBLISHED = "story.unpublished", "story.unpublished: a story is taken down or deleted"
    CORRECTION_PUBLISHED = (
        "correction.published",
        "correction.published: a correction or clarification",
    )
    LIVE_UPDATE_POSTED = "live_update.posted", "live_update.posted: a live update"


def new_secret():
    """A signing secret as Standard Webhooks writes them: whsec_ and 32 random bytes."""
    return "whsec_" + base64.b64encode(secrets.token_bytes(32)).decode()


def new_message_id():
    return f"msg_{uuid.uuid4().hex}"


class Endpoint(models.Model):
    name = models.CharField(max_length=120, help_text="Whose address this is: “Regional Radio”.")
    url = models.URLField(
        "address",
        max_length=500,
        validators=[URLValidator(schemes=["http", "https"])],
        help_text="Where the partner receives the calls (https://…). Each is a signed POST.",
    )
    events = ArrayField(
        models.CharField(max_length=30, choices=Event.choices),
        default=list,
        help_text="What the partner wants to hear about.",
    )
    secret = models.CharField(
        "signing secret",
        max_length=80,
        default=new_secret,
        editable=False,
        help_text="Give it to the partner with the address: they check every call with it.",
    )
    active = models.BooleanField(
        default=True, help_text="Untick to stop calling this address without losing its record."
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

    class Meta:
        ordering = ["name", "pk"]
        verbose_name = "webhook endpoint"

    def __str__(self):
        return self.name


class Delivery(models.Model):
    """One event for one endpoint: its signed body, kept as sent, and how sending went."""

    class Status(models.TextChoices):
        PENDING = "pending", "Being sent"
        DELIVERED = "delivered", "Delivered"
        FAILED = "failed", "Failed (gave up)"

    endpoint = models.ForeignKey(Endpoint, on_delete=models.CASCADE, related_name="deliveries")
    event = models.CharField(max_length=30, choices=Event.choices)
    message_id = models.CharField(max_length=40, default=new_message_id, editable=False)
    article_id = models.BigIntegerField("story", null=True, blank=True, db_index=True)
    # The exact bytes signed and sent, so every retry sends the same message.
    payload = models.TextField()
    status = models.CharField(
        max_length=10, choices=Status.choices, default=Status.PENDING, db_index=True
    )
    attempts = models.PositiveIntegerField(default=0)
    # Attempts since the delivery was last (re)started: what the backoff counts.
    round_attempts = models.PositiveIntegerField(default=0, editable=False)
    next_attempt_at = models.DateTimeField(null=True, blank=True, default=timezone.now)
    last_attempt_at = models.DateTimeField("last attempt", null=True, blank=True)
    response_code = models.PositiveSmallIntegerField("last response", null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name_plural = "deliveries"
        indexes = [models.Index(fields=["status", "next_attempt_at"], name="delivery_due_idx")]

    def __str__(self):
        return f"{self.event} to {self.endpoint}"


class Attempt(models.Model):
    """One try at a delivery: when, what the partner answered, or why it could not be sent."""

    delivery = models.ForeignKey(Delivery, on_delete=models.CASCADE, related_name="tries")
    at = models.DateTimeField()
    response_code = models.PositiveSmallIntegerField(null=True, blank=True)
    error = models.CharField(max_length=300, blank=True)
    duration_ms = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["at", "pk"]

    def __str__(self):
        return f"{self.at:%Y-%m-%d %H:%M:%S} {self.response_code or self.error}"


class Announced(models.Model):
    """What the endpoints were last told of one story: whether it is out, a fingerprint of
    what the API shows of it, and the corrections and live updates already announced.

    Comparing the story with this, not guessing from the change, is what makes a scheduled
    story's publication at its second a story.published like any other."""

    # Not a foreign key: the record outlives a deleted story, to announce it unpublished.
    article_id = models.BigIntegerField(primary_key=True)
    published = models.BooleanField(default=False)
    fingerprint = models.CharField(max_length=32, blank=True)
    corrections = models.JSONField(default=list)
    live_updates = models.JSONField(default=list)
    # What story.unpublished says of a story that is gone.
    headline = models.CharField(max_length=255, blank=True)
    url = models.CharField(max_length=500, blank=True)
    changed_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "story announced"
        verbose_name_plural = "stories announced"

    def __str__(self):
        return self.headline or str(self.article_id)
