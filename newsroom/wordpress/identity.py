"""Which imported record an export's post is, and which of its fields a re-import may change.

A post is known by the site it comes from and its post ID; without an ID (hand-edited exports,
some exporters), by its GUID or link. Each story keeps, per field, hashes of the export's value
and of the value saved at the last import (`Article.wp_import_state`), so that a re-import
tells changes in the export from edits made here: see `merge_field`.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import UTC, datetime
from urllib.parse import urlsplit

from newsroom.wordpress.parser import WxrItem, WxrSite

DEFAULT_PORTS = {"http": 80, "https": 443}


def site_key(site: WxrSite | None) -> str:
    """The exported site, as one string: host and path of its address, without the scheme.

    A site that moved to https, or added or dropped "www.", is the same site: its posts
    keep matching.
    """
    if site is None:
        return ""
    address = site.base_blog_url or site.base_site_url or site.link
    parts = urlsplit(address.strip() if "//" in address else f"//{address.strip()}")
    host = (parts.hostname or "").lower().removeprefix("www.")
    if parts.port and parts.port != DEFAULT_PORTS.get(parts.scheme.lower()):
        host = f"{host}:{parts.port}"
    return f"{host}{parts.path.rstrip('/')}"[:300]


def item_guid(item: WxrItem) -> str:
    """The item's GUID, or its link when it has none: what identifies a post without an ID."""
    return (item.guid or item.link).strip()[:500]


def fingerprint(value) -> str:
    """A short, stable hash of a field's value (text, number, date, list of IDs, None)."""
    text = json.dumps(value, default=_plain, sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(text.encode()).hexdigest()[:16]


def _plain(value) -> str:
    # One instant is one hash, in whichever time zone it was read.
    if isinstance(value, datetime):
        return value.astimezone(UTC).isoformat()
    return str(value)


@dataclass(frozen=True)
class Decision:
    """What a re-import does with one field: write the export's value or keep ours."""

    write: bool
    conflict: bool = False
    state: tuple[str, str] | None = None  # (export hash, saved hash) to keep for next time


def merge_field(last: list | None, exported, to_write, current, *, new: bool) -> Decision:
    """Three-way merge of one field, between the last import, the export and our copy.

    `exported` is the export's value as the importer reads it, `to_write` what it would
    save (they differ only where our rules adjust it, such as a slug made unique), `current`
    the value here. The export unchanged since the last import: ours stays, edited or not.
    The export changed and ours did not: the export's is written. Both changed: ours stays
    and it is a conflict, reported once (the new export value is remembered). A story
    imported before these hashes were kept counts as edited here wherever it differs.
    """
    export_hash, write_hash = fingerprint(exported), fingerprint(to_write)
    if new:
        return Decision(write=True, state=(export_hash, write_hash))
    current_hash = fingerprint(current)
    if last is None:
        if current_hash == write_hash:
            return Decision(write=False, state=(export_hash, write_hash))
        return Decision(write=False, conflict=True, state=(export_hash, ""))
    last_export, last_saved = last
    if export_hash == last_export:
        return Decision(write=False, state=(last_export, last_saved))
    if current_hash in (last_saved, write_hash):
        return Decision(write=current_hash != write_hash, state=(export_hash, write_hash))
    return Decision(write=False, conflict=True, state=(export_hash, last_saved))
