"""Import a WordPress export (WXR): bylines, sections, tags, articles and their comments; the
outlet's pages and menus (newsroom.wordpress.pages).

The importer streams the file once. Each record is saved in its own transaction, so a bad
post is reported and skipped while the rest continue, and an unreadable file stops the import
with the records before it saved. WordPress IDs are kept on our records (`wp_post_id`,
`wp_login`, `wp_category`, `wp_attachment_id`), stories, comments and pictures with the site
they come from (`wp_site`), so importing the same file again changes nothing, two sites never
overwrite each other, and a changed export updates only what it changed: a field edited here
and changed in the export too keeps our edit and is reported as a conflict (see `identity`).
"""

from __future__ import annotations

import re
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path

from django.core.exceptions import ValidationError
from django.db import DatabaseError, connection, transaction
from django.utils import timezone
from django.utils.text import slugify
from taggit.models import Tag

from articles.embeds.resolve import describe_problems, resolve_links
from articles.models import (
    RESERVED_SECTION_SLUGS,
    Article,
    ArticleAuthor,
    Author,
    Image,
    Section,
)
from articles.sanitize import clean_body
from comments.models import Comment
from newsroom.wordpress import redirects
from newsroom.wordpress.comments import import_comments
from newsroom.wordpress.content import Gallery, GalleryPicture, convert_body, place_galleries
from newsroom.wordpress.identity import item_guid, merge_field, site_key
from newsroom.wordpress.images import FeaturedImages
from newsroom.wordpress.pages import PagesAndMenus
from newsroom.wordpress.parser import (
    WxrAuthor,
    WxrCategory,
    WxrError,
    WxrItem,
    WxrSite,
    WxrTag,
    WxrTerm,
    iter_wxr,
)
from newsroom.wordpress.report import CountingReader, ImportReport, Progress, item_label
from newsroom.wordpress.text import (
    clean_login,
    clean_slug,
    escape_cdata_markers,
    plain_text,
    unique_value,
)

