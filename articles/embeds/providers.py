"""The providers whose players a story may carry (NEWSROOM_EMBED_PROVIDERS names those on).

Each provider says which links are its own, where its oEmbed endpoint is, and how its player
is framed. What a provider answers is never put in a page as it comes: the player is rebuilt
as one <iframe> of ours whose address is on the provider's own frame host (`frame`), so
scripts, event handlers and frames of other sites in an answer never reach readers. An answer
whose player is elsewhere is refused.
"""

import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import parse_qs, urlencode, urlsplit

from django.conf import settings


class Refused(Exception):
    """The provider's answer cannot be shown safely; the message is for the editor."""


class _Frames(HTMLParser):
    """The src of every <iframe> in an answer, and its data-* attributes (the posts' ids)."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.frames, self.data = [], {}

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "iframe":
            self.frames.append(attrs.get("src") or "")
        for name, value in attrs.items():
            if name.startswith("data-") and value:
                self.data.setdefault(name, value)


def frames_in(html):
    parser = _Frames()
    parser.feed(html or "")
    parser.close()
    return parser


def only_frame(answer, hosts):
    """The one player frame in an oEmbed answer, if it is on one of the provider's hosts."""
    frames = frames_in(answer.get("html")).frames
    if not frames:
        raise Refused("the provider's answer has no player in it")
    for src in frames:
        parts = urlsplit(src)
        if parts.scheme != "https" or parts.hostname not in hosts:
            raise Refused(
                "the provider's answer holds a player from another site "
                f"({parts.hostname or src[:60]}), which we do not show"
            )
    return frames[0]


@dataclass(frozen=True)
class Provider:
    name: str
    label: str
    kind: str
    patterns: tuple
    # oEmbed endpoint ({host}: the link's own host, for Mastodon's servers); None: no oEmbed.
    endpoint: str | None
    # Hosts the player frame may come from; None: the link's own host (Mastodon).
    frame_hosts: frozenset | None
    # How wide and high the player is when the provider does not say.
    size: tuple = (16, 9)
    allow: str = "fullscreen; picture-in-picture; encrypted-media"
    build: object = field(default=None, compare=False)

    def matches(self, url):
        return any(re.fullmatch(pattern, url) for pattern in self.patterns)

    def endpoint_for(self, url):
        return self.endpoint and self.endpoint.format(host=urlsplit(url).netloc)

    def hosts_for(self, url):
        return self.frame_hosts or frozenset({urlsplit(url).hostname})

    def frame(self, url, answer):
        """The player's address for this link and answer, on one of the provider's hosts."""
        src = self.build(url, answer) if self.build else only_frame(answer, self.hosts_for(url))
        parts = urlsplit(src)
        if parts.scheme != "https" or parts.hostname not in self.hosts_for(url):
            raise Refused("the player is not on the provider's own site")
        return src


def _youtube(url, answer):
    src = only_frame(answer, {"www.youtube.com", "www.youtube-nocookie.com"})
    video = urlsplit(src).path.rsplit("/", 1)[-1]
    if not re.fullmatch(r"[\w-]{6,20}", video):
        raise Refused("the provider's answer names no video")
    # The privacy-enhanced player sets no cookie until the reader plays the video.
    return f"https://www.youtube-nocookie.com/embed/{video}?autoplay=1"


def _autoplay(hosts):
    def build(url, answer):
        src = only_frame(answer, hosts)
        return f"{src}{'&' if '?' in src else '?'}autoplay=1"

    return build


def _post_id(pattern):
    def find(url):
        match = re.search(pattern, url)
        if match is None:
            raise Refused("the link names no post")
        return match.group(1)

    return find


def _x(url, answer):
    return f"https://platform.twitter.com/embed/Tweet.html?{urlencode({'id': _x_id(url)})}"


_x_id = _post_id(r"/status(?:es)?/(\d+)")


def _bluesky(url, answer):
    uri = frames_in(answer.get("html")).data.get("data-bluesky-uri", "")
    match = re.fullmatch(r"at://(did:[a-z]+:[\w.:-]+)/app\.bsky\.feed\.post/([\w]+)", uri)
    if match is None:
        raise Refused("the provider's answer names no post")
    return f"https://embed.bsky.app/embed/{match[1]}/app.bsky.feed.post/{match[2]}"


def _instagram(url, answer):
    kind, code = re.search(r"/(p|reel|tv)/([\w-]+)", url).groups()
    return f"https://www.instagram.com/{kind}/{code}/embed/"


def _tiktok(url, answer):
    video = frames_in(answer.get("html")).data.get("data-video-id") or _tiktok_id(url)
    if not video.isdigit():
        raise Refused("the provider's answer names no video")
    return f"https://www.tiktok.com/embed/v2/{video}"


_tiktok_id = _post_id(r"/video/(\d+)")


