"""Old WordPress addresses: saved as redirects at import, answered with a 301 afterwards.

Each record's own addresses become Redirect rows, like a moved page's. The links WordPress
answers on every site, its query strings at `/`, the feeds under each page and the comment
pages under each post, are answered by home_page_link(), feed_link() and comment_link(),
which MovedPageMiddleware calls.

A redirect cannot read the fragment of a link (…/#comment-12): the browser keeps it and
looks for it on our page, where imported comments carry their WordPress number
(Comment.anchor). Links that name a comment in their query (?replytocom=12) are sent to it.
"""

from __future__ import annotations

import re
from urllib.parse import unquote, urlencode, urlsplit

from django.contrib.contenttypes.models import ContentType
from django.http import HttpResponsePermanentRedirect
from django.urls import Resolver404, resolve, reverse

from articles.models import Article, Redirect
from comments.models import Comment, ModerationSettings
from comments.threads import page_of
from newsroom.wordpress.parser import WxrCategory, WxrItem, WxrSite
from newsroom.wordpress.text import clean_slug, strip_invisible

# WordPress serves a feed under every category, tag and author address: /category/city/feed/.
FEED_PATH = re.compile(r"^(?P<page>/.+/)feed/(?:(?:rss2?|(?P<atom>atom))/)?$")
# WordPress splits long threads into /<post>/comment-page-2/ and links each Reply button to
# ?replytocom=<comment ID>; its pages and IDs are not ours, so neither is passed on as is.
COMMENT_PAGE = re.compile(r"^(?P<post>/.+/)comment-page-\d+/$")
COMMENT_PARAMS = ("p", "page_id", "replytocom", "cpage")


def post_paths(item: WxrItem, site: WxrSite | None) -> list[str]:
    """The addresses WordPress answered for this post, as request.path spells them."""
    paths = [f"/?p={item.wp_id}"] if item.wp_id is not None else []
    slug = clean_slug(item.name)
    date = item.post_date or item.pub_date_gmt
    if slug:
        paths.append(f"/{slug}/")
        if date:
            paths += [f"/{date:%Y/%m/%d}/{slug}/", f"/{date:%Y/%m}/{slug}/"]
    link = urlsplit(item.link)
    blog = urlsplit(site.base_blog_url if site else "")
    if link.path.strip("/") and not link.query and link.netloc == blog.netloc:
        prefix = blog.path.rstrip("/")
        path = unquote(link.path)
        if prefix and path.startswith(prefix + "/"):
            path = path[len(prefix) :]
        paths.append(strip_invisible(path))
    return list(dict.fromkeys(paths))


def category_paths(nicename: str, categories: dict[str, WxrCategory]) -> list[str]:
    """/category/<slug>/ and, for nested categories, WordPress's /category/<parent>/<slug>/."""
    chain, seen = [nicename], {nicename}
    category = categories.get(nicename)
    while category and category.parent_nicename:
        parent = clean_slug(category.parent_nicename, 200)
        if parent in seen:
            break
        chain.insert(0, parent)
        seen.add(parent)
        category = categories.get(parent)
    paths = [f"/category/{nicename}/"]
    if len(chain) > 1:
        paths.append(f"/category/{'/'.join(chain)}/")
    return paths


def point(old_paths: list[str], target) -> tuple[int, int]:
    """Redirect to target the old paths not redirected yet.

    Returns how many were new, and how many already lead elsewhere and stay so (another
    post's, or another site's: `/?p=1` of a second site keeps leading to the first's story).
    """
    old_paths = [p for p in old_paths if len(p) <= 500]
    content_type = ContentType.objects.get_for_model(target)
    rows = Redirect.objects.filter(old_path__in=old_paths)
    taken = {
        path: (type_id, object_id)
        for path, type_id, object_id in rows.values_list("old_path", "content_type_id", "object_id")
    }
    new = [
        Redirect(old_path=path, content_type=content_type, object_id=target.pk)
        for path in old_paths
        if path not in taken
    ]
    Redirect.objects.bulk_create(new)
    elsewhere = sum(1 for found in taken.values() if found != (content_type.pk, target.pk))
    return len(new), elsewhere


