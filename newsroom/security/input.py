"""Requests no browser sends: refused with a 400 that says why, before any view reads them."""

import codecs

from django.http import HttpResponseBadRequest
from django.template import loader

# Browsers send forms in the page's own encoding, UTF-8; these are its names.
ACCEPTED_CHARSETS = {"utf-8", "ascii"}


def bad_request(message):
    body = loader.render_to_string("400.html", {"message": message})
    return HttpResponseBadRequest(body)


def charset_problem(request):
    charset = request.content_params.get("charset") if request.content_type else None
    if charset is None:
        return None
    try:
        name = codecs.lookup(charset).name
    except (LookupError, UnicodeError, ValueError):
        name = None
    if name not in ACCEPTED_CHARSETS:
        return (
            f"This form was sent in a character set we do not read ({charset[:40]}). "
            "Send it again from the page, which uses UTF-8."
        )
    return None


def nul_problem(request):
    # PostgreSQL cannot store a NUL character, and no keyboard types one. Addresses are left
    # to the views (search says it found nothing; old links ignore it).
    if request.method != "POST" or request.content_type == "multipart/form-data":
        return None
    for key, items in request.POST.lists():
        if "\x00" in key or any("\x00" in item for item in items):
            return "The form contained a character (NUL) that no keyboard types. Remove it."
    return None


class HostileInputMiddleware:
    """A clear 400 for a charset no browser sends or a NUL character, instead of a 500."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        problem = charset_problem(request) or nul_problem(request)
        if problem:
            return bad_request(problem)
        return self.get_response(request)
