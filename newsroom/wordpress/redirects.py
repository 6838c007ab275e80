"""Old WordPress addresses: saved as redirects at import, answered with a 301 afterwards.

Each record's own addresses become Redirect rows, like a moved page's. The links WordPress
answers on every site, its query strings at `/` and the feeds under each page, are answered
by home_page_link() and feed_link(), which MovedPageMiddleware calls.
"""

from __future__ import annotations

import re
from urllib.parse import unquote, urlencode, urlsplit

from django.contrib.contenttypes.models import ContentType
from django.http import HttpResponsePermanentRedirect
from django.urls import Resolver404, resolve, reverse

from articles.models import Redirect
from newsroom.wordpress.parser import WxrCategory, WxrItem, WxrSite
from newsroom.wordpress.text import clean_slug, strip_invisible

# WordPress serves a feed under every category, tag and author address: /category/city/feed/.
FEED_PATH = re.compile(r"^(?P<page>/.+/)feed/(?:(?:rss2?|(?P<atom>atom))/)?$")


def post_paths(item: WxrItem, site: WxrSite | None) -> list[str]:
    """The addresses WordPress answered for this post, as request.path spells them."""
    paths = [f"/?p={item.wp_id}"]
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


def point(old_paths: list[str], target) -> int:
    """Redirect to target the old paths not redirected yet; returns how many were new."""
    old_paths = [p for p in old_paths if len(p) <= 500]
    taken = set(Redirect.objects.filter(old_path__in=old_paths).values_list("old_path", flat=True))
    content_type = ContentType.objects.get_for_model(target)
    new = [
        Redirect(old_path=path, content_type=content_type, object_id=target.pk)
        for path in old_paths
        if path not in taken
    ]
    Redirect.objects.bulk_create(new)
    return len(new)


def home_page_link(request) -> HttpResponsePermanentRedirect | None:
    """A 301 for WordPress's links to `/` with a query: `/?p=<id>`, `/?feed=`, `/?s=`."""
    post_id = request.GET.get("p", "")
    if post_id.isascii() and post_id.isdigit():
        redirect = Redirect.objects.for_path(f"/?p={int(post_id)}")
        url = redirect.target_url() if redirect else None
        if url:
            return HttpResponsePermanentRedirect(url)
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
