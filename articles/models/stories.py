import secrets

import simple_history
from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVectorField
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.text import Truncator, slugify
from taggit.managers import TaggableManager
from taggit.models import Tag

from articles.extensions import extensions
from articles.images import validate_image_file
from articles.sanitize import clean_body

# Section slugs share the root of the URL space with these fixed paths.
RESERVED_SECTION_SLUGS = frozenset(
    {"admin", "author", "category", "feed", "feeds", "media", "search", "sitemap", "static",
     "tag", "healthz", "readyz", "preview", "robots.txt", "comments",
     "newsletter", "readership", "corrections", "live"}
)  # fmt: skip


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


def validate_section_slug(value):
    if value in RESERVED_SECTION_SLUGS or value.isdigit():
        raise ValidationError(
            "“%(slug)s” is used by another page of the site; choose another slug.",
            params={"slug": value},
        )


class SectionQuerySet(models.QuerySet):
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


def image_upload_to(instance, filename):
    return f"images/{timezone.now():%Y/%m}/{filename}"


class Image(models.Model):
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
    # As readers see the picture, turned upright (see make_renditions), not as the file stores it.
    width = models.PositiveIntegerField(editable=False, default=0)
    height = models.PositiveIntegerField(editable=False, default=0)
    renditions = models.JSONField(
        default=list,
        blank=True,
        editable=False,
        help_text="Resized copies, made once on upload: [{width, height, format, name}].",
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
    wp_site = models.CharField(
        "WordPress site",
        max_length=300,
        blank=True,
        editable=False,
        help_text="The address of the WordPress site this picture was imported from.",
    )

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

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("articles:author", kwargs={"slug": self.slug})


def bylines_prefetch():
    return models.Prefetch("authors", queryset=Author.objects.order_by("articleauthor__position"))


class ArticleQuerySet(models.QuerySet):
    def published(self):
        """What readers may see: published, and its publication time has come."""
        return self.filter(status=Article.Status.PUBLISHED, published_at__lte=timezone.now())

    def scheduled(self):
        return self.filter(status=Article.Status.PUBLISHED, published_at__gt=timezone.now())

    def planned(self):
        """Not out yet, with a target date: the desk's plan for the coming days."""
        return self.filter(planned_for__isnull=False).exclude(status=Article.Status.PUBLISHED)

    def for_listing(self):
        """Everything a story card shows, fetched in a fixed number of queries."""
        return (
            self.select_related("section", "featured_image")
            .prefetch_related(bylines_prefetch())
            .annotate(**{name: make() for name, make in extensions.listing_annotations.items()})
        )

    def newest_first(self):
        return self.order_by("-published_at", "-pk")


class RevisionExtras(models.Model):
    """What a revision keeps beyond the article's own columns: its tags, by name."""

    tag_names = models.JSONField(default=list, blank=True)

    class Meta:
        abstract = True


class Article(KeepsOldAddress):
    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        IN_REVIEW = "review", "In review"
        PUBLISHED = "published", "Published"
        UNPUBLISHED = "unpublished", "Unpublished"

    headline = models.CharField(max_length=255, help_text="The story's title, as readers see it.")
    slug = models.SlugField(
        max_length=255,
        unique=True,
        allow_unicode=True,
        help_text="The story's address. Filled in from the headline; old addresses keep working.",
    )
    dek = models.TextField(
        "standfirst",
        blank=True,
        help_text="One or two sentences under the headline, also used in search results.",
    )
    section = models.ForeignKey(Section, on_delete=models.PROTECT, related_name="articles")
    authors = models.ManyToManyField(Author, through="ArticleAuthor", related_name="articles")
    dateline = models.CharField(
        max_length=100,
        blank=True,
        help_text="Where and when the story was filed: “Gyeongju, Nov 2025”. "
        "Printed in bold at the start of the story.",
    )
    body = models.TextField(blank=True)
    excerpt = models.TextField(
        blank=True,
        help_text="A teaser for story lists and the Check Also box. Empty: the standfirst is used.",
    )
    featured_image = models.ForeignKey(
        Image, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    featured_image_caption = models.CharField(
        max_length=300, blank=True, help_text="Leave empty to use the picture's own caption."
    )
    tags = TaggableManager(blank=True, help_text="Topics, people and places, separated by commas.")
    related = models.ManyToManyField(
        "self",
        through="RelatedArticle",
        through_fields=("article", "related_article"),
        symmetrical=False,
        blank=True,
        related_name="+",
    )
    status = models.CharField(
        max_length=12, choices=Status.choices, default=Status.DRAFT, db_index=True
    )
    published_at = models.DateTimeField(
        null=True,
        blank=True,
        db_index=True,
        help_text="When the story goes live. A time in the future schedules it.",
    )
    planned_for = models.DateField(
        "target date",
        null=True,
        blank=True,
        help_text="The day the desk means to run this story. It appears on the editorial "
        "calendar; with no text yet, as planned.",
    )
    revised_at = models.DateTimeField(
        null=True,
        blank=True,
        help_text="Shown to readers as “Updated …”. Set automatically when the headline, "
        "standfirst or body change after publication.",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )
    comments_open = models.BooleanField(
        default=True, help_text="Untick to close the story to new reader comments."
    )
    live_coverage_start = models.DateTimeField(
        "live coverage starts",
        null=True,
        blank=True,
        help_text="Set it to run this story as a live blog: readers get a “Live” badge and "
        "the updates you post from its “Live updates” button arrive on their open page.",
    )
    live_coverage_end = models.DateTimeField(
        "live coverage ends",
        null=True,
        blank=True,
        help_text="When the coverage is over. From then on the story reads as a normal "
        "article, its updates kept under it. Leave empty while it goes on.",
    )
    seo_title = models.CharField(
        "search engine title",
        max_length=70,
        blank=True,
        help_text="Replaces the headline in search results and social shares. Optional.",
    )
    seo_description = models.CharField(
        "search engine description",
        max_length=160,
        blank=True,
        help_text="Shown under the title in search results. Empty: the standfirst is used.",
    )
    wp_post_id = models.PositiveBigIntegerField(
        "WordPress post ID",
        null=True,
        blank=True,
        editable=False,
        help_text="The WordPress post this story was imported from; re-imports update it.",
    )
    wp_site = models.CharField(
        "WordPress site",
        max_length=300,
        blank=True,
        editable=False,
        help_text="The address of the WordPress site this story was imported from.",
    )
    wp_guid = models.CharField(
        "WordPress GUID",
        max_length=500,
        blank=True,
        db_index=True,
        editable=False,
        help_text="The post's GUID (or, without one, its link) in the export; it identifies "
        "posts that an export lists without a post ID.",
    )
    # What the last import wrote, per field: hashes of the export's value and of the value
    # saved, so that a re-import tells the export's changes from the changes made here.
    wp_import_state = models.JSONField(default=dict, blank=True, editable=False)
    # Filled by a database trigger (see articles/search.py): search_vector from headline,
    # standfirst and body finds stories; headline_vector from the first two ranks them.
    search_vector = SearchVectorField(null=True, editable=False)
    headline_vector = SearchVectorField(null=True, editable=False)

    objects = ArticleQuerySet.as_manager()

    class Meta:
        ordering = ["-published_at", "-pk"]
        indexes = [
            models.Index(fields=["status", "-published_at"], name="article_status_pub_idx"),
            # A section's newest stories (its page, the home page's fronts, Check Also) read
            # straight from here, however small the section is in a large archive.
            models.Index(
                "section",
                models.F("published_at").desc(),
                models.F("id").desc(),
                condition=models.Q(status="published"),
                name="article_section_pub_idx",
            ),
            GinIndex(fields=["search_vector"], name="article_search_idx"),
        ]
        constraints = [
            # Post numbers are a site's own: two sites' exports never overwrite each other.
            models.UniqueConstraint(fields=["wp_site", "wp_post_id"], name="unique_wordpress_post")
        ]
        permissions = [
            ("publish_article", "Can publish, schedule and unpublish articles"),
            ("edit_any_article", "Can edit other people's articles and published ones"),
            ("restore_article", "Can compare and restore article revisions"),
        ]

    # Changes to these after publication count as a correction readers should be told about.
    REVISION_FIELDS = ("headline", "dek", "body")
    TRACKED_FIELDS = (*REVISION_FIELDS, "slug", "section_id", "status", "published_at")

    def __str__(self):
        return self.headline

    def save(self, *args, **kwargs):
        self.body = clean_body(self.body)
        if not self.slug:
            self.slug = slugify(self.headline, allow_unicode=True)[:255]
        if self.status == self.Status.PUBLISHED and self.published_at is None:
            self.published_at = timezone.now()
        if self._changed_since_publication():
            self.revised_at = timezone.now()
        super().save(*args, **kwargs)
        self._loaded = {name: getattr(self, name) for name in self.TRACKED_FIELDS}

    def get_absolute_url(self):
        return reverse("articles:detail", kwargs={"section": self.section.slug, "slug": self.slug})

    def bylines(self):
        """The story's authors in byline order: prefetched by for_listing(), else one query,
        after which `authors.all()` gives them in that order too."""
        if "authors" not in getattr(self, "_prefetched_objects_cache", {}):
            models.prefetch_related_objects([self], bylines_prefetch())
        return self.authors.all()

    @classmethod
    def from_db(cls, db, field_names, values):
        instance = super().from_db(db, field_names, values)
        instance._loaded = {
            name: value for name, value in zip(field_names, values, strict=True)
            if name in cls.TRACKED_FIELDS
        }  # fmt: skip
        return instance

    def _was_published(self):
        loaded = getattr(self, "_loaded", {})
        return loaded.get("status") == self.Status.PUBLISHED and loaded.get("published_at")

    def _changed_since_publication(self):
        if not self._was_published() or not self.is_published():
            return False
        return any(self._loaded[name] != getattr(self, name) for name in self.REVISION_FIELDS)

    def _old_address(self):
        """The address readers knew, when a published story's slug or section changes."""
        if not self._was_published():
            return None
        old_slug, old_section_id = self._loaded["slug"], self._loaded["section_id"]
        if (old_slug, old_section_id) == (self.slug, self.section_id):
            return None
        old_section = Section.objects.filter(pk=old_section_id).values_list("slug", flat=True)
        if not old_section:
            return None
        return reverse("articles:detail", kwargs={"section": old_section[0], "slug": old_slug})

    def is_published(self):
        return (
            self.status == self.Status.PUBLISHED
            and self.published_at is not None
            and self.published_at <= timezone.now()
        )

    def is_live(self):
        """Live coverage has started and has not ended: the badge, the polling, LiveBlogPosting."""
        now = timezone.now()
        return (
            self.live_coverage_start is not None
            and self.live_coverage_start <= now
            and (self.live_coverage_end is None or self.live_coverage_end > now)
        )

    def is_scheduled(self):
        return (
            self.status == self.Status.PUBLISHED
            and self.published_at is not None
            and self.published_at > timezone.now()
        )

    @property
    def teaser(self):
        return self.excerpt or self.dek

    @property
    def caption(self):
        if self.featured_image_caption:
            return self.featured_image_caption
        return self.featured_image.caption if self.featured_image else ""


def validate_not_in_future(value):
    if value and value > timezone.now():
        raise ValidationError("This time is in the future; readers are told what has happened.")


class CorrectionQuerySet(models.QuerySet):
    def published(self):
        """The corrections a story's readers see (drafts wait for an editor)."""
        return self.filter(status=Correction.Status.PUBLISHED, published_at__lte=timezone.now())

    def on_published_stories(self):
        """For the corrections page and feed: only stories readers can see."""
        return self.published().filter(article__in=Article.objects.published())

    def newest_first(self):
        return self.order_by("-published_at", "-pk")


class Correction(models.Model):
    """A note telling readers what a story got wrong (a correction) or left unclear (a
    clarification), with its own time. Readers' copy of it is never silently rewritten:
    every edit keeps a revision, and only editors remove one."""

    class Kind(models.TextChoices):
        CORRECTION = "correction", "Correction"
        CLARIFICATION = "clarification", "Clarification"

    class Placement(models.TextChoices):
        TOP = "top", "At the top of the story"
        END = "end", "At the end of the story"

    class Status(models.TextChoices):
        DRAFT = "draft", "Draft (not shown)"
        PUBLISHED = "published", "Published"

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="corrections")
    kind = models.CharField(max_length=13, choices=Kind.choices, default=Kind.CORRECTION)
    text = models.TextField(
        help_text="Plain text: say what was wrong and what is right. Web addresses become "
        "links. Shown as “Correction, November 3, 2025, 14:05: …”."
    )
    placement = models.CharField(
        max_length=3,
        choices=Placement.choices,
        default=Placement.END,
        help_text="Serious errors go at the top, where every reader sees them.",
    )
    status = models.CharField(
        max_length=9,
        choices=Status.choices,
        default=Status.DRAFT,
        help_text="Reporters draft corrections; an editor publishes them.",
    )
    published_at = models.DateTimeField(
        "published",
        null=True,
        blank=True,
        validators=[validate_not_in_future],
        help_text="Filled in when the correction is published; it also becomes the story's "
        "“Updated” time.",
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

    objects = CorrectionQuerySet.as_manager()

    class Meta:
        ordering = ["-published_at", "-pk"]
        indexes = [models.Index(fields=["status", "-published_at"], name="correction_pub_idx")]

    def __str__(self):
        return f"{self.get_kind_display()}: {Truncator(self.text).chars(60)}"

    def save(self, *args, **kwargs):
        if self.status == self.Status.PUBLISHED and self.published_at is None:
            # Whole seconds, as the admin's time box shows and saves them.
            self.published_at = timezone.now().replace(microsecond=0)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return f"{self.article.get_absolute_url()}#correction-{self.pk}"

    def clean(self):
        if self.pk is None or self.status == self.Status.PUBLISHED:
            return
        stored = Correction.objects.filter(pk=self.pk).values_list("status", flat=True).first()
        if stored == self.Status.PUBLISHED:
            raise ValidationError(
                {
                    "status": "Readers have seen this correction, so it stays published. "
                    "Change its wording (the old one is kept in its history), or ask an editor "
                    "to remove it, which is recorded."
                }
            )

    def is_published(self):
        return self.status == self.Status.PUBLISHED and self.published_at is not None


class LiveUpdate(models.Model):
    """A short post on a story's live blog, shown newest first with its time."""

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="live_updates")
    text = models.TextField(
        help_text="A few sentences. Plain text; a blank line starts a new paragraph and web "
        "addresses become links."
    )
    image = models.ForeignKey(
        Image,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name="picture",
    )
    is_key_event = models.BooleanField(
        "key event",
        default=False,
        help_text="Listed in the “Key events” box at the top of the live coverage.",
    )
    is_pinned = models.BooleanField(
        "pinned",
        default=False,
        help_text="Kept at the top of the updates, above newer ones, until you unpin it.",
    )
    posted_at = models.DateTimeField(default=timezone.now, db_index=True)
    updated_at = models.DateTimeField(auto_now=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )

    class Meta:
        ordering = ["-posted_at", "-pk"]
        verbose_name = "live update"

    def __str__(self):
        return Truncator(self.text).chars(60)

    def get_absolute_url(self):
        return f"{self.article.get_absolute_url()}#update-{self.pk}"


class ArticleAuthor(models.Model):
    article = models.ForeignKey(Article, on_delete=models.CASCADE)
    author = models.ForeignKey(Author, on_delete=models.CASCADE)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["article", "author"], name="unique_article_author")
        ]
        verbose_name = "byline"

    def __str__(self):
        return str(self.author)


