"""How kept embeds are shown: on the story page behind a click-to-load facade (or as a link
card), and everywhere a player cannot go (feeds, newsletters) as their picture and a link."""

from django.template.loader import render_to_string
from django.utils.safestring import mark_safe

from articles.embeds.body import replace_links, standalone_links
from articles.embeds.providers import frame_sources
from articles.models import Embed


def kept_embeds(urls):
    """{url: Embed} of those links that were embedded (one query; none without links)."""
    return Embed.objects.in_bulk(urls, field_name="url") if urls else {}


def embeds_in(body):
    """The kept embeds of a story's links alone on their line, in the story's order."""
    urls = standalone_links(body)
    found = kept_embeds(urls)
    return [found[url] for url in urls if url in found]


def _replaced(body, template, extra=lambda embed: {}):
    urls = standalone_links(body)
    if not urls:
        return body
    found = kept_embeds(urls)

    def shown(url):
        embed = found.get(url)
        return embed and render_to_string(template, {"embed": embed, **extra(embed)})

    # Safe: the rest of the body went through the allow-list; the embed's parts are escaped
    # by the template but its player, which we built (articles.embeds.resolve).
    return mark_safe(replace_links(body, shown))


def with_facades(body):
    """The story's body with its embeds as facades and link cards (reader pages)."""
    return _replaced(body, "articles/embeds/_embed.html")


def with_links(body, absolute):
    """The body with each embed as its picture and a link: feeds, where no player can run."""
    return _replaced(
        body,
        "articles/embeds/_embed_plain.html",
        lambda embed: {"picture": embed.thumbnail and absolute(embed.thumbnail.url)},
    )


def allow_frames(response, body):
    """Let the page's players load from their providers' hosts, and from nowhere else.

    Worked out from the story's links alone (no row read), so a page whose story piece is
    kept gets the same policy; the page cache keeps the header with the page."""
    sources = frame_sources(standalone_links(body))
    if sources:
        response._csp_update = {"frame-src": sources}
    return response


def video_objects(body, absolute):
    """schema.org VideoObject of each video embed of the story."""
    return [
        {
            "@type": "VideoObject",
            "name": embed.title or f"Video on {embed.provider_name}",
            "embedUrl": embed.frame_url,
            "url": embed.url,
            **({"thumbnailUrl": absolute(embed.thumbnail.url)} if embed.thumbnail else {}),
        }
        for embed in embeds_in(body)
        if embed.kind == Embed.Kind.VIDEO
    ]
