"""Conversion of WordPress post bodies to Newsroom HTML."""

from __future__ import annotations

import html
import json
import re
from collections import Counter
from dataclasses import dataclass, field

_BLOCK_TAGS = (
    r"(?:table|thead|tfoot|caption|col|colgroup|tbody|tr|td|th|div|dl|dd|dt|ul|ol|li|pre"
    r"|form|map|area|blockquote|address|math|style|p|h[1-6]|hr|fieldset|legend|section"
    r"|article|aside|hgroup|header|footer|nav|figure|figcaption|details|menu|summary)"
)
_BLOCK_OPEN = re.compile(rf"(<{_BLOCK_TAGS}[\s/>])", re.IGNORECASE)
_BLOCK_CLOSE = re.compile(rf"(</{_BLOCK_TAGS}>)", re.IGNORECASE)
_BLOCK_TAG = rf"</?{_BLOCK_TAGS}(?:\s[^>]*)?/?>"
_FIGURE_PLACEHOLDER = re.compile(r"<figure wxr-figure-(\d+)></figure>")
_PRE = re.compile(r"<pre[\s>].*?</pre>", re.IGNORECASE | re.DOTALL)

_BLOCK_COMMENT = re.compile(r"<!--\s*/?wp:.*?-->", re.DOTALL)
# An embed block (wp:embed, or core-embed/youtube and the like before WordPress 5.6): its
# address, which becomes a link alone on its line, an embed (articles.embeds).
_EMBED_BLOCK = re.compile(
    r"<!--\s*wp:(?:core-)?embed(?:/[\w-]+)?\s+(\{.*?\})\s*/?-->"
    r"(?:.*?<!--\s*/wp:(?:core-)?embed(?:/[\w-]+)?\s*-->)?",
    re.DOTALL,
)
# A gallery block, holding its pictures (<img> with data-id="12" or class="wp-image-12", each
# followed by its figcaption) and, in its comment, their attachment numbers.
_GALLERY_BLOCK = re.compile(
    r"<!--\s*wp:gallery(?:\s+(\{.*?\}))?\s*(?:/-->|-->(.*?)<!--\s*/wp:gallery\s*-->)", re.DOTALL
)
_IMG = re.compile(r"<img\b[^>]*>", re.IGNORECASE)
_IMG_NUMBER = re.compile(r"""\bdata-id=["']?(\d+)|\bwp-image-(\d+)\b""")
_IMG_SRC = re.compile(r"""\bsrc=["']([^"']*)""")
_FIGCAPTION = re.compile(r"<figcaption\b[^>]*>(.*?)</figcaption>", re.IGNORECASE | re.DOTALL)
_GALLERY_PLACEHOLDER = re.compile(r"<figure wxr-gallery-(\d+)></figure>(\n*)")
# WordPress.com's [youtube=https://...] form, which is not a shortcode with attributes.
_YOUTUBE_EQUALS = re.compile(r"\[youtube=([^\]\s]+)\]")
# An address alone on its line, in a classic post: WordPress embeds it.
_OWN_LINE_URL = re.compile(r"^[ \t]*(https?://[^\s<>\"]+)[ \t]*$", re.MULTILINE)
_MORE = re.compile(r"[ \t]*<!--more(?:\s.*?)?-->", re.DOTALL)
_NEXTPAGE = re.compile(r"<!--(?:nextpage|noteaser)-->")

# WordPress only expands registered shortcodes; these are core's and the commonest plugins'.
_KNOWN_SHORTCODES = {
    "caption", "wp_caption", "gallery", "embed", "audio", "video", "playlist", "wpvideo",
    "youtube", "vimeo", "soundcloud", "tweet", "twitter", "instagram", "googlemaps",
    "contact-form", "contact-field", "contact-form-7", "code", "sourcecode", "latex",
    "polldaddy", "archives", "sitemap",
}  # fmt: skip
_EMBED_SHORTCODES = {
    "embed", "audio", "video", "wpvideo", "youtube", "vimeo", "soundcloud", "tweet", "twitter",
    "instagram",
}  # fmt: skip
_SHORTCODE = re.compile(
    r"""
    \[(?P<escape_open>\[?)
    (?P<name>[A-Za-z][\w-]*)(?=[\s\]/])
    (?P<attrs>[^\]/]*(?:/(?!\])[^\]/]*)*?)
    (?:
        (?P<self_closing>/)\]
      | \](?:(?P<content>(?:(?!\[/(?P=name)\]).)*?)\[/(?P=name)\])?
    )
    (?P<escape_close>\]?)
    """,
    re.VERBOSE | re.DOTALL,
)
_NAMED_ATTR = re.compile(r"""([\w-]+)\s*=\s*(?:"([^"]*)"|'([^']*)'|(\S+))""")
_BARE_URL = re.compile(r"^\s*(https?://[^\s<>\"]+)\s*$")
_CAPTION_MEDIA = re.compile(
    r"^\s*((?:<a\s[^>]*>\s*)?<img\s[^>]*>(?:\s*</a>)?)(.*)$", re.IGNORECASE | re.DOTALL
)

