"""Stories: the one rule for what readers see (`ArticleQuerySet.published`), bylines, Check
Also links, and the revisions every save keeps."""

import simple_history
from django.conf import settings
from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from taggit.managers import TaggableManager

from articles.extensions import extensions
from articles.models.addresses import KeepsOldAddress
from articles.models.pictures import Image
from articles.models.sections import Author, Section
from articles.models.wordpress import WordPressIdentity
from articles.sanitize import clean_body
from newsroom.caching.invalidation import TrackedQuerySet
from newsroom.caching.tracking import expires_at


def bylines_prefetch():
    return models.Prefetch("authors", queryset=Author.objects.order_by("articleauthor__position"))


class ArticleQuerySet(TrackedQuerySet):
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


class Article(KeepsOldAddress, WordPressIdentity):
    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        IN_REVIEW = "review", "In review"
        PUBLISHED = "published", "Published"
        UNPUBLISHED = "unpublished", "Unpublished"

    class Kind(models.TextChoices):
        """The type of work, as the Trust Project names it: readers see it above the headline."""

        NEWS = "news", "News"
        ANALYSIS = "analysis", "Analysis"
        OPINION = "opinion", "Opinion"
        REVIEW = "review", "Review"
        SPONSORED = "sponsored", "Sponsored"

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
    kind = models.CharField(
        "type of work",
        max_length=12,
        choices=Kind.choices,
        default=Kind.NEWS,
        help_text="Shown to readers above the headline: News reports facts; Analysis "
        "interprets them; Opinion argues a view; Review judges a work; Sponsored is paid for "
        "by an advertiser.",
    )
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
    always_free = models.BooleanField(
        default=False,
        help_text="Public-interest news: every reader may read it, and it never counts toward "
        "the free stories a month (when the site asks readers to register after a few).",
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
        # Whatever keeps the page (newsroom.caching) lets go of it when this changes.
        for moment in (self.live_coverage_start, self.live_coverage_end):
            if moment is not None and moment > now:
                expires_at(moment.timestamp())
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


class ArticleAuthor(models.Model):
    article = models.ForeignKey(Article, on_delete=models.CASCADE)
    author = models.ForeignKey(Author, on_delete=models.CASCADE)
    position = models.PositiveSmallIntegerField(default=0)

    objects = TrackedQuerySet.as_manager()

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

    objects = TrackedQuerySet.as_manager()

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


# Registered here, once the through models of bylines and related stories exist, so revisions
# keep both with their order; tags are kept by name (RevisionExtras), filled in by a signal.
simple_history.register(
    Article,
    m2m_fields=["authors", "related"],
    bases=[RevisionExtras],
    excluded_fields=["updated_at", "search_vector", "headline_vector", "wp_import_state"],
    history_change_reason_field=models.TextField(null=True),
)
