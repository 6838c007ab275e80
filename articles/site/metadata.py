"""How pages describe themselves to search engines, social networks and feed readers.

Each reader view builds a `PageMeta` with one of the `*_meta` functions and passes it to its
template as `meta` (includes/_meta.html renders it). The feeds and the `seo` template tags use
the same helpers, so a title or description is chosen the same way everywhere.
"""

from dataclasses import dataclass, field
from urllib.parse import urlencode

from django.conf import settings
from django.templatetags.static import static
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import SimpleLazyObject
from django.utils.html import strip_tags
from django.utils.text import Truncator

from articles.embeds.render import video_objects
from articles.extensions import extensions
from articles.images import SHARE_CROP, copy_for

SHARE_IMAGE_MIN_WIDTH = 1200
DESCRIPTION_LENGTH = 200
SEARCH_PARAMETERS = ("q", "section", "start", "end")
RSS = "application/rss+xml"


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
    """The picture to show in link previews: its 1.91:1 cut around the subject, 1200 px wide if
    the original allows. None without an image."""
    chosen = copy_for(image, SHARE_IMAGE_MIN_WIDTH, SHARE_CROP)
    return chosen and {**chosen, "alt": image.alt_text}


# The shapes Google asks a story's picture in (its Article structured data).
STRUCTURED_DATA_CROPS = ("16:9", "4:3", "1:1")


def image_urls(image, request, crops=STRUCTURED_DATA_CROPS):
    """Absolute URLs of an image's widest JPEG/PNG copy in each of `crops`, for structured
    data (the widest whole copy for a picture not yet cut)."""
    if image is None or not image.file:
        return []
    urls = []
    for crop in crops:
        url = copy_for(image, SHARE_IMAGE_MIN_WIDTH, crop)["url"]
        if url not in urls:
            urls.append(url)
    return [request.build_absolute_uri(url) for url in urls]


def breadcrumb(article):
    """The trail shown above a story: (name, path) pairs, the story itself last."""
    return [
        ("Home", reverse("articles:home")),
        (article.section.name, article.section.get_absolute_url()),
        (article.headline, article.get_absolute_url()),
    ]


def breadcrumb_schema(article, request):
    return trail_schema(breadcrumb(article), request)


def trail_schema(trail, request):
    """schema.org BreadcrumbList of a trail of (name, path) pairs, the page itself last."""
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
            for position, (name, path) in enumerate(trail, start=1)
        ],
    }


# The schema.org type of each type of work (Article.Kind): the Trust Project's labels.
KIND_TYPES = {
    "news": "NewsArticle",
    "analysis": "AnalysisNewsArticle",
    "opinion": "OpinionNewsArticle",
    "review": "ReviewNewsArticle",
    "sponsored": "AdvertiserContentArticle",
}


def publisher_schema(request):
    """The outlet as schema.org NewsMediaOrganization: name, address, logo and, filled in by
    other apps (articles.extensions.publisher_details), its policies."""
    data = {
        "@type": "NewsMediaOrganization",
        "name": settings.NEWSROOM_SITE_NAME,
        "url": request.build_absolute_uri(reverse("articles:home")),
        "logo": {
            "@type": "ImageObject",
            "url": request.build_absolute_uri(static(settings.NEWSROOM_SITE_LOGO)),
        },
    }
    for details in extensions.publisher_details:
        data.update(details(request))
    return data


def news_article_schema(article, request):
    """schema.org NewsArticle (or the type of its kind of work) for a story page."""
    url = request.build_absolute_uri(article.get_absolute_url())
    data = {
        "@context": "https://schema.org",
        "@type": KIND_TYPES.get(article.kind, "NewsArticle"),
        "genre": article.get_kind_display(),
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
            for author in article.bylines()
        ],
        "publisher": publisher_schema(request),
        "articleSection": article.section.name,
        "keywords": tag_names(article),
        "inLanguage": settings.LANGUAGE_CODE,
    }
    if article.dateline:
        data["dateline"] = article.dateline
    if videos := video_objects(article.body, request.build_absolute_uri):
        data["video"] = videos
    # A draft seen in preview has no dates yet: say nothing rather than an empty date.
    return {key: value for key, value in data.items() if value != ""}


