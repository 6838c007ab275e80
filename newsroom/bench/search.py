"""`manage.py bench_search` (and `bench --search`): search timings over 100,000 stories.

The stories live in their own database (the project database's name + "_bench", on the same
server), never in the developer's data. It is built once and reused by later runs; --rebuild
starts it afresh. Figures are printed; nothing is asserted.
"""

import random
import statistics
import time

import psycopg
from django.conf import settings
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from django.test import Client, override_settings

from articles.models import Article, Author, Section
from articles.search import search_articles
from newsroom.bench.load import percentile

STORIES = 100_000
# Timed runs of each query, after one warm-up.
RUNS = 30

# Words are drawn with Zipf's law (the k-th word about 1/k as often as the first), as in real
# text. "said" is among the commonest; the other news words sit where topic words sit in a
# real archive's vocabulary (ranks 300 to 3,000), so each occurs in a few percent of stories.
NEWS_TEXT = """
year city people government new council police school state local week report
public plan health police minister budget election court water market price work home
community service hospital team season club workers family business housing road
trade energy climate change mayor fire transport strike vote party union farmers
university research students teachers tax tariffs flood warning rain storm river bridge
railway airport museum festival music theatre library park police officers judge trial
prison crime murder investigation charity volunteers church election campaign debate
minister parliament president summit talks agreement exports imports factory jobs
unemployment inflation interest rates bank mortgage rent landlord tenants planning
development construction homes schools pupils exams nurses doctors patients ambulance
emergency cancer vaccine virus pandemic winter summer spring autumn football rugby
cricket tennis golf athletics marathon olympics league cup final championship coach
player goal match score victory defeat referee stadium fans tickets concert album film
director actor award prize novel author poetry gallery exhibition heritage history
"""
SYLLABLES = [consonant + vowel for consonant in "bklmnrstv" for vowel in "aeiou"]

# One word found in almost every story: the worst case, reported on its own line.
COMMON_QUERY = "said"
QUERIES = [
    "council budget",
    "election",
    '"climate change"',
    "school -football",
    "police or fire",
    "hospital strike",
    "trade tariffs",
    "mayor",
    "flood warning",
    "university research students",
]

GENERATE_SQL = """
WITH vocab AS (SELECT %(words)s::text[] AS v, cardinality(%(words)s::text[]) AS n)
INSERT INTO articles_article (
    headline, slug, dek, section_id, dateline, body, excerpt, featured_image_caption,
    status, published_at, created_at, updated_at, comments_open, seo_title, seo_description,
    wp_guid, wp_import_state, wp_site
)
SELECT
    initcap(t.headline), 'bench-' || g, t.dek, (%(sections)s::bigint[])[1 + g %% %(nsections)s],
    '', t.body, '', '',
    CASE WHEN g %% 40 = 0 THEN 'draft' ELSE 'published' END,
    now() - random() * interval '1825 days', now(), now(), true, '', '', '', '{}'::jsonb, ''
FROM vocab, generate_series(%(first)s, %(last)s) AS g
CROSS JOIN LATERAL (
    SELECT
        (SELECT string_agg(v[i * 0 + floor(power(n, random()))::int], ' ')
         FROM generate_series(1, 8 + g * 0) AS i) AS headline,
        (SELECT string_agg(v[i * 0 + floor(power(n, random()))::int], ' ')
         FROM generate_series(1, 22 + g * 0) AS i) AS dek,
        (SELECT string_agg(
            '<p>' || (SELECT string_agg(v[i * 0 + floor(power(n, random()))::int], ' ')
                      FROM generate_series(1, 60 + p * 0) AS i) || '.</p>', '')
         FROM generate_series(1, 5 + g * 0) AS p) AS body
) AS t
"""

BYLINES_SQL = """
INSERT INTO articles_articleauthor (article_id, author_id, position)
SELECT a.id, (%(authors)s::bigint[])[1 + a.id %% %(nauthors)s], 0
FROM articles_article a
WHERE NOT EXISTS (SELECT 1 FROM articles_articleauthor b WHERE b.article_id = a.id)
"""


def vocabulary(size=20_000, seed=6):
    """Invented words in Zipf rank order, with the news words placed among them."""
    generator = random.Random(seed)
    news = list(dict.fromkeys(NEWS_TEXT.split()))
    words, seen = [], set(news) | {COMMON_QUERY}
    while len(words) < size:
        word = "".join(generator.choice(SYLLABLES) for _ in range(generator.randint(2, 4)))
        if word not in seen:
            seen.add(word)
            words.append(word)
    words.insert(9, COMMON_QUERY)
    step = 2700 // len(news)
    for position, word in enumerate(news):
        words.insert(300 + position * step, word)
    return words[:size]


