"""Import a WordPress export (WXR) into bylines, sections, tags and articles, and keep old links.

The importer streams the file once. Each record is saved in its own transaction, so a bad
post is reported and skipped while the rest continue, and an unreadable file stops the import
with the records before it saved. WordPress IDs are kept on our records (`wp_post_id`,
`wp_login`, `wp_category`, `wp_attachment_id`), so importing the same file again changes
nothing and a changed export updates only what changed.
"""

from __future__ import annotations

import html
import re
import unicodedata
from collections import Counter
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import BinaryIO
from urllib.parse import unquote, urlsplit

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.core.files import File
from django.db import DatabaseError, connection, transaction
from django.utils import timezone
from django.utils.html import strip_tags
from django.utils.text import slugify
from taggit.models import Tag

from articles.images import validate_image_file
from articles.models import (
    RESERVED_SECTION_SLUGS,
    Article,
    ArticleAuthor,
    Author,
    Image,
    Redirect,
    Section,
)
from articles.sanitize import clean_body
from newsroom.wordpress.content import convert_body
from newsroom.wordpress.parser import (
    WxrAuthor,
    WxrCategory,
    WxrItem,
    WxrSite,
    WxrTag,
    WxrTerm,
    iter_wxr,
)

SECTION_FROM_CHOICES = ("category", "first-category")
DEFAULT_SECTION = "News"
FALLBACK_AUTHOR = "Staff"
# Plugins that let editors mark a post's primary category store its term ID here.
PRIMARY_CATEGORY_KEYS = ("_yoast_wpseo_primary_category", "rank_math_primary_category")
# Errors a single bad record can cause; anything else is a bug and should stop the import.
ITEM_ERRORS = (DatabaseError, ValidationError, ValueError, OSError)
SKIPPED_TYPES = {
    "page": "pages (out of scope for now)",
    "nav_menu_item": "menu items",
    "attachment": "attachments (used only as featured images)",
}
SKIPPED_STATUSES = {"trash": "trashed posts", "auto-draft": "auto-drafts", "inherit": "revisions"}


# --- text clean-up ------------------------------------------------------------------------


def strip_invisible(text: str) -> str:
    """Remove control and format characters (zero-width joiners, right-to-left overrides)."""
    return "".join(ch for ch in text if unicodedata.category(ch) not in ("Cc", "Cf"))


def clean_slug(text: str, max_length: int = 255) -> str:
    """A WordPress slug fit for our URLs: decoded, invisible characters and URL syntax removed."""
    text = unicodedata.normalize("NFC", strip_invisible(unquote(text))).strip().lower()
    text = re.sub(r"[\s/?#%\\<>\"']+", "-", text)
    return re.sub(r"-{2,}", "-", text).strip("-")[:max_length].strip("-")


def clean_login(text: str) -> str:
    """A WordPress login as WordPress allows it (letters, digits, space, _ . @ -)."""
    return re.sub(r"[^\w .@-]", "", strip_invisible(text)).strip()


def escape_cdata_markers(raw: str) -> str:
    """Show CDATA markers in a body as text: browsers would hide them and the text between."""
    return raw.replace("<![CDATA[", "&lt;![CDATA[").replace("]]>", "]]&gt;")


def plain_text(raw: str) -> str:
    """Text of an HTML fragment: tags stripped, entities decoded, outer white space removed."""
    return html.unescape(strip_tags(raw)).strip()


def unique_value(base: str, taken, max_length: int, separator: str = "-") -> str:
    """base, or base with the smallest suffix 2, 3, … for which taken(value) is false."""
    value, number = base[:max_length], 1
    while taken(value):
        number += 1
        suffix = f"{separator}{number}"
        value = base[: max_length - len(suffix)] + suffix
    return value


# --- the report ---------------------------------------------------------------------------


