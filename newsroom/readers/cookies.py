"""Being signed in: a signed cookie naming the reader, apart from staff's session.

The page cache does not count it as personal (newsroom.caching.pages): a signed-in reader
gets the same kept pages as everyone, and what is theirs comes from /account/me.json.
"""

from django.conf import settings
from django.core import signing

from newsroom.readers.models import Reader

COOKIE = "newsroom_reader"
# Readable by the page's script, and saying nothing but "someone signed in here": it spares
# every other reader's browser the question to /account/me.json.
HINT = "newsroom_signed_in"
SALT = "readers.signed-in"
DAYS = 60


def reader_of(request):
    """The signed-in reader, or None."""
    value = request.COOKIES.get(COOKIE)
    if not value:
        return None
    try:
        note = signing.loads(value, salt=SALT, max_age=DAYS * 86400)
    except signing.BadSignature:
        return None
    if not isinstance(note, dict):
        return None
    return Reader.objects.filter(pk=note.get("r"), sign_in_generation=note.get("g")).first()


def sign_in(request, response, reader):
    secure = settings.SESSION_COOKIE_SECURE or request.is_secure()
    value = signing.dumps({"r": reader.pk, "g": reader.sign_in_generation}, salt=SALT)
    response.set_cookie(
        COOKIE, value, max_age=DAYS * 86400, secure=secure, httponly=True, samesite="Lax"
    )
    response.set_cookie(HINT, "1", max_age=DAYS * 86400, secure=secure, samesite="Lax")


def sign_out(response, reader=None):
    """Forget this browser's sign-in; with the reader, every browser's."""
    if reader is not None:
        Reader.objects.filter(pk=reader.pk).update(sign_in_generation=reader.sign_in_generation + 1)
    response.delete_cookie(COOKIE, samesite="Lax")
    response.delete_cookie(HINT, samesite="Lax")
