"""The signed link in the “Manage my support” mail: it opens Stripe's Customer Portal."""

from django.core import signing

MANAGE_SALT = "support.manage"
MANAGE_HOURS = 24


def manage_token(supporter):
    return signing.dumps(supporter.pk, salt=MANAGE_SALT)


def supporter_id_from_manage_token(token):
    try:
        return int(signing.loads(token, salt=MANAGE_SALT, max_age=MANAGE_HOURS * 3600))
    except (signing.BadSignature, TypeError, ValueError):
        return None
