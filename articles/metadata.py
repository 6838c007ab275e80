"""How pages describe themselves to search engines, social networks and feed readers.

Plain functions of an article (or a listing page) and the request; the `seo` template tags
and the feeds call them, so a title or description is chosen the same way everywhere.
"""

from urllib.parse import urlencode

from django.conf import settings
from django.core.files.storage import default_storage
from django.templatetags.static import static
from django.urls import reverse
from django.utils import timezone
from django.utils.html import strip_tags
from django.utils.text import Truncator
from taggit.models import Tag

from articles.models import Author, Section

SHARE_IMAGE_MIN_WIDTH = 1200
DESCRIPTION_LENGTH = 200
SEARCH_PARAMETERS = ("q", "section", "start", "end")


def iso(moment):
    """A date-time in the newsroom's time zone, with its offset: 2025-11-02T09:30:00+09:00."""
    return timezone.localtime(moment).isoformat(timespec="seconds") if moment else ""


def modified_at(article):
    """When readers were last told the story changed (never before its publication).

    None for a draft seen in preview, which has no publication time yet."""
    return max((m for m in (article.published_at, article.revised_at) if m), default=None)


def plain(text, length=DESCRIPTION_LENGTH):
    return Truncator(" ".join(strip_tags(text or "").split())).chars(length)


def article_title(article):
    return article.seo_title or article.headline


def article_description(article):
    return plain(article.seo_description or article.dek or article.excerpt)


def tag_names(article):
    """The article's tags, fetched once per request however many places show them."""
    if not hasattr(article, "_tag_names"):
        article._tag_names = sorted(tag.name for tag in article.tags.all())
    return article._tag_names


def share_image(image):
    """The picture to show in link previews: a JPEG/PNG copy at least 1200 px wide if the
    original allows, else the widest copy there is. None without an image."""
    if image is None or not image.file:
        return None
    candidates = sorted(
        (r for r in image.renditions or [] if r["format"] != "webp"), key=lambda r: r["width"]
    )
    wide = [r for r in candidates if r["width"] >= SHARE_IMAGE_MIN_WIDTH]
    if wide:
        chosen = wide[0]
    elif candidates and candidates[-1]["width"] >= image.width:
        chosen = candidates[-1]
    else:
        return {
            "url": image.file.url,
            "width": image.width,
            "height": image.height,
            "alt": image.alt_text,
        }
    return {
        "url": default_storage.url(chosen["name"]),
        "width": chosen["width"],
        "height": chosen["height"],
        "alt": image.alt_text,
    }


def image_urls(image, request):
    """Absolute URLs of an image's JPEG/PNG copies, widest first, for structured data."""
    if image is None or not image.file:
        return []
    renditions = sorted(
        (r for r in image.renditions or [] if r["format"] != "webp"),
        key=lambda r: r["width"],
        reverse=True,
    )
    urls = [default_storage.url(r["name"]) for r in renditions] or [image.file.url]
    return [request.build_absolute_uri(url) for url in urls]


def breadcrumb(article):
    """The trail shown above a story: (name, path) pairs, the story itself last."""
    return [
        ("Home", reverse("articles:home")),
        (article.section.name, article.section.get_absolute_url()),
        (article.headline, article.get_absolute_url()),
    ]


def breadcrumb_schema(article, request):
    return {
        "@context": "https://schema.org",
        "@type": "BreadcrumbList",
        "itemListElement": [
            {
                "@type": "ListItem",
                "position": position,
                "name": name,
                "item": request.build_absolute_uri(path),
            }
            for position, (name, path) in enumerate(breadcrumb(article), start=1)
        ],
    }


def news_article_schema(article, request):
    """schema.org NewsArticle for a story page."""
    url = request.build_absolute_uri(article.get_absolute_url())
    data = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "mainEntityOfPage": {"@type": "WebPage", "@id": url},
        "url": url,
        "headline": Truncator(article.headline).chars(110),
        "description": article_description(article),
        "image": image_urls(article.featured_image, request),
        "datePublished": iso(article.published_at),
        "dateModified": iso(modified_at(article)),
        "author": [
            {
                "@type": "Person",
                "name": author.name,
                "url": request.build_absolute_uri(author.get_absolute_url()),
            }
            for author in article.authors.all()
        ],
        "publisher": {
            "@type": "NewsMediaOrganization",
            "name": settings.NEWSROOM_SITE_NAME,
            "url": request.build_absolute_uri(reverse("articles:home")),
            "logo": {
                "@type": "ImageObject",
                "url": request.build_absolute_uri(static(settings.NEWSROOM_SITE_LOGO)),
            },
        },
        "articleSection": article.section.name,
        "keywords": tag_names(article),
        "inLanguage": settings.LANGUAGE_CODE,
    }
    if article.dateline:
        data["dateline"] = article.dateline
    # A draft seen in preview has no dates yet: say nothing rather than an empty date.
    return {key: value for key, value in data.items() if value != ""}


