"""Provider answers carrying scripts, event handlers, foreign frames or javascript: addresses
are cleaned (the player is rebuilt by us) or refused."""

import pytest
from django.template.loader import render_to_string

from articles.embeds.providers import PROVIDERS, provider_for
from articles.embeds.resolve import EmbedError, resolve
from articles.models import Embed
from tests.embed_servers import YOUTUBE_LINK, youtube_answer

pytestmark = pytest.mark.django_db

YT = "https://www.youtube.com/embed/dQw4w9WgXcQ"
CLEANED = [
    f'<iframe src="{YT}" onload="alert(1)"></iframe><script>alert(2)</script>',
    f'<iframe src="{YT}" srcdoc="<script>alert(1)</script>"></iframe>',
    f'<div onclick="steal()"><iframe src="{YT}"></iframe></div><img src=x onerror=alert(1)>',
    f'<iframe src="{YT}"></iframe><style>body{{display:none}}</style>',
]
REFUSED = [
    '<iframe src="https://evil.example/embed/dQw4w9WgXcQ"></iframe>',
    f'<iframe src="{YT}"></iframe><iframe src="https://evil.example/"></iframe>',
    '<iframe src="javascript:alert(1)"></iframe>',
    '<iframe src="http://www.youtube.com/embed/dQw4w9WgXcQ"></iframe>',
    '<iframe src="https://www.youtube.com.evil.example/embed/x"></iframe>',
    '<iframe src="https://www.youtube.com/embed/../../x%22onload=alert(1)"></iframe>',
    "<script>document.write('<iframe src=https://www.youtube.com/embed/x>')</script>",
    "",
]


@pytest.mark.parametrize("html", CLEANED)
def test_scripts_and_handlers_never_reach_the_stored_player(web, html):
    web.oembed(youtube_answer(web, html=html))
    embed = resolve(YOUTUBE_LINK)
    assert embed.html == (
        '<iframe src="https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ?autoplay=1" '
        'title="Harbour opening" width="640" height="360" '
        'allow="fullscreen; picture-in-picture; encrypted-media" allowfullscreen '
        'sandbox="allow-scripts allow-same-origin allow-popups '
        'allow-popups-to-escape-sandbox allow-presentation" '
        'referrerpolicy="strict-origin-when-cross-origin"></iframe>'
    )


@pytest.mark.parametrize("html", REFUSED)
def test_foreign_frames_and_javascript_addresses_are_refused(web, html):
    web.oembed(youtube_answer(web, html=html))
    with pytest.raises(EmbedError):
        resolve(YOUTUBE_LINK)
    assert not Embed.objects.exists()


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("title", '"><script>alert(1)</script>'),
        ("author_name", "<img src=x onerror=alert(1)>"),
    ],
)
def test_words_of_the_answer_are_kept_as_text_and_escaped(web, field, value):
    answer = youtube_answer(web)
    answer[field] = value
    web.oembed(answer)
    embed = resolve(YOUTUBE_LINK)
    assert "<script>" not in embed.html
    shown = render_to_string("articles/embeds/_embed.html", {"embed": embed})
    assert "<script>alert" not in shown.replace(embed.html, "")
    assert "<img src=x" not in shown


def test_a_thumbnail_address_that_is_not_http_is_not_fetched(web):
    answer = youtube_answer(web)
    answer["thumbnail_url"] = "javascript:alert(1)"
    web.oembed(answer)
    assert not resolve(YOUTUBE_LINK).thumbnail


def test_a_thumbnail_that_is_not_a_picture_is_left_out(web):
    web.route("/thumb.jpg", b"<svg onload=alert(1)></svg>", kind="image/svg+xml")
    web.oembed(youtube_answer(web))
    assert not resolve(YOUTUBE_LINK).thumbnail


def test_a_card_from_a_hostile_page_is_text_only(web, client):
    page = web.route(
        "/hostile",
        '<title>x</title><meta property="og:title" content="<script>alert(1)</script>">'
        '<meta property="og:image" content="javascript:alert(1)">',
    )
    card = resolve(page)
    assert card.title == "<script>alert(1)</script>" and not card.thumbnail
    assert "<script>" not in render_to_string("articles/embeds/_embed.html", {"embed": card})


