"""Which published stories a reader page shows, each choice in a fixed number of queries."""

from django.contrib.contenttypes.models import ContentType
from django.db.models import Count, Exists, F, OuterRef, Q, Subquery
from taggit.models import TaggedItem

from articles.models import Article, RelatedArticle, Section

CHECK_ALSO_LIMIT = 4
# How many of the newest stories on the same topics the fallback ranks.
CHECK_ALSO_POOL = 200


def check_also(article, limit=CHECK_ALSO_LIMIT):
    """The editor's related stories in their order; without any, the stories sharing the most
    of its topics, then stories of its section, newer before older at each step.

    Only stories readers may see count: a related story that is a draft or scheduled is left
    out, and when none of the editor's choices is visible the fallback applies. One query
    either way: the choices and the candidates come together, the choices first.
    """
    links = RelatedArticle.objects.filter(article=article)
    tag_ids = [tag.pk for tag in article.tags.all()]
    shares_a_tag = Exists(
        TaggedItem.objects.filter(
            content_type=ContentType.objects.get_for_model(Article),
            object_id=OuterRef("pk"),
            tag_id__in=tag_ids,
        )
    )
    # Only the newest stories on its topics are ranked: counting shared tags across the whole
    # archive would make every story page slower as it grows. The section only fills up after
    # them, newest first, so its `limit` newest are all it can contribute.
    published = Article.objects.published().exclude(pk=article.pk).order_by("-published_at", "-pk")
    on_topic = published.filter(shares_a_tag).values("pk")[:CHECK_ALSO_POOL]
    in_section = published.filter(section_id=article.section_id).values("pk")[:limit]
    position = links.filter(related_article=OuterRef("pk")).order_by("position", "pk")
    stories = list(
        Article.objects.published()
        .filter(
            Q(pk__in=on_topic) | Q(pk__in=in_section) | Q(pk__in=links.values("related_article_id"))
        )
        .annotate(
            position=Subquery(position.values("position")[:1]),
            # Topics rank only the pool's stories: an old one in the section stays behind.
            shared_tags=Count("tags", filter=Q(tags__in=tag_ids, pk__in=on_topic)),
        )
        .select_related("section", "featured_image")
        .order_by(F("position").asc(nulls_last=True), "-shared_tags", "-published_at", "-pk")[
            :limit
        ]
    )
    chosen = [story for story in stories if story.position is not None]
    return chosen or stories


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
