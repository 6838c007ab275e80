"""Streaming reader for WordPress eXtended RSS (WXR) export files."""

from __future__ import annotations

import contextlib
import os
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import BinaryIO
from urllib.parse import unquote

from lxml import etree

SUPPORTED_VERSIONS = ("1.0", "1.1", "1.2")

CONTENT_NS = "http://purl.org/rss/1.0/modules/content/"
DC_NS = "http://purl.org/dc/elements/1.1/"
_WP_NS_RE = re.compile(r"^https?://wordpress\.org/export/([^/]+)/$")
_EXCERPT_NS_RE = re.compile(r"^https?://wordpress\.org/export/[^/]+/excerpt/$")
_LXML_POSITION_RE = re.compile(r", line \d+, column \d+$")
_ZERO_DATE = "0000-00-00 00:00:00"
_CHUNK_BYTES = 64 * 1024
# Invalid namespace URIs are only warnings in libxml2, but lxml reports them when the parse ends.
_NAMESPACE_WARNINGS = {etree.ErrorTypes.WAR_NS_URI, etree.ErrorTypes.WAR_NS_URI_RELATIVE}

Source = str | os.PathLike | BinaryIO


class WxrError(Exception):
    """A WXR file that cannot be read; str() is one line naming the line number or item."""


@dataclass(frozen=True)
class WxrSite:
    """Channel-level information about the exported site."""

    title: str
    link: str
    language: str
    wxr_version: str
    base_site_url: str
    base_blog_url: str


@dataclass(frozen=True)
class WxrAuthor:
    """A <wp:author> entry."""

    login: str
    email: str
    display_name: str
    first_name: str
    last_name: str
    wp_id: int | None


@dataclass(frozen=True)
class WxrCategory:
    """A <wp:category> entry; slugs are percent-decoded."""

    nicename: str
    name: str
    parent_nicename: str
    description: str
    term_id: int | None = None


@dataclass(frozen=True)
class WxrTag:
    """A <wp:tag> entry; the slug is percent-decoded."""

    slug: str
    name: str


@dataclass(frozen=True)
class WxrTerm:
    """A <wp:term> entry of another taxonomy (nav_menu, post_format, custom ones)."""

    taxonomy: str
    slug: str
    name: str
    parent_slug: str
    description: str


@dataclass
class WxrComment:
    """A <wp:comment> inside an item."""

    wp_id: int | None
    author: str
    author_email: str
    author_url: str
    author_ip: str
    date: datetime | None
    date_gmt: datetime | None
    content: str
    approved: str
    type: str
    parent_id: int
    user_id: int
    meta: dict[str, str] = field(default_factory=dict)


@dataclass
class WxrItem:
    """An <item>: a post, page, attachment, menu item or any other post type."""

    wp_id: int | None
    post_type: str
    title: str
    link: str
    guid: str
    creator: str
    pub_date_gmt: datetime | None
    post_date: datetime | None
    status: str
    name: str
    parent_id: int
    menu_order: int
    password: str
    is_sticky: bool
    comment_status: str
    content: str
    excerpt: str
    categories: list[tuple[str, str, str]]
    postmeta: dict[str, str]
    attachment_url: str
    comments: list[WxrComment]
    line: int


WxrRecord = WxrSite | WxrAuthor | WxrCategory | WxrTag | WxrTerm | WxrItem


def iter_wxr(source: Source) -> Iterator[WxrRecord]:
    """Yield a WxrSite, then authors, terms and items as they are streamed from a WXR file."""
    with _open_binary(source) as raw:
        yield from _WxrReader(_CdataRepairingReader(raw)).records()


def read_channel_info(source: Source) -> WxrSite:
    """Return the site information at the head of a WXR file."""
    records = iter_wxr(source)
    try:
        return next(records)
    finally:
        records.close()


def _open_binary(source: Source) -> contextlib.AbstractContextManager[BinaryIO]:
    """Open a path for binary reading, or pass an already open binary file through."""
    if isinstance(source, (str, os.PathLike)):
        return open(source, "rb")
    return contextlib.nullcontext(source)


