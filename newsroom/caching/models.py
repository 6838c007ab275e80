from django.db import models


class State(models.Model):
    """What decides whether kept pages are current, shared by every process (without Redis):
    the version of each tag, the generation, the next scheduled publication."""

    key = models.CharField(max_length=250, primary_key=True)
    value = models.TextField()
    expires_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = "cache state"

    def __str__(self):
        return self.key


class Pending(models.Model):
    """Changes saved whose record in Redis is not yet made (written with the change, removed
    once Redis has it): while any is here, kept pages are bypassed and the record is retried."""

    tags = models.JSONField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "pending invalidation"

    def __str__(self):
        return ", ".join(self.tags)
