"""The allow-list for article bodies: what the article page can show, and nothing that runs."""

import re

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


def clean_body(html):
    """Return the body with every tag, attribute and URL outside the allow-list removed."""
    cleaned = nh3.clean(
        html or "",
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
