"""Sitemaps for search engines: stories, sections, tags and authors, plus a Google News sitemap."""

import datetime

from django.contrib.sitemaps import Sitemap
from django.db.models import Exists, Max, OuterRef
from django.urls import reverse
from django.utils import timezone
from taggit.models import Tag, TaggedItem

from articles.invalidation import EVERY_STORY
from articles.models import Article, ArticleAuthor, Author, Section
from newsroom.caching.tracking import note

URLS_PER_FILE = 2000
NEWS_WINDOW = datetime.timedelta(days=2)
NEWS_LIMIT = 1000


class ArticleSitemap(Sitemap):
    limit = URLS_PER_FILE

    def items(self):
        return (
            Article.objects.published()
            .select_related("section")
            .only("slug", "section__slug", "published_at", "updated_at")
            .order_by("-published_at", "-pk")
        )

    def lastmod(self, article):
        # updated_at may predate publication for a story written ahead of time.
        return max(article.published_at, article.updated_at)

    def get_latest_lastmod(self):
        """For the index: one aggregate instead of Django's loop over every story."""
        note([EVERY_STORY])
        latest = Article.objects.published().aggregate(
            published=Max("published_at"), updated=Max("updated_at")
        )
        moments = [moment for moment in latest.values() if moment]
        return max(moments, default=None)


class SectionSitemap(Sitemap):
    limit = URLS_PER_FILE

    def items(self):
        return Section.objects.order_by("position", "pk")


class TagSitemap(Sitemap):
    limit = URLS_PER_FILE

    def items(self):
        published = TaggedItem.objects.filter(
            tag=OuterRef("pk"),
            content_type__app_label="articles",
            content_type__model="article",
            object_id__in=Article.objects.published().values("pk"),
        )
        return Tag.objects.filter(Exists(published)).order_by("slug")

    def location(self, tag):
        return reverse("articles:tag", kwargs={"slug": tag.slug})


class AuthorSitemap(Sitemap):
    limit = URLS_PER_FILE

    def items(self):
        bylines = ArticleAuthor.objects.filter(
            author=OuterRef("pk"), article__in=Article.objects.published()
        )
        return Author.objects.filter(Exists(bylines)).order_by("slug")


SITEMAPS = {
    "articles": ArticleSitemap,
    "sections": SectionSitemap,
    "tags": TagSitemap,
    "authors": AuthorSitemap,
}


def news_articles():
    """Stories for the Google News sitemap: published in the last two days, newest first."""
    return (
        Article.objects.published()
        .filter(published_at__gte=timezone.now() - NEWS_WINDOW)
        .select_related("section")
        .only("headline", "slug", "section__slug", "published_at")
        .newest_first()[:NEWS_LIMIT]
    )
