"""Which published stories a reader page shows, each choice in a fixed number of queries."""

from django.contrib.contenttypes.models import ContentType
from django.db.models import Count, Exists, OuterRef, Q
from taggit.models import TaggedItem

from articles.models import Article, RelatedArticle, Section

CHECK_ALSO_LIMIT = 4
# How many of the newest stories on the same topics the fallback ranks.
CHECK_ALSO_POOL = 200


def check_also(article, limit=CHECK_ALSO_LIMIT):
    """The editor's related stories in their order; without any, stories chosen for the reader.

    The fallback ranks stories sharing the most of the article's topics first, then fills up
    with stories from its section; newer before older at each step. Only stories readers may
    see count: a related story that is a draft or scheduled is left out, and when none of the
    editor's choices is visible the fallback applies.
    """
    links = (
        RelatedArticle.objects.filter(
            article=article, related_article__in=Article.objects.published()
        )
        .select_related("related_article__section", "related_article__featured_image")
        .order_by("position", "pk")[:limit]
    )
    chosen = [link.related_article for link in links]
    if chosen:
        return chosen
    candidates = Article.objects.published().exclude(pk=article.pk)
    picked = on_the_same_topics(article, candidates, limit)
    # Asked even when the topics filled the box, so every story page costs the same queries.
    same_section = (
        candidates.filter(section_id=article.section_id)
        .exclude(pk__in=[story.pk for story in picked])
        .select_related("section", "featured_image")
        .order_by("-published_at", "-pk")[:limit]
    )
    return (picked + list(same_section))[:limit]


def on_the_same_topics(article, candidates, limit):
    """Up to limit of candidates sharing the article's topics, the most shared topics first."""
    tag_ids = [tag.pk for tag in article.tags.all()]
    if not tag_ids:
        return []
    shares_a_tag = Exists(
        TaggedItem.objects.filter(
            content_type=ContentType.objects.get_for_model(Article),
            object_id=OuterRef("pk"),
            tag_id__in=tag_ids,
        )
    )
    # Only the newest candidates are ranked: counting shared tags across the whole archive
    # would make every story page slower as the archive grows.
    recent = (
        candidates.filter(shares_a_tag)
        .order_by("-published_at", "-pk")
        .values("pk")[:CHECK_ALSO_POOL]
    )
    return list(
        Article.objects.filter(pk__in=recent)
        .annotate(shared_tags=Count("tags", filter=Q(tags__in=tag_ids)))
        .select_related("section", "featured_image")
        .order_by("-shared_tags", "-published_at", "-pk")[:limit]
    )


def section_fronts(per_section, exclude=()):
    """The newest stories of each navigation section, as [(section, [articles])] in nav order."""
    sections = list(Section.objects.in_navigation())
    if not sections:
        return []
    # One small newest-first slice per section, all in one query: ranking every story of the
    # archive (a window over the whole table) made the home page slower as the archive grew.
    newest = [
        Article.objects.published()
        .filter(section=section)
        .exclude(pk__in=list(exclude))
        .order_by("-published_at", "-pk")
        .values("pk")[:per_section]
        for section in sections
    ]
    chosen = newest[0].union(*newest[1:], all=True)
    stories = Article.objects.filter(pk__in=chosen).for_listing().newest_first()
    by_section = {}
    for story in stories:
        by_section.setdefault(story.section_id, []).append(story)
    return [(section, by_section[section.pk]) for section in sections if section.pk in by_section]


def latest(limit, exclude=None):
    """The newest published stories, for the sidebar."""
    stories = Article.objects.published().select_related("section", "featured_image")
    if exclude is not None:
        stories = stories.exclude(pk=exclude.pk)
    return list(stories.newest_first()[:limit])
