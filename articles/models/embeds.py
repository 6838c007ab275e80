"""Embeds: what a provider (or a page's OpenGraph tags) said about a link alone on its line in a
story, kept at save time so that readers' pages never ask the provider anything."""

from django.core.files.storage import default_storage
from django.db import models

from newsroom.caching.invalidation import TrackedQuerySet


class Embed(models.Model):
    class Kind(models.TextChoices):
        VIDEO = "video", "Video"
        AUDIO = "audio", "Audio"
        POST = "post", "Post"
        CHART = "chart", "Chart"
        MAP = "map", "Map"
        CARD = "card", "Link card"

    url = models.URLField(max_length=2000, unique=True, help_text="The link as the story has it.")
    kind = models.CharField(max_length=8, choices=Kind.choices)
    provider = models.CharField(
        max_length=40, blank=True, help_text="Our name for the provider (empty for a link card)."
    )
    provider_name = models.CharField(max_length=100, help_text="As readers see it: “YouTube”.")
    title = models.CharField(max_length=300, blank=True)
    description = models.TextField(blank=True)
    author_name = models.CharField(max_length=200, blank=True)
    # The provider's player, rebuilt by us as one <iframe> whose host is the provider's (see
    # articles.embeds.frames); empty for a link card.
    frame_url = models.URLField(max_length=2000, blank=True)
    html = models.TextField(blank=True, help_text="The sanitised <iframe> loaded on a click.")
    width = models.PositiveIntegerField(default=16)
    height = models.PositiveIntegerField(default=9)
    thumbnail = models.ImageField(upload_to="embeds/", blank=True)
    thumbnail_width = models.PositiveIntegerField(default=0)
    thumbnail_height = models.PositiveIntegerField(default=0)
    # Smaller copies of the picture in modern formats, for the reader's page (the JPEG stays
    # for feeds and newsletters): [{"format": "avif", "width": 480, "name": "embeds/…"}].
    thumbnail_copies = models.JSONField(default=list, blank=True)
    fetched_at = models.DateTimeField(help_text="When the provider last answered.")

    objects = TrackedQuerySet.as_manager()

    class Meta:
        ordering = ["-fetched_at"]

    def __str__(self):
        return self.title or self.url

    @property
    def is_card(self):
        return self.kind == self.Kind.CARD

    def thumbnail_sources(self):
        """The <source>s of the picture's copies, best format first: [(type, srcset)]."""
        sources = {}
        for copy in self.thumbnail_copies:
            url = default_storage.url(copy["name"])
            sources.setdefault(copy["format"], []).append(f"{url} {copy['width']}w")
        return [(f"image/{kind}", ", ".join(srcset)) for kind, srcset in sources.items()]
