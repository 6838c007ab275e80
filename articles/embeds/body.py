"""Links alone on their line: a paragraph holding nothing but an address, typed or linked
(the editor links a pasted address to itself)."""

import html
import re

from django.db.models import Q

# Bodies are nh3's output: attributes double-quoted, & written &amp;.
STANDALONE = re.compile(
    r'<p>\s*(?:<a href="(?P<href>https?://[^"]+)"[^>]*>\s*(?P<text>[^<]*?)\s*</a>'
    r"|(?P<bare>https?://[^\s<]+))\s*</p>"
)


def _url(match):
    if match["bare"]:
        return html.unescape(match["bare"])
    href, text = html.unescape(match["href"]), html.unescape(match["text"])
    return href if text.rstrip("/") == href.rstrip("/") else None


def standalone_links(body):
    """The addresses alone on their line in `body`, in order, each once."""
    found = (_url(match) for match in STANDALONE.finditer(body or ""))
    return list(dict.fromkeys(url for url in found if url))


def replace_links(body, replacement):
    """`body` with each link alone on its line replaced by replacement(url) (None: left)."""

    def replace(match):
        url = _url(match)
        made = replacement(url) if url else None
        return match[0] if made is None else made

    return STANDALONE.sub(replace, body or "")


def stories_with(url, stories):
    """Those of `stories` whose body holds the link (as written in HTML, or bare)."""
    written = html.escape(url, quote=True)
    return stories.filter(Q(body__contains=written) | Q(body__contains=url))
