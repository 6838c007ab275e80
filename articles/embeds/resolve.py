"""Asking about a link once, when the story is saved: a provider on the allow-list through
oEmbed (micawber's client, fetching through our guard), any other page through its OpenGraph
tags. What is learnt is kept as an Embed, its picture as our own file."""

import hashlib
from html.parser import HTMLParser
from io import BytesIO
from urllib.parse import urljoin, urlsplit

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.utils import timezone
from django.utils.html import format_html
from micawber import Provider as OEmbedClient
from micawber.exceptions import InvalidResponseException
from PIL import Image as PILImage
from PIL import ImageOps

from articles.embeds.body import standalone_links, stories_with
from articles.embeds.fetch import FetchError, fetch
from articles.embeds.providers import Refused, provider_for
from articles.images import ALLOWED_FORMATS, QUALITY, modern_formats
from articles.models import Article, Embed

OEMBED_MAX_BYTES = 256 * 1024
PAGE_MAX_BYTES = 1024 * 1024
PICTURE_MAX_BYTES = 5 * 1024 * 1024
PICTURE_MAX_PIXELS = 40_000_000
# Our copy of a provider's picture: wide enough for the story column on a sharp screen.
PICTURE_WIDTH = 1280
# The reader's page gets copies this wide in AVIF and WebP: the JPEG weighed three times as
# much, and its bytes, fetched while the page was still painting, slowed it on phones.
SCREEN_WIDTHS = (480, 960)
# The players we frame may run their own scripts and open the provider's site in a new tab,
# never navigate the reader's page.
SANDBOX = "allow-scripts allow-same-origin allow-popups allow-popups-to-escape-sandbox " + (
    "allow-presentation"
)


class EmbedError(Exception):
    """Why a link stays a plain link, in words for the editor."""


class GuardedClient(OEmbedClient):
    """micawber's oEmbed client, its requests made through our guarded fetch."""

    def fetch(self, url):
        return fetch(url, accept="application/json", max_bytes=OEMBED_MAX_BYTES).text()


def resolve(url):
    """The Embed for `url`, asked for now and kept (a new row, or the old one refreshed)."""
    provider = provider_for(url)
    try:
        found = from_provider(provider, url) if provider else from_page(url)
    except (FetchError, Refused) as error:
        raise EmbedError(str(error)) from error
    picture = copy_picture(found.pop("thumbnail_url", ""), base=url)
    embed = Embed.objects.filter(url=url).first() or Embed(url=url)
    for name, value in found.items():
        setattr(embed, name, value)
    embed.fetched_at = timezone.now()
    if embed.thumbnail:
        embed.thumbnail.delete(save=False)
    for copy in embed.thumbnail_copies:
        default_storage.delete(copy["name"])
    embed.thumbnail_width = embed.thumbnail_height = 0
    embed.thumbnail_copies = []
    if picture is not None:
        content, (embed.thumbnail_width, embed.thumbnail_height) = picture
        name = f"{hashlib.sha256(url.encode()).hexdigest()[:20]}.jpg"
        embed.thumbnail.save(name, content, save=False)
        embed.thumbnail_copies = screen_copies(content, embed.thumbnail.name)
    embed.save()
    # Search finds the stories showing it by its title too (articles.search's trigger).
    stories_with(url, Article.objects.all()).update(search_vector=None)
    return embed


def screen_copies(content, name):
    """Copies of our JPEG for the reader's page, SCREEN_WIDTHS wide (never wider than it), in
    each modern format, saved beside it: [{"format", "width", "name"}]."""
    content.seek(0)
    with PILImage.open(content) as picture:
        picture.load()
    widths = sorted({min(width, picture.width) for width in SCREEN_WIDTHS})
    stem = name.rsplit(".", 1)[0]
    copies = []
    for image_format in modern_formats():
        extension = image_format.lower()
        for width in widths:
            height = max(1, round(picture.height * width / picture.width))
            out = BytesIO()
            picture.resize((width, height), PILImage.LANCZOS).save(
                out, image_format, **QUALITY[image_format]
            )
            saved = default_storage.save(
                f"{stem}-{width}w.{extension}", ContentFile(out.getvalue())
            )
            copies.append({"format": extension, "width": width, "name": saved})
    return copies


def from_provider(provider, url):
    endpoint = provider.endpoint_for(url)
    answer = {}
    if endpoint:
        try:
            answer = GuardedClient(endpoint).request(url, maxwidth=PICTURE_WIDTH)
        except InvalidResponseException as error:
            raise Refused(f"{provider.label} did not answer with an embed we can read") from error
    src = provider.frame(url, answer)
    width, height = size(answer, provider.size)
    title = text(answer.get("title"), 300)
    if title == url:
        title = ""  # micawber's stand-in for an answer without a title
    return {
        "kind": provider.kind,
        "provider": provider.name,
        "provider_name": provider.label,
        "title": title,
        "description": "",
        "author_name": text(answer.get("author_name"), 200),
        "frame_url": src,
        "html": format_html(
            '<iframe src="{}" title="{}" width="{}" height="{}" allow="{}" allowfullscreen '
            'sandbox="{}" referrerpolicy="strict-origin-when-cross-origin"></iframe>',
            src,
            title or f"{provider.label} player",
            width,
            height,
            provider.allow,
            SANDBOX,
        ),
        "width": width,
        "height": height,
        "thumbnail_url": text(answer.get("thumbnail_url"), 2000),
    }


