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
BODY_ATTRIBUTES = {
    "a": {"href", "title"},
    "img": {"src", "alt", "width", "height", "title"},
    "td": {"colspan", "rowspan"},
    "th": {"colspan", "rowspan", "scope"},
    "ol": {"start", "reversed"},
    "blockquote": {"cite"},
}
URL_SCHEMES = {"http", "https", "mailto", "tel"}
# nh3 drops a src outside URL_SCHEMES (a word processor's file:///C:/...) but keeps the <img>,
# which readers would see as a broken picture. nh3's output is normalised: attributes quoted.
_IMAGE_WITHOUT_SOURCE = re.compile(r'<img(?![^>]*\ssrc=")[^>]*>')


# Elements whose content the HTML parser reads as plain text up to their closing tag: left open,
# they would swallow the rest of the story (nh3 drops a <script>'s or <style>'s content whole).
RAW_TEXT_ELEMENTS = ("script", "style", "textarea", "title", "xmp", "iframe", "noembed",
                     "noframes", "noscript", "plaintext")  # fmt: skip


def close_unclosed(html):
    """Close each raw-text element left open right after its tag, so the text after it stays."""
    for name in RAW_TEXT_ELEMENTS:
        opening = re.compile(rf"<{name}\b[^>]*>", re.IGNORECASE)
        closing = re.compile(rf"</{name}\s*>", re.IGNORECASE)
        position = 0
        while match := opening.search(html, position):
            end = closing.search(html, match.end())
            if end is None:
                html = f"{html[: match.end()]}</{name}>{html[match.end() :]}"
                end = closing.search(html, match.end())
            position = end.end()
    return html


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
    for name in RAW_TEXT_ELEMENTS:
        if len(re.findall(rf"<{name}\b", html or "", re.IGNORECASE)) > len(
            re.findall(rf"</{name}\s*>", html or "", re.IGNORECASE)
        ):
            notes.append(f"an unclosed <{name}> tag (the text after it is kept)")
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
        close_unclosed(html or ""),
        tags=BODY_TAGS,
        attributes=BODY_ATTRIBUTES,
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
