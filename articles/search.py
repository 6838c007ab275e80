"""Full-text search over published stories, on PostgreSQL's text search.

Each article row carries a weighted `search_vector` (headline A, standfirst B, body and the
titles of the videos, posts and pages it embeds C), which
finds stories through its GIN index, and a small `headline_vector` (headline A, standfirst B),
which ranks them: ranking reads the vector of every match, and the small one keeps that fast
with tens of thousands of matches. A database trigger computes both, so every way of writing
a row keeps them current: the admin, `QuerySet.update()`, `bulk_create()`, raw SQL imports.
The text-search configuration (language rules: stemming, stop words) is the
NEWSROOM_SEARCH_CONFIG setting; `migrate` re-installs the trigger and re-indexes every article
when the setting changes.
"""

import datetime
import html
import re
from contextlib import contextmanager
from dataclasses import dataclass, field

from django import forms
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.contrib.postgres.search import SearchHeadline, SearchQuery, SearchRank, SearchVector
from django.db import DatabaseError, transaction
from django.db import connection as default_connection
from django.db.models import F, FloatField, Func, TextField, Value
from django.db.models.functions import Concat
from django.utils import timezone
from django.utils.html import escape
from django.utils.safestring import mark_safe
from taggit.models import Tag, TaggedItem

from articles.models import Article, ArticleAuthor, Author, Section

MAX_QUERY_LENGTH = 200
# How many matches a search counts and pages through at most (see Results).
MAX_COUNTED = 1000
# How fast a story's recency bonus fades: a story this many days old gets half of it.
RECENCY_HALF_LIFE_DAYS = 30
# Highlight markers that cannot occur in stored text (they are stripped from it first).
START_MARK, STOP_MARK = "\x02", "\x03"

TRIGGER = "articles_article_search_vector"
_CONFIG_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)?$")
_CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")


def search_config():
    return settings.NEWSROOM_SEARCH_CONFIG


def installed_search_config(connection=default_connection):
    """The configuration the trigger currently indexes with, or None when it is missing."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT tgargs FROM pg_trigger WHERE tgname = %s AND NOT tgisinternal", [TRIGGER]
        )
        row = cursor.fetchone()
    if row is None:
        return None
    return bytes(row[0]).split(b"\x00")[0].decode()


def install_search_trigger(connection=default_connection, config=None, reindex=False):
    """(Re)create the trigger that fills the vectors; re-index if asked or the language changed."""
    config = config or search_config()
    if not _CONFIG_NAME.match(config):
        raise ValueError(f"NEWSROOM_SEARCH_CONFIG {config!r} is not a configuration name.")
    previous = installed_search_config(connection)
    with connection.cursor() as cursor:
        # Fails with a clear "text search configuration ... does not exist" for a typo.
        cursor.execute("SELECT %s::regconfig", [config])
        cursor.execute(
            f"""
            CREATE OR REPLACE FUNCTION {TRIGGER}() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
              NEW.headline_vector :=
                setweight(to_tsvector(TG_ARGV[0]::regconfig, coalesce(NEW.headline, '')), 'A')
                || setweight(to_tsvector(TG_ARGV[0]::regconfig, coalesce(NEW.dek, '')), 'B');
              NEW.search_vector := NEW.headline_vector
                || setweight(to_tsvector(TG_ARGV[0]::regconfig, coalesce(NEW.body, '')), 'C');
              -- The titles of what the story embeds (articles.embeds); the table comes with
              -- a later migration than this trigger's first.
              IF to_regclass('articles_embed') IS NOT NULL THEN
                NEW.search_vector := NEW.search_vector || setweight(to_tsvector(
                  TG_ARGV[0]::regconfig,
                  coalesce((SELECT string_agg(embed.title, ' ') FROM articles_embed AS embed
                            WHERE strpos(NEW.body, replace(embed.url, '&', '&amp;')) > 0), '')
                ), 'C');
              END IF;
              RETURN NEW;
            END
            $$
            """
        )
        cursor.execute(f"DROP TRIGGER IF EXISTS {TRIGGER} ON articles_article")
        # search_vector is in the column list because Django's save() writes every column,
        # the stale vector included: the trigger then recomputes it instead of keeping it.
        cursor.execute(
            f"CREATE TRIGGER {TRIGGER} BEFORE INSERT OR UPDATE OF headline, dek, body, "
            f"search_vector ON articles_article FOR EACH ROW EXECUTE FUNCTION {TRIGGER}('{config}')"
        )
        if reindex or previous != config:
            # Writing the column fires the trigger, which recomputes every row's vector.
            cursor.execute("UPDATE articles_article SET search_vector = NULL")


def remove_search_trigger(connection=default_connection):
    with connection.cursor() as cursor:
        cursor.execute(f"DROP TRIGGER IF EXISTS {TRIGGER} ON articles_article")
        cursor.execute(f"DROP FUNCTION IF EXISTS {TRIGGER}()")


def clean_query(text):
    """The words to search for, and whether the text had to be shortened.

    Control characters (a NUL byte would make PostgreSQL refuse the query) and runs of spaces
    go; anything longer than MAX_QUERY_LENGTH is cut at a word boundary.
    """
    text = " ".join(_CONTROL_CHARACTERS.sub(" ", text or "").split())
    if len(text) <= MAX_QUERY_LENGTH:
        return text, False
    cut = text[:MAX_QUERY_LENGTH]
    if " " in cut:
        cut = cut.rsplit(" ", 1)[0]
    return cut, True


def has_searchable_words(text, connection=default_connection):
    """False when the language rules leave nothing to look for: only stop words or symbols,
    or only words to leave out ("-council"), which would list nearly every story there is."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT numnode(query), querytree(query) "
            "FROM websearch_to_tsquery(%s::regconfig, %s) AS query",
            [search_config(), text],
        )
        nodes, indexable = cursor.fetchone()
    # querytree() is "T" when some branch matches without any word present ("-council",
    # "fire or -council"): such a search cannot use the index and answers with everything.
    return nodes > 0 and indexable != "T"


