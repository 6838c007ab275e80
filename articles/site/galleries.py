"""Galleries in a story's body: several library pictures shown as one block.

The story editor's Gallery button (static/js/prose-gallery.js) stores a gallery as an empty
`<figure class="gallery" data-pictures="12 15 18">`: the pictures by number, in order. Pages,
feeds and the API show it as the pictures themselves, read from the library when shown, so a
caption, credit, subject or alt text changed there shows everywhere at once (reading them tags
the page with each picture, see newsroom.caching).
"""

import re
from urllib.parse import urljoin

from django.template.loader import render_to_string

from articles.models import Image

# nh3 writes a cleaned body with quoted attributes, the class before the numbers as the editor
# does; a gallery holding anything is left as the figure it is.
GALLERY = re.compile(r'<figure class="gallery" data-pictures="([^"]*)"(?: [^>]*)?>\s*</figure>')
TEMPLATES = {"page": "articles/_gallery.html", "feed": "articles/_gallery_feed.html"}


def picture_numbers(value):
    return [int(number) for number in value.split() if number.isdigit()]


def has_gallery(body):
    return bool(GALLERY.search(body or ""))


def expand_galleries(body, kind="page"):
    """The cleaned body with each gallery shown as its pictures (TEMPLATES[kind]); pictures
    since removed from the library are left out, and a gallery left empty with them."""
    galleries = GALLERY.findall(body or "")
    if not galleries:
        return body
    wanted = {number for value in galleries for number in picture_numbers(value)}
    pictures = Image.objects.exclude(file="").in_bulk(wanted)

    def gallery(match):
        shown = [pictures[n] for n in picture_numbers(match[1]) if n in pictures]
        if not shown:
            return ""
        return render_to_string(TEMPLATES[kind], {"pictures": shown}).strip()

    return GALLERY.sub(gallery, body)


def gallery_pictures(body):
    """The pictures of a body's galleries, in order, each once."""
    numbers = list(
        dict.fromkeys(n for value in GALLERY.findall(body or "") for n in picture_numbers(value))
    )
    pictures = Image.objects.exclude(file="").in_bulk(numbers)
    return [pictures[n] for n in numbers if n in pictures]


_RELATIVE_SOURCE = re.compile(r'(<img\b[^>]*?\ssrc=")(/(?!/)[^"]*)"')


def with_absolute_sources(html, base):
    """Pictures' addresses made absolute, for readers of the body away from the site (feed
    readers, partners)."""
    return _RELATIVE_SOURCE.sub(lambda match: f'{match[1]}{urljoin(base, match[2])}"', html or "")
