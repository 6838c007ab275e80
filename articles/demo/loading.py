"""The demo outlet: sections, authors, stories and pictures. Loading it twice changes nothing."""

import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.html import escape

from articles.demo.content import AUTHORS, SECTIONS, STORIES
from articles.demo.pictures import picture_description, portrait, save_picture, scene
from articles.models import Article, ArticleAuthor, Author, RelatedArticle, Section

CREDITS = ["Ledger staff", "Maren Holt / The Daily Ledger", "Ledger picture desk"]


@transaction.atomic
def load():
    """Create what is missing; return the sections, the authors and how many stories are new."""
    sections = load_sections()
    authors = load_authors()
    return sections, authors, load_stories(sections, authors)


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
                credit="Ledger staff",
            )
            author.save(update_fields=["photo"])
        authors[author.slug] = author
    return authors


def load_stories(sections, authors):
    now = timezone.now().replace(second=0, microsecond=0)
    created_count = 0
    for index, story in enumerate(STORIES):
        if Article.objects.filter(slug=story["slug"]).exists():
            continue
        created_count += 1
        create_story(index, story, sections, authors, now)
    link_related()
    return created_count


def create_story(index, story, sections, authors, now):
    status = story.get("status", Article.Status.PUBLISHED)
    if "scheduled_hours" in story:
        published_at = now + datetime.timedelta(hours=story["scheduled_hours"])
    elif status in (Article.Status.PUBLISHED, Article.Status.UNPUBLISHED):
        published_at = now - datetime.timedelta(hours=story["hours"])
    else:
        published_at = None
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
        featured_image=save_picture(
            scene(story["section"], story["slug"]),
            f"demo-{story['slug']}.jpg",
            alt_text=picture_description(story["section"]),
            caption=f"{story['place']}: {story['dek'].rstrip('.')}.",
            credit=CREDITS[index % len(CREDITS)],
        ),
    )
    if story.get("revised") and published_at:
        article.revised_at = published_at + datetime.timedelta(minutes=95)
    article.save()
    article.tags.add(*story["tags"])
    for position, slug in enumerate(story["authors"]):
        ArticleAuthor.objects.create(article=article, author=authors[slug], position=position)


def link_related():
    articles = dict(Article.objects.values_list("slug", "pk"))
    for story in STORIES:
        for position, slug in enumerate(story.get("related", [])):
            RelatedArticle.objects.get_or_create(
                article_id=articles[story["slug"]],
                related_article_id=articles[slug],
                defaults={"position": position},
            )


def story_body(story):
    paragraphs = [f"<p>{escape(text)}</p>" for text in story["lead"]]
    paragraphs.append(f"<h2>{escape(story['subheading'])}</h2>")
    paragraphs += [f"<p>{escape(text)}</p>" for text in story["more"]]
    return "\n".join(paragraphs)
