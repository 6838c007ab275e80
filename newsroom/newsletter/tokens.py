"""Signed links in the newsletter's mail: confirming a subscription, leaving it in one click."""

from django.core import signing

CONFIRM_SALT = "newsletter.confirm"
UNSUBSCRIBE_SALT = "newsletter.unsubscribe"
CONFIRM_DAYS = 7


def confirm_token(subscriber):
    return signing.dumps(subscriber.email, salt=CONFIRM_SALT, compress=True)


def email_from_confirm_token(token):
    try:
        return signing.loads(token, salt=CONFIRM_SALT, max_age=CONFIRM_DAYS * 86400)
    except signing.BadSignature:
        return None


def unsubscribe_token(subscriber, newsletter=None):
    # No expiry: the link in a years-old newsletter must still work.
    value = str(subscriber.pk) if newsletter is None else f"{subscriber.pk}-{newsletter.pk}"
    return signing.Signer(salt=UNSUBSCRIBE_SALT).sign(value)


def unsubscribe_target(token):
    """(subscriber id, list id or None for every list), or None for a token not ours."""
    try:
        value = signing.Signer(salt=UNSUBSCRIBE_SALT).unsign(token)
        subscriber, _, newsletter = value.partition("-")
        return int(subscriber), int(newsletter) if newsletter else None
    except (signing.BadSignature, ValueError):
        return None
