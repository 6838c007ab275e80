import re
from urllib.parse import urlsplit

from django import template
from django.conf import settings
from django.core.files.storage import default_storage
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from articles.embeds.body import STANDALONE
from articles.embeds.render import with_facades
from articles.extensions import extensions
from articles.images import RENDITION_WIDTHS, copies_of, copy_for
from articles.models import live
from articles.sanitize import clean_body
from articles.site.galleries import expand_galleries, has_gallery
from articles.site.sharing import share_links as links_for
from articles.story_picks import latest
from newsroom.caching.pieces import shown

register = template.Library()

FIRST_PARAGRAPH = re.compile(r"<p>", re.IGNORECASE)
SIDEBAR_STORIES = 5


@register.inclusion_tag("includes/_picture.html")
def picture(image, sizes="100vw", loading="lazy", css_class="", alt=None, crop=""):
    """A <picture> with AVIF and WebP sources and the upload's own format as the <img>, sized
    so the page never jumps; `crop` ("16:9", "4:3", "1:1") gives the cut around the subject.

    loading="eager" is for the one picture at the top of a page; it is also fetched first.
    """
    sets = copies_of(image, crop)
    fallback = sets["fallback"] or sets["webp"]
    # Browsers without srcset support get a middling copy, sharp enough on most screens.
    src = copy_for(image, RENDITION_WIDTHS[1], crop)
    widest = fallback[-1] if fallback else {"width": image.width, "height": image.height}
    return {
        "image": image,
        "alt": image.alt_text if alt is None else alt,
        "src": src["url"],
        "sources": [
            (f"image/{kind}", _srcset(sets[kind]))
            for kind in ("avif", "webp")
            if sets[kind] and sets[kind] is not fallback
        ],
        "srcset": _srcset(fallback),
        "width": widest["width"],
        "height": widest["height"],
        "sizes": sizes,
        "eager": loading == "eager",
        "css_class": css_class,
    }


def _srcset(renditions):
    return ", ".join(f"{default_storage.url(r['name'])} {r['width']}w" for r in renditions)


def _story_shown(article):
    """A story as lists show it: its columns, section and picture, and whether it is live."""
    return (
        shown(article),
        shown(article.section),
        shown(article.featured_image),
        article.is_live(),
    )


@register.filter
def card_shown(article):
    """Everything a story card shows ({% keep_shown %}): the story as lists show it, its
    bylines, and what other apps annotate on cards (the comment count, read by the card's
    extension slot)."""
    return (
        _story_shown(article),
        [shown(author) for author in article.authors.all()],
        [getattr(article, name, None) for name in extensions.listing_annotations],
    )


@register.filter
def stories_shown(stories):
    """Everything a list of stories without bylines shows (the sidebar's latest stories)."""
    return [_story_shown(story) for story in stories]


@register.simple_tag(takes_context=True)
def chrome(context, address=True):
    """What tells the site's header and footer apart from page to page (they are kept once
    built, {% keep %}): the page's section and, for the header, its address (a menu link to it
    is marked current), whether it is the home or search page, the words searched, its feeds,
    the year. The menus they show are read inside, so their changes make them stale."""
    path = getattr(context.get("request"), "path", None)
    on_search_page = path == reverse("articles:search")
    return (
        getattr(context.get("current_section"), "pk", None),
        path if address else None,
        path == reverse("articles:home"),
        on_search_page,
        # The header's search box is left out of the search page, which has its own: each
        # reader's words there would only crowd the kept pieces out.
        None if on_search_page else context.get("search_query"),
        tuple(getattr(context.get("meta"), "rss_feeds", None) or ()),
        timezone.localdate().year,
    )


@register.filter
def cut_at_word(text, limit):
    return live.cut_at_word(text, int(limit))


def dateline_opening(dateline):
    """The dateline as the outlet's house style opens a story (NEWSROOM_DATELINE_STYLE)."""
    style = settings.NEWSROOM_DATELINE_STYLE
    if style == "ap":
        place, comma, rest = dateline.partition(",")
        return format_html("<strong>{}{}{}</strong> \N{EM DASH} ", place.upper(), comma, rest)
    if style == "dash":
        return format_html("<strong>{}</strong> \N{EM DASH} ", dateline)
    return format_html("<strong>{}</strong> : ", dateline)


@register.filter
def article_body(body, dateline=""):
    """The story's body, cleaned once more, with its dateline opening the lead paragraph and
    its galleries shown as their pictures."""
    body = clean_body(body)
    if dateline:
        opening = dateline_opening(dateline)
        # A story opening with an embed (a link alone on its line) keeps it alone on its line.
        if FIRST_PARAGRAPH.search(body) and not STANDALONE.match(body):
            body = FIRST_PARAGRAPH.sub(lambda match: f"<p>{opening}", body, count=1)
        else:
            body = f"<p>{opening}</p>{body}"
    # Safe: the body went through the allow-list just above, the dateline is escaped, and the
    # galleries are our templates, escaping what editors typed.
    return mark_safe(expand_galleries(body))


register.filter("has_gallery", has_gallery)


@register.filter
def feed_copy(image):
    """The copy of a picture a feed reader shows in a story: 800 px wide, its own format."""
    return copy_for(image, RENDITION_WIDTHS[1])


@register.filter
def with_embeds(body):
    """The story's links alone on their line as their embeds: a facade or a link card."""
    return with_facades(body)


@register.filter
def profile_site(url):
    """A profile's address as a reader recognises it: the site's name, www. left off."""
    host = urlsplit(url).hostname or url
    return host.removeprefix("www.")


@register.simple_tag
def page_links(page):
    """The page numbers to link to around the current one, with gaps (…) in long listings."""
    return list(page.paginator.get_elided_page_range(page.number, on_each_side=2, on_ends=1))


@register.inclusion_tag("includes/_latest_stories.html")
def latest_stories(exclude=None, limit=SIDEBAR_STORIES):
    """The sidebar's newest stories: a fixed single query whatever the page."""
    return {"stories": latest(limit, exclude=exclude)}


@register.simple_tag(takes_context=True)
def extension_slot(context, name):
    """The templates other apps put in this slot of the page (articles.extensions)."""
    engine = context.template.engine
    return mark_safe(
        "".join(
            engine.get_template(template_name).render(context)
            for template_name in extensions.template_slots.get(name, ())
        )
    )


@register.simple_tag(takes_context=True)
def share_links(context, article):
    """The story's share links, for its canonical address (the page's meta has it)."""
    meta = context.get("meta")
    if meta:
        url = meta.canonical
    else:
        url = context["request"].build_absolute_uri(article.get_absolute_url())
    return links_for(url, article.headline)
