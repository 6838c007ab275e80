"""Which published stories a reader page shows, each choice in a fixed number of queries.

The home page's and Check Also's choices take large queries to work out. What they chose
(story ids) is kept (newsroom.caching.pieces) until a story they read or the listings change;
the stories themselves are always read fresh, by id, through published(), so a kept choice
never shows a story readers may not see, nor an old headline or comment count.
"""

from django.contrib.contenttypes.models import ContentType
from django.db.models import Case, Count, Exists, F, OuterRef, Subquery, Value, When
from django.db.models.functions import Coalesce
from taggit.models import TaggedItem

from articles.models import Article, RelatedArticle, Section
from newsroom.caching.pieces import kept

CHECK_ALSO_LIMIT = 4
# How many of the newest stories on the same topics the fallback ranks.
CHECK_ALSO_POOL = 200


def kept_choice(name, parts, choose, keep=True):
    """What choose() returns (story ids), kept until a story changes (newsroom.caching).

    keep=False chooses afresh and keeps nothing: for a story as its unsaved form holds it,
    whose choice readers must never be given.
    """
    return kept(name, parts, choose) if keep else choose()


def in_order(ids, stories):
    by_id = {story.pk: story for story in stories}
    return [by_id[pk] for pk in ids if pk in by_id]


def check_also(article, limit=CHECK_ALSO_LIMIT, keep=True):
    ids = kept_choice(
        "check-also",
        [article, limit],
        lambda: [story.pk for story in choose_check_also(article, limit)],
        keep=keep,
    )
    stories = Article.objects.published().filter(pk__in=ids)
    return in_order(ids, stories.select_related("section", "featured_image"))


def choose_check_also(article, limit):
    """The editor's related stories in their order; without any, the stories sharing the most
    of its topics, then stories of its section, newer before older at each step.

    Only stories readers may see count: a related story that is a draft or scheduled is left
    out, and when none of the editor's choices is visible the fallback applies. One query
    either way: the choices and the candidates come together, the choices first.
    """
    links = RelatedArticle.objects.filter(article=article)
    tag_ids = [tag.pk for tag in article.tags.all()]
    tagged = TaggedItem.objects.filter(
        content_type=ContentType.objects.get_for_model(Article), tag_id__in=tag_ids
    )
    # Only the newest stories on its topics are ranked: counting shared tags across the whole
    # archive would make every story page slower as it grows. The section only fills up after
    # them, newest first, so its `limit` newest are all it can contribute.
    published = Article.objects.published().exclude(pk=article.pk).order_by("-published_at", "-pk")
    on_topic = published.filter(Exists(tagged.filter(object_id=OuterRef("pk")))).values("pk")[
        :CHECK_ALSO_POOL
    ]
    in_section = published.filter(section_id=article.section_id).values("pk")[:limit]
    # The candidates are one small list, each part read newest first from an index: asking
    # "in the pool, or in the section, or related" of every row scanned the whole archive.
    candidates = on_topic.union(in_section, links.values("related_article_id"), all=True)
    position = links.filter(related_article=OuterRef("pk")).order_by("position", "pk")
    shares = (
        tagged.filter(object_id=OuterRef("pk"))
        .order_by()
        .values("object_id")
        .annotate(shared=Count("pk"))
        .values("shared")
    )
    stories = list(
        Article.objects.published()
        .filter(pk__in=candidates)
        .annotate(
            position=Subquery(position.values("position")[:1]),
            # Topics rank only the pool's stories: an old one in the section stays behind.
            shared_tags=Case(
                When(pk__in=on_topic, then=Coalesce(Subquery(shares), 0)),
                default=Value(0),
            ),
        )
        .only("pk")
        .order_by(F("position").asc(nulls_last=True), "-shared_tags", "-published_at", "-pk")[
            :limit
        ]
    )
    chosen = [story for story in stories if story.position is not None]
    return chosen or stories


def home_stories(newest, per_section):
    """The home page's stories: ([the `newest` stories], [(section, [its newest stories])]).

    A section's stories are its `per_section` newest not among the first list, for each
    navigation section in its order.
    """
    top_ids, front_ids = kept_choice(
        "home", [newest, per_section], lambda: choose_home_stories(newest, per_section)
    )
    stories = in_order(
        [*top_ids, *front_ids],
        Article.objects.published().filter(pk__in=[*top_ids, *front_ids]).for_listing(),
    )
    top, fronts = stories[: len(top_ids)], {}
    for story in stories[len(top_ids) :]:
        fronts.setdefault(story.section_id, (story.section, []))[1].append(story)
    return top, list(fronts.values())


def choose_home_stories(newest, per_section):
    """(ids of the newest stories, ids of each navigation section's newest others, in order)."""
    top = list(Article.objects.published().newest_first().values_list("pk", flat=True)[:newest])
    sections = list(Section.objects.in_navigation().values_list("pk", flat=True))
    if not sections:
        return top, []
    # One small newest-first slice per section, all in one query: ranking every story of the
    # archive (a window over the whole table) made the home page slower as the archive grew.
    newest_of = [
        Article.objects.published()
        .filter(section=section)
        .exclude(pk__in=top)
        .order_by("-published_at", "-pk")
        .values("pk")[:per_section]
        for section in sections
    ]
    chosen = newest_of[0].union(*newest_of[1:], all=True)
    rows = Article.objects.filter(pk__in=chosen).newest_first().values_list("pk", "section_id")
    by_section = {}
    for pk, section_id in rows:
        by_section.setdefault(section_id, []).append(pk)
    return top, [pk for section in sections for pk in by_section.get(section, [])]


def latest(limit, exclude=None):
    """The newest published stories, for the sidebar."""
    stories = Article.objects.published().select_related("section", "featured_image")
    if exclude is not None:
        stories = stories.exclude(pk=exclude.pk)
    return list(stories.newest_first()[:limit])
