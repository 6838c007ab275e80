from django.http import HttpResponsePermanentRedirect

from articles.models import Redirect


class MovedPageMiddleware:
    """Answer a 404 with a 301 when the address belongs to a page that has moved."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if response.status_code != 404 or request.method not in ("GET", "HEAD"):
            return response
        # PostgreSQL refuses NUL in text; such a path is junk from a scanner, not an old link.
        if "\x00" in request.path:
            return response
        redirect = Redirect.objects.filter(old_path=request.path).first()
        target = redirect.target if redirect else None
        if target is None:
            return response
        return HttpResponsePermanentRedirect(target.get_absolute_url())
