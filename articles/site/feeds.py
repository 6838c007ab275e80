"""RSS 2.0 and Atom feeds of the newest published stories: the site, a section, a tag, an
author; and RSS of the corrections and of a live story's updates."""

from urllib.parse import urljoin

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed, get_tag_uri, rfc3339_date
from taggit.models import Tag

from articles.embeds.render import with_links
from articles.models import Article, Author, Section
from articles.models.live import cut_at_word
from articles.sanitize import clean_body
from articles.site import corrections
from articles.site.galleries import expand_galleries, with_absolute_sources
from articles.site.metadata import modified_at, share_image, tag_names

FEED_LENGTH = 20
MEDIA_NS = "http://search.yahoo.com/mrss/"
CONTENT_NS = "http://purl.org/rss/1.0/modules/content/"


def _stable_id(feed, item):
    """A tag: URI on the site's domain that stays put when the story's slug or section changes."""
    return get_tag_uri(urljoin(feed["link"], f"/articles/{item['article_id']}"), item["pubdate"])


def _content(feed, item):
    """The whole story, if the feed carries it; feed readers run no players, so an embed is
    its picture and a link there."""
    if not item.get("content"):
        return None
    content = with_absolute_sources(item["content"], feed["link"])
    return with_links(content, lambda url: urljoin(feed["link"], url))


def _media_content(handler, feed, item):
    image = item.get("image")
    if image:
        handler.addQuickElement(
            "media:content",
            "",
            {
                "url": urljoin(feed["link"], image["url"]),
                "medium": "image",
                "width": str(image["width"]),
                "height": str(image["height"]),
            },
        )


class NewsRssFeed(Rss201rev2Feed):
    """RSS 2.0 with the featured image as Media RSS and, optionally, the whole story."""

    def rss_attributes(self):
        return {**super().rss_attributes(), "xmlns:media": MEDIA_NS, "xmlns:content": CONTENT_NS}

    def add_item_elements(self, handler, item):
        item = {**item, "unique_id": _stable_id(self.feed, item)}
        super().add_item_elements(handler, item)
        # RSS 2.0 has no element for corrections; Atom's <updated> is the common extension.
        if item["updateddate"] is not None:
            handler.addQuickElement("atom:updated", rfc3339_date(item["updateddate"]))
        if content := _content(self.feed, item):
            handler.addQuickElement("content:encoded", content)
        _media_content(handler, self.feed, item)


class NewsAtomFeed(Atom1Feed):
    """Atom 1.0 with the same extras as NewsRssFeed."""

    def root_attributes(self):
        return {**super().root_attributes(), "xmlns:media": MEDIA_NS}

    def add_item_elements(self, handler, item):
        item = {**item, "unique_id": _stable_id(self.feed, item)}
        super().add_item_elements(handler, item)
        if content := _content(self.feed, item):
            handler.addQuickElement("content", content, {"type": "html"})
        _media_content(handler, self.feed, item)


class SiteFeed(Feed):
    feed_type = NewsRssFeed
    item_guid_is_permalink = False

    def title(self, obj):
        return settings.NEWSROOM_SITE_NAME

    def description(self, obj):
        return settings.NEWSROOM_SITE_TAGLINE

    def subtitle(self, obj):
        return self.description(obj)

    def link(self, obj):
        return "/"

    def articles(self, obj):
        return Article.objects.published()

    def items(self, obj):
        return (
            self.articles(obj).for_listing().prefetch_related("tags").newest_first()[:FEED_LENGTH]
        )

    def item_title(self, item):
        return item.headline

    def item_description(self, item):
        return item.teaser

    def item_link(self, item):
        return item.get_absolute_url()

    def item_author_name(self, item):
        return ", ".join(author.name for author in item.authors.all()) or None

    def item_categories(self, item):
        return [item.section.name, *tag_names(item)]

    def item_pubdate(self, item):
        return item.published_at

    def item_updateddate(self, item):
        return modified_at(item)

    def item_extra_kwargs(self, item):
        return {
            "content": (
                expand_galleries(clean_body(item.body), "feed")
                if settings.NEWSROOM_FEED_FULL_TEXT
                else None
            ),
            "image": share_image(item.featured_image),
            "article_id": item.pk,
        }


