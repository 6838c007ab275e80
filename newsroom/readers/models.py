"""Readers' accounts: an email address proven by a code, and the name they comment under.

Readers are not staff: they have no `User` row, no password and no session, so nothing they
hold opens the admin (whose sign-in, lockout and two-step sign-in stay as they are).
"""

from django.db import models
from django.utils import timezone


class Reader(models.Model):
    email = models.EmailField(unique=True, help_text="Kept in lower case; proven by a code.")
    name = models.CharField(
        max_length=100,
        blank=True,
        help_text="The name the reader's comments are shown under.",
    )
    created_at = models.DateTimeField("joined", default=timezone.now)
    last_signed_in_at = models.DateTimeField("last signed in", null=True, blank=True)
    # Moved by signing out: every browser's sign-in cookie of an older number stops working.
    sign_in_generation = models.PositiveIntegerField(default=0, editable=False)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self):
        return self.email


class SignInCode(models.Model):
    """A code mailed to an address: good once, for a few minutes, for a few tries."""

    email = models.EmailField()
    digest = models.CharField(max_length=64, help_text="A keyed hash of the code, not the code.")
    created_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField()
    tries = models.PositiveSmallIntegerField(default=0)
    used_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        indexes = [models.Index(fields=["email", "-created_at"], name="readers_code_latest")]

    def __str__(self):
        return f"Code for {self.email}"
