"""The allow-list for article bodies: what the article page can show, and nothing that runs."""

import re
from collections import Counter
from html.parser import HTMLParser

import nh3

BODY_TAGS = {
    "a", "abbr", "b", "blockquote", "br", "caption", "cite", "code", "em", "figcaption",
    "figure", "h2", "h3", "h4", "hr", "i", "img", "li", "ol", "p", "pre", "s", "small",
    "strong", "sub", "sup", "table", "tbody", "td", "tfoot", "th", "thead", "tr", "u", "ul",
}  # fmt: skip
# Everything the story editor can write is here too (articles/desk/forms.py's BODY_EXTENSIONS,
# tested): what the editor inserts is never "removed from the story". Its picture is
# <figure class="figure"><img data-file="..."> (the file lets the editor's dialog reopen it),
# its numbered list may carry type="a", and a link rel. Its gallery is
# <figure class="gallery" data-pictures="12 15 18">, the library's pictures by number, shown as
# those pictures where the story is read (articles/site/galleries.py).
BODY_ATTRIBUTES = {
    "a": {"href", "title", "rel"},
    "img": {"src", "alt", "width", "height", "title", "data-file"},
    "td": {"colspan", "rowspan"},
    "th": {"colspan", "rowspan", "scope"},
    "ol": {"start", "reversed", "type", "data-type"},
    "blockquote": {"cite"},
    "figure": {"data-pictures"},
}
# Class names the editor sets; any other class is taken out (and noted).
BODY_CLASSES = {"figure": {"figure", "gallery"}}
URL_SCHEMES = {"http", "https", "mailto", "tel"}
# nh3 drops a src outside URL_SCHEMES (a word processor's file:///C:/...) but keeps the <img>,
# which readers would see as a broken picture. nh3's output is normalised: attributes quoted.
_IMAGE_WITHOUT_SOURCE = re.compile(r'<img(?![^>]*\ssrc=")[^>]*>')


# Elements whose content the HTML parser reads as plain text up to their closing tag: left open,
# they would swallow the rest of the story (nh3 drops a <script>'s or <style>'s content whole).
RAW_TEXT_ELEMENTS = ("script", "style", "textarea", "title", "xmp", "iframe", "noembed",
                     "noframes", "noscript", "plaintext")  # fmt: skip


_MARKUP = re.compile(r"<[a-zA-Z!/]")


def _close_raw_text(html):
    """(html, Counter of closed element names): each raw-text element left open, or holding
    markup (the story's own paragraphs up to some later closing tag), is closed right after
    its opening tag, so what follows is read, and cleaned, as part of the story."""
    closed = Counter()
    for name in RAW_TEXT_ELEMENTS:
        opening = re.compile(rf"<{name}\b[^>]*>", re.IGNORECASE)
        closing = re.compile(rf"</{name}\s*>", re.IGNORECASE)
        position = 0
        while match := opening.search(html, position):
            end = closing.search(html, match.end())
            if end is None or _MARKUP.search(html, match.end(), end.start()):
                html = f"{html[: match.end()]}</{name}>{html[match.end() :]}"
                closed[name] += 1
                position = match.end() + len(name) + 3
            else:
                position = end.end()
    return html, closed


_CODE_BLOCK = re.compile(r"<(script|style)\b[^>]*>.*?</\1\s*>", re.IGNORECASE | re.DOTALL)
_TAG = re.compile(r"</?([a-zA-Z][\w:-]*)\b[^>]*>")


def prepare_body(html):
    """The body made safe to hand to the cleaner without losing text.

    The cleaner (nh3) drops whole subtrees in places: the content of <script> and <style>,
    everything inside SVG and MathML elements, story paragraphs a stray <table> or <set>
    pulled in. So, first: raw-text elements that would swallow the story are closed, code
    blocks are taken out, and every other tag outside the allow-list is unwrapped, keeping its
    text. nh3 then only sees allowed tags, and still has the last word on attributes and URLs.
    """
    html = _close_raw_text(html)[0]
    html = _CODE_BLOCK.sub("", html)
    return _TAG.sub(lambda tag: tag[0] if tag[1].lower() in BODY_TAGS else "", html)


class _Inventory(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tags, self.attributes, self.addresses = Counter(), Counter(), Counter()

    def handle_starttag(self, tag, attrs):
        self.tags[tag] += 1
        if tag not in BODY_TAGS:
            return  # the element goes, and its attributes with it: one note is enough
        for name, value in attrs:
            scheme = (value or "").split("/")[0].partition(":")
            if name in ("href", "src") and scheme[1]:
                self.addresses[scheme[0].strip().lower()] += 1
            else:
                self.attributes[name] += 1


def _inventory(html):
    parser = _Inventory()
    parser.feed(html or "")
    parser.close()
    return parser


def removed_parts(html):
    """What clean_body takes out of html, in words an editor can act on ([] when nothing)."""
    before, after = _inventory(html), _inventory(clean_body(html))
    notes = []
    for name, count in _close_raw_text(html or "")[1].items():
        notes.append(
            f"{'an' if count == 1 else count} unclosed <{name}> tag{'s' if count > 1 else ''} "
            "(the text after it is kept)"
        )
    for tag, count in sorted((before.tags - after.tags).items()):
        if tag in BODY_TAGS:
            continue
        what = "code" if tag in ("script", "style") else "element"
        notes.append(f"{count} <{tag}> {what}{'s' if count > 1 else ''}")
    for name, count in sorted((before.attributes - after.attributes).items()):
        notes.append(f"{count} “{name}” attribute{'s' if count > 1 else ''}")
    for scheme, count in sorted((before.addresses - after.addresses).items()):
        notes.append(f"{count} link{'s' if count > 1 else ''} to a {scheme}: address")
    return notes


def clean_body(html):
    """Return the body with every tag, attribute and URL outside the allow-list removed."""
    cleaned = nh3.clean(
        prepare_body(html or ""),
        tags=BODY_TAGS,
        attributes=BODY_ATTRIBUTES,
        allowed_classes=BODY_CLASSES,
        url_schemes=URL_SCHEMES,
        link_rel=None,
        clean_content_tags={"script", "style"},
        # Pictures inside a story sit below the fold: the browser fetches them when needed.
        # One attribute only: nh3 adds several in no fixed order, and the stored body must be
        # stable so that saving an unchanged story is not taken for a revision.
        set_tag_attribute_values={"img": {"loading": "lazy"}},
        strip_comments=True,
    )
    return _IMAGE_WITHOUT_SOURCE.sub("", cleaned).strip()
