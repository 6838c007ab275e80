"""Sign-in codes: mailed to an address, good once, for a few minutes and a few tries.

Only a keyed hash of each code is stored. Asking for codes is limited per address and per
network address (NEWSROOM_READER_CODES_PER_EMAIL, NEWSROOM_READER_CODES_PER_ADDRESS, counted
in the shared state), and so is trying them (NEWSROOM_READER_CODE_TRIES): six digits stand up
to guessing only while guesses are few.
"""

import datetime
import hashlib
import hmac
import logging
import secrets

from django.conf import settings
from django.core import signing
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone
from django_tasks import task

from newsroom.newsletter.links import absolute_reverse
from newsroom.readers.models import Reader, SignInCode
from newsroom.security import ratelimit

logger = logging.getLogger(__name__)
LIFETIME = datetime.timedelta(minutes=15)
TRIES_PER_CODE = 5
LINK_SALT = "readers.sign-in-link"


class TryLater(Exception):
    def __init__(self, retry_after):
        super().__init__(retry_after)
        self.retry_after = retry_after


def digest(email, code):
    key = settings.SECRET_KEY.encode()
    return hmac.new(key, f"{email}:{code}".encode(), hashlib.sha256).hexdigest()


def limit(name, rate):
    counted = ratelimit.count(name, rate)
    if counted.over:
        raise TryLater(counted.retry_after)


def send_code(email, ip, next_url="", now=None):
    """Mail a new code (and a link carrying it) to the address; TryLater past the limits."""
    now = now or timezone.now()
    email = email.strip().lower()
    if ip:
        limit(f"reader-codes:{ip}", settings.NEWSROOM_READER_CODES_PER_ADDRESS)
    limit(f"reader-codes:{email}", settings.NEWSROOM_READER_CODES_PER_EMAIL)
    code = f"{secrets.randbelow(1_000_000):06d}"
    with transaction.atomic():
        # One code at a time: asking again retires the ones before.
        SignInCode.objects.filter(email=email, used_at__isnull=True).update(used_at=now)
        row = SignInCode.objects.create(
            email=email, digest=digest(email, code), created_at=now, expires_at=now + LIFETIME
        )
        link = link_token(row, code, next_url)
        transaction.on_commit(lambda: mail_code.enqueue(email, code, link))
    return row


def link_token(row, code, next_url=""):
    return signing.dumps({"c": row.pk, "k": code, "n": next_url}, salt=LINK_SALT)


@task()
def mail_code(email, code, link):
    context = {
        "site_name": settings.NEWSROOM_SITE_NAME,
        "code": code,
        "link": absolute_reverse("readers:sign_in_link", token=link),
        "minutes": int(LIFETIME.total_seconds() // 60),
    }
    message = EmailMultiAlternatives(
        subject=f"{code} is your code to sign in to {settings.NEWSROOM_SITE_NAME}",
        body=render_to_string("readers/email/code.txt", context),
        to=[email],
    )
    message.attach_alternative(render_to_string("readers/email/code.html", context), "text/html")
    try:
        message.send()
    except Exception:
        # The reader can ask for another code; nothing else waits on this mail.
        logger.exception("Could not send a sign-in code")


def check_code(email, code, ip, now=None):
    """The reader whose address this code proves (created on first sign-in), or None."""
    now = now or timezone.now()
    email = email.strip().lower()
    if ip:
        limit(f"reader-tries:{ip}", settings.NEWSROOM_READER_CODE_TRIES)
    with transaction.atomic():
        row = (
            SignInCode.objects.select_for_update()
            .filter(email=email, used_at__isnull=True, expires_at__gt=now)
            .order_by("-created_at")
            .first()
        )
        if row is None or row.tries >= TRIES_PER_CODE:
            return None
        if not hmac.compare_digest(row.digest, digest(email, code.strip())):
            row.tries += 1
            row.save(update_fields=["tries"])
            return None
        row.used_at = now
        row.save(update_fields=["used_at"])
        reader, _ = Reader.objects.get_or_create(email=email, defaults={"created_at": now})
        reader.last_signed_in_at = now
        reader.save(update_fields=["last_signed_in_at"])
    return reader


def from_link(token):
    """(email, code, next address) from a mailed link's token, or None when it is not ours."""
    try:
        note = signing.loads(token, salt=LINK_SALT, max_age=LIFETIME)
    except signing.BadSignature:
        return None
    row = SignInCode.objects.filter(pk=note.get("c")).first()
    if row is None:
        return None
    return row.email, str(note.get("k", "")), note.get("n", "")


def forget_old_codes(now=None):
    """Delete the codes whose time is over: each names an address, kept no longer than needed."""
    SignInCode.objects.filter(expires_at__lt=now or timezone.now()).delete()