def from_page(url):
    """A link card from the page's OpenGraph tags (or its <title> and description)."""
    answer = fetch(url, accept="text/html,application/xhtml+xml", max_bytes=PAGE_MAX_BYTES)
    if answer.content_type not in ("text/html", "application/xhtml+xml"):
        raise Refused("the address is not a web page")
    tags = _Head()
    tags.feed(answer.text())
    title = tags.meta.get("og:title") or tags.meta.get("twitter:title") or tags.title
    if not title.strip():
        raise Refused("the page has no title to show")
    description = (
        tags.meta.get("og:description")
        or tags.meta.get("twitter:description")
        or tags.meta.get("description", "")
    )
    return {
        "kind": Embed.Kind.CARD,
        "provider": "",
        "provider_name": text(tags.meta.get("og:site_name"), 100) or host_of(answer.url),
        "title": text(title, 300),
        "description": text(description, 500),
        "author_name": "",
        "frame_url": "",
        "html": "",
        "width": 0,
        "height": 0,
        "thumbnail_url": urljoin(answer.url, tags.meta.get("og:image", "")),
    }


class _Head(HTMLParser):
    """A page's <title> and <meta property|name=... content=...> tags."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.meta, self.title, self._in_title = {}, "", False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "meta":
            name = (attrs.get("property") or attrs.get("name") or "").lower()
            if name and attrs.get("content"):
                self.meta.setdefault(name, attrs["content"])
        self._in_title = tag == "title"

    def handle_endtag(self, tag):
        self._in_title = False

    def handle_data(self, data):
        if self._in_title:
            self.title += data


def size(answer, default):
    """The player's width and height from the answer, when they are numbers of a sane shape."""
    try:
        width, height = int(answer.get("width")), int(answer.get("height"))
    except (TypeError, ValueError):
        return default
    if width <= 0 or height <= 0 or not 1 / 4 <= width / height <= 4:
        return default
    return width, height


def text(value, length):
    return " ".join(str(value or "").split())[:length]


def host_of(url):
    return (urlsplit(url).hostname or "").removeprefix("www.")


def copy_picture(address, base):
    """(file, (width, height)) of our JPEG copy of a provider's picture, or None."""
    if not address or urlsplit(urljoin(base, address)).scheme not in ("http", "https"):
        return None
    try:
        answer = fetch(urljoin(base, address), accept="image/*", max_bytes=PICTURE_MAX_BYTES)
        with PILImage.open(BytesIO(answer.body)) as picture:
            if picture.format not in ALLOWED_FORMATS:
                return None
            if picture.width * picture.height > PICTURE_MAX_PIXELS:
                return None
            picture.draft("RGB", (PICTURE_WIDTH, PICTURE_WIDTH))
            copy = ImageOps.exif_transpose(picture).convert("RGB")
        copy.thumbnail((PICTURE_WIDTH, PICTURE_WIDTH))
        out = BytesIO()
        copy.save(out, "JPEG", quality=82, optimize=True)
    except (FetchError, OSError, ValueError, SyntaxError, PILImage.DecompressionBombError):
        # A missing or broken picture leaves the embed without one, not the story without it.
        return None
    return ContentFile(out.getvalue()), copy.size


def resolve_links(urls, refresh=False):
    """{url: why} for each of `urls` that could not be embedded; the others are kept."""
    known = (
        set() if refresh else set(Embed.objects.filter(url__in=urls).values_list("url", flat=True))
    )
    problems = {}
    for url in dict.fromkeys(urls):
        if url in known or len(url) > 2000:
            continue
        try:
            resolve(url)
        except EmbedError as error:
            problems[url] = str(error)
    return problems


def describe_problems(problems):
    """One sentence per link that stays a plain link, for the editor's messages."""
    return [
        f"“{url}” could not be embedded: {why}. It stays a plain link in the story; "
        "save again later to try once more."
        for url, why in problems.items()
    ]


def fetch_for_stories(stories, refresh=False):
    """(links, {url: why}): the links alone on their line in `stories`, fetched where not kept
    yet (every one with refresh); each embed saved makes the stories showing it fresh."""
    urls = list(
        dict.fromkeys(
            url
            for body in stories.values_list("body", flat=True).iterator()
            for url in standalone_links(body)
        )
    )
    return urls, resolve_links(urls, refresh=refresh)