class AgeInDays(Func):
    template = "GREATEST(EXTRACT(EPOCH FROM (NOW() - %(expressions)s))::float8 / 86400.0, 0)"
    output_field = FloatField()


class StripTags(Func):
    """Body text without its HTML tags or the highlight markers, for ts_headline."""

    template = (
        "translate(regexp_replace(%(expressions)s, '<[^>]*>', ' ', 'g'), chr(2) || chr(3), '')"
    )
    output_field = TextField()


@contextmanager
def through_the_index(connection=default_connection):
    """Run the search queries of the block on the GIN index, never on a scan of the table.

    For a word found in most stories the planner prefers reading the whole table, not knowing
    that testing each row's search vector means fetching it from out-of-line (TOAST) storage:
    at 100,000 stories that took ~0.4 s per query against ~0.04 s from the index, which answers
    the match without reading the vectors. SET LOCAL ends with the transaction; the setting is
    put back at the end of the block for whatever else runs in an outer transaction.
    """
    with transaction.atomic(using=connection.alias, savepoint=False):
        with connection.cursor() as cursor:
            cursor.execute("SET LOCAL enable_seqscan = off")
        yield
        with connection.cursor() as cursor:
            cursor.execute("SET LOCAL enable_seqscan TO DEFAULT")


def search_query(text):
    return SearchQuery(text, search_type="websearch", config=search_config())


def ranked(articles, text):
    """articles with their `score`, best first (see search_articles)."""
    query = search_query(text)
    recency = Value(0.5) + Value(0.5) / (
        Value(1.0) + AgeInDays("published_at") / Value(float(RECENCY_HALF_LIFE_DAYS))
    )
    return articles.annotate(score=SearchRank(F("headline_vector"), query) * recency).order_by(
        "-score", "-published_at", "-pk"
    )


def by_name(text):
    """The ids of stories whose byline or one of whose topics carries the words of text, e.g.
    "Rita Okafor" or "transport" (names are not in the stories' own search vector)."""
    names = SearchQuery(text, search_type="websearch", config="simple")
    authors = Author.objects.annotate(words=SearchVector("name", config="simple")).filter(
        words=names
    )
    topics = Tag.objects.annotate(words=SearchVector("name", config="simple")).filter(words=names)
    bylines = ArticleAuthor.objects.filter(author__in=authors).values("article_id")
    tagged = TaggedItem.objects.filter(
        tag__in=topics, content_type=ContentType.objects.get_for_model(Article)
    ).values("object_id")
    return bylines.union(tagged)


