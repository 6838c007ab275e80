"""Pages, menus and the outlet's standards.

Pages live at the root of the site beside the sections (/about/, /about/masthead/): a top-level
page's slug may be neither a section's nor one of the site's fixed addresses, and a section
cannot take a top-level page's slug (articles.extensions.root_addresses). Below a top-level
page the address space is the page's own (no section has its slug, so no story is under it):
its children may use any slug. /about/ and /about/masthead/ are shaped like a section's and a
story's address; articles' views hand them to the page (articles.extensions.other_pages).
"""

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone
from simple_history.models import HistoricalRecords
from taggit.models import Tag

from articles.models import (
    RESERVED_SECTION_SLUGS,
    Image,
    KeepsOldAddress,
    Section,
    WordPressIdentity,
)
from articles.sanitize import clean_body
from newsroom.caching.invalidation import TrackedQuerySet

# Deep enough for WordPress's nested pages (its test data goes three levels down).
MAX_DEPTH = 5


class PageQuerySet(TrackedQuerySet):
    def published(self):
        """What readers may see: a published page."""
        return self.filter(status=Page.Status.PUBLISHED)


class Page(KeepsOldAddress, WordPressIdentity):
    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        PUBLISHED = "published", "Published"

    title = models.CharField(max_length=200, help_text="As readers see it: “About us”.")
    slug = models.SlugField(
        max_length=120,
        allow_unicode=True,
        help_text="The page's address under its parent: “masthead” in /about/masthead/. "
        "After a change, the old address leads to the new one.",
    )
    parent = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
        help_text="The page this one sits under, as the masthead under About us. "
        "Empty: a page of its own at the root of the site.",
    )
    path = models.CharField(max_length=600, unique=True, editable=False)
    standfirst = models.TextField(
        blank=True, help_text="One or two sentences under the title, also used in search results."
    )
    body = models.TextField(blank=True)
    featured_image = models.ForeignKey(
        Image,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name="picture",
        help_text="Shown at the top of the page and in link previews.",
    )
    status = models.CharField(
        max_length=12,
        choices=Status.choices,
        default=Status.DRAFT,
        db_index=True,
        help_text="A draft is seen only in the admin; readers see published pages.",
    )
    position = models.PositiveSmallIntegerField(
        default=0, help_text="Order among the pages under the same parent, smallest first."
    )
    seo_title = models.CharField(
        "search engine title",
        max_length=70,
        blank=True,
        help_text="Replaces the title in search results and social shares. Optional.",
    )
    seo_description = models.CharField(
        "search engine description",
        max_length=160,
        blank=True,
        help_text="Shown under the title in search results. Empty: the standfirst is used.",
    )
    published_at = models.DateTimeField(null=True, blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    wp_post_id = models.PositiveBigIntegerField(
        "WordPress page ID",
        null=True,
        blank=True,
        editable=False,
        help_text="The WordPress page this was imported from; re-imports update it.",
    )
    # What the last import wrote, per field (newsroom.wordpress.identity.merge_field).
    wp_import_state = models.JSONField(default=dict, blank=True, editable=False)

    history = HistoricalRecords(excluded_fields=["updated_at", "wp_import_state"])
    objects = PageQuerySet.as_manager()

    class Meta:
        ordering = ["path"]
        constraints = [
            models.UniqueConstraint(fields=["wp_site", "wp_post_id"], name="unique_wordpress_page")
        ]
        permissions = [("publish_page", "Can publish and unpublish pages")]

    def __str__(self):
        return self.title

    def clean(self):
        super().clean()
        if self.parent_id is None:
            if owner := root_slug_taken(self.slug):
                raise ValidationError({"slug": owner})
        else:
            ancestor, depth = self.parent, 1
            while ancestor is not None:
                if self.pk is not None and ancestor.pk == self.pk:
                    raise ValidationError({"parent": "A page cannot sit under itself."})
                ancestor, depth = ancestor.parent, depth + 1
            if depth > MAX_DEPTH:
                raise ValidationError(
                    {
                        "parent": f"Pages nest at most {MAX_DEPTH} levels deep; choose a parent "
                        "higher up."
                    }
                )
        path = self.address_path()
        if Page.objects.filter(path=path).exclude(pk=self.pk).exists():
            raise ValidationError(
                {"slug": f"Another page is already at /{path}/; choose another slug."}
            )

    def save(self, *args, **kwargs):
        self.body = clean_body(self.body)
        self.path = self.address_path()
        if self.status == self.Status.PUBLISHED and self.published_at is None:
            self.published_at = timezone.now()
        moved = self._stored("path") not in (None, self.path)
        super().save(*args, **kwargs)
        if moved:
            # The pages under it move with it, each leaving its old address behind.
            for child in self.children.all():
                child.save()

    def get_absolute_url(self):
        return reverse("pages:page", kwargs={"path": self.path})

    @classmethod
    def from_db(cls, db, field_names, values):
        instance = super().from_db(db, field_names, values)
        # Whether it was at the root when read: moving it away changes the site's addresses.
        instance.was_top_level = (
            dict(zip(field_names, values, strict=True)).get("parent_id") is None
        )
        return instance

    def address_path(self):
        """The page's address without its slashes: its parents' slugs, then its own."""
        return f"{self.parent.path}/{self.slug}" if self.parent_id else self.slug

    def is_published(self):
        return self.status == self.Status.PUBLISHED

    def ancestor_paths(self):
        parts = self.path.split("/")
        return ["/".join(parts[:depth]) for depth in range(1, len(parts))]

    @property
    def teaser(self):
        return self.seo_description or self.standfirst

    def _stored(self, field):
        if self.pk is None:
            return None
        return type(self).objects.filter(pk=self.pk).values_list(field, flat=True).first()

    def _old_address(self):
        """The address readers knew, when a published page's address changes."""
        if self.pk is None:
            return None
        stored = type(self).objects.filter(pk=self.pk).values_list("path", "status").first()
        if stored is None or stored[0] == self.path or stored[1] != self.Status.PUBLISHED:
            return None
        return reverse("pages:page", kwargs={"path": stored[0]})


def root_slug_taken(slug):
    """Why a top-level page cannot be at /<slug>/, or "" when it can."""
    if slug in RESERVED_SECTION_SLUGS or slug.isdigit():
        return f"/{slug}/ is one of the site's own addresses; choose another slug."
    if Section.objects.filter(slug=slug).exists():
        return f"/{slug}/ is the address of a section; choose another slug."
    return ""


def root_page_at(slug):
    """What articles ask before a section takes /<slug>/ (articles.extensions.root_addresses)."""
    page = Page.objects.filter(parent=None, slug=slug).first()
    return f"the page “{page.title}”" if page else None


class Menu(WordPressIdentity):
    """A list of links: the header's, the footer's or the phone menu, as its place says."""

    class Place(models.TextChoices):
        HEADER = "header", "Header: the bar under the site's name"
        FOOTER = "footer", "Footer"
        PHONE = "phone", "Phone menu: what the Menu button opens on a phone"

    name = models.CharField(max_length=100, help_text="For the admin only: “Main menu”.")
    place = models.CharField(
        max_length=10,
        choices=Place.choices,
        blank=True,
        null=True,
        unique=True,
        help_text="Where readers see this menu. A place with no menu shows the sections; the "
        "phone menu, when there is none, shows the header's.",
    )
    wp_menu = models.CharField(  # noqa: DJ001 (null: menus made here are none, and unique)
        "WordPress menu",
        max_length=200,
        null=True,
        blank=True,
        editable=False,
        help_text="The slug of the WordPress menu this was imported from.",
    )

    objects = TrackedQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["wp_site", "wp_menu"], name="unique_wordpress_menu")
        ]

    def __str__(self):
        return self.name