def _openstreetmap(url, answer):
    """A map around the link's place: #map=zoom/lat/lon, or ?mlat=&mlon= (a marker)."""
    parts = urlsplit(url)
    query = parse_qs(parts.query)
    match = re.search(r"map=(\d+)/(-?[\d.]+)/(-?[\d.]+)", parts.fragment)
    try:
        if match:
            zoom, lat, lon = int(match[1]), float(match[2]), float(match[3])
        else:
            zoom, lat, lon = 15, float(query["mlat"][0]), float(query["mlon"][0])
    except (KeyError, ValueError) as error:
        raise Refused("the map link names no place") from error
    span = 360 / 2 ** min(max(zoom, 1), 19)
    bbox = f"{lon - span:.5f},{lat - span / 2:.5f},{lon + span:.5f},{lat + span / 2:.5f}"
    marker = f"&marker={lat:.5f},{lon:.5f}" if "mlat" in query else ""
    return f"https://www.openstreetmap.org/export/embed.html?bbox={bbox}&layer=mapnik{marker}"


PROVIDERS = (
    Provider(
        "youtube", "YouTube", "video",
        (r"https?://(?:www\.|m\.)?youtube\.com/(?:watch\?\S+|shorts/\S+|live/\S+)",
         r"https?://youtu\.be/\S+"),
        "https://www.youtube.com/oembed", frozenset({"www.youtube-nocookie.com"}),
        build=_youtube,
    ),
    Provider(
        "vimeo", "Vimeo", "video", (r"https?://(?:www\.)?vimeo\.com/\d+\S*",),
        "https://vimeo.com/api/oembed.json", frozenset({"player.vimeo.com"}),
        build=_autoplay({"player.vimeo.com"}),
    ),
    Provider(
        "x", "X", "post", (r"https?://(?:www\.)?(?:twitter|x)\.com/\w+/status(?:es)?/\d+\S*",),
        "https://publish.twitter.com/oembed", frozenset({"platform.twitter.com"}), (4, 5),
        build=_x,
    ),
    Provider(
        "bluesky", "Bluesky", "post", (r"https://bsky\.app/profile/[\w.:-]+/post/\w+",),
        "https://embed.bsky.app/oembed", frozenset({"embed.bsky.app"}), (4, 5),
        build=_bluesky,
    ),
    Provider(
        "mastodon", "Mastodon", "post", (r"https://[\w.-]+\.[a-z]{2,}/@\w+(?:@[\w.-]+)?/\d+",),
        "https://{host}/api/oembed", None, (4, 5),
    ),
    Provider(
        # Instagram's oEmbed needs a Facebook app's key: its player is framed from the link.
        "instagram", "Instagram", "post",
        (r"https?://(?:www\.)?instagram\.com/(?:[\w.]+/)?(?:p|reel|tv)/[\w-]+/?\S*",),
        None, frozenset({"www.instagram.com"}), (4, 5), build=_instagram,
    ),
    Provider(
        "tiktok", "TikTok", "video", (r"https?://(?:www\.)?tiktok\.com/@[\w.-]+/video/\d+\S*",),
        "https://www.tiktok.com/oembed", frozenset({"www.tiktok.com"}), (9, 16), build=_tiktok,
    ),
    Provider(
        "soundcloud", "SoundCloud", "audio", (r"https?://(?:www\.|m\.)?soundcloud\.com/\S+",),
        "https://soundcloud.com/oembed", frozenset({"w.soundcloud.com"}), (16, 5),
    ),
    Provider(
        "spotify", "Spotify", "audio", (r"https://open\.spotify\.com/\S+",),
        "https://open.spotify.com/oembed", frozenset({"open.spotify.com"}), (16, 9),
    ),
    Provider(
        "datawrapper", "Datawrapper", "chart",
        (r"https://datawrapper\.dwcdn\.net/\w+/\d*/?", r"https://www\.datawrapper\.de/_/\w+/?"),
        "https://api.datawrapper.de/v3/oembed", frozenset({"datawrapper.dwcdn.net"}), (4, 3),
    ),
    Provider(
        "flourish", "Flourish", "chart",
        (r"https://public\.flourish\.studio/(?:visualisation|story)/\d+/?",),
        "https://app.flourish.studio/api/v1/oembed", frozenset({"flo.uri.sh"}), (4, 3),
    ),
    Provider(
        "openstreetmap", "OpenStreetMap", "map",
        (r"https://(?:www\.)?openstreetmap\.org/\S*(?:#map=|mlat=)\S+",),
        None, frozenset({"www.openstreetmap.org"}), (4, 3), build=_openstreetmap,
    ),
)  # fmt: skip


def enabled():
    """The providers switched on, in the table's order."""
    names = settings.NEWSROOM_EMBED_PROVIDERS
    return [provider for provider in PROVIDERS if provider.name in names]


def provider_for(url):
    """The switched-on provider whose link this is, or None (a link card then)."""
    return next((provider for provider in enabled() if provider.matches(url)), None)


def frame_sources(urls):
    """The frame hosts (as CSP sources) the players of these links may load from."""
    hosts = set()
    for url in urls:
        provider = provider_for(url)
        if provider is not None:
            hosts |= {f"https://{host}" for host in provider.hosts_for(url)}
    return sorted(hosts)
