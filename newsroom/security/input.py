"""Requests no browser sends: refused with a 400 that says why, before any view reads them."""

import codecs
from urllib.parse import parse_qsl

from django.conf import settings
from django.core.exceptions import TooManyFieldsSent
from django.http import HttpResponseBadRequest, QueryDict
from django.template import loader
from django.urls import reverse
from django.utils.datastructures import MultiValueDict

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


# Fields a signed-in staff member's admin form may send. A story's form carries every correction
# of the story, eight fields each: a story corrected hundreds of times posts thousands, past
# Django's 1,000 (DATA_UPLOAD_MAX_NUMBER_FIELDS), which readers' forms keep. The body's size
# stays bounded by DATA_UPLOAD_MAX_MEMORY_SIZE.
STAFF_MAX_FIELDS = 20_000


def read_form(request, max_fields):
    """Parse an urlencoded POST as Django does, but with this limit on its fields."""
    encoding = request.encoding or settings.DEFAULT_CHARSET
    try:
        pairs = parse_qsl(
            request.body.decode(encoding, errors="replace"),
            keep_blank_values=True,
            max_num_fields=max_fields,
        )
    except ValueError as exc:
        raise TooManyFieldsSent(
            "The number of GET/POST parameters exceeded the staff limit."
        ) from exc
    form = QueryDict(mutable=True, encoding=encoding)
    for key, value in pairs:
        form.appendlist(key, value)
    form._mutable = False
    request._post, request._files = form, MultiValueDict()


class StaffFormLimitMiddleware:
    """Staff posting forms in the admin may send up to STAFF_MAX_FIELDS fields.

    After authentication, before anything reads request.POST (HostileInputMiddleware, CSRF)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if (
            request.method == "POST"
            and request.content_type == "application/x-www-form-urlencoded"
            and request.path.startswith(reverse("admin:index"))
            and request.user.is_active
            and request.user.is_staff
        ):
            read_form(request, STAFF_MAX_FIELDS)
        return self.get_response(request)
