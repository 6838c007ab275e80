"""Comparing and restoring article revisions (kept by django-simple-history on every save)."""

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.text import Truncator

from articles.desk.revisions import diffs
from articles.desk.workflow import log_change
from articles.models import Article, ArticleAuthor, Author, Image, RelatedArticle

# What a restore brings back. The workflow state (status, publication time) stays as it is now:
# restoring an older wording must not take a live story down or publish a draft.
CONTENT_FIELDS = (
    "headline", "slug", "dek", "section", "dateline", "body", "excerpt", "featured_image",
    "featured_image_caption", "comments_open", "seo_title", "seo_description",
)  # fmt: skip
# Compared word by word; the other fields are replaced whole.
TEXT_FIELDS = {"headline", "dek", "excerpt", "dateline", "featured_image_caption", "seo_title",
               "seo_description", "slug"}  # fmt: skip


@dataclass(frozen=True)
class Change:
    label: str
    diff: str


def can_restore(user):
    return user.has_perm("articles.restore_article")


def label_of(record):
    who = record.history_user
    name = (who.get_full_name() or who.get_username()) if who else "the system"
    return f"{date_format(timezone.localtime(record.history_date), 'DATETIME_FORMAT')} by {name}"


# How far back the revisions page looks for a revision that differs from the newest one.
DEFAULT_PAIR_DEPTH = 25


def default_pair(records):
    """(older, newer) the revisions page offers to compare: the newest revision and the latest
    one before it that differs (saves that changed nothing the form compares, such as adding a
    correction, are skipped); the two newest when none differs nearby."""
    if len(records) < 2:
        return (None, records[0] if records else None)
    newest = records[0]
    for record in records[1 : DEFAULT_PAIR_DEPTH + 1]:
        if compare(record, newest):
            return (record, newest)
    return (records[1], newest)


@dataclass(frozen=True)
class HistoryRow:
    """A line of a story's history: a revision (which can be compared and restored), or a
    correction or live update published on it (which are kept with their own history)."""

    when: object
    label: str
    what: str
    record: object = None


def story_history(article, records):
    """The story's revisions with its published corrections and live updates, newest first."""
    rows = [
        HistoryRow(
            record.history_date,
            label_of(record),
            record.history_change_reason or record.get_history_type_display(),
            record,
        )
        for record in records
    ]
    for correction in article.corrections.filter(published_at__isnull=False):
        kind = correction.get_kind_display()
        text = Truncator(correction.text).words(12)
        rows.append(
            HistoryRow(correction.published_at, _when(correction.published_at),
                       f"{kind} published: {text}")
        )  # fmt: skip
    for update in article.live_updates.all():
        rows.append(
            HistoryRow(update.posted_at, _when(update.posted_at),
                       f"Live update posted: {Truncator(update.text).words(12)}")
        )  # fmt: skip
    return sorted(rows, key=lambda row: row.when, reverse=True)


def _when(moment):
    return date_format(timezone.localtime(moment), "DATETIME_FORMAT")


def compare(older, newer):
    """What changed between two revisions, field by field in the form's order, each change
    marked word by word (<del> and <ins>)."""
    changes = []
    for name in (*CONTENT_FIELDS, "status", "published_at"):
        field = Article._meta.get_field(name)
        before, after = getattr(older, field.attname), getattr(newer, field.attname)
        if _same(before, after):
            continue
        if name == "body":
            diff = diffs.html_diff(before, after)
        elif name in TEXT_FIELDS:
            diff = diffs.word_diff(before or "", after or "")
        else:
            if field.is_relation:
                before, after = _names(field.related_model, [before, after])
            elif field.choices:
                choices = dict(field.choices)
                before, after = choices.get(before, before), choices.get(after, after)
            diff = diffs.value_diff(_text(before), _text(after))
        changes.append(Change(field.verbose_name.capitalize(), diff))
    for label, before, after in (
        ("Bylines", _bylines(older), _bylines(newer)),
        ("Related stories", _related(older), _related(newer)),
        ("Tags", older.tag_names, newer.tag_names),
    ):
        if before != after:
            changes.append(Change(label, diffs.list_diff(before, after)))
    return changes


def restore(article, record, user):
    """Bring back a revision's content, bylines, related stories and tags, as a new revision."""
    if not can_restore(user):
        raise PermissionDenied("Only editors can restore revisions.")
    with transaction.atomic():
        for name in CONTENT_FIELDS:
            attname = Article._meta.get_field(name).attname
            setattr(article, attname, getattr(record, attname))
        if not Image.objects.filter(pk=article.featured_image_id).exists():
            article.featured_image_id = None
        article.skip_history_when_saving = True
        article.save()
        del article.skip_history_when_saving
        bylines = [
            ArticleAuthor(article=article, author_id=row.author_id, position=row.position)
            for row in record.authors.filter(author__isnull=False)
            if Author.objects.filter(pk=row.author_id).exists()
        ]
        # A story always has a byline: a revision without any was taken before they were added
        # (imported and generated stories get theirs after the first save), so keep today's.
        if bylines:
            ArticleAuthor.objects.filter(article=article).delete()
            ArticleAuthor.objects.bulk_create(bylines)
        RelatedArticle.objects.filter(article=article).delete()
        RelatedArticle.objects.bulk_create(
            RelatedArticle(
                article=article, related_article_id=row.related_article_id, position=row.position
            )
            for row in record.related.all()
            if Article.objects.filter(pk=row.related_article_id).exists()
        )
        article.tags.set(record.tag_names)
        message = f"Restored the revision of {label_of(record)}"
        article._history_user = user
        article._change_reason = message
        article.save()
        log_change(article, user, message)
    return article


def _same(before, after):
    # The admin's date and time boxes keep whole seconds; a lost fraction is not a change.
    if hasattr(before, "tzinfo") and hasattr(after, "tzinfo"):
        return before.replace(microsecond=0) == after.replace(microsecond=0)
    return before == after


def _text(value):
    """A whole value as an editor reads it; nothing (None, "") as "" (nothing to mark)."""
    if value is None or value == "":
        return ""
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if hasattr(value, "tzinfo"):
        return date_format(timezone.localtime(value), "DATETIME_FORMAT")
    return str(value)


def _names(model, pks):
    found = {obj.pk: str(obj) for obj in model.objects.filter(pk__in=[p for p in pks if p])}
    return [found.get(pk, "(deleted)") if pk else None for pk in pks]


def _bylines(record):
    rows = sorted(record.authors.all(), key=lambda row: row.position)
    return [n for n in _names(Author, [r.author_id for r in rows]) if n]


def _related(record):
    rows = sorted(record.related.all(), key=lambda row: row.position)
    return [n for n in _names(Article, [r.related_article_id for r in rows]) if n]
