"""Who may call the API: a partner's key in the X-API-Key header, checked and counted before
anything is served, kept answers included; without one, readers' addresses when
NEWSROOM_API_ANONYMOUS is on.
"""

from django.conf import settings
from ninja.security import APIKeyHeader

from newsroom.api import usage
from newsroom.api.models import ApiKey, digest
from newsroom.caching.hits import admit
from newsroom.caching.pieces import kept
from newsroom.security.client import client_ip

HEADER = "X-API-Key"


class Refused(Exception):
    """The request may not be served: status, a message for the partner's developer, headers."""

    def __init__(self, status, message, headers=None):
        super().__init__(message)
        self.status = status
        self.message = message
        self.headers = headers or {}


class NotFound(Exception):
    """No key has this digest (never kept: made-up keys must not fill the cache)."""


def record(key):
    """The name of a key's kept check (newsroom.caching.hits): its digest, never the key."""
    return f"api-key:{digest(key)}"


def key_for(key):
    """(id, name, rate limit, revoked) of the key, kept until the key row changes."""
    key_digest = digest(key)

    def build():
        row = ApiKey.objects.filter(key_digest=key_digest).first()
        if row is None:
            raise NotFound
        return (row.pk, row.name, row.rate_limit, row.is_revoked)

    try:
        return kept("api-key", [key_digest], build, listings=False)
    except NotFound:
        return None


def checked(request, key):
    """The caller's identity once its key (or address) passed and is within its limit."""
    if not key:
        if not settings.NEWSROOM_API_ANONYMOUS:
            raise Refused(
                401, f"Send your API key in the {HEADER} header. Editors give keys to partners."
            )
        subject = f"address:{client_ip(request) or 'unknown'}"
        limit = settings.NEWSROOM_API_ANONYMOUS_RATE_LIMIT
    else:
        found = key_for(key)
        if found is None:
            raise Refused(401, "This API key is not known. Check that it was copied whole.")
        key_id, _name, limit, revoked = found
        if revoked:
            raise Refused(401, "This API key was revoked. Ask the newsroom for a new one.")
        subject = usage.key_subject(key_id)
    wait = usage.over_limit(subject, limit)
    if wait is not None:
        raise Refused(
            429,
            f"More than {limit} requests this minute. Please wait {wait} seconds.",
            {"Retry-After": str(wait)},
        )
    if key:
        counted = usage.store()
        if isinstance(counted, usage.RedisUsage):
            # Checked and counted: the answer may be kept whole, and its hits check and
            # count this key inside Redis until the key's row changes.
            admit(
                record(key),
                tags=[f"api-key-{key_id}"],
                limit=limit,
                counter=counted.counter(subject),
                last_used=counted.last_used_key(subject),
                window=usage.WINDOW_SECONDS,
            )
    return subject


class PartnerKey(APIKeyHeader):
    """The key in X-API-Key (described as such in the OpenAPI schema)."""

    param_name = HEADER

    # Called with no key too: anonymous access is a setting, decided in checked().
    def authenticate(self, request, key):
        return checked(request, key)