class SiteAtomFeed(SiteFeed):
    feed_type = NewsAtomFeed


class SectionFeed(SiteFeed):
    def get_object(self, request, slug):
        return get_object_or_404(Section, slug=slug)

    def title(self, obj):
        return f"{settings.NEWSROOM_SITE_NAME}: {obj.name}"

    def description(self, obj):
        return obj.description or f"The newest {obj.name} stories."

    def link(self, obj):
        return obj.get_absolute_url()

    def articles(self, obj):
        return Article.objects.published().filter(section=obj)


class SectionAtomFeed(SectionFeed):
    feed_type = NewsAtomFeed


class TagFeed(SiteFeed):
    def get_object(self, request, slug):
        return get_object_or_404(Tag, slug=slug)

    def title(self, obj):
        return f"{settings.NEWSROOM_SITE_NAME}: {obj.name}"

    def description(self, obj):
        return f"The newest stories about {obj.name}."

    def link(self, obj):
        return reverse("articles:tag", kwargs={"slug": obj.slug})

    def articles(self, obj):
        return Article.objects.published().filter(tags=obj)


class TagAtomFeed(TagFeed):
    feed_type = NewsAtomFeed


class AuthorFeed(SiteFeed):
    def get_object(self, request, slug):
        return get_object_or_404(Author, slug=slug)

    def title(self, obj):
        return f"{settings.NEWSROOM_SITE_NAME}: {obj.name}"

    def description(self, obj):
        return f"The newest stories by {obj.name}."

    def link(self, obj):
        return obj.get_absolute_url()

    def articles(self, obj):
        return Article.objects.published().filter(authors=obj)


class AuthorAtomFeed(AuthorFeed):
    feed_type = NewsAtomFeed


class CorrectionsFeed(Feed):
    """The newest corrections and clarifications, each linking to the note on its story."""

    feed_type = Rss201rev2Feed

    def title(self):
        return f"{settings.NEWSROOM_SITE_NAME}: corrections and clarifications"

    def description(self):
        return f"Where {settings.NEWSROOM_SITE_NAME} got it wrong or was unclear."

    def link(self):
        return reverse("articles:corrections")

    def items(self):
        return corrections.latest_first()[:FEED_LENGTH]

    def item_title(self, item):
        return f"{item.get_kind_display()}: {item.article.headline}"

    def item_description(self, item):
        return item.text

    def item_link(self, item):
        return item.get_absolute_url()

    def item_pubdate(self, item):
        return item.published_at


class LiveUpdatesFeed(Feed):
    """A live story's updates, newest first, for readers who follow it in a feed reader."""

    feed_type = Rss201rev2Feed

    def get_object(self, request, section, slug):
        return get_object_or_404(
            Article.objects.published().select_related("section"),
            slug=slug,
            live_coverage_start__isnull=False,
        )

    def title(self, obj):
        return f"{obj.headline}: live updates"

    def description(self, obj):
        return obj.dek or f"Live updates from {settings.NEWSROOM_SITE_NAME}."

    def link(self, obj):
        return obj.get_absolute_url()

    def items(self, obj):
        return obj.live_updates.select_related("article__section").order_by("-posted_at", "-pk")[
            :FEED_LENGTH
        ]

    def item_title(self, item):
        return cut_at_word(item.text, 80)

    def item_description(self, item):
        return item.text

    def item_link(self, item):
        return item.get_absolute_url()

    def item_pubdate(self, item):
        return item.posted_at

    def item_updateddate(self, item):
        return item.updated_at
