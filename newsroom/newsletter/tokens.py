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


def unsubscribe_token(subscriber):
    # No expiry: the link in a years-old newsletter must still work.
    return signing.Signer(salt=UNSUBSCRIBE_SALT).sign(str(subscriber.pk))


def subscriber_id_from_unsubscribe_token(token):
    try:
        return int(signing.Signer(salt=UNSUBSCRIBE_SALT).unsign(token))
    except (signing.BadSignature, ValueError):
        return None
