import re
from urllib.parse import unquote, urlencode

from django.http import HttpResponsePermanentRedirect
from django.urls import Resolver404, resolve, reverse

from articles.models import Redirect

# WordPress serves a feed under every category, tag and author address: /category/city/feed/.
WORDPRESS_FEED = re.compile(r"^(?P<page>/.+/)feed/(?:(?:rss2?|(?P<atom>atom))/)?$")


class MovedPageMiddleware:
    """Answer a 404 with a 301 when the address belongs to a page that has moved.

    WordPress's `/?p=<id>`, `/?feed=` and `/?s=` links are the exception: `/` is our home
    page, so they are looked up before the view runs.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method in ("GET", "HEAD") and request.path == "/":
            post_id = request.GET.get("p", "")
            if post_id.isdigit():
                moved = self._moved(f"/?p={int(post_id)}")
                if moved:
                    return moved
            if request.GET.get("feed"):  # WordPress's /?feed=rss2 and /?feed=atom
                feed = (
                    "articles:feed_atom" if request.GET["feed"] == "atom" else "articles:feed_rss"
                )
                return HttpResponsePermanentRedirect(reverse(feed))
            if "s" in request.GET:  # WordPress's search: /?s=words
                query = urlencode({"q": request.GET["s"]})
                return HttpResponsePermanentRedirect(f"{reverse('articles:search')}?{query}")
        response = self.get_response(request)
        if response.status_code != 404 or request.method not in ("GET", "HEAD"):
            return response
        # PostgreSQL refuses NUL in text; such a path is junk from a scanner, not an old link.
        if "\x00" in request.path:
            return response
        moved = self._moved(request.path) or self._moved_feed(request.path)
        if moved is None:
            return response
        # Campaign tags and the like (?utm_source=...) belong to the link, not to the old page.
        if query := request.META.get("QUERY_STRING"):
            moved["Location"] += f"?{query}"
        return moved

    @staticmethod
    def _moved_feed(path):
        """A WordPress category, tag or author feed: to the feed of our page for it."""
        match = WORDPRESS_FEED.match(path)
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

    @staticmethod
    def _moved(path):
        redirect = Redirect.objects.for_path(path)
        url = redirect.target_url() if redirect else None
        return HttpResponsePermanentRedirect(url) if url else None
