"""Sections and bylines: the pages that group stories by desk and by writer."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import models
from django.urls import reverse

from articles.extensions import extensions
from articles.models.addresses import KeepsOldAddress
from articles.models.pictures import Image
from newsroom.caching.invalidation import TrackedQuerySet

# Section slugs share the root of the URL space with these fixed paths.
RESERVED_SECTION_SLUGS = frozenset(
    {"admin", "author", "category", "feed", "feeds", "media", "search", "sitemap", "static",
     "tag", "healthz", "readyz", "preview", "robots.txt", "comments",
     "newsletter", "readership", "corrections", "live", "api"}
)  # fmt: skip


def validate_section_slug(value):
    if value in RESERVED_SECTION_SLUGS or value.isdigit():
        raise ValidationError(
            "“%(slug)s” is used by another page of the site; choose another slug.",
            params={"slug": value},
        )
    # Other apps' pages at the root of the site (the outlet's own pages, /about/).
    for owner in extensions.root_addresses:
        if taken := owner(value):
            raise ValidationError(
                "/%(slug)s/ is already the address of %(taken)s; choose another slug.",
                params={"slug": value, "taken": taken},
            )


def profile_links(text):
    return [line.strip() for line in text.splitlines() if line.strip()]


def validate_profile_links(text):
    check = URLValidator(schemes=["http", "https"])
    for link in profile_links(text):
        try:
            check(link)
        except ValidationError:
            raise ValidationError(
                "“%(link)s” is not a web address: put one address per line, each starting "
                "with https://.",
                params={"link": link},
            ) from None


class SectionQuerySet(TrackedQuerySet):
    def in_navigation(self):
        return self.filter(show_in_navigation=True)


class Section(KeepsOldAddress):
    name = models.CharField(max_length=60, unique=True, help_text="As readers see it: “World”.")
    slug = models.SlugField(
        max_length=60,
        unique=True,
        validators=[validate_section_slug],
        help_text="The section's address: /world/. After a change, the old addresses of the "
        "section and its stories lead to the new ones.",
    )
    description = models.TextField(
        blank=True, help_text="One or two sentences shown at the top of the section's page."
    )
    position = models.PositiveSmallIntegerField(
        default=0, help_text="Order in the site's navigation bar, smallest first."
    )
    show_in_navigation = models.BooleanField(
        default=True, help_text="Show this section in the navigation bar and on the home page."
    )
    wp_category = models.CharField(
        "WordPress category",
        max_length=200,
        null=True,
        blank=True,
        unique=True,
        editable=False,
        help_text="The slug of the WordPress category this section was imported from.",
    )

    objects = SectionQuerySet.as_manager()

    class Meta:
        ordering = ["position", "name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("articles:section", kwargs={"slug": self.slug})


class Author(KeepsOldAddress):
    name = models.CharField(max_length=120, help_text="As printed in the byline.")
    slug = models.SlugField(max_length=120, unique=True, help_text="The author page's address.")
    job_title = models.CharField(
        max_length=120, blank=True, help_text="“Political correspondent”, “Reuters”."
    )
    bio = models.TextField(blank=True, help_text="A short paragraph for the author's page.")
    photo = models.ForeignKey(
        Image, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    same_as = models.TextField(
        "profiles elsewhere",
        blank=True,
        validators=[validate_profile_links],
        help_text="The writer's pages on other sites (their own site, Mastodon, LinkedIn, "
        "Wikipedia), one address per line. Linked from the author page and given to search "
        "engines as the same person.",
    )
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="byline",
        help_text="The staff login this byline belongs to, if any. Wire services have none.",
    )
    wp_login = models.CharField(
        "WordPress login",
        max_length=200,
        null=True,
        blank=True,
        unique=True,
        editable=False,
        help_text="The WordPress user this byline was imported from; its old author page "
        "address redirects here.",
    )

    objects = TrackedQuerySet.as_manager()

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("articles:author", kwargs={"slug": self.slug})

    def profile_links(self):
        """The addresses of the writer's profiles elsewhere, in the order typed."""
        return profile_links(self.same_as)