SECTION_FROM_CHOICES = ("category", "first-category")
DEFAULT_SECTION = "News"
FALLBACK_AUTHOR = "Staff"
# Plugins that let editors mark a post's primary category store its term ID here.
PRIMARY_CATEGORY_KEYS = ("_yoast_wpseo_primary_category", "rank_math_primary_category")
# Errors a single bad record can cause; anything else is a bug and should stop the import.
ITEM_ERRORS = (DatabaseError, ValidationError, ValueError, OSError)
SKIPPED_TYPES = {
    "": "items without a post type",
    "attachment": "attachments (used as featured images and in galleries)",
}
SKIPPED_STATUSES = {"trash": "trashed posts", "auto-draft": "auto-drafts", "inherit": "revisions"}
_HAS_GALLERY = re.compile(r"\[gallery\b|<!--\s*wp:gallery\b")


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
        media_dir: str | Path | None = None,
        section_from: str = "category",
        default_section: str = DEFAULT_SECTION,
        dry_run: bool = False,
        progress_stream=None,
        site: str = "",
        fetch_embeds: bool = False,
    ):
        if section_from not in SECTION_FROM_CHOICES:
            raise ValueError(f"section_from must be one of {SECTION_FROM_CHOICES}")
        self.section_from = section_from
        self.default_section_name = default_section.strip() or DEFAULT_SECTION
        self.dry_run = dry_run
        self.fetch_embeds = fetch_embeds
        # Addresses that became links alone on their line (embeds, once fetched).
        self._embeds: set[str] = set()
        self.progress_stream = progress_stream
        self.report = ImportReport(dry_run=dry_run)
        self.images = FeaturedImages(self.report, media_dir, dry_run)
        # Kept for the run: lookups that grow with the number of authors, categories and tags.
        self._authors: dict[str, int] = {}
        self._categories: dict[str, WxrCategory] = {}
        self._sections: dict[str, Section] = {}
        self._tags: dict[str, Tag] = {}
        # The export's site_key(), known once its channel is read, unless given: a site whose
        # address changed is still the site its earlier exports came from.
        self.site = self._site_given = site_key(WxrSite("", "", "", "", "", site)) if site else ""
        self._imported: set[int] = set()  # stories saved in this run, to catch repeated posts
        # Posts with galleries, imported once the whole file is read: WordPress lists a post's
        # attachments after it, as they were uploaded to it.
        self._with_galleries: list[WxrItem] = []
        self._file_read = False
        self.pages = PagesAndMenus(self)

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
            reader = CountingReader(raw)
            try:
                for record in iter_wxr(reader):
                    if isinstance(record, WxrItem):
                        items += 1
                    self._dispatch(record)
                    progress.update(reader.position, items)
            except WxrError:
                # A broken file keeps every whole post before the break, these too.
                self._import_posts_with_galleries()
                raise
            finally:
                progress.finish(reader.position, items)
        self._import_posts_with_galleries()
        self._attach_pending_thumbnails()
        self.pages.run()
        self._guarded("site redirects", self._site_redirects)
        self._embed_links()

    def _import_posts_with_galleries(self) -> None:
        self._file_read = True
        for item in self._with_galleries:
            self._import_item(item)

    def _embed_links(self) -> None:
        """Fetch the players and cards of the links alone on their line, or say how to."""
        if not self._embeds:
            return
        if not self.fetch_embeds or self.dry_run:
            self.report.notes[
                f"{len(self._embeds)} links alone on their line become embeds once fetched "
                "(manage.py fetch_embeds)"
            ] += 1
            return
        problems = resolve_links(sorted(self._embeds))
        for problem in describe_problems(problems):
            self.report.errors.append(problem)
        if fetched := len(self._embeds) - len(problems):
            self.report.notes[f"{fetched} links embedded (players and link cards)"] += 1

    def _dispatch(self, record) -> None:
        if isinstance(record, WxrSite):
            self.report.site = record
            self.site = self.images.site = self._site_given or site_key(record)
            self.report.source = self.site
            self._claim_earlier_imports()
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

    def _claim_earlier_imports(self) -> None:
        """Records imported before the source site was kept become this site's.

        Until then a newsroom could hold one site's import only (a second one overwrote the
        first), so they all come from one site: the first one imported again claims them,
        and they keep matching its posts, comments and pictures.
        """
        earlier = {
            "stories": Article.objects.filter(wp_site="", wp_post_id__isnull=False),
            "comments": Comment.objects.filter(wp_site="", wp_comment_id__isnull=False),
            "pictures": Image.objects.filter(wp_site="", wp_attachment_id__isnull=False),
        }
        sites_known = (
            Article.objects.exclude(wp_site="").exists()
            or Comment.objects.exclude(wp_site="").exists()
            or Image.objects.exclude(wp_site="").exists()
        )
        if not self.site or sites_known:
            return
        for label, rows in earlier.items():
            claimed = rows.update(wp_site=self.site)
            if claimed:
                self.report.notes[
                    f"{claimed} {label} imported before Newsroom kept each one's source site "
                    f"were taken as coming from {self.site}"
                ] += 1

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
        else:
            self.pages.collect_term(term)

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
        if item.post_type == "attachment" and item.wp_id is not None:
            self.images.remember(item)
        if self.pages.collect(item):
            return
        if item.post_type != "post":
            self._skip(item, SKIPPED_TYPES.get(item.post_type, f"items of type “{item.post_type}”"))
            return
        if item.status in SKIPPED_STATUSES:
            self._skip(item, SKIPPED_STATUSES[item.status])
            return
        if item.wp_id is None and not item_guid(item):
            self._skip(item, "posts without a post ID, GUID or link")
            return
        if not self._file_read and _HAS_GALLERY.search(item.content):
            self._with_galleries.append(item)
            return
        saved = self._guarded(item_label(item), self._import_post, item)
        if saved is None:
            self.report.skipped["posts with errors"] += 1

    def _skip(self, item: WxrItem, reason: str) -> None:
        self.report.skipped[reason] += 1
        if item.comments:
            # Readers' words are not lost silently: the editor sees how many stay behind.
            self.report.skipped["comments on skipped pages and posts"] += len(item.comments)

    def _find_article(self, item: WxrItem) -> Article | None:
        """The story imported from this post: by site and post ID, else by GUID or link."""
        ours = Article.objects.filter(wp_site=self.site)
        guid = item_guid(item)
        if item.wp_id is None:
            return ours.filter(wp_guid=guid).order_by("pk").first()
        found = ours.filter(wp_post_id=item.wp_id).first()
        if found is None and guid:
            # Imported before from an export that listed the post without its ID.
            found = ours.filter(wp_post_id=None, wp_guid=guid).order_by("pk").first()
        return found

    def _import_post(self, item: WxrItem) -> Article:
        converted = convert_body(escape_cdata_markers(item.content), galleries=True)
        converted.html = place_galleries(
            converted.html, converted.galleries, lambda gallery: self._gallery(gallery, item)
        )
        self.report.unknown_shortcodes.update(converted.unknown_shortcodes)
        self._embeds.update(converted.embeds)
        for note in converted.notes:
            if not note.startswith("Removed shortcodes"):
                self.report.notes[note] += 1
        article = self._find_article(item)
        if article is not None and article.pk in self._imported:
            self._skip(item, "posts listed twice in the export (same post ID or GUID)")
            return article
        new = article is None
        values, exported = self._article_values(item, converted, article)
        relations = {
            "authors": [self._author_for(item.creator)],
            "tags": sorted(tag.pk for tag in self._tags_for(item)),
        }
        if new:
            article = Article(wp_site=self.site)
        state, written, conflicts = self._merge(article, new, values, exported, relations)
        self._save_post(article, item, new, state, {n: values[n] for n in written if n in values})
        if "authors" in written:
            ArticleAuthor.objects.filter(article=article).delete()
            ArticleAuthor.objects.create(
                article=article, author_id=relations["authors"][0], position=0
            )
        if "tags" in written:
            article.tags.set(Tag.objects.filter(pk__in=relations["tags"]))
        outcome = "created" if new else "updated" if written else "unchanged"
        if self.images.set_featured(article, item, outcome) and outcome == "unchanged":
            outcome = "updated"
        if conflicts:
            self.report.conflict(article, item, conflicts)
        self._imported.add(article.pk)
        self.report.count("article", outcome)
        self.report.article_statuses[self._status_label(article)] += 1
        self._point(redirects.post_paths(item, self.report.site), article)
        import_comments(article, item.comments, self.report)
        return article

    def _gallery(self, gallery: Gallery, item: WxrItem) -> str:
        """Our gallery block of the pictures imported for a WordPress gallery, in its order;
        pictures that cannot be imported are reported and left out, and so is a gallery
        left without any."""
        label = item_label(item)
        pictures = gallery.pictures
        if gallery.attached:
            attached = self.images.attached_to(item.wp_id, gallery.exclude)
            pictures = [GalleryPicture(number) for number in attached]
        numbers = []
        for picture in pictures:
            if picture.attachment is None:
                where = picture.address or "a gallery's picture without an address"
                self.report.missing_images[where] = f"not an attachment of the export; {label}"
                continue
            number = self.images.gallery_picture(picture.attachment, label, picture.caption)
            if number is not None:
                numbers.append(number)
        if not numbers:
            self.report.notes[
                f"A gallery whose pictures are all missing was left out of {label}"
            ] += 1
            return ""
        shown = " ".join(str(number) for number in dict.fromkeys(numbers))
        return f'<figure class="gallery" data-pictures="{shown}"></figure>'

    def _merge(self, article: Article, new: bool, values: dict, exported: dict, relations: dict):
        """The fields to write, those in conflict, and the import state to keep for next time."""
        current = {} if new else self._current_relations(article)
        state, written, conflicts = dict(article.wp_import_state), [], []
        for name, to_write in {**values, **relations}.items():
            here = None if new else current.get(name, getattr(article, name, None))
            decision = merge_field(
                state.get(name), exported.get(name, to_write), to_write, here, new=new
            )
            state[name] = list(decision.state)
            if decision.write:
                written.append(name)
            if decision.conflict:
                conflicts.append(name)
        return state, written, conflicts

    @staticmethod
    def _save_post(article: Article, item: WxrItem, new: bool, state: dict, changes: dict):
        for name, value in changes.items():
            setattr(article, name, value)
        bookkeeping = {
            "wp_post_id": item.wp_id if item.wp_id is not None else article.wp_post_id,
            "wp_guid": item_guid(item),
            "wp_import_state": state,
        }
        moved = {n: v for n, v in bookkeeping.items() if getattr(article, n) != v}
        for name, value in moved.items():
            setattr(article, name, value)
        if new or changes:
            article.save()
        elif moved:
            # Bookkeeping only: no revision and no new "updated" time for readers.
            Article.objects.filter(pk=article.pk).update(**moved)

    def _article_values(self, item: WxrItem, converted, article: Article | None):
        """What the import writes, and where it differs, the export's own value."""
        status, published_at = self._status(item)
        base = self._slug_base(item)
        values = {
            "headline": self._headline(item, converted.html),
            "slug": self._slug(base, article),
            "section_id": self._section_for_item(item).pk,
            "dateline": (converted.dateline or "")[:100],
            "body": clean_body(converted.html),
            "excerpt": plain_text(item.excerpt),
            "status": status,
            "published_at": published_at,
            "comments_open": item.comment_status != "closed",
        }
        if published_at is None and article is not None and status == Article.Status.PUBLISHED:
            del values["published_at"]  # published "now" on first import: keep that time
        # A slug made unique here (-2) is still the export's slug.
        return values, {"slug": base}

    @staticmethod
    def _current_relations(article: Article) -> dict:
        authors = ArticleAuthor.objects.filter(article=article).order_by("position", "pk")
        return {
            "authors": list(authors.values_list("author_id", flat=True)),
            "tags": sorted(article.tags.values_list("pk", flat=True)),
        }

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
        return first_words[:255] or "Untitled post"

    @staticmethod
    def _slug_base(item: WxrItem) -> str:
        base = clean_slug(item.name) or clean_slug(slugify(plain_text(item.title), True))
        return base or (f"post-{item.wp_id}" if item.wp_id is not None else "post")

    @staticmethod
    def _slug(base: str, article: Article | None) -> str:
        if article is not None and re.fullmatch(rf"{re.escape(base)}(-\d+)?", article.slug):
            return article.slug
        others = Article.objects.exclude(pk=article.pk) if article else Article.objects.all()
        return unique_value(base, lambda s: others.filter(slug=s).exists(), 255)

    def _tags_for(self, item: WxrItem) -> list[Tag]:
        tags = {}
        for domain, nicename, label in item.categories:
            if domain == "post_tag":
                tag = self._import_tag(nicename, label)
                if tag is not None:
                    tags[tag.pk] = tag
        return list(tags.values())

    def _attach_pending_thumbnails(self) -> None:
        for article_id, attachment_id, label, outcome in self.images.pending:
            article = Article.objects.filter(pk=article_id).first()
            if article is None:
                continue
            changed = self._guarded(label, self.images.use, article, attachment_id, label)
            if changed and outcome == "unchanged":
                self.report.count("article", "updated")
                self.report.counts["article", "unchanged"] -= 1

    # --- old links -------------------------------------------------------------------------

    def _site_redirects(self) -> None:
        for nicename, section in self._sections.items():
            if nicename:
                self._point(redirects.category_paths(nicename, self._categories), section)

    def _point(self, old_paths: list[str], target) -> None:
        new, elsewhere = redirects.point(old_paths, target)
        self.report.redirects += new
        if elsewhere:
            self.report.notes[
                "Old addresses that already led to another page were left as they were"
            ] += elsewhere