class _CdataRepairingReader:
    """Binary reader that escapes stray ']]>' inside CDATA the way WordPress' own parser reads it.

    Some exports contain CDATA sections with an unescaped ']]>' in the middle, which is not
    well-formed XML. WordPress treats such a ']]>' as text when another ']]>' follows before the
    next closing tag; we rewrite it to the standard ']]]]><![CDATA[>' split so libxml2 accepts it.
    """

    _CHUNK_SIZE = 64 * 1024
    _OPEN = b"<![CDATA["
    _CLOSE = b"]]>"
    _ESCAPED_CLOSE = b"]]]]><![CDATA[>"

    def __init__(self, raw: BinaryIO):
        self._raw = raw
        self._pending = b""
        self._out = bytearray()
        self._in_cdata = False
        self.eof = False
        self.last_line = 1

    def read(self, size: int = -1) -> bytes:
        """Return up to size repaired bytes (all remaining when size is negative)."""
        while not self.eof and (size < 0 or len(self._out) < size):
            self._fill()
        if size < 0:
            size = len(self._out)
        data = bytes(self._out[:size])
        del self._out[:size]
        return data

    def _fill(self) -> None:
        chunk = self._raw.read(self._CHUNK_SIZE)
        if not chunk:
            self.eof = True
        self.last_line += chunk.count(b"\n")
        self._pending += chunk
        self._repair()

    def _repair(self) -> None:
        buf, pos = self._pending, 0
        while True:
            if not self._in_cdata:
                start = buf.find(self._OPEN, pos)
                if start < 0:
                    pos = self._emit_until_tail(buf, pos, len(self._OPEN) - 1)
                    break
                pos = self._emit(buf, pos, start + len(self._OPEN))
                self._in_cdata = True
                continue
            end = buf.find(self._CLOSE, pos)
            if end < 0:
                pos = self._emit_until_tail(buf, pos, len(self._CLOSE) - 1)
                break
            closes = self._closes_cdata(buf, end + len(self._CLOSE))
            if closes is None:
                pos = self._emit(buf, pos, end)
                break
            if closes:
                pos = self._emit(buf, pos, end + len(self._CLOSE))
                self._in_cdata = False
            else:
                self._emit(buf, pos, end)
                self._out += self._ESCAPED_CLOSE
                pos = end + len(self._CLOSE)
        self._pending = buf[pos:]

    def _emit(self, buf: bytes, start: int, end: int) -> int:
        self._out += buf[start:end]
        return end

    def _emit_until_tail(self, buf: bytes, pos: int, keep: int) -> int:
        """Emit all but the last `keep` bytes, which may hold the start of a split marker."""
        end = len(buf) if self.eof else max(pos, len(buf) - keep)
        return self._emit(buf, pos, end)

    def _closes_cdata(self, buf: bytes, after: int) -> bool | None:
        """Whether the ']]>' ending just before `after` closes the CDATA; None if undecided yet."""
        next_lt = buf.find(b"<", after)
        if next_lt < 0:
            return True if self.eof else None
        if not buf[after:next_lt].strip():
            return True
        next_close = buf.find(self._CLOSE, after)
        next_tag_end = buf.find(b"</", after)
        if next_close >= 0 and (next_tag_end < 0 or next_close < next_tag_end):
            return False
        if next_tag_end >= 0 or self.eof:
            return True
        return None