def search_articles(text, section=None, start=None, end=None):
    """Published stories matching text (web-search syntax), best first; also those whose
    byline or topic matches it (by_name), after the stories whose words do.

    Relevance is how well the headline and standfirst match (a headline match always outranks
    a body-only match, and body-only matches rank equal); recency multiplies it by a factor
    between 0.5 and 1, so among equally relevant stories the newer one comes first. start and
    end are dates in the newsroom's time zone, both included.
    """
    # Two index lookups joined by UNION: an OR across the joins made the planner read every
    # story (and, kept on the index by through_the_index, took seven times as long).
    words = Article.objects.filter(search_vector=search_query(text)).values("pk")
    matching = Article.objects.published().filter(pk__in=words.union(by_name(text)))
    articles = ranked(matching, text)
    if section is not None:
        articles = articles.filter(section=section)
    zone = timezone.get_current_timezone()
    if start:
        articles = articles.filter(
            published_at__gte=datetime.datetime.combine(start, datetime.time(), zone)
        )
    if end:
        articles = articles.filter(
            published_at__lt=datetime.datetime.combine(
                end + datetime.timedelta(days=1), datetime.time(), zone
            )
        )
    return articles


def with_highlights(articles, text):
    """Add headline_marked and snippet_marked: the text with matched words between markers."""
    config = search_config()
    query = search_query(text)
    marks = {"start_sel": START_MARK, "stop_sel": STOP_MARK}
    return articles.defer("body", "search_vector", "headline_vector").annotate(
        headline_marked=SearchHeadline(
            Func(F("headline"), template="translate(%(expressions)s, chr(2) || chr(3), '')"),
            query,
            config=config,
            highlight_all=True,
            **marks,
        ),
        snippet_marked=SearchHeadline(
            Concat(F("dek"), Value(" "), StripTags(F("body")), output_field=TextField()),
            query,
            config=config,
            max_words=35,
            min_words=15,
            max_fragments=2,
            fragment_delimiter=" … ",
            **marks,
        ),
    )


# The words readers' searches are checked against: those of published headlines, standfirsts,
# bylines and topics, as PostgreSQL's "simple" configuration splits them (lower case, no stems).
VOCABULARY = """
SELECT word FROM ts_stat($$
    SELECT to_tsvector('simple', headline || ' ' || dek) FROM articles_article
    WHERE status = 'published' AND published_at <= now()
    UNION ALL SELECT to_tsvector('simple', name) FROM articles_author
    UNION ALL SELECT to_tsvector('simple', name) FROM taggit_tag
$$)
"""
SUGGESTION_SQL = f"""
WITH vocabulary AS ({VOCABULARY}), typed AS (
    SELECT position, typed_word FROM unnest(%s::text[]) WITH ORDINALITY AS t(typed_word, position)
)
SELECT typed_word, (
    SELECT word FROM vocabulary
    WHERE word = typed_word OR similarity(word, typed_word) >= %s
    ORDER BY word = typed_word DESC, similarity(word, typed_word) DESC, word LIMIT 1
) FROM typed ORDER BY position
"""
# How alike (pg_trgm's similarity, 0 to 1) a known word must be to stand for a typed one.
SUGGESTION_SIMILARITY = 0.3
_WORD = re.compile(r"^\w+$")


def suggest(text, connection=default_connection):
    """ "Did you mean …": text with each unknown word replaced by the nearest word the stories
    use (pg_trgm), or None when every word is known, some cannot be matched, or the query
    uses search syntax ("phrases", -words, or). Without pg_trgm (articles alone) there is
    no suggestion."""
    words = text.lower().split()
    if not words or len(words) > 6 or not all(_WORD.match(word) for word in words):
        return None
    try:
        with transaction.atomic(using=connection.alias), connection.cursor() as cursor:
            cursor.execute(SUGGESTION_SQL, [words, SUGGESTION_SIMILARITY])
            found = cursor.fetchall()
    except DatabaseError:
        return None
    if any(known is None for _, known in found):
        return None
    suggestion = " ".join(known for _, known in found)
    return suggestion if suggestion != " ".join(words) else None


