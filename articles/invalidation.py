"""What each change to articles' rows makes stale of the kept pages (newsroom.caching).

Reading a story, section, byline, picture or topic while a page is built tags the page with
it; saving, deleting or bulk-updating one makes stale the pages tagged with it. A story's
change also makes every listing stale (the `listings` tag) when it changes what lists show:
whether and when it is published, its section, its topics or its bylines. Editing a published
story's words leaves the other stories' pages alone.
"""

import weakref

from django.db.models import Q
from taggit.models import Tag, TaggedItem

from articles.embeds.body import stories_with
from articles.models import (
    Article,
    ArticleAuthor,
    Author,
    Correction,
    Embed,
    Image,
    LiveUpdate,
    RelatedArticle,
    Section,
)
from newsroom.caching.schedule import RESCHEDULE
from newsroom.caching.tracking import LISTINGS, track

# Carried by pages that show something of every story without reading their rows (the sitemap
# index's latest change, an aggregate): any story's change makes them stale.
EVERY_STORY = "stories"
# Carried by what lists the sections themselves (the default menus): any section's change.
EVERY_SECTION = "sections"
# Carried by lists of every byline (the API's): a byline created or removed changes them.
EVERY_AUTHOR = "authors"
# What lists showed of a story before a save, read from the database just before it.
_listed_before = weakref.WeakKeyDictionary()
UNKNOWN = object()


def listed(status, published_at, section_id):
    """What a story adds to listings: in them or not, where, and in what order."""
    if status != Article.Status.PUBLISHED or published_at is None:
        return None
    return (published_at, section_id)


def remember_listing(sender, instance, raw=False, **kwargs):
    """pre_save: what the story was in lists, to tell whether the save changes them."""
    if instance.pk is None or raw:
        return
    row = (
        Article.objects.filter(pk=instance.pk)
        .values_list("status", "published_at", "section_id")
        .first()
    )
    _listed_before[instance] = None if row is None else listed(*row)


def story_changes(article, created=False):
    # A story saved may have been scheduled, rescheduled or unscheduled.
    tags = [f"story-{article.pk}", EVERY_STORY, RESCHEDULE]
    now = listed(article.status, article.published_at, article.section_id)
    before = None if created else _listed_before.pop(article, UNKNOWN)
    if before is UNKNOWN or before != now:
        tags.append(LISTINGS)
    return tags


def section_changes(section, created=False):
    # Every page shows the navigation.
    return [f"section-{section.pk}", LISTINGS, EVERY_SECTION]


def stories_showing(tag, stories):
    """A row's own tag and those of the stories showing it: a piece of a story may have been
    built from the row read before the piece, so the story's own tag must go too."""
    return [tag, *(f"story-{pk}" for pk in stories.values_list("pk", flat=True))]


def author_changes(author, created=False):
    return [
        *stories_showing(f"author-{author.pk}", Article.objects.filter(authors=author)),
        EVERY_AUTHOR,
    ]


def picture_changes(image, created=False):
    return stories_showing(
        f"image-{image.pk}",
        Article.objects.filter(Q(featured_image=image) | Q(live_updates__image=image)).distinct(),
    )


def embed_changes(embed, created=False):
    """A link's embed fetched or refreshed: the stories with the link alone on its line (a
    story saved before its link was embedded shows the plain link, and must change too)."""
    return stories_showing(f"embed-{embed.pk}", stories_with(embed.url, Article.objects.all()))


def topic_rename_changes(topic, created=False):
    return stories_showing(f"topic-{topic.pk}", Article.objects.filter(tags=topic))


def byline_changes(link, created=False):
    return [f"story-{link.article_id}", f"author-{link.author_id}", LISTINGS]


def topic_changes(item, created=False):
    return [f"story-{item.object_id}", f"topic-{item.tag_id}", LISTINGS]


def part_of_story(row, created=False):
    return [f"story-{row.article_id}"]


def register():
    """Called once, by ArticlesConfig.ready()."""
    from django.db.models.signals import pre_save

    track(Article, "story", story_changes)
    track(Section, "section", section_changes)
    track(Author, "author", author_changes)
    track(Image, "image", picture_changes)
    track(Embed, "embed", embed_changes)
    track(Tag, "topic", topic_rename_changes)
    track(TaggedItem, changes=topic_changes)
    track(ArticleAuthor, changes=byline_changes)
    for model in (RelatedArticle, Correction, LiveUpdate):
        track(model, changes=part_of_story)
    pre_save.connect(remember_listing, sender=Article, dispatch_uid="articles.listed_before")