def listing_subject(context):
    """The section, tag or author a listing page is about, if any, as (kind, object)."""
    for kind, model in (("section", Section), ("tag", Tag), ("author", Author)):
        subject = context.get(kind)
        if isinstance(subject, model):
            return kind, subject
    return None, None


def feed_links(kind, subject):
    """(title, url, MIME type) of the feeds a page offers: its own, then the whole site's."""
    site = settings.NEWSROOM_SITE_NAME
    links = []
    if kind in ("section", "tag", "author"):
        names = {"section": subject.name, "tag": subject.name, "author": subject.name}
        for flavour, mime in (("rss", "application/rss+xml"), ("atom", "application/atom+xml")):
            url = reverse(f"articles:{kind}_feed_{flavour}", kwargs={"slug": subject.slug})
            links.append((f"{site}: {names[kind]} ({flavour.upper()})", url, mime))
    links.append((f"{site} (RSS)", reverse("articles:feed_rss"), "application/rss+xml"))
    links.append((f"{site} (Atom)", reverse("articles:feed_atom"), "application/atom+xml"))
    return links


def og_locale(language_code):
    """OpenGraph's spelling of a language code: en-us becomes en_US."""
    language, _, region = language_code.partition("-")
    return f"{language}_{region.upper()}" if region else language


def page_url(request, number, keep=()):
    """Absolute address of a page of a listing: only the page number (and the parameters
    named in keep) survive, so tracking parameters never make a second canonical address."""
    params = [(name, value) for name, value in request.GET.items() if name in keep and value]
    if number > 1:
        params.append(("page", number))
    query = urlencode(params)
    return request.build_absolute_uri(request.path + (f"?{query}" if query else ""))


def page_metadata(context):
    """Everything the <head> of a reader page says about it (see includes/_meta.html)."""
    request = context.get("request")
    if request is None:
        return {}
    site_name = settings.NEWSROOM_SITE_NAME
    meta = {
        "site_name": site_name,
        "title": site_name,
        "description": settings.NEWSROOM_SITE_TAGLINE,
        "type": "website",
        "canonical": request.build_absolute_uri(request.path),
        "image": None,
        "robots": "",
        "locale": og_locale(settings.LANGUAGE_CODE),
    }
    article = context.get("article")
    kind, subject = listing_subject(context)
    page = context.get("page")
    if article is not None and hasattr(article, "headline") and not page:
        meta.update(
            title=article_title(article),
            description=article_description(article) or meta["description"],
            type="article",
            canonical=request.build_absolute_uri(article.get_absolute_url()),
            published=iso(article.published_at),
            modified=iso(modified_at(article)),
            section=article.section.name,
            tags=tag_names(article),
            authors=[
                request.build_absolute_uri(author.get_absolute_url())
                for author in article.authors.all()
            ],
            image=share_image(article.featured_image),
        )
    elif isinstance(subject, Section):
        meta.update(title=subject.name, description=plain(subject.description) or None)
    elif isinstance(subject, Author):
        meta.update(
            title=subject.name,
            description=plain(subject.bio) or f"Stories by {subject.name}.",
            type="profile",
            image=share_image(subject.photo),
        )
    elif kind == "tag":
        meta.update(title=subject.name, description=f"Stories about {subject.name}.")
    elif context.get("label"):
        meta.update(title=f"Stories from {context['label']}")
    if page is not None and hasattr(page, "has_previous"):
        keep = SEARCH_PARAMETERS if "outcome" in context else ()
        meta["canonical"] = page_url(request, page.number)
        if page.has_previous():
            meta["prev"] = page_url(request, page.previous_page_number(), keep)
        if page.has_next():
            meta["next"] = page_url(request, page.next_page_number(), keep)
    if "outcome" in context:
        query = context["outcome"].query
        meta.update(title=f"Search: {query}" if query else "Search", robots="noindex, follow")
        meta["canonical"] = request.build_absolute_uri(
            reverse("articles:search") + (f"?{urlencode({'q': query})}" if query else "")
        )
    if context.get("error_title"):
        # An error page (404) is nothing to index or share under the outlet's name.
        meta.update(title=context["error_title"], robots="noindex")
    if meta.get("image"):
        meta["image"] = {**meta["image"], "url": request.build_absolute_uri(meta["image"]["url"])}
    meta["description"] = meta["description"] or settings.NEWSROOM_SITE_TAGLINE
    meta["feeds"] = [
        (title, request.build_absolute_uri(url), mime)
        for title, url, mime in feed_links(kind, subject)
    ]
    return meta