class RelatedArticle(models.Model):
    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="related_links")
    related_article = models.ForeignKey(
        Article, on_delete=models.CASCADE, related_name="+", verbose_name="story"
    )
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["article", "related_article"], name="unique_related_article"
            ),
            models.CheckConstraint(
                condition=~models.Q(article=models.F("related_article")),
                name="related_article_not_self",
            ),
        ]
        verbose_name = "related story"
        verbose_name_plural = "related stories (Check Also)"

    def __str__(self):
        return str(self.related_article)


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
        if target is None or (isinstance(target, Article) and not target.is_published()):
            return None
        if isinstance(target, Tag):
            return reverse("articles:tag", kwargs={"slug": target.slug})
        return target.get_absolute_url()


def _preview_key():
    return secrets.token_urlsafe(24)


class PreviewLinkQuerySet(models.QuerySet):
    def working(self, now=None):
        """Links that open their story: not revoked, not expired, the story still a draft."""
        return self.filter(
            revoked_at__isnull=True,
            expires_at__gt=now or timezone.now(),
            article__status__in=[Article.Status.DRAFT, Article.Status.IN_REVIEW],
        )

    def revoke(self, now=None):
        return self.filter(revoked_at__isnull=True).update(revoked_at=now or timezone.now())


class PreviewLink(models.Model):
    """A link that shows a draft to someone without an account, until it expires or is revoked.

    Dead once the story is published (it has its own address then) or unpublished.
    """

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="preview_links")
    key = models.CharField(max_length=64, unique=True, default=_preview_key, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField()
    revoked_at = models.DateTimeField(null=True, blank=True)

    objects = PreviewLinkQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]

    def __str__(self):
        return f"Preview link for {self.article}"

    def get_absolute_url(self):
        return reverse("articles:shared_preview", kwargs={"token": self.key})