class MenuItem(models.Model):
    """One link of a menu: to a section, a page, a topic or any address; or, with none, a
    heading for the links nested under it."""

    menu = models.ForeignKey(Menu, on_delete=models.CASCADE, related_name="items")
    position = models.PositiveSmallIntegerField(default=0)
    label = models.CharField(
        max_length=100,
        blank=True,
        help_text="Empty: the name of the section, page or topic it links to.",
    )
    section = models.ForeignKey(Section, null=True, blank=True, on_delete=models.CASCADE)
    page = models.ForeignKey(Page, null=True, blank=True, on_delete=models.CASCADE)
    tag = models.ForeignKey(
        Tag, null=True, blank=True, on_delete=models.CASCADE, verbose_name="topic"
    )
    url = models.CharField(
        "other address",
        max_length=500,
        blank=True,
        help_text="https://… for another site, or an address of this one such as /corrections/.",
    )
    nested = models.BooleanField(
        "under the item above",
        default=False,
        help_text="Show it in a drop-down under the nearest item above that is not nested.",
    )
    wp_item_id = models.PositiveBigIntegerField(null=True, blank=True, editable=False)

    objects = TrackedQuerySet.as_manager()

    class Meta:
        ordering = ["position", "pk"]
        verbose_name = "link"
        constraints = [
            models.UniqueConstraint(fields=["menu", "wp_item_id"], name="unique_wordpress_item"),
            models.CheckConstraint(
                condition=(
                    models.Q(section__isnull=True, page__isnull=True, tag__isnull=True)
                    | models.Q(section__isnull=False, page__isnull=True, tag__isnull=True, url="")
                    | models.Q(section__isnull=True, page__isnull=False, tag__isnull=True, url="")
                    | models.Q(section__isnull=True, page__isnull=True, tag__isnull=False, url="")
                ),
                name="menu_item_one_target",
            ),
        ]

    def __str__(self):
        return self.label or str(self.target or "")

    def clean(self):
        super().clean()
        targets = [t for t in (self.section_id, self.page_id, self.tag_id, self.url) if t]
        if len(targets) > 1:
            raise ValidationError(
                "Choose one thing to link to: a section, a page, a topic or another address."
            )
        if not targets and not self.label:
            raise ValidationError(
                "Choose what this link leads to, or give it a label to make it a heading "
                "for the links under it."
            )
        if self.url and not valid_menu_address(self.url):
            raise ValidationError(
                {
                    "url": "Write a full address (https://example.com/) or one of this site "
                    "starting with a slash (/corrections/)."
                }
            )

    @property
    def target(self):
        return self.section or self.page or self.tag