_MONTH = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?"
_WORD = r"[^\W\d_][\w.'’-]*"  # noqa: RUF001
_LEAD = re.compile(r"^\s*(?:<p(?:\s[^>]*)?>)?\s*")
_DATED_DATELINE = re.compile(
    rf"""
    (?P<open><(?:strong|b)>)?
    (?P<dateline>(?P<place>{_WORD}(?:\s{_WORD}){{0,3}}),\s+{_MONTH}(?:\s+\d{{1,2}},?)?\s+\d{{4}})
    (?(open)</(?:strong|b)>)
    \s*:\s*
    """,
    re.VERBOSE,
)
_DASH_DATELINE = re.compile(
    rf"""
    (?P<open><(?:strong|b)>)?
    (?P<dateline>(?P<place>[A-Z][A-Z.'’-]+(?:,?\s{_WORD}){{0,3}}))
    (?(open)</(?:strong|b)>)
    \s+[—–-](?:\s+|(?=<))
    """,  # noqa: RUF001
    re.VERBOSE,
)


@dataclass
class GalleryPicture:
    """One picture of a WordPress gallery: its attachment number (None when the post names
    none), its address on the old site, and the caption the post gave it."""

    attachment: int | None
    address: str = ""
    caption: str = ""


@dataclass
class Gallery:
    """A `[gallery]` shortcode or `wp:gallery` block: its pictures in order, or, for a
    `[gallery]` naming none, the post's own attached pictures but those excluded."""

    pictures: list[GalleryPicture] = field(default_factory=list)
    attached: bool = False
    exclude: set[int] = field(default_factory=set)


@dataclass
class ConvertedBody:
    """A post body converted to Newsroom HTML, with what the conversion found."""

    html: str
    dateline: str | None = None
    unknown_shortcodes: Counter[str] = field(default_factory=Counter)
    # Addresses that became links alone on their line: embeds once fetched.
    embeds: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    # With galleries=True, the html holds a placeholder for each: see place_galleries.
    galleries: list[Gallery] = field(default_factory=list)


def convert_body(raw: str, *, galleries: bool = False) -> ConvertedBody:
    """Convert a WordPress post body (classic or block editor) to Newsroom HTML.

    With `galleries`, each `[gallery]` and `wp:gallery` is kept as a placeholder for
    place_galleries (its pictures are the import's to find); without, the shortcode is
    removed and counted, and the block left as its HTML."""
    result = ConvertedBody(html="")
    is_block_content = bool(_BLOCK_COMMENT.search(raw))
    text = _EMBED_BLOCK.sub(lambda match: _embed_block(match, result), raw)
    if galleries:
        text = _GALLERY_BLOCK.sub(lambda match: _gallery_block(match, result), text)
    text = _BLOCK_COMMENT.sub("", text)
    text = _remove_page_markers(text, result.notes)
    figures: list[str] = []
    text = _YOUTUBE_EQUALS.sub(lambda match: _embed_link(match[1], result), text)
    if not is_block_content:
        text = _OWN_LINE_URL.sub(lambda match: _embed_link(match[1], result), text)
    text = _replace_shortcodes(text, result, figures, galleries)
    if result.unknown_shortcodes:
        names = ", ".join(f"[{n}] x{c}" for n, c in sorted(result.unknown_shortcodes.items()))
        result.notes.append(f"Removed shortcodes: {names}")
    # WordPress never runs wpautop on block-editor posts: their markup already has its <p> tags.
    text = re.sub(r"\n\s*\n+", "\n\n", text).strip() if is_block_content else wpautop(text)
    text = _FIGURE_PLACEHOLDER.sub(lambda m: figures[int(m[1])], text)
    result.html, result.dateline = _extract_dateline(text)
    return result


def _remove_page_markers(text: str, notes: list[str]) -> str:
    if _NEXTPAGE.search(text):
        notes.append("Joined the pages of a multi-page post (<!--nextpage-->)")
    return _NEXTPAGE.sub("", _MORE.sub("", text))


def place_galleries(html_text: str, galleries: list[Gallery], shown) -> str:
    """The converted html with each gallery's placeholder replaced by shown(gallery), and
    taken out with its line where that is empty."""

    def replace(match: re.Match[str]) -> str:
        block = shown(galleries[int(match[1])])
        return block + match[2] if block else ""

    return _GALLERY_PLACEHOLDER.sub(replace, html_text)