def metered_schema(article):
    """Google's markup for metered content: the story's text is what the registration meter
    may hide (NEWSROOM_METER_FREE_STORIES), unless the story is always free. Search engines
    see the whole story either way; this tells them the page is not cloaking."""
    if not settings.NEWSROOM_METER_FREE_STORIES or article.always_free:
        return {}
    return {
        "isAccessibleForFree": False,
        "hasPart": {
            "@type": "WebPageElement",
            "isAccessibleForFree": False,
            "cssSelector": ".article__body",
        },
    }


def person_schema(author, request):
    """schema.org ProfilePage about a byline, as Person: who they are and where else they
    write, so search engines tie their work together."""
    person = {
        "@type": "Person",
        "name": author.name,
        "url": request.build_absolute_uri(author.get_absolute_url()),
        "jobTitle": author.job_title,
        "description": plain(author.bio, 500),
        "image": image_urls(author.photo, request, crops=("1:1",)),
        "sameAs": author.profile_links(),
        "worksFor": {
            "@type": "NewsMediaOrganization",
            "name": settings.NEWSROOM_SITE_NAME,
            "url": request.build_absolute_uri(reverse("articles:home")),
        },
    }
    return {
        "@context": "https://schema.org",
        "@type": "ProfilePage",
        "mainEntity": {key: value for key, value in person.items() if value not in ("", [])},
    }


def correction_schema(corrections):
    """schema.org `correction` of a story: a CorrectionComment for each published note."""
    if not corrections:
        return {}
    return {
        "correction": [
            {
                "@type": "CorrectionComment",
                "text": f"{correction.get_kind_display()}: {correction.text}",
                "datePublished": iso(correction.published_at),
            }
            for correction in corrections
        ]
    }


def live_blog_schema(article, updates, request, length=10):
    """What makes a live story a LiveBlogPosting: its coverage times and latest updates.

    Empty once coverage has ended: the story then reads, and describes itself, as an article."""
    if not article.is_live():
        return {}
    url = request.build_absolute_uri(article.get_absolute_url())
    newest = sorted(updates, key=lambda update: update.posted_at, reverse=True)[:length]
    data = {
        "@type": "LiveBlogPosting",
        "coverageStartTime": iso(article.live_coverage_start),
        "coverageEndTime": iso(article.live_coverage_end),
        "liveBlogUpdate": [
            {
                "@type": "BlogPosting",
                "headline": plain(update.text, 110),
                "articleBody": update.text,
                "datePublished": iso(update.posted_at),
                "url": f"{url}#update-{update.pk}",
                **({"image": image_urls(update.image, request)} if update.image else {}),
            }
            for update in newest
        ],
    }
    if newest:
        data["dateModified"] = iso(max(newest[0].posted_at, modified_at(article)))
    return {key: value for key, value in data.items() if value != ""}


def feed_links(kind, subject):
    """(title, url, MIME type) of the feeds a page offers: its own, then the whole site's."""
    site = settings.NEWSROOM_SITE_NAME
    links = []
    if kind in ("section", "tag", "author"):
        names = {"section": subject.name, "tag": subject.name, "author": subject.name}
        for flavour, mime in (("rss", "application/rss+xml"), ("atom", "application/atom+xml")):
            url = reverse(f"articles:{kind}_feed_{flavour}", kwargs={"slug": subject.slug})
            links.append((f"{site}: {names[kind]} ({flavour.upper()})", url, mime))
    elif kind == "corrections":
        links.append((f"{site}: corrections", reverse("articles:corrections_feed"), RSS))
    elif kind == "live":
        links.append((f"{subject.headline}: live updates", live_feed_url(subject), RSS))
    links.append((f"{site} (RSS)", reverse("articles:feed_rss"), "application/rss+xml"))
    links.append((f"{site} (Atom)", reverse("articles:feed_atom"), "application/atom+xml"))
    return links


def live_feed_url(article):
    return reverse(
        "articles:live_feed", kwargs={"section": article.section.slug, "slug": article.slug}
    )


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