class _WxrReader:
    """Turns the event stream of one WXR document into records."""

    def __init__(self, stream: _CdataRepairingReader):
        self._stream = stream
        self._wp = ""
        self._excerpt_namespaces: set[str] = set()
        self._depth = 0
        self._root_seen = False
        self._root_closed = False
        self._item: etree._Element | None = None
        self._site_fields: dict[str, str] = {}
        self._site_sent = False

    def records(self) -> Iterator[WxrRecord]:
        """Yield records, turning parser errors into WxrError after the records read so far."""
        # A pull parser fed in small chunks, because lxml 6.2's iterparse raises a syntax
        # error before handing over the events that came before it in the same read.
        parser = etree.XMLPullParser(
            events=("start", "end"),
            remove_comments=True,
            remove_pis=True,
            no_network=True,
        )
        try:
            while chunk := self._stream.read(_CHUNK_BYTES):
                try:
                    parser.feed(chunk)
                finally:
                    # What was read before an error in this chunk still counts.
                    yield from self._on_events(parser.read_events())
            # Not drained on error: closing makes up end events for elements left open.
            parser.close()
            yield from self._on_events(parser.read_events())
        except etree.XMLSyntaxError as error:
            if not (self._root_closed and error.code in _NAMESPACE_WARNINGS):
                raise self._syntax_error(error) from error
        yield from self._site_once()

    def _on_events(self, events) -> Iterator[WxrRecord]:
        for event, elem in events:
            if event == "start":
                self._on_start(elem)
            else:
                yield from self._on_end(elem)

    def _on_start(self, elem: etree._Element) -> None:
        self._depth += 1
        self._root_seen = True
        if self._depth == 2 and not self._wp:
            self._detect_namespaces(elem)
        if self._depth == 3 and elem.tag == "item":
            self._item = elem

    def _on_end(self, elem: etree._Element) -> Iterator[WxrRecord]:
        self._depth -= 1
        if self._depth == 0:
            self._root_closed = True
            if not self._wp:
                raise WxrError("Not a WordPress export (no WXR namespace found)")
        if self._depth != 2:
            return
        record = self._channel_child(elem)
        if record is not None:
            yield from self._site_once()
            yield record
        self._item = None
        self._release(elem)

    def _detect_namespaces(self, elem: etree._Element) -> None:
        """Pick the document's WordPress namespace, preferring the one bound to the wp prefix."""
        nsmap = elem.nsmap
        candidates = [nsmap["wp"]] if _WP_NS_RE.match(nsmap.get("wp") or "") else []
        candidates += sorted(uri for uri in nsmap.values() if _WP_NS_RE.match(uri or ""))
        if not candidates:
            raise WxrError("Not a WordPress export (no WXR namespace found)")
        self._wp = f"{{{candidates[0]}}}"
        self._excerpt_namespaces = {
            f"{{{uri}}}" for uri in nsmap.values() if _EXCERPT_NS_RE.match(uri or "")
        }
        version = _WP_NS_RE.match(candidates[0]).group(1)
        self._check_version(version, elem.sourceline)
        self._site_fields["wxr_version"] = version

    def _check_version(self, version: str, line: int | None) -> None:
        if version not in SUPPORTED_VERSIONS:
            raise WxrError(
                f"Unsupported WXR version {version!r} at line {line} "
                f"(supported: {', '.join(SUPPORTED_VERSIONS)})"
            )

    def _channel_child(self, elem: etree._Element) -> WxrRecord | None:
        """Return the record for a direct child of <channel>, remembering site fields."""
        wp, tag = self._wp, elem.tag
        if tag == "item":
            return _ItemBuilder(wp, self._excerpt_namespaces).build(elem)
        if tag == wp + "author":
            return _author(wp, elem)
        if tag == wp + "category":
            return _category(wp, elem)
        if tag == wp + "tag":
            return _tag(wp, elem)
        if tag == wp + "term":
            return _term(wp, elem)
        if tag == wp + "wxr_version":
            self._check_version(_stripped(elem), elem.sourceline)
        site_field = _SITE_FIELDS.get(tag.replace(wp, "wp:", 1) if isinstance(tag, str) else "")
        if site_field:
            self._site_fields[site_field] = _stripped(elem)
        return None

    def _site_once(self) -> Iterator[WxrSite]:
        if self._site_sent or not self._wp:
            return
        self._site_sent = True
        yield WxrSite(**{name: self._site_fields.get(name, "") for name in _SITE_FIELD_NAMES})

    @staticmethod
    def _release(elem: etree._Element) -> None:
        """Free a processed channel child and its already processed siblings."""
        # Memory note: only the open <item> and the shrinking <channel> shell stay in the tree,
        # so memory stays flat with file size; keep it that way when adding record types.
        elem.clear(keep_tail=False)
        parent = elem.getparent()
        while elem.getprevious() is not None:
            del parent[0]

    def _syntax_error(self, error: etree.XMLSyntaxError) -> WxrError:
        line = error.lineno or 1
        if self._root_seen and self._stream.eof and line >= self._stream.last_line:
            return WxrError(f"Truncated file: ended inside {self._open_element_label()}")
        message = _LXML_POSITION_RE.sub("", error.msg or str(error))
        where = f" in {self._open_element_label()}" if self._item is not None else ""
        return WxrError(f"Malformed XML at line {line}{where}: {message}")

    def _open_element_label(self) -> str:
        if self._item is None:
            return "<channel>"
        title = (self._item.findtext("title") or "").strip()
        post_id = self._item.findtext(self._wp + "post_id")
        label = repr(title) if title else f"#{post_id.strip()}" if post_id else "(untitled)"
        return f"<item> {label} (line {self._item.sourceline})"