def _gallery_placeholder(gallery: Gallery, result: ConvertedBody) -> str:
    result.galleries.append(gallery)
    return f"<figure wxr-gallery-{len(result.galleries) - 1}></figure>"


def _numbers(value) -> list[int]:
    """Attachment numbers from "12,34, 56" or a block's ["12", 34]."""
    parts = value if isinstance(value, list) else str(value or "").split(",")
    return [int(part) for part in map(str, parts) if part.strip().isdigit()]


def _gallery_shortcode(attrs: str, result: ConvertedBody) -> str:
    named = _attributes(attrs)
    numbers = _numbers(named.get("ids") or named.get("include"))
    gallery = Gallery(
        pictures=[GalleryPicture(number) for number in numbers],
        attached=not numbers,
        exclude=set(_numbers(named.get("exclude"))),
    )
    return _gallery_placeholder(gallery, result)


def _gallery_block(match: re.Match[str], result: ConvertedBody) -> str:
    """A gallery block's pictures, from its HTML (with the captions written in the post), or
    from the numbers in its comment when its HTML has none."""
    try:
        settings = json.loads(match[1] or "{}")
    except ValueError:
        settings = {}
    inner = match[2] or ""
    found = list(_IMG.finditer(inner))
    pictures = []
    for index, img in enumerate(found):
        after = inner[img.end() : found[index + 1].start() if index + 1 < len(found) else None]
        number = _IMG_NUMBER.search(img[0])
        source = _IMG_SRC.search(img[0])
        caption = _FIGCAPTION.search(after)
        pictures.append(
            GalleryPicture(
                int(number[1] or number[2]) if number else None,
                html.unescape(source[1]) if source else "",
                caption[1] if caption else "",
            )
        )
    if not pictures and isinstance(settings, dict):
        pictures = [GalleryPicture(number) for number in _numbers(settings.get("ids"))]
    return _gallery_placeholder(Gallery(pictures=pictures), result) + "\n\n"


def _replace_shortcodes(
    text: str, result: ConvertedBody, figures: list[str], galleries: bool = False
) -> str:
    """Convert captions to figure placeholders and strip other shortcodes, counting them."""

    def replace(match: re.Match[str]) -> str:
        if match["escape_open"] and match["escape_close"]:
            return match[0][1:-1]
        name, attrs, content = match["name"], match["attrs"], match["content"]
        if not _looks_like_shortcode(name, attrs, content, match["self_closing"]):
            # Leave prose such as "[sic]" alone but still look inside it for shortcodes.
            return match[0][0] + _SHORTCODE.sub(replace, match[0][1:])
        inner = _SHORTCODE.sub(replace, content) if content else ""
        prefix, suffix = match["escape_open"], match["escape_close"]
        if name.lower() in ("caption", "wp_caption"):
            # A placeholder keeps wpautop from splitting the figure into paragraphs.
            figures.append(_caption_to_figure(attrs, inner))
            return f"{prefix}<figure wxr-figure-{len(figures) - 1}></figure>{suffix}"
        if galleries and name.lower() == "gallery":
            return prefix + _gallery_shortcode(attrs, result) + suffix
        if name.lower() in _EMBED_SHORTCODES:
            url = _embed_url(attrs, inner)
            if url:
                return prefix + _embed_link(url, result) + suffix
            result.unknown_shortcodes[name] += 1
            return prefix + suffix
        result.unknown_shortcodes[name] += 1
        return prefix + inner + suffix

    return _SHORTCODE.sub(replace, text)


def _embed_link(url: str, result: ConvertedBody) -> str:
    """A link to `url` standing alone on its line (wpautop keeps it in a paragraph of its own)."""
    url = html.unescape(url)
    result.embeds.append(url)
    written = html.escape(url)
    return f'\n\n<a href="{written}">{written}</a>\n\n'


def _embed_block(match: re.Match[str], result: ConvertedBody) -> str:
    try:
        url = json.loads(match[1]).get("url", "")
    except (ValueError, AttributeError):
        url = ""
    if not _BARE_URL.match(url or ""):
        return ""
    return f"<p>{_embed_link(url, result).strip()}</p>\n\n"


def _looks_like_shortcode(name: str, attrs: str, content: str | None, self_closing) -> bool:
    """Tell a shortcode from bracketed prose: a known name, key=value attributes, a closing tag."""
    return (
        name.lower() in _KNOWN_SHORTCODES
        or content is not None
        or bool(self_closing)
        or bool(re.match(r"\s+[\w-]+\s*=", attrs))
    )


