"""Which published stories a reader page shows, each choice in a fixed number of queries."""

from django.contrib.contenttypes.models import ContentType
from django.db.models import Count, Exists, F, OuterRef, Q, Window
from django.db.models.functions import RowNumber
from taggit.models import TaggedItem

from articles.models import Article, RelatedArticle

CHECK_ALSO_LIMIT = 4
# How many of the newest stories on the same topics or in the same section the fallback ranks.
CHECK_ALSO_POOL = 200


def check_also(article, limit=CHECK_ALSO_LIMIT):
    """The editor's related stories in their order; without any, recent stories on its topics.

    Only stories readers may see count: a related story that is a draft or scheduled is left
    out, and when none of the editor's choices is visible the fallback applies.
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
    tag_ids = [tag.pk for tag in article.tags.all()]
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
        Article.objects.published()
        .exclude(pk=article.pk)
        .filter(shares_a_tag | Q(section_id=article.section_id))
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
    ranked = (
        Article.objects.published()
        .filter(section__show_in_navigation=True)
        .exclude(pk__in=list(exclude))
        .annotate(
            rank=Window(
                RowNumber(),
                partition_by=F("section_id"),
                order_by=[F("published_at").desc(), F("pk").desc()],
            )
        )
        .filter(rank__lte=per_section)
        .for_listing()
        .order_by("section__position", "section__name", "rank")
    )
    fronts = {}
    for article in ranked:
        fronts.setdefault(article.section, []).append(article)
    return list(fronts.items())


def latest(limit, exclude=None):
    """The newest published stories, for the sidebar."""
    stories = Article.objects.published().select_related("section", "featured_image")
    if exclude is not None:
        stories = stories.exclude(pk=exclude.pk)
    return list(stories.newest_first()[:limit])
