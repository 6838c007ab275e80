"""What the API shows of stories, sections, bylines and topics: the queries (only what readers
may see, in a fixed number of queries) and the answer for each row.

The webhooks build their payloads, and tell an edited story from an untouched one, from the
same functions, so a partner reads the same thing whichever way it learns of a change.
"""

import html
import re

from django.core.files.storage import default_storage
from django.db.models import OuterRef, Subquery
from django.db.models.functions import Greatest
from django.urls import reverse
from taggit.models import Tag

from articles.images import copy_for, rendition_sets
from articles.models import Article, Author, Correction, LiveUpdate, Section, bylines_prefetch
from articles.sanitize import clean_body
from articles.site import live
from articles.site.galleries import expand_galleries, gallery_pictures, with_absolute_sources

# Where a picture needs one copy (the `url` of a picture): wide enough for an app's full width.
PICTURE_WIDTH = 1200
BLOCK_END = re.compile(r"</(p|h[1-6]|li|blockquote|figure|figcaption|table|tr|ul|ol|pre)>", re.I)
LINE_BREAK = re.compile(r"<br\s*/?>", re.I)
TAG = re.compile(r"<[^>]+>")


def stories():
    """Published stories with what a summary shows, newest first: three queries a page."""
    latest_update = (
        LiveUpdate.objects.filter(article=OuterRef("pk"))
        .order_by("-updated_at")
        .values("updated_at")[:1]
    )
    return (
        Article.objects.published()
        .select_related("section", "featured_image")
        .prefetch_related(bylines_prefetch(), "tags")
        # PostgreSQL's GREATEST skips nulls: a story never revised, never live, has its own.
        .annotate(
            changed_at=Greatest("updated_at", "published_at", "revised_at", Subquery(latest_update))
        )
        .newest_first()
    )


def topics():
    """Topics of published stories only: a topic only drafts use would announce them."""
    return Tag.objects.filter(article__in=Article.objects.published()).distinct()


def absolute(base, address):
    return address if "://" in address else f"{base}{address}"


def picture(image, base):
    if image is None or not image.file:
        return None
    chosen = copy_for(image, PICTURE_WIDTH)
    webp, fallback = rendition_sets(image)
    return {
        "id": image.pk,
        "url": absolute(base, chosen["url"]),
        "width": image.width,
        "height": image.height,
        "alt_text": image.alt_text,
        "caption": image.caption,
        "credit": image.credit,
        "renditions": [
            {
                "url": absolute(base, default_storage.url(copy["name"])),
                "width": copy["width"],
                "height": copy["height"],
                "format": copy["format"],
            }
            for copy in sorted([*webp, *fallback], key=lambda copy: (copy["width"], copy["format"]))
        ],
    }


def section(row, base):
    return {
        "id": row.pk,
        "name": row.name,
        "slug": row.slug,
        "description": row.description,
        "position": row.position,
        "in_navigation": row.show_in_navigation,
        "url": absolute(base, row.get_absolute_url()),
    }


def byline(row, base):
    return {
        "id": row.pk,
        "name": row.name,
        "slug": row.slug,
        "url": absolute(base, row.get_absolute_url()),
    }


def author(row, base):
    return {
        **byline(row, base),
        "job_title": row.job_title,
        "bio": row.bio,
        "photo": picture(row.photo, base),
    }


def topic(row, base):
    return {
        "id": row.pk,
        "name": row.name,
        "slug": row.slug,
        "url": absolute(base, reverse("articles:tag", kwargs={"slug": row.slug})),
    }


def summary(story, base):
    return {
        "id": story.pk,
        "headline": story.headline,
        "slug": story.slug,
        "dek": story.dek,
        "teaser": story.teaser,
        "dateline": story.dateline,
        "section": {"id": story.section.pk, "name": story.section.name, "slug": story.section.slug},
        "bylines": [byline(row, base) for row in story.bylines()],
        "tags": [topic(row, base) for row in sorted(story.tags.all(), key=lambda t: t.name)],
        "picture": picture(story.featured_image, base),
        "published_at": story.published_at,
        "revised_at": story.revised_at,
        "updated_at": getattr(story, "changed_at", None) or story.updated_at,
        "url": absolute(base, story.get_absolute_url()),
        "api_url": absolute(base, reverse("api:story", kwargs={"story_id": story.pk})),
    }


def plain_text(body):
    """A cleaned body as plain text: a blank line between blocks, entities decoded."""
    text = LINE_BREAK.sub("\n", BLOCK_END.sub("\n\n", body))
    text = html.unescape(TAG.sub("", text))
    lines = (" ".join(line.split()) for line in text.split("\n"))
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()


def correction(row):
    return {
        "id": row.pk,
        "kind": row.kind,
        "text": row.text,
        "placement": row.placement,
        "published_at": row.published_at,
    }


def live_update(row, base):
    return {
        "id": row.pk,
        "text": row.text,
        "posted_at": row.posted_at,
        "key_event": row.is_key_event,
        "pinned": row.is_pinned,
        "picture": picture(row.image, base),
    }


def visible_corrections(story):
    return list(Correction.objects.published().filter(article=story).order_by("published_at", "pk"))


def story(row, base, with_parts=True):
    """The whole story. with_parts=False leaves corrections and live updates out (what the
    webhooks compare to tell whether the story itself was updated)."""
    body = with_absolute_sources(expand_galleries(clean_body(row.body), "feed"), base)
    updates = live.updates(row) if with_parts else []
    pictures = [picture(row.featured_image, base)] if row.featured_image else []
    pictures += [picture(image, base) for image in gallery_pictures(row.body)]
    pictures += [picture(update.image, base) for update in updates if update.image]
    coverage = None
    if row.live_coverage_start:
        coverage = {"starts_at": row.live_coverage_start, "ends_at": row.live_coverage_end}
    return {
        **summary(row, base),
        "body_html": body,
        "body_text": plain_text(body),
        "pictures": [item for item in pictures if item],
        "corrections": [correction(c) for c in visible_corrections(row)] if with_parts else [],
        "live_coverage": coverage,
        "live_updates": [live_update(update, base) for update in updates],
    }


def sections():
    return Section.objects.all()


def authors():
    return Author.objects.select_related("photo")
