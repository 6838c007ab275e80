"""Answers kept by the one cache (newsroom.caching), with an ETag and 304s, like pages.

An answer is rendered once to JSON and kept under the address asked for; reading the rows to
build it tags it with them (tracking), so the writes that make a page showing them stale make
it stale too. The key's check and count (newsroom.api.keys) ran before, so a kept answer is
never served to a caller who may not have it.
"""

import base64
import binascii
import hashlib
import json

from django.http import HttpResponse, HttpResponseNotModified
from django.utils.http import parse_etags, urlencode

from newsroom.api.keys import Refused
from newsroom.caching.pieces import kept


def respond(request, schema, build, listings=True):
    """The JSON of schema.model_validate(build()), kept while what it shows is unchanged.

    listings: the answer shows which stories are published (a list, a choice of topics)."""

    def render():
        content = schema.model_validate(build()).model_dump_json().encode()
        return content, f'"{hashlib.md5(content, usedforsecurity=False).hexdigest()}"'

    content, etag = kept("api", [request.build_absolute_uri()], render, listings=listings)
    wanted = request.headers.get("If-None-Match")
    if wanted and (etag in parse_etags(wanted) or wanted.strip() == "*"):
        response = HttpResponseNotModified()
    else:
        response = HttpResponse(content, content_type="application/json")
    response["ETag"] = etag
    # Every request is checked against its key first, so no cache in between may answer it.
    response["Cache-Control"] = "private, no-cache"
    return response


def encode_cursor(values):
    return base64.urlsafe_b64encode(json.dumps(values).encode()).decode().rstrip("=")


def decode_cursor(token, shape):
    """The values in a cursor we gave out, checked against shape (a list of types)."""
    if not token:
        return None
    try:
        values = json.loads(base64.urlsafe_b64decode(token + "=" * (-len(token) % 4)))
    except (binascii.Error, UnicodeDecodeError, ValueError):
        values = None
    if (
        not isinstance(values, list)
        or len(values) != len(shape)
        or not all(isinstance(value, kind) for value, kind in zip(values, shape, strict=True))
    ):
        raise Refused(400, "This cursor is not one of ours: use the next_cursor of a page.")
    return values


def page(request, rows, limit, position):
    """The envelope of a page: rows (fetched one more than limit), and where the next begins,
    from position(last row shown)."""
    more = len(rows) > limit
    rows = rows[:limit]
    cursor = encode_cursor(position(rows[-1])) if more and rows else None
    following = None
    if cursor:
        query = {**request.GET.dict(), "cursor": cursor}
        following = request.build_absolute_uri(f"{request.path}?{urlencode(query)}")
    return rows, {"next": following, "next_cursor": cursor}


def site_base(request):
    return request.build_absolute_uri("/").rstrip("/")
