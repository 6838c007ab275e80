"""The demo outlet: sections, authors, stories, pictures, a live story and a correction; its
own pages, menus and standards (outlet).

Loading it twice changes nothing: whatever is there already is left as it is.
"""

import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.html import escape

from articles.models import (
    Article,
    ArticleAuthor,
    Author,
    Correction,
    LiveUpdate,
    RelatedArticle,
    Section,
)
from articles.models.corrections import move_updated_time
from newsroom.demo import outlet
from newsroom.demo.content import AUTHORS, CORRECTIONS, LIVE_UPDATES, SECTIONS, STORIES
from newsroom.demo.pictures import portrait, save_picture, story_picture


@transaction.atomic
def load():
    """Create what is missing; return the sections, the authors and how many stories are new."""
    sections = load_sections()
    authors = load_authors()
    created = load_stories(sections, authors)
    load_live_updates()
    load_corrections()
    outlet.load()
    return sections, authors, created


def load_sections():
    sections = {}
    for position, (name, slug, description) in enumerate(SECTIONS):
        sections[slug], _ = Section.objects.get_or_create(
            slug=slug,
            defaults={"name": name, "description": description, "position": position},
        )
    return sections


def load_authors():
    authors = {}
    for details in AUTHORS:
        fields = {k: v for k, v in details.items() if k not in ("slug", "photo")}
        author, created = Author.objects.get_or_create(slug=details["slug"], defaults=fields)
        if created and details.get("photo"):
            author.photo = save_picture(
                portrait(details["slug"]),
                f"demo-{details['slug']}.jpg",
                alt_text=f"Portrait of {author.name}",
                credit="Sam Whitaker / The Daily Ledger",
            )
            author.save(update_fields=["photo"])
        authors[author.slug] = author
    return authors


def load_stories(sections, authors):
    now = timezone.now().replace(second=0, microsecond=0)
    created_count = 0
    for story in STORIES:
        if Article.objects.filter(slug=story["slug"]).exists():
            continue
        created_count += 1
        create_story(story, sections, authors, now)
    link_related()
    return created_count


def create_story(story, sections, authors, now):
    status = story.get("status", Article.Status.PUBLISHED)
    if "scheduled" in story:
        published_at = local_time(now, *story["scheduled"])
    elif status in (Article.Status.PUBLISHED, Article.Status.UNPUBLISHED):
        published_at = now - datetime.timedelta(hours=story["hours"])
    else:
        published_at = None
    planned_for = None
    if "planned_days" in story:
        planned_for = timezone.localdate(now) + datetime.timedelta(days=story["planned_days"])
    when = published_at or now
    article = Article(
        headline=story["headline"],
        slug=story["slug"],
        dek=story["dek"],
        section=sections[story["section"]],
        dateline=f"{story['place']}, {when:%b %Y}",
        body=story_body(story),
        status=status,
        published_at=published_at,
        planned_for=planned_for,
        featured_image=story_picture(story["slug"]),
    )
    if story.get("live"):
        article.live_coverage_start = published_at
    if story.get("revised") and published_at:
        article.revised_at = published_at + datetime.timedelta(minutes=95)
    article.save()
    article.tags.add(*story["tags"])
    for position, slug in enumerate(story["authors"]):
        ArticleAuthor.objects.create(article=article, author=authors[slug], position=position)


def local_time(now, days, hour, minute):
    """That time of day, so many days from today, where the newsroom is."""
    day = timezone.localdate(now) + datetime.timedelta(days=days)
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour, minute)))


def link_related():
    articles = dict(Article.objects.values_list("slug", "pk"))
    for story in STORIES:
        for position, slug in enumerate(story.get("related", [])):
            RelatedArticle.objects.get_or_create(
                article_id=articles[story["slug"]],
                related_article_id=articles[slug],
                defaults={"position": position},
            )


def load_live_updates():
    for slug, updates in LIVE_UPDATES.items():
        article = Article.objects.get(slug=slug)
        if article.live_updates.exists():
            continue
        LiveUpdate.objects.bulk_create(
            LiveUpdate(
                article=article,
                text=text,
                is_key_event=key_event,
                is_pinned=pinned,
                posted_at=article.live_coverage_start + datetime.timedelta(minutes=minutes),
            )
            for minutes, text, key_event, pinned in updates
        )


def load_corrections():
    for slug, minutes, placement, text in CORRECTIONS:
        article = Article.objects.get(slug=slug)
        if article.corrections.exists():
            continue
        correction = Correction.objects.create(
            article=article,
            text=text,
            placement=placement,
            status=Correction.Status.PUBLISHED,
            published_at=article.published_at + datetime.timedelta(minutes=minutes),
        )
        move_updated_time(correction)


def story_body(story):
    """The story's text as HTML; empty for a planned story, which has none yet."""
    if "lead" not in story:
        return ""
    paragraphs = [f"<p>{escape(text)}</p>" for text in story["lead"]]
    paragraphs.append(f"<h2>{escape(story['subheading'])}</h2>")
    paragraphs += [f"<p>{escape(text)}</p>" for text in story["more"]]
    return "\n".join(paragraphs)