_SITE_FIELDS = {
    "title": "title",
    "link": "link",
    "language": "language",
    "wp:wxr_version": "wxr_version",
    "wp:base_site_url": "base_site_url",
    "wp:base_blog_url": "base_blog_url",
}
_SITE_FIELD_NAMES = tuple(WxrSite.__dataclass_fields__)


def _text(elem: etree._Element | None) -> str:
    """Exact text of an element (CDATA already unwrapped by the parser)."""
    return "" if elem is None else elem.text or ""


def _stripped(elem: etree._Element | None) -> str:
    return _text(elem).strip()


def _to_int(text: str, default: int | None) -> int | None:
    try:
        return int(text.strip())
    except ValueError:
        return default


def _local_datetime(text: str) -> datetime | None:
    """Parse a WordPress 'Y-m-d H:i:s' date; None for empty, zero or unreadable dates."""
    text = text.strip()
    if not text or text == _ZERO_DATE:
        return None
    try:
        return datetime.strptime(text, "%Y-%m-%d %H:%M:%S")
    except ValueError:
        return None


def _gmt_datetime(text: str) -> datetime | None:
    local = _local_datetime(text)
    return local.replace(tzinfo=UTC) if local else None


def _first_children(elem: etree._Element, ns: str) -> dict[str, etree._Element]:
    """Map local names to the first child in namespace ns (a later duplicate does not override)."""
    children: dict[str, etree._Element] = {}
    for child in elem:
        if isinstance(child.tag, str) and child.tag.startswith(ns):
            children.setdefault(child.tag[len(ns) :], child)
    return children


def _author(wp: str, elem: etree._Element) -> WxrAuthor:
    f = _first_children(elem, wp)
    return WxrAuthor(
        login=_stripped(f.get("author_login")),
        email=_stripped(f.get("author_email")),
        display_name=_stripped(f.get("author_display_name")),
        first_name=_stripped(f.get("author_first_name")),
        last_name=_stripped(f.get("author_last_name")),
        wp_id=_to_int(_text(f.get("author_id")), None),
    )


def _category(wp: str, elem: etree._Element) -> WxrCategory:
    f = _first_children(elem, wp)
    return WxrCategory(
        nicename=unquote(_stripped(f.get("category_nicename"))),
        name=_stripped(f.get("cat_name")),
        parent_nicename=unquote(_stripped(f.get("category_parent"))),
        description=_text(f.get("category_description")),
        term_id=_to_int(_text(f.get("term_id")), None),
    )


def _tag(wp: str, elem: etree._Element) -> WxrTag:
    f = _first_children(elem, wp)
    return WxrTag(slug=unquote(_stripped(f.get("tag_slug"))), name=_stripped(f.get("tag_name")))


