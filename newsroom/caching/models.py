from django.db import models


class Change(models.Model):
    """A change recorded (without Redis): a tag's version is its newest row, the generation
    the newest of all. Only inserted, in the change's transaction; older rows are pruned."""

    tag = models.CharField(max_length=250)

    class Meta:
        indexes = [models.Index(fields=["tag", "id"], name="caching_change_tag_newest")]

    def __str__(self):
        return self.tag


class State(models.Model):
    """Values every process shares without Redis: the next scheduled publication, locks."""

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