def valid_menu_address(url):
    if url.startswith("/") and not url.startswith("//"):
        return " " not in url
    try:
        URLValidator(schemes=["http", "https", "mailto"])(url)
    except ValidationError:
        return url.startswith("mailto:") and "@" in url
    return True


class Standards(models.Model):
    """The outlet's policies: which of its pages says what. Published in its structured data
    (NewsMediaOrganization) and linked from the footer and every story."""

    publishing_principles = models.ForeignKey(
        Page,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name="standards and principles",
        help_text="The page on the outlet's mission and editorial standards.",
    )
    ethics_policy = models.ForeignKey(
        Page,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="The code of ethics reporters and editors follow.",
    )
    corrections_policy = models.ForeignKey(
        Page,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="How mistakes are corrected and how readers report one.",
    )
    masthead = models.ForeignKey(
        Page,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Who runs the newsroom: editors and their roles.",
    )
    ownership_funding = models.ForeignKey(
        Page,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name="ownership and funding",
        help_text="Who owns the outlet and where its money comes from.",
    )
    feedback_policy = models.ForeignKey(
        Page,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name="feedback policy",
        help_text="How readers reach the newsroom, and what it does with what they send.",
    )

    objects = TrackedQuerySet.as_manager()

    class Meta:
        verbose_name = "standards"
        verbose_name_plural = "standards"

    def __str__(self):
        return "The outlet's standards"

    @classmethod
    def load(cls):
        return cls.objects.get_or_create(pk=1)[0]