class Results:
    """The matches of a search as the paginator reads them, each page in one query.

    A page's stories are chosen by ranking only what ranking needs (a story's id, vectors and
    time), and only those twenty are then read whole, with their highlights: ranking whole rows
    meant carrying every column of every match through the sort, tens of thousands of them for
    a common word. The count stops at MAX_COUNTED: counting every match of a word found in most
    stories took longer than the page itself, and nobody pages that far (`capped` then says the
    count is a floor, and the pages end at the MAX_COUNTED best).
    """

    def __init__(self, articles, text):
        self.articles = articles
        self.text = text
        self.capped = False

    def count(self):
        found = self.articles.order_by().values("pk")[: MAX_COUNTED + 1].count()
        self.capped = found > MAX_COUNTED
        return min(found, MAX_COUNTED)

    def __getitem__(self, page):
        chosen = self.articles.values("pk")[page]
        stories = Article.objects.filter(pk__in=chosen).for_listing()
        return ranked(with_highlights(stories, self.text), self.text)


def marked_html(text):
    """Escape text and turn the highlight markers into <mark> elements."""
    escaped = escape(html.unescape(text or ""))
    return mark_safe(escaped.replace(START_MARK, "<mark>").replace(STOP_MARK, "</mark>"))


def snippet_html(article):
    """The highlighted snippet, with an ellipsis wherever it cuts the story short."""
    text = (article.snippet_marked or "").strip()
    if not text:
        return ""
    plain = text.replace(START_MARK, "").replace(STOP_MARK, "")
    if not (article.dek or "").strip().startswith(plain[:20]):
        text = "… " + text
    if not plain.endswith((".", "!", "?", "”", '"')):
        text += " …"
    return marked_html(text)


class SearchForm(forms.Form):
    q = forms.CharField(label="Search for", required=False, strip=False)
    section = forms.ModelChoiceField(
        label="Section",
        queryset=Section.objects.all(),
        to_field_name="slug",
        required=False,
        empty_label="All sections",
        error_messages={"invalid_choice": "There is no such section; choose one from the list."},
    )
    start = forms.DateField(
        label="From",
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        error_messages={"invalid": "Enter the start date as YYYY-MM-DD, e.g. 2025-11-01."},
    )
    end = forms.DateField(
        label="To",
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        error_messages={"invalid": "Enter the end date as YYYY-MM-DD, e.g. 2025-11-30."},
    )

    def clean_start(self):
        return self._within_bounds(self.cleaned_data["start"])

    def clean_end(self):
        return self._within_bounds(self.cleaned_data["end"])

    @staticmethod
    def _within_bounds(value):
        # Far-off years would overflow the day arithmetic of the date range.
        if value and not 1800 <= value.year <= 2999:
            raise forms.ValidationError("Enter a date between the years 1800 and 2999.")
        return value

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("start"), cleaned.get("end")
        if start and end and start > end:
            self.add_error("end", "The end date is before the start date.")
        return cleaned


@dataclass
class SearchOutcome:
    """What the results page shows: the query as used, notices, and the stories."""

    typed: str = ""
    query: str = ""
    shortened: bool = False
    no_searchable_words: bool = False
    # More stories match than were counted (Results.capped).
    more_found: bool = False
    # "Did you mean …": the query with its unknown words spelt as the stories spell them.
    suggestion: str | None = None
    filters: dict = field(default_factory=dict)


def run_search(params):
    """Validate a search request; return the form, the outcome and the matching queryset."""
    typed = " ".join(_CONTROL_CHARACTERS.sub(" ", params.get("q", "")).split())
    # The form sees the words without control characters, so a stray NUL byte in the query is
    # not taken for a filter it could not use.
    params = params.copy()
    params["q"] = typed
    form = SearchForm(params)
    form.is_valid()
    data = getattr(form, "cleaned_data", {})
    text, shortened = clean_query(typed)
    outcome = SearchOutcome(
        typed=typed,
        query=text,
        shortened=shortened,
        filters={name: data.get(name) for name in ("section", "start", "end") if data.get(name)},
    )
    if not text:
        return form, outcome, None
    articles = search_articles(text, **outcome.filters)
    return form, outcome, articles