def home_page_link(request) -> HttpResponsePermanentRedirect | None:
    """A 301 for WordPress's links to `/` with a query: `/?p=<id>`, `/?page_id=<id>`,
    `/?feed=`, `/?s=`."""
    for name in ("p", "page_id"):  # a post's, and a page's (newsroom.wordpress.pages)
        number = request.GET.get(name, "")
        if number.isascii() and number.isdigit():
            redirect = Redirect.objects.for_path(f"/?{name}={int(number)}")
            url = redirect.target_url() if redirect else None
            if url:
                location = post_location(url, redirect.target, request.GET)
                return HttpResponsePermanentRedirect(location)
    if request.GET.get("feed"):  # /?feed=rss2 and /?feed=atom
        feed = "articles:feed_atom" if request.GET["feed"] == "atom" else "articles:feed_rss"
        return HttpResponsePermanentRedirect(reverse(feed))
    if "s" in request.GET:  # WordPress's search: /?s=words
        query = urlencode({"q": request.GET["s"]})
        return HttpResponsePermanentRedirect(f"{reverse('articles:search')}?{query}")
    return None


def feed_link(path: str) -> HttpResponsePermanentRedirect | None:
    """A WordPress category, tag or author feed: a 301 to the feed of our page for it."""
    match = FEED_PATH.match(path)
    if not match:
        return None
    page = match["page"]
    redirect = Redirect.objects.for_path(page)
    if redirect:
        page = unquote(redirect.target_url() or "")
    try:
        found = resolve(page)
    except Resolver404:
        return None
    if found.namespace != "articles" or found.url_name not in ("section", "tag", "author"):
        return None
    feed = f"articles:{found.url_name}_feed_{'atom' if match['atom'] else 'rss'}"
    return HttpResponsePermanentRedirect(reverse(feed, kwargs=found.kwargs))


def comment_link(request) -> HttpResponsePermanentRedirect | None:
    """A 301 for an old link into a post's comments: `/<post>/comment-page-2/` and
    `/<post>/?replytocom=<comment ID>`, to our story, at the comment when one is named."""
    page = COMMENT_PAGE.match(request.path)
    if page is None and not ("replytocom" in request.GET or "cpage" in request.GET):
        return None
    post_path = page["post"] if page else request.path
    redirect = Redirect.objects.for_path(post_path)
    if redirect is not None:
        url, target = redirect.target_url(), redirect.target
    elif page is not None and _is_story(post_path):
        url, target = post_path, None  # the old post had the address our story has now
    else:
        return None
    if not url:
        return None
    return HttpResponsePermanentRedirect(post_location(url, target, request.GET))


def post_location(url: str, target, query) -> str:
    """Our story's address for an old link to a post, keeping the link's own parameters
    (campaign tags and the like) and, for ?replytocom=<ID>, landing on that comment."""
    kept = query.copy()
    for name in COMMENT_PARAMS:
        kept.pop(name, None)
    comment = _imported_comment(target, query.get("replytocom", ""))
    anchor = ""
    if comment is not None:
        anchor = f"#{comment.anchor}"
        number = page_of(comment, ModerationSettings.load())
        if number > 1:
            kept["cpage"] = str(number)
    params = kept.urlencode()
    return f"{url}{'?' if params else ''}{params}{anchor}"


def _imported_comment(target, wp_id: str) -> Comment | None:
    """The comment readers see that came from this WordPress comment ID on the story."""
    if not isinstance(target, Article) or not wp_id.isdigit():
        return None
    return (
        Comment.objects.approved()
        .filter(article=target, wp_site=target.wp_site, wp_comment_id=int(wp_id))
        .first()
    )


def _is_story(path: str) -> bool:
    try:
        found = resolve(path)
    except Resolver404:
        return False
    return found.namespace == "articles" and found.url_name == "detail"
