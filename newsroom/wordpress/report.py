"""What an import tells the person running it: a progress line while it runs, a summary after."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import BinaryIO

from django.urls import reverse

from newsroom.wordpress.parser import WxrItem, WxrSite
from newsroom.wordpress.text import plain_text

# How the conflicts list names a story's fields, as the editors' form does.
FIELD_LABELS = {
    "section_id": "section",
    "published_at": "publication time",
    "comments_open": "comments open",
    "authors": "byline",
}


@dataclass
class ImportReport:
    """What an import did, for the summary printed at the end."""

    site: WxrSite | None = None
    source: str = ""  # the site the records are kept under (identity.site_key)
    dry_run: bool = False
    counts: Counter[tuple[str, str]] = field(default_factory=Counter)
    article_statuses: Counter[str] = field(default_factory=Counter)
    comment_statuses: Counter[str] = field(default_factory=Counter)
    skipped: Counter[str] = field(default_factory=Counter)
    unknown_shortcodes: Counter[str] = field(default_factory=Counter)
    missing_images: dict[str, str] = field(default_factory=dict)
    notes: Counter[str] = field(default_factory=Counter)
    errors: list[str] = field(default_factory=list)
    # Stories edited here whose export changed the same fields: (story, admin path, fields).
    conflicts: list[tuple[str, str, list[str]]] = field(default_factory=list)
    redirects: int = 0

    KINDS = (("author", "Authors"), ("section", "Sections"), ("tag", "Tags"))
    MISSING_LISTED = 50

    def count(self, kind: str, outcome: str) -> None:
        self.counts[kind, outcome] += 1

    def conflict(self, article, item: WxrItem, names: list[str]) -> None:
        """Note a story whose fields were changed both here and in the export."""
        labels = [FIELD_LABELS.get(name, name) for name in names]
        admin = reverse("admin:articles_article_change", args=[article.pk])
        self.conflicts.append((item_label(item), admin, labels))

    def total(self, outcome: str) -> int:
        return sum(n for (_, result), n in self.counts.items() if result == outcome)

    def lines(self) -> list[str]:
        """The summary, one fact a line."""
        source = f", from {self.source}" if self.source else ""
        title = (
            f"“{self.site.title}” (WXR {self.site.wxr_version}{source})" if self.site else "export"
        )
        dry_run = ": dry run, nothing saved" if self.dry_run else ""
        lines = [f"WordPress import of {title}{dry_run}"]
        for kind, label in (*self.KINDS, ("article", "Articles")):
            lines.append(f"{label}: {self._outcomes(kind)}")
        if self.article_statuses:
            statuses = ", ".join(f"{n} {s}" for s, n in sorted(self.article_statuses.items()))
            lines.append(f"Articles by status: {statuses}")
        for kind, label in (("page", "Pages"), ("menu", "Menus"), ("menu item", "Menu links")):
            lines.append(f"{label}: {self._outcomes(kind)}")
        lines.append(f"Comments: {self._outcomes('comment')}")
        if self.comment_statuses:
            statuses = ", ".join(f"{n} {s}" for s, n in sorted(self.comment_statuses.items()))
            lines.append(f"Comments by status: {statuses}")
        lines.append(f"Pictures (featured and in galleries): {self._outcomes('image')}")
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
        if self.conflicts:
            lines.append(
                f"Conflicts: {len(self.conflicts)} stories edited here that the export changed "
                "too; the edits made here were kept, check them against the export:"
            )
            lines += [
                f"  {story} {admin}: {', '.join(names)}" for story, admin, names in self.conflicts
            ]
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
    number = f"#{item.wp_id}" if item.wp_id is not None else "without an ID"
    return f"post {number}{title} (line {item.line})"


class CountingReader:
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
