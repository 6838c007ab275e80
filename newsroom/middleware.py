from django.conf import settings
from django.http import Http404, HttpResponsePermanentRedirect
from django.views.defaults import page_not_found

from articles.models import Redirect
from newsroom.wordpress import redirects as wordpress


class MovedPageMiddleware:
    """Answer a 404 with a 301 when the address belongs to a page that has moved.

    WordPress's `/?p=<id>`, `/?feed=` and `/?s=` links are the exception: `/` is our home
    page, so they are looked up before the view runs. Old links into a post's comments
    (`/<post>/comment-page-2/`, `?replytocom=<id>`) are answered by the WordPress import.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method in ("GET", "HEAD") and request.path == "/":
            moved = wordpress.home_page_link(request)
            if moved:
                return moved
        response = self.get_response(request)
        if response.status_code != 404 or request.method not in ("GET", "HEAD"):
            return response
        # PostgreSQL refuses NUL in text; such a path is junk from a scanner, not an old link.
        if "\x00" in request.path:
            return response
        if moved := wordpress.comment_link(request):
            return moved
        moved = self._moved(request.path) or wordpress.feed_link(request.path)
        if moved is None:
            return response
        # Campaign tags and the like (?utm_source=...) belong to the link, not to the old page.
        if query := request.META.get("QUERY_STRING"):
            moved["Location"] += f"?{query}"
        return moved

    @staticmethod
    def _moved(path):
        redirect = Redirect.objects.for_path(path)
        url = redirect.target_url() if redirect else None
        return HttpResponsePermanentRedirect(url) if url else None


class DevelopmentNotFoundMiddleware:
    """With DEBUG on, answer a missing page with the readers' 404 page, not Django's yellow one.

    Developers and editors trying the site locally then see what readers will; the address
    that was not found is still logged by Django's request logger.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if settings.DEBUG and response.status_code == 404 and not response.streaming:
            return page_not_found(request, Http404(request.path))
        return response