@pytest.mark.parametrize(
    ("url", "name"),
    [
        ("https://www.youtube.com/watch?v=dQw4w9WgXcQ", "youtube"),
        ("https://youtu.be/dQw4w9WgXcQ", "youtube"),
        ("https://vimeo.com/76979871", "vimeo"),
        ("https://x.com/newsroom/status/1234567890", "x"),
        ("https://twitter.com/newsroom/status/1234567890", "x"),
        ("https://bsky.app/profile/news.example/post/3kabc", "bluesky"),
        ("https://mastodon.social/@newsroom/112233445566", "mastodon"),
        ("https://www.instagram.com/p/C0abc_12/", "instagram"),
        ("https://www.tiktok.com/@newsroom/video/7300000000000000000", "tiktok"),
        ("https://soundcloud.com/newsroom/episode-1", "soundcloud"),
        ("https://open.spotify.com/episode/4rOoJ6Egrf8K2IrywzwOMk", "spotify"),
        ("https://datawrapper.dwcdn.net/AbC12/3/", "datawrapper"),
        ("https://public.flourish.studio/visualisation/1234567/", "flourish"),
        ("https://www.openstreetmap.org/#map=15/35.8400/129.2100", "openstreetmap"),
        ("https://www.youtube.com.evil.example/watch?v=x", None),
        ("https://example.org/story", None),
    ],
)
def test_each_provider_knows_its_own_links(url, name):
    provider = provider_for(url)
    assert (provider and provider.name) == name


def test_the_allow_list_is_a_setting(settings):
    settings.NEWSROOM_EMBED_PROVIDERS = ["vimeo"]
    assert provider_for(YOUTUBE_LINK) is None
    assert provider_for("https://vimeo.com/76979871").name == "vimeo"
    assert len(PROVIDERS) == 12


@pytest.mark.parametrize(
    ("url", "html", "frame"),
    [
        (
            "https://x.com/newsroom/status/1234567890",
            '<blockquote class="twitter-tweet"><a href="x">x</a></blockquote>'
            '<script async src="https://platform.twitter.com/widgets.js"></script>',
            "https://platform.twitter.com/embed/Tweet.html?id=1234567890",
        ),
        (
            "https://bsky.app/profile/news.example/post/3kabc",
            '<blockquote class="bluesky-embed" data-bluesky-uri="at://did:plc:abc123/app.bsky.'
            'feed.post/3kabc"></blockquote><script src="https://embed.bsky.app/static/embed.js">'
            "</script>",
            "https://embed.bsky.app/embed/did:plc:abc123/app.bsky.feed.post/3kabc",
        ),
        (
            "https://mastodon.social/@newsroom/112233445566",
            '<iframe src="https://mastodon.social/@newsroom/112233445566/embed"></iframe>'
            '<script src="https://mastodon.social/embed.js" async></script>',
            "https://mastodon.social/@newsroom/112233445566/embed",
        ),
        (
            "https://www.tiktok.com/@newsroom/video/7300000000000000000",
            '<blockquote class="tiktok-embed" data-video-id="7300000000000000000"></blockquote>'
            '<script async src="https://www.tiktok.com/embed.js"></script>',
            "https://www.tiktok.com/embed/v2/7300000000000000000",
        ),
    ],
    ids=["x", "bluesky", "mastodon", "tiktok"],
)
def test_posts_whose_answer_is_a_script_get_the_providers_own_frame(web, url, html, frame):
    web.oembed({"type": "rich", "title": "A post", "html": html})
    embed = resolve(url)
    assert embed.frame_url == frame and "<script" not in embed.html


def test_a_mastodon_answer_framing_another_server_is_refused(web):
    web.oembed({"type": "rich", "html": '<iframe src="https://evil.example/@a/1/embed"></iframe>'})
    with pytest.raises(EmbedError, match="another site"):
        resolve("https://mastodon.social/@newsroom/112233445566")


def test_an_instagram_post_and_a_map_need_no_oembed(web):
    post = resolve("https://www.instagram.com/p/C0abc_12/")
    assert post.frame_url == "https://www.instagram.com/p/C0abc_12/embed/"
    place = resolve("https://www.openstreetmap.org/#map=15/35.8400/129.2100")
    assert place.frame_url.startswith("https://www.openstreetmap.org/export/embed.html?bbox=")
    assert (place.kind, place.width, place.height) == ("map", 4, 3)
    assert web.requests == []
