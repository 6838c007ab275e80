"""Cross-site request forgery for the comment form, which is served from cached pages.

A cached page cannot carry a per-reader CSRF token, and the form needs none of the reader's
cookies to be accepted: a forged post could only make a browser leave a comment under a name
typed into it. So instead of a token, the post must come from one of our own pages, as every
browser of the last years says in `Sec-Fetch-Site` and `Origin` (the rule of Go's
CrossOriginProtection). Clients that send neither are not browsers driven by another site.
The signed timestamp in the form (comments.forms.form_token) then tells how long it was open.
"""

from urllib.parse import urlsplit

from django.conf import settings

ALLOWED_FETCH_SITES = {"same-origin", "none"}


def is_cross_site(request):
    """True when a browser says this post was sent by a page of another site."""
    fetch_site = request.META.get("HTTP_SEC_FETCH_SITE")
    if fetch_site is not None:
        return fetch_site.lower() not in ALLOWED_FETCH_SITES
    origin = request.META.get("HTTP_ORIGIN")
    if origin is None:
        return False
    return not is_our_origin(request, origin)


def is_our_origin(request, origin):
    if origin in settings.CSRF_TRUSTED_ORIGINS:
        return True
    parts = urlsplit(origin)
    return parts.scheme == request.scheme and parts.netloc == request.get_host()