@dataclass
class ImportReport:
    """What an import did, for the summary printed at the end."""

    site: WxrSite | None = None
    dry_run: bool = False
    counts: Counter[tuple[str, str]] = field(default_factory=Counter)
    article_statuses: Counter[str] = field(default_factory=Counter)
    comment_statuses: Counter[str] = field(default_factory=Counter)
    skipped: Counter[str] = field(default_factory=Counter)
    unknown_shortcodes: Counter[str] = field(default_factory=Counter)
    missing_images: dict[str, str] = field(default_factory=dict)
    notes: Counter[str] = field(default_factory=Counter)
    errors: list[str] = field(default_factory=list)
    redirects: int = 0

    KINDS = (("author", "Authors"), ("section", "Sections"), ("tag", "Tags"))
    MISSING_LISTED = 50

    def count(self, kind: str, outcome: str) -> None:
        self.counts[kind, outcome] += 1

    def total(self, outcome: str) -> int:
        return sum(n for (_, result), n in self.counts.items() if result == outcome)

    def lines(self) -> list[str]:
        """The summary, one fact a line."""
        title = f"“{self.site.title}” (WXR {self.site.wxr_version})" if self.site else "export"
        dry_run = ": dry run, nothing saved" if self.dry_run else ""
        lines = [f"WordPress import of {title}{dry_run}"]
        for kind, label in (*self.KINDS, ("article", "Articles")):
            lines.append(f"{label}: {self._outcomes(kind)}")
        if self.article_statuses:
            statuses = ", ".join(f"{n} {s}" for s, n in sorted(self.article_statuses.items()))
            lines.append(f"Articles by status: {statuses}")
        lines.append(f"Comments: {self._outcomes('comment')}")
        if self.comment_statuses:
            statuses = ", ".join(f"{n} {s}" for s, n in sorted(self.comment_statuses.items()))
            lines.append(f"Comments by status: {statuses}")
        lines.append(f"Featured images: {self._outcomes('image')}")
        lines.append(f"Old WordPress links redirected: {self.redirects} new")
        lines.append(
            f"Total: {self.total('created')} created, {self.total('updated')} updated, "
            f"{sum(self.skipped.values())} skipped"
        )
        for reason, n in sorted(self.skipped.items()):
            lines.append(f"  skipped {n} {reason}")
        shortcodes = sum(self.unknown_shortcodes.values())
        names = ", ".join(f"[{n}] x{c}" for n, c in self.unknown_shortcodes.most_common(10))
        lines.append(f"Unknown shortcodes removed: {shortcodes}" + (f" ({names})" if names else ""))
        lines.append(f"Missing images: {len(self.missing_images)}")
        listed = list(self.missing_images.items())[: self.MISSING_LISTED]
        lines += [f"  {url} ({where})" for url, where in listed]
        if len(self.missing_images) > len(listed):
            lines.append(f"  … and {len(self.missing_images) - len(listed)} more")
        for note, n in self.notes.items():
            lines.append(f"Note: {note}" + (f" ({n} times)" if n > 1 else ""))
        lines += [f"Error, skipped: {error}" for error in self.errors]
        return lines

    def _outcomes(self, kind: str) -> str:
        return ", ".join(
            f"{self.counts[kind, outcome]} {outcome}"
            for outcome in ("created", "updated", "unchanged")
        )


def item_label(item: WxrItem) -> str:
    """How the summary names a post: its ID, title and line in the file."""
    title = plain_text(item.title)
    title = f" “{title}”" if title else ""
    return f"post #{item.wp_id}{title} (line {item.line})"


# --- reading ------------------------------------------------------------------------------


class _CountingReader:
    """A binary file that remembers how far it has been read, for the progress bar."""

    def __init__(self, raw: BinaryIO):
        self._raw = raw
        self.position = 0

    def read(self, size: int = -1) -> bytes:
        data = self._raw.read(size)
        self.position += len(data)
        return data