@dataclass(frozen=True)
class PageMeta:
    """What the <head> of a reader page says about it; every address in it is absolute."""

    title: str
    description: str
    canonical: str
    feeds: list
    image: dict | None = None
    type: str = "website"
    robots: str = ""
    prev: str = ""
    next: str = ""
    # Story pages only.
    published: str = ""
    modified: str = ""
    section: str = ""
    tags: list = field(default_factory=list)
    authors: list = field(default_factory=list)

    @property
    def site_name(self):
        return settings.NEWSROOM_SITE_NAME

    @property
    def rss_feeds(self):
        """(title, url) of the RSS feeds, for the visible Subscribe links."""
        return [(title, url) for title, url, mime in self.feeds if mime == "application/rss+xml"]

    @property
    def own_feed(self):
        """(title, url) of the RSS feed of this page's section, topic or byline, if it has one."""
        feeds = self.rss_feeds
        return feeds[0] if len(feeds) > 1 else None

    @property
    def locale(self):
        return og_locale(settings.LANGUAGE_CODE)


def _page_meta(request, *, title, description="", canonical=None, image=None, feeds=(), **more):
    """A PageMeta with the site's tagline for a missing description and absolute addresses."""
    if image:
        image = {**image, "url": request.build_absolute_uri(image["url"])}
    return PageMeta(
        title=title,
        description=description or settings.NEWSROOM_SITE_TAGLINE,
        canonical=canonical or request.build_absolute_uri(request.path),
        image=image,
        feeds=[
            (name, request.build_absolute_uri(url), mime)
            for name, url, mime in feed_links(*(feeds or (None, None)))
        ],
        **more,
    )


def site_meta(request, title=None, robots=""):
    """A page about the whole site (the front page, a 404): its name, tagline and feeds."""
    return _page_meta(request, title=title or settings.NEWSROOM_SITE_NAME, robots=robots)


def outlet_page_meta(request, *, title, description, path, image=None):
    """One of the outlet's own pages (About us, a policy): not a story, not a listing."""
    return _page_meta(
        request,
        title=title,
        description=description,
        canonical=request.build_absolute_uri(path),
        image=image,
    )


def article_meta(request, article):
    return _page_meta(
        request,
        title=article_title(article),
        description=article_description(article),
        type="article",
        canonical=request.build_absolute_uri(article.get_absolute_url()),
        published=iso(article.published_at),
        modified=iso(modified_at(article)),
        section=article.section.name,
        # Read only where the page's head is built, not when a kept copy of it is shown.
        tags=SimpleLazyObject(lambda: tag_names(article)),
        authors=SimpleLazyObject(
            lambda: [
                request.build_absolute_uri(author.get_absolute_url())
                for author in article.bylines()
            ]
        ),
        image=share_image(article.featured_image),
        feeds=("live", article) if article.live_coverage_start else (),
    )


def _pages_around(request, page, keep=()):
    return {
        "prev": page_url(request, page.previous_page_number(), keep) if page.has_previous() else "",
        "next": page_url(request, page.next_page_number(), keep) if page.has_next() else "",
    }


def listing_meta(request, page, *, title, **more):
    """A page of a listing: its own address (the page number only) and the pages either side."""
    return _page_meta(
        request,
        title=title,
        canonical=page_url(request, page.number),
        **_pages_around(request, page),
        **more,
    )


def section_meta(request, section, page):
    return listing_meta(
        request,
        page,
        title=section.name,
        description=plain(section.description),
        feeds=("section", section),
    )


def tag_meta(request, tag, page):
    return listing_meta(
        request,
        page,
        title=tag.name,
        description=f"Stories about {tag.name}.",
        feeds=("tag", tag),
    )


def author_meta(request, author, page):
    return listing_meta(
        request,
        page,
        title=author.name,
        description=plain(author.bio) or f"Stories by {author.name}.",
        type="profile",
        image=share_image(author.photo),
        feeds=("author", author),
    )


def corrections_meta(request, page):
    return listing_meta(
        request,
        page,
        title="Corrections and clarifications",
        description=f"Where {settings.NEWSROOM_SITE_NAME} got it wrong or was unclear, "
        "newest first, each with its story.",
        feeds=("corrections", None),
    )


def archive_meta(request, label, page):
    return listing_meta(request, page, title=f"Stories from {label}")


def search_meta(request, outcome, page):
    """Results are kept out of search engines; the canonical address keeps only the query."""
    query = outcome.query
    canonical = reverse("articles:search") + (f"?{urlencode({'q': query})}" if query else "")
    return _page_meta(
        request,
        title=f"Search: {query}" if query else "Search",
        robots="noindex, follow",
        canonical=request.build_absolute_uri(canonical),
        **(_pages_around(request, page, keep=SEARCH_PARAMETERS) if page else {}),
    )
