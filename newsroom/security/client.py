import ipaddress

from django.conf import settings


def client_ip(request):
    """The client's address: REMOTE_ADDR, or the one the trusted proxies saw in front of them.

    Only the last NEWSROOM_TRUSTED_PROXIES entries of X-Forwarded-For were written by our own
    proxies; anything before them comes from the client and could be forged. Used by comment
    checks, rate limits and the admin lockout (django-axes), so all three see the same address.
    """
    proxies = settings.NEWSROOM_TRUSTED_PROXIES
    forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
    candidate = request.META.get("REMOTE_ADDR", "")
    if proxies and len(forwarded) >= proxies:
        candidate = forwarded[-proxies]
    try:
        return str(ipaddress.ip_address(candidate))
    except ValueError:
        return None