def _term(wp: str, elem: etree._Element) -> WxrTerm:
    f = _first_children(elem, wp)
    return WxrTerm(
        taxonomy=_stripped(f.get("term_taxonomy")),
        slug=unquote(_stripped(f.get("term_slug"))),
        name=_stripped(f.get("term_name")),
        parent_slug=unquote(_stripped(f.get("term_parent"))),
        description=_text(f.get("term_description")),
    )


class _ItemBuilder:
    """Builds a WxrItem from a complete <item> element."""

    def __init__(self, wp: str, excerpt_namespaces: set[str]):
        self._wp = wp
        self._excerpt_namespaces = excerpt_namespaces

    def build(self, item: etree._Element) -> WxrItem:
        """Return the WxrItem for an <item> element."""
        wp = _first_children(item, self._wp)
        plain = _first_children(item, "")
        return WxrItem(
            wp_id=_to_int(_text(wp.get("post_id")), None),
            post_type=_stripped(wp.get("post_type")),
            title=_stripped(plain.get("title")),
            link=_stripped(plain.get("link")),
            guid=_stripped(plain.get("guid")),
            creator=_stripped(item.find(f"{{{DC_NS}}}creator")),
            pub_date_gmt=_gmt_datetime(_text(wp.get("post_date_gmt"))),
            post_date=_local_datetime(_text(wp.get("post_date"))),
            status=_stripped(wp.get("status")),
            name=unquote(_stripped(wp.get("post_name"))),
            parent_id=_to_int(_text(wp.get("post_parent")), 0),
            menu_order=_to_int(_text(wp.get("menu_order")), 0),
            password=_text(wp.get("post_password")),
            is_sticky=_stripped(wp.get("is_sticky")) == "1",
            comment_status=_stripped(wp.get("comment_status")),
            content=_text(item.find(f"{{{CONTENT_NS}}}encoded")),
            excerpt=self._excerpt(item),
            categories=self._categories(item),
            postmeta=self._meta(item, "postmeta"),
            attachment_url=_stripped(wp.get("attachment_url")),
            comments=[self._comment(c) for c in item.iterchildren(self._wp + "comment")],
            line=item.sourceline,
        )

    def _excerpt(self, item: etree._Element) -> str:
        for ns in self._excerpt_namespaces:
            found = item.find(ns + "encoded")
            if found is not None:
                return _text(found)
        return ""

    @staticmethod
    def _categories(item: etree._Element) -> list[tuple[str, str, str]]:
        """(domain, nicename, label) triples; WXR 1.0's bare duplicates without nicename skipped."""
        terms = []
        for category in item.iterchildren("category"):
            domain, nicename = category.get("domain"), category.get("nicename")
            if domain is None or nicename is None:
                continue
            domain = "post_tag" if domain == "tag" else domain
            terms.append((domain, unquote(nicename), _stripped(category)))
        return terms

    def _meta(self, elem: etree._Element, tag: str) -> dict[str, str]:
        """Map meta keys to values; a repeated key keeps its last value."""
        meta = {}
        for entry in elem.iterchildren(self._wp + tag):
            f = _first_children(entry, self._wp)
            if "meta_key" in f:
                meta[_stripped(f["meta_key"])] = _text(f.get("meta_value"))
        return meta

    def _comment(self, elem: etree._Element) -> WxrComment:
        f = _first_children(elem, self._wp)
        return WxrComment(
            wp_id=_to_int(_text(f.get("comment_id")), None),
            author=_stripped(f.get("comment_author")),
            author_email=_stripped(f.get("comment_author_email")),
            author_url=_stripped(f.get("comment_author_url")),
            author_ip=_stripped(f.get("comment_author_IP")),
            date=_local_datetime(_text(f.get("comment_date"))),
            date_gmt=_gmt_datetime(_text(f.get("comment_date_gmt"))),
            content=_text(f.get("comment_content")),
            approved=_stripped(f.get("comment_approved")),
            type=_stripped(f.get("comment_type")),
            parent_id=_to_int(_text(f.get("comment_parent")), 0),
            user_id=_to_int(_text(f.get("comment_user_id")), 0),
            meta=self._meta(elem, "commentmeta"),
        )
