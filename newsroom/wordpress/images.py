"""Pictures: a post's `_thumbnail_id` (its featured image) and its galleries name attachments,
whose files are under --media-dir."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlsplit

from django.core.exceptions import ValidationError
from django.core.files import File

from articles.images import validate_image_file
from articles.models import Article, Image
from newsroom.wordpress.parser import WxrItem
from newsroom.wordpress.report import ImportReport, item_label
from newsroom.wordpress.text import plain_text


@dataclass
class _Attachment:
    url: str
    path: str
    title: str
    alt: str
    caption: str
    credit: str = ""
    parent: int = 0
    order: tuple[int, int] = (0, 0)


# What WordPress shows in a [gallery] of a post's own attachments: its pictures, not its PDFs.
_PICTURE_FILE = re.compile(r"\.(?:jpe?g|png|gif|webp|avif)$", re.IGNORECASE)
# The IPTC credit WordPress read from the file, in its PHP-serialised metadata.
_SERIALISED_CREDIT = re.compile(r's:6:"credit";s:(\d+):"')


def _credit(postmeta: dict[str, str]) -> str:
    """The photographer's credit: the Media Credit plugin's, or the one read from the file."""
    credit = plain_text(postmeta.get("_media_credit", ""))
    if credit:
        return credit
    metadata = postmeta.get("_wp_attachment_metadata", "")
    found = _SERIALISED_CREDIT.search(metadata)
    if found is None:
        return ""
    # PHP counts the string's length in bytes.
    value = metadata[found.end() :].encode()[: int(found[1])]
    return plain_text(value.decode(errors="ignore"))


class FeaturedImages:
    """The export's attachments, and the pictures imported from them once, as posts' featured
    images and in their galleries."""

    def __init__(self, report: ImportReport, media_dir: str | Path | None, dry_run: bool):
        self.report = report
        self.media_dir = Path(media_dir).resolve() if media_dir else None
        self.dry_run = dry_run
        self.site = ""  # the export's site_key(): attachment numbers are a site's own
        self._attachments: dict[int, _Attachment] = {}
        # (article ID, attachment ID, label, outcome) of posts whose attachment comes later.
        self.pending: list[tuple[int, int, str, str]] = []

    def remember(self, item: WxrItem) -> None:
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
            credit=_credit(item.postmeta),
            parent=item.parent_id,
            order=(item.menu_order, item.wp_id),
        )

    def attached_to(self, post_id: int | None, exclude: set[int]) -> list[int]:
        """The pictures attached to a post, in WordPress's gallery order (menu order, then
        number): what a `[gallery]` naming none shows."""
        found = [
            (attachment.order, number)
            for number, attachment in self._attachments.items()
            if post_id is not None
            and attachment.parent == post_id
            and number not in exclude
            and _PICTURE_FILE.search(attachment.path)
        ]
        return [number for _, number in sorted(found)]

    def gallery_picture(self, attachment_id: int, label: str, caption: str = "") -> int | None:
        """Our picture's number for a gallery's attachment (imported once; None, reported,
        when it cannot be). In a dry run, where nothing is saved, the attachment's own."""
        image = self._image(attachment_id, label, caption)
        if image is not None:
            return image.pk
        attachment = self._attachments.get(attachment_id)
        if self.dry_run and attachment and self._media_file(attachment.path):
            return attachment_id
        return None

    def set_featured(self, article: Article, item: WxrItem, outcome: str) -> bool:
        thumbnail = item.postmeta.get("_thumbnail_id", "").strip()
        if not (thumbnail.isascii() and thumbnail.isdigit()):
            return False
        if int(thumbnail) not in self._attachments:
            # Attachments may come after the posts that use them.
            self.pending.append((article.pk, int(thumbnail), item_label(item), outcome))
            return False
        return self.use(article, int(thumbnail), item_label(item))

    def use(self, article: Article, attachment_id: int, label: str) -> bool:
        image = self._image(attachment_id, label)
        if image is None or article.featured_image_id == image.pk:
            return False
        chosen = article.featured_image
        if chosen is not None and (chosen.wp_attachment_id is None or chosen.wp_site != self.site):
            # A picture an editor chose here stays; the export only replaces its own.
            self.report.notes["Featured pictures chosen here were kept"] += 1
            return False
        article.featured_image = image
        article.save()
        return True

    def _image(self, attachment_id: int, label: str, caption: str = "") -> Image | None:
        """The imported picture for an attachment, importing it from --media-dir once;
        `caption`, the one a post gave it, when the attachment has none of its own."""
        existing = Image.objects.filter(wp_site=self.site, wp_attachment_id=attachment_id).first()
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
                caption=(attachment.caption or plain_text(caption))[:300],
                credit=attachment.credit[:120],
                wp_attachment_id=attachment_id,
                wp_site=self.site,
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