class Progress:
    """A one-line progress counter on a terminal; silent when the output is not one."""

    def __init__(self, stream, total_bytes: int, enabled: bool):
        self._stream, self._total, self._enabled = stream, max(total_bytes, 1), enabled
        self._shown: tuple[int, int] | None = None

    def update(self, position: int, items: int) -> None:
        percent = min(100, position * 100 // self._total)
        if self._enabled and (percent, items // 100) != self._shown:
            self._shown = (percent, items // 100)
            self._stream.write(f"\rImporting: {percent:3d}% of the file, {items} items read")
            self._stream.flush()

    def finish(self, position: int, items: int) -> None:
        if self._enabled:
            self._shown = None
            self.update(position, items)
            self._stream.write("\n")
            self._stream.flush()


@dataclass
class _Attachment:
    url: str
    path: str
    title: str
    alt: str
    caption: str


@contextmanager
def _asynchronous_commits():
    """Commit each post without waiting for the disk, which is most of an import's time.

    A crash loses at most the last moments of the import, and running it again (it is
    idempotent) brings them back.
    """
    if connection.vendor != "postgresql" or connection.in_atomic_block:
        yield
        return
    with connection.cursor() as cursor:
        cursor.execute("SET synchronous_commit TO off")
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            cursor.execute("RESET synchronous_commit")


# --- the importer -------------------------------------------------------------------------


class WordPressImporter:
    """Imports one WXR file; run() returns the ImportReport (also on self.report mid-way)."""

    def __init__(
        self,
        *,
        import_comments,
        media_dir: str | Path | None = None,
        section_from: str = "category",
        default_section: str = DEFAULT_SECTION,
        dry_run: bool = False,
        progress_stream=None,
    ):
        if section_from not in SECTION_FROM_CHOICES:
            raise ValueError(f"section_from must be one of {SECTION_FROM_CHOICES}")
        self.media_dir = Path(media_dir).resolve() if media_dir else None
        self.section_from = section_from
        self.default_section_name = default_section.strip() or DEFAULT_SECTION
        self.dry_run = dry_run
        self.progress_stream = progress_stream
        # The comments app brings its own step (articles know nothing of comments):
        # import_comments(article, wxr_comments, report), run in each post's transaction.
        self.import_comments = import_comments
        self.report = ImportReport(dry_run=dry_run)
        # Kept for the run: lookups that grow with the number of authors, categories, tags
        # and attachments, and the few posts whose featured image comes later in the file.
        self._authors: dict[str, int] = {}
        self._categories: dict[str, WxrCategory] = {}
        self._sections: dict[str, Section] = {}
        self._tags: dict[str, Tag] = {}
        self._attachments: dict[int, _Attachment] = {}
        self._pending_thumbnails: list[tuple[int, int, str, str]] = []
        self._content_types: dict[type, ContentType] = {}

    def run(self, path: str | Path) -> ImportReport:
        """Import the file at path. Raises WxrError when the file cannot be read further."""
        path = Path(path)
        if self.dry_run:
            with transaction.atomic():
                self._run(path)
                transaction.set_rollback(True)
            return self.report
        with _asynchronous_commits():
            self._run(path)
        return self.report

    def _run(self, path: Path) -> None:
        enabled = bool(self.progress_stream) and self.progress_stream.isatty()
        progress = Progress(self.progress_stream, path.stat().st_size, enabled)
        items = 0
        with path.open("rb") as raw:
            reader = _CountingReader(raw)
            try:
                for record in iter_wxr(reader):
                    if isinstance(record, WxrItem):
                        items += 1
                    self._dispatch(record)
                    progress.update(reader.position, items)
            finally:
                progress.finish(reader.position, items)
        self._attach_pending_thumbnails()
        self._guarded("site redirects", self._site_redirects)

    def _dispatch(self, record) -> None:
        if isinstance(record, WxrSite):
            self.report.site = record
        elif isinstance(record, WxrAuthor):
            self._guarded(f"author “{record.login}”", self._import_author, record)
        elif isinstance(record, WxrCategory):
            self._guarded(f"category “{record.nicename}”", self._import_category, record)
        elif isinstance(record, WxrTag):
            self._guarded(f"tag “{record.slug}”", self._import_tag, record.slug, record.name)
        elif isinstance(record, WxrTerm):
            self._import_term(record)
        elif isinstance(record, WxrItem):
            self._import_item(record)

    def _guarded(self, label: str, function, *args):
        """Run one record's import in its own transaction; a failure is reported and skipped."""
        caches = (self._authors, self._sections, self._tags)
        known = [set(cache) for cache in caches]
        try:
            with transaction.atomic():
                return function(*args)
        except ITEM_ERRORS as error:
            # Rows created in the rolled-back transaction are gone: forget them too.
            for cache, keys in zip(caches, known, strict=True):
                for key in set(cache) - keys:
                    del cache[key]
            message = " ".join(str(error).split()) or type(error).__name__
            self.report.errors.append(f"{label}: {message}")
            return None

    # --- authors ---------------------------------------------------------------------------

    def _import_author(self, record: WxrAuthor) -> None:
        login = clean_login(record.login)
        if not login:
            self.report.skipped["authors without a login"] += 1
            return
        full_name = f"{record.first_name} {record.last_name}".strip()
        name = (record.display_name or full_name or login)[:120]
        self._save_author(login, name)

    def _save_author(self, login: str, name: str) -> int:
        author = Author.objects.filter(wp_login=login).first()
        if author is None:
            base = slugify(login) or slugify(name) or "author"
            slug = unique_value(base, lambda s: Author.objects.filter(slug=s).exists(), 120)
            author = Author.objects.create(name=name, slug=slug, wp_login=login)
            self.report.count("author", "created")
        elif author.name != name:
            author.name = name
            author.save(update_fields=["name"])
            self.report.count("author", "updated")
        else:
            self.report.count("author", "unchanged")
        self._authors[login] = author.pk
        if login != author.slug:
            self._point([f"/author/{login}/"], author)
        return author.pk

    def _author_for(self, creator: str) -> int:
        login = clean_login(creator)
        if login in self._authors:
            return self._authors[login]
        if login:
            self.report.notes[f"Posts by “{login}”, who is not among the export's authors, "
                              "got a byline of that name"] += 1  # fmt: skip
            return self._save_author(login, login[:120])
        if "" not in self._authors:
            author = Author.objects.filter(slug=slugify(FALLBACK_AUTHOR)).first()
            if author is None:
                author = Author.objects.create(name=FALLBACK_AUTHOR, slug=slugify(FALLBACK_AUTHOR))
            self._authors[""] = author.pk
        self.report.notes[f"Posts without an author got the byline “{FALLBACK_AUTHOR}”"] += 1
        return self._authors[""]

    # --- sections ---------------------------------------------------------------------------

    def _import_term(self, term: WxrTerm) -> None:
        if term.taxonomy == "category":
            category = WxrCategory(term.slug, term.name, term.parent_slug, term.description)
            self._guarded(f"category “{term.slug}”", self._import_category, category)
        elif term.taxonomy == "post_tag":
            self._guarded(f"tag “{term.slug}”", self._import_tag, term.slug, term.name)

    def _import_category(self, category: WxrCategory) -> None:
        nicename = clean_slug(category.nicename, 200)
        if not nicename:
            self.report.skipped["categories without a slug"] += 1
            return
        self._categories[nicename] = category
        self._section_for_category(nicename, category.name, category)

    def _section_for_category(
        self, nicename: str, label: str, category: WxrCategory | None = None
    ) -> Section:
        if nicename in self._sections:
            return self._sections[nicename]
        name = plain_text(label)[:60] or nicename[:60]
        description = category.description.strip() if category else ""
        nested = bool(category and category.parent_nicename)
        section = Section.objects.filter(wp_category=nicename).first()
        if section is None:
            parent = (
                self._categories.get(clean_slug(category.parent_nicename, 200)) if nested else None
            )
            if parent and Section.objects.filter(name=name).exists():
                name = f"{name} ({plain_text(parent.name)})"[:60]  # WordPress allows Foo twice
            section = self._adopt_or_create_section(nicename, name, description, nested)
        else:
            changed = []
            if section.name != name and not Section.objects.filter(name=name).exists():
                section.name, changed = name, [*changed, "name"]
            if section.description != description:
                section.description, changed = description, [*changed, "description"]
            if changed:
                section.save(update_fields=changed)
            self.report.count("section", "updated" if changed else "unchanged")
        if nested:
            self.report.notes[
                "Nested categories were flattened: each became a section of its own, "
                "new ones left out of the navigation"
            ] += 1
        self._sections[nicename] = section
        return section

    def _adopt_or_create_section(
        self, nicename: str, name: str, description: str, nested: bool
    ) -> Section:
        """A section the newsroom already has under that slug or name, or a new one."""
        base = slugify(nicename) or slugify(name) or "section"
        if base in RESERVED_SECTION_SLUGS or base.isdigit():
            base = f"{base}-section"
        base = base[:60]
        existing = Section.objects.filter(wp_category=None, slug=base).first() or (
            Section.objects.filter(wp_category=None, name__iexact=name).first()
        )
        if existing is not None:
            existing.wp_category = nicename
            existing.save(update_fields=["wp_category"])
            self.report.count("section", "updated")
            return existing
        slug = unique_value(base, lambda s: Section.objects.filter(slug=s).exists(), 60)
        unique_name = unique_value(
            name, lambda n: Section.objects.filter(name=n).exists(), 60, separator=" "
        )
        section = Section.objects.create(
            name=unique_name,
            slug=slug,
            description=description,
            show_in_navigation=not nested,
            wp_category=nicename,
        )
        self.report.count("section", "created")
        return section

    def _default_section(self) -> Section:
        if "" not in self._sections:
            name = self.default_section_name[:60]
            section = Section.objects.filter(name__iexact=name).first()
            if section is None:
                slug = slugify(name) or "news"
                if slug in RESERVED_SECTION_SLUGS or slug.isdigit():
                    slug = f"{slug}-section"
                slug = unique_value(slug, lambda s: Section.objects.filter(slug=s).exists(), 60)
                section = Section.objects.create(name=name, slug=slug)
                self.report.count("section", "created")
            else:
                self.report.count("section", "unchanged")
            self._sections[""] = section
        return self._sections[""]

    def _section_for_item(self, item: WxrItem) -> Section:
        categories = [(n, label) for domain, n, label in item.categories if domain == "category"]
        categories = [(clean_slug(n, 200), label) for n, label in categories]
        categories = [(n, label) for n, label in categories if n]
        if not categories:
            return self._default_section()
        nicename, label = categories[0]
        if self.section_from == "category":
            nicename, label = self._primary_category(item, categories)
        return self._section_for_category(nicename, label, self._categories.get(nicename))

    def _primary_category(self, item: WxrItem, categories: list[tuple[str, str]]):
        """The category WordPress puts in the post's permalink: the one an SEO plugin marks
        primary, otherwise the oldest (lowest term ID), passing over “Uncategorized”."""
        term_ids = {n: self._categories[n].term_id for n, _ in categories if n in self._categories}
        for key in PRIMARY_CATEGORY_KEYS:
            marked = item.postmeta.get(key, "").strip()
            for nicename, label in categories:
                if marked and str(term_ids.get(nicename)) == marked:
                    return nicename, label
        real = [c for c in categories if c[0] != "uncategorized"] or categories
        return min(real, key=lambda c: (term_ids.get(c[0]) is None, term_ids.get(c[0]) or 0))

    # --- tags ------------------------------------------------------------------------------

    def _import_tag(self, wp_slug: str, label: str) -> Tag | None:
        key = clean_slug(wp_slug, 100)
        name = plain_text(label)[:100] or key
        if not key:
            key = clean_slug(slugify(name, allow_unicode=True), 100)
        if not key:
            self.report.skipped["tags without a name"] += 1
            return None
        if key in self._tags:
            return self._tags[key]
        tag = Tag.objects.filter(slug=key).first()
        if tag is not None:
            outcome = "unchanged"
            if tag.name != name and not Tag.objects.filter(name=name).exists():
                tag.name, outcome = name, "updated"
                tag.save(update_fields=["name"])
        else:
            tag = Tag.objects.filter(name=name).first()
            outcome = "unchanged" if tag else "created"
            if tag is None:
                tag = Tag.objects.create(name=name, slug=key)
        self.report.count("tag", outcome)
        if tag.slug != key:
            self._point([f"/tag/{key}/"], tag)
        self._tags[key] = tag
        return tag

    # --- posts -----------------------------------------------------------------------------

    def _import_item(self, item: WxrItem) -> None:
        if item.wp_id is None:
            self.report.skipped["items without a WordPress post ID"] += 1
            return
        if item.post_type == "attachment":
            self._remember_attachment(item)
        if item.post_type != "post":
            self._skip(item, SKIPPED_TYPES.get(item.post_type, f"items of type “{item.post_type}”"))
            return
        if item.status in SKIPPED_STATUSES:
            self._skip(item, SKIPPED_STATUSES[item.status])
            return
        saved = self._guarded(item_label(item), self._import_post, item)
        if saved is None:
            self.report.skipped["posts with errors"] += 1

    def _skip(self, item: WxrItem, reason: str) -> None:
        self.report.skipped[reason] += 1
        if item.comments:
            # Readers' words are not lost silently: the editor sees how many stay behind.
            self.report.skipped["comments on skipped pages and posts"] += len(item.comments)

    def _import_post(self, item: WxrItem) -> Article:
        converted = convert_body(escape_cdata_markers(item.content))
        self.report.unknown_shortcodes.update(converted.unknown_shortcodes)
        for note in converted.notes:
            if not note.startswith("Removed shortcodes"):
                self.report.notes[note] += 1
        article = Article.objects.filter(wp_post_id=item.wp_id).first()
        values = self._article_values(item, converted, article)
        if article is None:
            article = Article(wp_post_id=item.wp_id, **values)
            article.save()
            outcome = "created"
        else:
            changed = [name for name, value in values.items() if getattr(article, name) != value]
            for name in changed:
                setattr(article, name, values[name])
            if changed:
                article.save()
            outcome = "updated" if changed else "unchanged"
        relations_changed = self._set_byline(article, item) | self._set_tags(article, item)
        relations_changed |= self._set_featured_image(article, item, outcome)
        if outcome == "unchanged" and relations_changed:
            outcome = "updated"
        self.report.count("article", outcome)
        self.report.article_statuses[self._status_label(article)] += 1
        self._point(self._old_paths(item), article)
        self.import_comments(article, item.comments, self.report)
        return article

    def _article_values(self, item: WxrItem, converted, article: Article | None) -> dict:
        status, published_at = self._status(item)
        values = {
            "headline": self._headline(item, converted.html),
            "slug": self._slug(item, article),
            "section": self._section_for_item(item),
            "dateline": (converted.dateline or "")[:100],
            "body": clean_body(converted.html),
            "excerpt": plain_text(item.excerpt),
            "status": status,
            "published_at": published_at,
            "comments_open": item.comment_status != "closed",
        }
        if published_at is None and article is not None and status == Article.Status.PUBLISHED:
            del values["published_at"]  # published "now" on first import: keep that time
        return values

    def _status(self, item: WxrItem) -> tuple[str, datetime | None]:
        """Our status and publication time for a WordPress post status."""
        published_at = item.pub_date_gmt
        if published_at is None and item.post_date and item.status in ("publish", "future"):
            published_at = timezone.make_aware(item.post_date, timezone.get_default_timezone())
        if item.password:
            self.report.notes["Password-protected posts were imported as drafts"] += 1
            return Article.Status.DRAFT, published_at
        if item.status == "publish":
            return Article.Status.PUBLISHED, published_at
        if item.status == "future":
            if published_at is None:
                self.report.notes["Scheduled posts without a date were imported as drafts"] += 1
                return Article.Status.DRAFT, None
            return Article.Status.PUBLISHED, published_at
        if item.status == "pending":
            return Article.Status.IN_REVIEW, published_at
        if item.status == "private":
            self.report.notes["Private posts were imported as drafts"] += 1
        elif item.status != "draft":
            self.report.notes[f"Posts with status “{item.status}” were imported as drafts"] += 1
        return Article.Status.DRAFT, published_at

    @staticmethod
    def _status_label(article: Article) -> str:
        if article.is_scheduled():
            return "scheduled"
        return Article.Status(article.status).label.lower()

    def _headline(self, item: WxrItem, body: str) -> str:
        headline = plain_text(item.title)
        if headline:
            return headline[:255]
        self.report.notes["Untitled posts got a headline from their slug or first words"] += 1
        slug = clean_slug(item.name)
        if slug:
            words = slug.replace("-", " ")
            return (words[0].upper() + words[1:])[:255]
        first_words = " ".join(plain_text(body).split()[:10])
        return first_words[:255] or f"Untitled post {item.wp_id}"

    def _slug(self, item: WxrItem, article: Article | None) -> str:
        base = clean_slug(item.name) or clean_slug(slugify(plain_text(item.title), True))
        base = base or f"post-{item.wp_id}"
        if article is not None and re.fullmatch(rf"{re.escape(base)}(-\d+)?", article.slug):
            return article.slug
        others = Article.objects.exclude(wp_post_id=item.wp_id)
        return unique_value(base, lambda s: others.filter(slug=s).exists(), 255)

    def _set_byline(self, article: Article, item: WxrItem) -> bool:
        author_id = self._author_for(item.creator)
        current = list(
            ArticleAuthor.objects.filter(article=article).values_list("author_id", flat=True)
        )
        if current == [author_id]:
            return False
        ArticleAuthor.objects.filter(article=article).delete()
        ArticleAuthor.objects.create(article=article, author_id=author_id, position=0)
        return True

    def _set_tags(self, article: Article, item: WxrItem) -> bool:
        tags = {}
        for domain, nicename, label in item.categories:
            if domain == "post_tag":
                tag = self._import_tag(nicename, label)
                if tag is not None:
                    tags[tag.pk] = tag
        current = set(article.tags.values_list("pk", flat=True))
        if current == set(tags):
            return False
        article.tags.set(list(tags.values()))
        return True

    # --- featured images -------------------------------------------------------------------

    def _remember_attachment(self, item: WxrItem) -> None:
        url = item.attachment_url or item.guid
        relative = item.postmeta.get("_wp_attached_file", "").strip()
        if not relative:
            path = unquote(urlsplit(url).path)
            relative = path.split("/uploads/", 1)[1] if "/uploads/" in path else path
        self._attachments[item.wp_id] = _Attachment(
            url=url,
            path=relative.lstrip("/"),
            title=plain_text(item.title),
            alt=plain_text(item.postmeta.get("_wp_attachment_image_alt", "")),
            caption=plain_text(item.excerpt),
        )

    def _set_featured_image(self, article: Article, item: WxrItem, outcome: str) -> bool:
        thumbnail = item.postmeta.get("_thumbnail_id", "").strip()
        if not thumbnail.isdigit():
            return False
        if int(thumbnail) not in self._attachments:
            # Attachments may come after the posts that use them.
            self._pending_thumbnails.append((article.pk, int(thumbnail), item_label(item), outcome))
            return False
        return self._use_image(article, int(thumbnail), item_label(item))

    def _use_image(self, article: Article, attachment_id: int, label: str) -> bool:
        image = self._image(attachment_id, label)
        if image is None or article.featured_image_id == image.pk:
            return False
        article.featured_image = image
        article.save()
        return True

    def _attach_pending_thumbnails(self) -> None:
        for article_id, attachment_id, label, outcome in self._pending_thumbnails:
            article = Article.objects.filter(pk=article_id).first()
            if article is None:
                continue
            changed = self._guarded(label, self._use_image, article, attachment_id, label)
            if changed and outcome == "unchanged":
                self.report.count("article", "updated")
                self.report.counts["article", "unchanged"] -= 1

    def _image(self, attachment_id: int, label: str) -> Image | None:
        """The imported picture for an attachment, importing it from --media-dir once."""
        existing = Image.objects.filter(wp_attachment_id=attachment_id).first()
        if existing is not None:
            self.report.count("image", "unchanged")
            return existing
        attachment = self._attachments.get(attachment_id)
        if attachment is None:
            missing = f"attachment #{attachment_id}"
            self.report.missing_images[missing] = f"not in the export; {label}"
            return None
        source = self._media_file(attachment.path)
        if source is None:
            self.report.missing_images[attachment.url] = f"not found in --media-dir; {label}"
            return None
        if self.dry_run:
            self.report.count("image", "created")
            return None
        with source.open("rb") as handle:
            upload = File(handle, name=source.name)
            try:
                validate_image_file(upload)
            except ValidationError as error:
                self.report.missing_images[attachment.url] = f"{error.messages[0]} {label}"
                return None
            image = Image(
                file=upload,
                alt_text=(attachment.alt or attachment.title or source.stem)[:250],
                caption=attachment.caption[:300],
                wp_attachment_id=attachment_id,
            )
            image.save()
        self.report.count("image", "created")
        return image

    def _media_file(self, relative: str) -> Path | None:
        if self.media_dir is None or not relative:
            return None
        candidate = (self.media_dir / relative).resolve()
        if not candidate.is_relative_to(self.media_dir) or not candidate.is_file():
            return None
        return candidate

    # --- old links -------------------------------------------------------------------------

    def _old_paths(self, item: WxrItem) -> list[str]:
        """The addresses WordPress answered for this post, as request.path spells them."""
        paths = [f"/?p={item.wp_id}"]
        slug = clean_slug(item.name)
        date = item.post_date or item.pub_date_gmt
        if slug:
            paths.append(f"/{slug}/")
            if date:
                paths += [f"/{date:%Y/%m/%d}/{slug}/", f"/{date:%Y/%m}/{slug}/"]
        link = urlsplit(item.link)
        blog = urlsplit(self.report.site.base_blog_url if self.report.site else "")
        if link.path.strip("/") and not link.query and link.netloc == blog.netloc:
            prefix = blog.path.rstrip("/")
            path = unquote(link.path)
            if prefix and path.startswith(prefix + "/"):
                path = path[len(prefix) :]
            paths.append(strip_invisible(path))
        return list(dict.fromkeys(paths))

    def _site_redirects(self) -> None:
        for nicename, section in self._sections.items():
            if nicename:
                self._point(self._category_paths(nicename), section)

    def _category_paths(self, nicename: str) -> list[str]:
        """/category/<slug>/ and, for nested categories, WordPress's /category/<parent>/<slug>/."""
        chain, seen = [nicename], {nicename}
        category = self._categories.get(nicename)
        while category and category.parent_nicename:
            parent = clean_slug(category.parent_nicename, 200)
            if parent in seen:
                break
            chain.insert(0, parent)
            seen.add(parent)
            category = self._categories.get(parent)
        paths = [f"/category/{nicename}/"]
        if len(chain) > 1:
            paths.append(f"/category/{'/'.join(chain)}/")
        return paths

    def _point(self, old_paths: list[str], target) -> None:
        """Redirect each old path to target, unless it already redirects somewhere."""
        old_paths = [p for p in old_paths if len(p) <= 500]
        taken = set(
            Redirect.objects.filter(old_path__in=old_paths).values_list("old_path", flat=True)
        )
        content_type = self._content_types.get(type(target))
        if content_type is None:
            content_type = ContentType.objects.get_for_model(target)
            self._content_types[type(target)] = content_type
        new = [
            Redirect(old_path=path, content_type=content_type, object_id=target.pk)
            for path in old_paths
            if path not in taken
        ]
        Redirect.objects.bulk_create(new)
        self.report.redirects += len(new)
