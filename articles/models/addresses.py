"""Old addresses: a page whose slug changes leaves a 301 behind (KeepsOldAddress, Redirect)."""

from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.urls import reverse
from taggit.models import Tag


class KeepsOldAddress(models.Model):
    """A page addressed by its slug: moving it leaves a 301 from the old address.

    The one rule for sections, bylines and stories; each says what its old address was.
    """

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        old_path = self._old_address()
        super().save(*args, **kwargs)
        if old_path:
            Redirect.objects.point(old_path, self)

    def _old_address(self):
        if self.pk is None:
            return None
        stored = type(self).objects.filter(pk=self.pk).values_list("slug", flat=True).first()
        if stored is None or stored == self.slug:
            return None
        return type(self)(slug=stored).get_absolute_url()


class RedirectManager(models.Manager):
    def for_path(self, path):
        return self.filter(old_path=path).select_related("content_type").first()

    def point(self, old_path, target):
        """Send old_path to target from now on; a page never redirects to its own address."""
        self.filter(old_path=target.get_absolute_url()).delete()
        self.update_or_create(
            old_path=old_path,
            defaults={
                "content_type": ContentType.objects.get_for_model(target),
                "object_id": target.pk,
            },
        )


class Redirect(models.Model):
    """An old address of a page that moved: answered with a 301 to the page's current address."""

    old_path = models.CharField(max_length=500, unique=True)
    content_type = models.ForeignKey(ContentType, null=True, blank=True, on_delete=models.CASCADE)
    object_id = models.PositiveBigIntegerField(null=True, blank=True)
    target = GenericForeignKey("content_type", "object_id")
    target_path = models.CharField(
        max_length=500,
        blank=True,
        help_text="An address of this site to send readers to, for pages that are not a story, "
        "section, author or tag (such as the site's feed).",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = RedirectManager()

    class Meta:
        indexes = [models.Index(fields=["content_type", "object_id"])]
        constraints = [
            models.CheckConstraint(
                condition=(
                    models.Q(target_path="", object_id__isnull=False)
                    | (~models.Q(target_path="") & models.Q(object_id__isnull=True))
                ),
                name="redirect_has_one_target",
            )
        ]

    def __str__(self):
        return self.old_path

    def target_url(self):
        """Where readers go now; None when the target is gone or not visible to readers."""
        if self.target_path:
            return self.target_path
        target = self.target
        # A story or page that is not out (any model with is_published()) has no address yet.
        if target is None or not getattr(target, "is_published", lambda: True)():
            return None
        if isinstance(target, Tag):
            return reverse("articles:tag", kwargs={"slug": target.slug})
        return target.get_absolute_url()
