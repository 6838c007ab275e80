"""The benchmark's content: the demo outlet grown to 200 stories, one story with 40 comments.

Built with the project's own demo (pictures, bylines, related stories), so pages weigh what
real pages weigh. Generated stories copy the demo's texts under new headlines and addresses.
"""

import datetime

from django.contrib.contenttypes.models import ContentType
from django.db import connection, transaction
from django.utils import timezone
from taggit.models import TaggedItem

from articles.models import Article, ArticleAuthor
from comments.models import Comment
from newsroom.demo import loading

SEED_COMMENTS = 40
# Of the seed comments, every fourth is a reply to the one before: a thread, not a list.
REPLY_EVERY = 4
COMMENT_TEXT = (
    "I drove across the old bridge every morning for eleven years and never once thought "
    "about who paid for it. This piece made me think. {n}\n\n"
    "The council should publish the full report, not just the summary: "
    "https://example.com/report-{n}"
)


def seed_article():
    """The story the article benchmarks read: the newest demo story."""
    return Article.objects.published().filter(slug__in=demo_slugs()).newest_first().first()


def demo_slugs():
    from newsroom.demo.content import STORIES

    return [story["slug"] for story in STORIES]


def commenter(n):
    return f"Reader {n}", f"reader{n}@example.com"


@transaction.atomic
def build(stories=200):
    """Make the content if it is not there yet; return the seed article.

    The seed article keeps exactly its seed comments: the comments earlier runs posted to it
    are removed, so every run reads the same page.
    """
    loading.load()
    grow_to(stories)
    article = seed_article()
    article.comments.exclude(fingerprint__in=seed_fingerprints()).delete()
    if not article.comments.exists():
        add_seed_comments(article)
    return article


def seed_fingerprints(count=SEED_COMMENTS):
    return [
        Comment.make_fingerprint(commenter(n)[1], COMMENT_TEXT.format(n=n)) for n in range(count)
    ]


def grow_to(target):
    have = Article.objects.published().count()
    templates = list(
        Article.objects.published()
        .filter(slug__in=demo_slugs())
        .prefetch_related("tags", "articleauthor_set")
    )
    if have >= target or not templates:
        return
    now = timezone.now()
    new = []
    for n in range(have, target):
        source = templates[n % len(templates)]
        new.append(
            Article(
                headline=f"{source.headline} ({n})",
                slug=f"bench-{n}-{source.slug}"[:120],
                dek=source.dek,
                section_id=source.section_id,
                dateline=source.dateline,
                body=source.body,
                status=Article.Status.PUBLISHED,
                published_at=now - datetime.timedelta(days=2 + n % 300, minutes=n),
                featured_image_id=source.featured_image_id,
                featured_image_caption=source.featured_image_caption,
            )
        )
    created = Article.objects.bulk_create(new)
    by_headline = {article.headline: article for article in templates}
    article_type = ContentType.objects.get_for_model(Article)
    bylines, tagged = [], []
    for article in created:
        source = by_headline[article.headline.rsplit(" (", 1)[0]]
        bylines += [
            ArticleAuthor(article=article, author_id=link.author_id, position=link.position)
            for link in source.articleauthor_set.all()
        ]
        tagged += [
            TaggedItem(content_type=article_type, object_id=article.pk, tag=tag)
            for tag in source.tags.all()
        ]
    ArticleAuthor.objects.bulk_create(bylines)
    TaggedItem.objects.bulk_create(tagged)


def add_seed_comments(article, count=SEED_COMMENTS):
    start = (article.published_at or timezone.now()) + datetime.timedelta(minutes=5)
    previous = None
    for n in range(count):
        name, email = commenter(n)
        text = COMMENT_TEXT.format(n=n)
        parent = previous if n % REPLY_EVERY == REPLY_EVERY - 1 else None
        previous = Comment.objects.create(
            article=article,
            parent=parent,
            depth=parent.depth + 1 if parent else 1,
            author_name=name,
            author_email=email,
            text=text,
            status=Comment.Status.APPROVED,
            submitted_at=start + datetime.timedelta(minutes=3 * n),
            fingerprint=Comment.make_fingerprint(email, text),
        )


SCALE_COMMENTS_SQL = """
INSERT INTO comments_comment (
    article_id, depth, author_name, author_email, author_url, text, status, submitted_at,
    user_agent, moderation_reasons, fingerprint, wp_site
)
SELECT a.id, 1, 'Reader ' || g, 'reader' || g || '@example.net', '',
       'A reader''s view, number ' || g || '. The council should publish the full report.',
       CASE WHEN g %% 10 = 0 THEN 'pending' ELSE 'approved' END,
       LEAST(a.published_at + (g %% 1000) * interval '1 minute', now() - interval '1 hour'),
       '', '', '', ''
FROM generate_series(%(first)s, %(last)s) AS g
JOIN LATERAL (
    SELECT id, published_at FROM articles_article
    WHERE status = 'published' AND id >= 1 + (g::bigint * 7919) %% %(max_id)s
          AND id <> %(seed)s
    ORDER BY id LIMIT 1
) AS a ON true
"""


def add_scale_comments(target, seed, note):
    """Comments spread over the archive until there are `target` of them (10% pending), none
    on the seed article (its page is compared with the 200-story one)."""
    have = Comment.objects.count()
    if have >= target:
        note(f"{have:,} comments already there; reusing them.")
        return
    max_id = Article.objects.order_by("-pk").values_list("pk", flat=True).first()
    batch = 100_000
    with connection.cursor() as cursor:
        for first in range(have + 1, target + 1, batch):
            last = min(first + batch - 1, target)
            numbers = {"first": first, "last": last, "max_id": max_id, "seed": seed.pk}
            cursor.execute(SCALE_COMMENTS_SQL, numbers)
            note(f"  generated {last:,} comments")
        cursor.execute("VACUUM ANALYZE comments_comment")


# The bench's partner: a key anyone running the bench may know, with no practical limit.
API_KEY = "nr_bench-only-not-a-secret"


def api_key():
    """The bench's API key, made if missing (the same row for every checkout it serves)."""
    from newsroom.api.models import KEY_PREFIX, SHOWN_CHARACTERS, ApiKey, digest

    ApiKey.objects.update_or_create(
        key_digest=digest(API_KEY),
        defaults={
            "name": "Benchmark",
            "prefix": API_KEY[: len(KEY_PREFIX) + SHOWN_CHARACTERS],
            "rate_limit": 2_000_000_000,
            "revoked_at": None,
        },
    )
    return API_KEY