def _attributes(attrs: str) -> dict[str, str]:
    return {
        m[1].lower(): next(v for v in m.groups()[1:] if v is not None)
        for m in _NAMED_ATTR.finditer(attrs)
    }


def _embed_url(attrs: str, content: str) -> str | None:
    """The URL an embed-like shortcode points at: bare content, a positional or src attribute."""
    candidates = [content, attrs.strip().split(" ")[0] if attrs.strip() else ""]
    named = _attributes(attrs)
    candidates += [named.get(key, "") for key in ("src", "url", "mp3", "mp4", "m4a", "ogg")]
    for candidate in candidates:
        found = _BARE_URL.match(candidate or "")
        if found:
            return found[1]
    return None


def _caption_to_figure(attrs: str, content: str) -> str:
    """Turn a [caption] body (an image, maybe linked, then text) into a figure."""
    found = _CAPTION_MEDIA.match(content)
    media, text = (found[1], found[2]) if found else (content, "")
    caption = _attributes(attrs).get("caption") or text.strip()
    figcaption = f"<figcaption>{caption}</figcaption>" if caption else ""
    return f"<figure>{media.strip()}{figcaption}</figure>"


def wpautop(text: str) -> str:
    """Wrap double-newline separated text in <p> and single newlines in <br>, as WordPress does."""
    if not text.strip():
        return ""
    pre_blocks: list[str] = []

    def stash_pre(match: re.Match[str]) -> str:
        pre_blocks.append(match[0])
        return f"<pre wp-pre-tag-{len(pre_blocks) - 1}></pre>"

    text = _PRE.sub(stash_pre, text.replace("\r\n", "\n").replace("\r", "\n") + "\n")
    text = re.sub(r"<br\s*/?>", "<br>", text, flags=re.IGNORECASE)
    text = re.sub(r"<br>\s*<br>", "\n\n", text)
    text = _BLOCK_CLOSE.sub(r"\1\n\n", _BLOCK_OPEN.sub(r"\n\n\1", text))
    text = re.sub(r"(<hr\s*/?>)", "\\1\n\n", text, flags=re.IGNORECASE)
    paragraphs = [p.strip("\n") for p in re.split(r"\n\s*\n", text) if p.strip()]
    text = "".join(f"<p>{p}</p>\n" for p in paragraphs)
    text = _unwrap_blocks(text)
    text = re.sub(r"(?<!<br>)\s*\n", "<br>\n", text)
    text = re.sub(rf"({_BLOCK_TAG})\s*<br>", r"\1", text, flags=re.IGNORECASE)
    text = re.sub(
        r"<br>(\s*</?(?:p|li|div|dl|dd|dt|th|pre|td|ul|ol)[\s>])", r"\1", text, flags=re.IGNORECASE
    )
    text = re.sub(r"\n</p>$", "</p>", text)
    return re.sub(r"<pre wp-pre-tag-(\d+)></pre>", lambda m: pre_blocks[int(m[1])], text).strip()


def _unwrap_blocks(text: str) -> str:
    """Undo <p> wrapping around block-level elements, as wpautop's clean-up passes do."""
    flags = re.IGNORECASE
    text = re.sub(r"<p>\s*</p>", "", text)
    text = re.sub(r"<p>([^<]+)</(div|address|form)>", r"<p>\1</p></\2>", text, flags=flags)
    text = re.sub(rf"<p>\s*({_BLOCK_TAG})\s*</p>", r"\1", text, flags=flags)
    text = re.sub(r"<p>(<li.+?)</p>", r"\1", text, flags=flags)
    text = re.sub(r"<p><blockquote([^>]*)>", r"<blockquote\1><p>", text, flags=flags)
    text = text.replace("</blockquote></p>", "</p></blockquote>")
    text = re.sub(rf"<p>\s*({_BLOCK_TAG})", r"\1", text, flags=flags)
    return re.sub(rf"({_BLOCK_TAG})\s*</p>", r"\1", text, flags=flags)


def _extract_dateline(body: str) -> tuple[str, str | None]:
    """Find a dateline at the very start of the first paragraph and cut it from the body."""
    lead = _LEAD.match(body)
    start = lead.end()
    for pattern in (_DATED_DATELINE, _DASH_DATELINE):
        found = pattern.match(body, start)
        if found and _is_place(found["place"]):
            rest = body[:start] + body[found.end() :]
            return re.sub(r"^(\s*<p(?:\s[^>]*)?>)\s*</p>\s*", "", rest), found["dateline"]
    return body, None


def _is_place(place: str) -> bool:
    """A place name: every word capitalised (lower-case words mean it is a sentence)."""
    return all(word[0].isupper() for word in re.split(r"[\s,]+", place) if word)
