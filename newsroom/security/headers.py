"""Response headers Django's SecurityMiddleware does not write, and the admin's CSP."""

from csp.constants import NONCE
from django.urls import reverse

# Browser features no page of ours uses, refused to anything a page might embed or run.
PERMISSIONS_POLICY = (
    "accelerometer=(), camera=(), geolocation=(), gyroscope=(), magnetometer=(), "
    "microphone=(), payment=(), usb=(), interest-cohort=()"
)

# Third-party admin pages still write style="" attributes (django-simple-history's history
# list; the prose editor's table widths): the admin enforces scripts strictly but allows
# inline styles, and reports what a strict style policy would block.
ADMIN_CSP_UPDATE = {"style-src": ["'unsafe-inline'"]}
ADMIN_CSP_REPORT_ONLY = {
    "default-src": ["'self'"],
    "script-src": ["'self'", NONCE],
    "style-src": ["'self'"],
    "img-src": ["'self'", "data:"],
}


class SecurityHeadersMiddleware:
    """Permissions-Policy and Cross-Origin-Resource-Policy everywhere; the admin's CSP."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        response.setdefault("Cross-Origin-Resource-Policy", "same-origin")
        if request.path.startswith(reverse("admin:index")):
            # Keeping what the view allowed (a story preview's players, by host).
            response._csp_update = {**getattr(response, "_csp_update", {}), **ADMIN_CSP_UPDATE}
            response._csp_config_ro = ADMIN_CSP_REPORT_ONLY
        return response


# Seconds a refusal (429) or an outage (503) that gave no time of its own asks clients to wait.
DEFAULT_RETRY_AFTER = 60


class RetryAfterMiddleware:
    """Every 429 and 503 says when to come back: the time its view gave, or a minute.

    First in the stack, so it also covers what other middleware answers by itself."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if response.status_code in (429, 503):
            response.setdefault("Retry-After", str(DEFAULT_RETRY_AFTER))
        return response