class QueryCounter:
    """Counts the SQL statements of one request (connection.queries is reset per request)."""

    def __init__(self):
        self.count = 0

    def __call__(self, execute, sql, params, many, context):
        self.count += 1
        return execute(sql, params, many, context)


def run(write, stories=STORIES, runs=RUNS, rebuild=False):
    """Build (or reuse) the archive in its own database, then time the searches."""
    use_database(f"{settings.DATABASES['default']['NAME']}_bench", rebuild, write)
    call_command("migrate", verbosity=0, interactive=False)
    populate(stories, write)
    time_searches(runs, write)


def use_database(name, rebuild, write):
    """Point the default connection at the bench database, creating it if needed."""
    db = settings.DATABASES["default"]
    params = {"host": db["HOST"], "port": db["PORT"], "user": db["USER"], "dbname": "postgres"}
    if db.get("PASSWORD"):
        params["password"] = db["PASSWORD"]
    try:
        with psycopg.connect(**params, autocommit=True) as admin:
            if rebuild:
                admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            exists = admin.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name])
            if not exists.fetchone():
                admin.execute(f'CREATE DATABASE "{name}"')
                write(f"Created database {name}.")
    except psycopg.Error as exc:
        raise CommandError(
            f"Could not prepare the bench database {name} (the database user needs the "
            f"right to create databases): {exc}"
        ) from exc
    connection.close()
    settings.DATABASES["default"]["NAME"] = name
    connection.settings_dict["NAME"] = name
    write(f"Bench database: {name}")


def populate(target, write):
    have = Article.objects.count()
    if have >= target:
        write(f"{have:,} stories already there; reusing them.")
        return
    sections = [
        Section.objects.get_or_create(slug=slug, defaults={"name": slug.title()})[0].pk
        for slug in ("news", "politics", "business", "world", "sport", "culture", "science")
    ]
    authors = [
        Author.objects.get_or_create(slug=f"bench-{i}", defaults={"name": f"Reporter {i}"})[0].pk
        for i in range(40)
    ]
    words = vocabulary()
    batch = 10_000
    started = time.perf_counter()
    with connection.cursor() as cursor:
        for first in range(have + 1, target + 1, batch):
            last = min(first + batch - 1, target)
            cursor.execute(
                GENERATE_SQL,
                {
                    "words": words,
                    "sections": sections,
                    "nsections": len(sections),
                    "first": first,
                    "last": last,
                },
            )
            write(f"  generated {last:,} stories ({time.perf_counter() - started:.0f} s)")
        cursor.execute(BYLINES_SQL, {"authors": authors, "nauthors": len(authors)})
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE articles_article")
        cursor.execute("VACUUM ANALYZE articles_articleauthor")
    write(f"Built {target:,} stories in {time.perf_counter() - started:.0f} s.")


def time_searches(runs, write):
    """Print each query's timings; return the median of the typical queries, in ms."""
    # One client searching hundreds of times a minute: the per-reader limit would refuse it.
    with override_settings(NEWSROOM_RATE_LIMIT_SEARCH="0"):
        return _time_searches_unlimited(runs, write)


def _time_searches_unlimited(runs, write):
    client = Client()
    published = Article.objects.published().count()
    write(
        f"\nSearch over {published:,} published stories "
        f"({Article.objects.count():,} in all); {runs} timed runs per query after one "
        "warm-up; each run is a full GET /search/?q=... through Django's test client "
        "(query parsing, count, ranked page of 20 with highlights and bylines, "
        "template rendering).\n"
    )
    write(f"{'query':34} {'matches':>8} {'queries':>8} {'median ms':>10} {'p95 ms':>8}")
    every = []
    for query in [*QUERIES, COMMON_QUERY]:
        if query == COMMON_QUERY:
            write("worst case, a word in nearly every story (not in the totals):")
        counter = QueryCounter()
        with connection.execute_wrapper(counter):
            client.get("/search/", {"q": query})
        timings = []
        for _ in range(runs):
            started = time.perf_counter()
            response = client.get("/search/", {"q": query})
            timings.append((time.perf_counter() - started) * 1000)
        if response.status_code != 200:
            raise CommandError(f"/search/?q={query} answered {response.status_code}")
        matches = search_articles(query).count()
        if query != COMMON_QUERY:
            every.extend(timings)
        write(
            f"{query:34} {matches:>8,} {counter.count:>8} {statistics.median(timings):>10.1f} "
            f"{percentile(timings, 0.95):>8.1f}"
        )
    write(
        f"\nTypical queries: median {statistics.median(every):.1f} ms, "
        f"p95 {percentile(every, 0.95):.1f} ms, max {max(every):.1f} ms "
        f"over {len(every)} requests."
    )
    return statistics.median(every)
