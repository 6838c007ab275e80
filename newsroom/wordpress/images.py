"""Featured images: a post's `_thumbnail_id` names an attachment, its file is under --media-dir."""

from __future__ import annotations

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


class FeaturedImages:
    """The export's attachments, and the pictures imported from them once for featured images."""

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
        )

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

    def _image(self, attachment_id: int, label: str) -> Image | None:
        """The imported picture for an attachment, importing it from --media-dir once."""
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
                caption=attachment.caption[:300],
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