class Autosave(models.Model):
    """A copy of the article form as one person left it, kept until they save the story.

    Never a revision and never shown to anyone else: it only refills that person's form.
    """

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    article = models.ForeignKey(
        Article, null=True, blank=True, on_delete=models.CASCADE, related_name="autosaves"
    )
    # The opened form that wrote it. It names a story not saved yet; for a saved story it tells
    # a late copy from a form already submitted apart from a copy from another tab.
    key = models.CharField(max_length=64)
    # The form's fields as the browser sent them ({name: [values]}); None once the story was
    # saved from the form named by key.
    data = models.JSONField(null=True)
    saved_at = models.DateTimeField(db_index=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["user", "article"],
                condition=models.Q(article__isnull=False),
                name="one_autosave_per_person_and_story",
            ),
            models.UniqueConstraint(
                fields=["user", "key"],
                condition=models.Q(article__isnull=True),
                name="one_autosave_per_person_and_new_story",
            ),
        ]

    def __str__(self):
        return f"Autosave by {self.user} at {self.saved_at:%Y-%m-%d %H:%M}"


# Registered here, once the through models of bylines and related stories exist, so revisions
# keep both with their order; tags are kept by name (RevisionExtras), filled in by a signal.
simple_history.register(
    Article,
    m2m_fields=["authors", "related"],
    bases=[RevisionExtras],
    excluded_fields=["updated_at", "search_vector", "headline_vector", "wp_import_state"],
    history_change_reason_field=models.TextField(null=True),
)

# Readers may rely on a correction's wording; every edit and removal stays on record.
simple_history.register(
    Correction,
    excluded_fields=["created_at"],
    history_change_reason_field=models.TextField(null=True),
)
