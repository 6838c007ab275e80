"""The picture library: each picture uploaded once, checked, and resized (articles.images)."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models

from articles.images import stored_name, validate_image_file
from articles.models.wordpress import WordPressIdentity
from newsroom.caching.invalidation import TrackedQuerySet


def image_upload_to(instance, filename):
    """A name we make from the alt text (or a random id) and the picture's real format."""
    upload = getattr(instance.file, "_file", None)
    return stored_name(upload, instance.alt_text or instance.caption, filename)


class Image(WordPressIdentity):
    file = models.ImageField(
        upload_to=image_upload_to,
        validators=[validate_image_file],
        help_text="JPEG, PNG, WebP or GIF, up to 15 MB and 40 megapixels. Large pictures are "
        "resized for readers automatically.",
    )
    alt_text = models.CharField(
        max_length=250,
        help_text="What the picture shows, for readers who cannot see it. Required.",
    )
    caption = models.CharField(
        max_length=300, blank=True, help_text="Shown under the picture, e.g. who and where."
    )
    credit = models.CharField(
        max_length=120, blank=True, help_text="Photographer or agency: “Jane Doe / Reuters”."
    )
    # Where the subject is, in percent of the width and height: every cut of the picture
    # (wide, 4:3, square, link preview) is centred on it as far as the picture allows.
    focal_x = models.PositiveSmallIntegerField(
        "subject across (%)",
        default=50,
        validators=[MinValueValidator(0), MaxValueValidator(100)],
        help_text="From 0 (left edge) to 100 (right edge). Click the subject on the picture "
        "to set both.",
    )
    focal_y = models.PositiveSmallIntegerField(
        "subject down (%)",
        default=50,
        validators=[MinValueValidator(0), MaxValueValidator(100)],
        help_text="From 0 (top edge) to 100 (bottom edge).",
    )
    # As readers see the picture, turned upright (see make_renditions), not as the file stores it.
    width = models.PositiveIntegerField(editable=False, default=0)
    height = models.PositiveIntegerField(editable=False, default=0)
    renditions = models.JSONField(
        default=list,
        blank=True,
        editable=False,
        help_text="Resized copies and cuts around the subject, made on upload and when the "
        "subject moves: [{crop, width, height, format, name}].",
    )
    uploaded_at = models.DateTimeField(auto_now_add=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, editable=False
    )
    wp_attachment_id = models.PositiveBigIntegerField(
        "WordPress attachment ID",
        null=True,
        blank=True,
        editable=False,
        help_text="The WordPress media item this picture was imported from.",
    )

    objects = TrackedQuerySet.as_manager()

    class Meta:
        ordering = ["-uploaded_at"]
        constraints = [
            # Attachment numbers are a site's own: one site's pictures never stand in for another's.
            models.UniqueConstraint(
                fields=["wp_site", "wp_attachment_id"], name="unique_wordpress_attachment"
            )
        ]

    def __str__(self):
        return self.caption or self.alt_text or self.file.name
