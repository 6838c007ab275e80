"""Partners' keys: named by editors, stored as a digest only, revoked rather than forgotten."""

import hashlib
import secrets

from django.conf import settings
from django.db import models
from django.utils import timezone

from newsroom.caching.invalidation import TrackedQuerySet

KEY_PREFIX = "nr_"
# The part of a key kept readable, so an editor can tell which key a partner is talking about.
SHOWN_CHARACTERS = 8


def digest(key):
    """What is stored of a key. Keys are 256 random bits, so a plain SHA-256 is enough: a slow
    password hash guards against guessing words, and nobody guesses 256 bits."""
    return hashlib.sha256(key.encode()).hexdigest()


def new_key():
    return KEY_PREFIX + secrets.token_urlsafe(32)


class ApiKeyQuerySet(TrackedQuerySet):
    def usable(self):
        return self.filter(revoked_at__isnull=True)


class ApiKey(models.Model):
    """One partner's key to the content API. Only its digest is stored: the key itself is
    shown once, when it is made."""

    name = models.CharField(
        max_length=120,
        help_text="Who uses this key and for what: “Regional Radio, news app”. "
        "Partners never see it.",
    )
    prefix = models.CharField(
        "key begins with",
        max_length=20,
        editable=False,
        help_text="The start of the key, to tell keys apart.",
    )
    key_digest = models.CharField(max_length=64, unique=True, editable=False)
    rate_limit = models.PositiveIntegerField(
        "requests per minute",
        default=600,
        help_text="Beyond this many requests in a minute the partner is asked to wait "
        "(HTTP 429 with Retry-After).",
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
    revoked_at = models.DateTimeField(
        "revoked", null=True, blank=True, editable=False, help_text="From then on it is refused."
    )

    objects = ApiKeyQuerySet.as_manager()

    class Meta:
        ordering = ["name", "pk"]
        verbose_name = "API key"

    def __str__(self):
        return self.name

    def issue(self):
        """Give the key its secret; returns the key, which is stored nowhere."""
        key = new_key()
        self.prefix = key[: len(KEY_PREFIX) + SHOWN_CHARACTERS]
        self.key_digest = digest(key)
        return key

    def revoke(self):
        self.revoked_at = timezone.now()
        self.save(update_fields=["revoked_at"])

    @property
    def is_revoked(self):
        return self.revoked_at is not None


class Usage(models.Model):
    """Requests in the current minute and the last use, per key or anonymous address: the
    PostgreSQL stand-in for Redis (newsroom.api.usage), one row each, updated in one query."""

    subject = models.CharField(max_length=80, unique=True)
    minute = models.BigIntegerField(default=0, help_text="Minutes since 1970: the window counted.")
    count = models.PositiveIntegerField(default=0)
    last_used_at = models.DateTimeField()

    class Meta:
        verbose_name = "usage"
        verbose_name_plural = "usage"

    def __str__(self):
        return self.subject
