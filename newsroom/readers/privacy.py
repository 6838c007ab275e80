"""Everything stored about a reader's email address: exported, or erased, in one place (the
account's buttons and the privacy_export and privacy_erase commands alike)."""

from django.db import transaction

from comments.privacy import erase_commenter, export_commenter
from newsroom.newsletter.privacy import erase_subscriber, export_subscriber
from newsroom.readers.models import Reader, SignInCode
from newsroom.support.privacy import export_supporter


def export_account(email):
    reader = Reader.objects.filter(email=email.strip().lower()).first()
    if reader is None:
        return None
    return {
        "email": reader.email,
        "name": reader.name,
        "joined_at": reader.created_at.isoformat(),
        "last_signed_in_at": reader.last_signed_in_at.isoformat()
        if reader.last_signed_in_at
        else None,
    }


def export_everything(email):
    return {
        "account": export_account(email),
        "comments": export_commenter(email),
        "newsletter": export_subscriber(email),
        "support": export_supporter(email),
    }


def erase_everything(email):
    """Anonymise the comments, delete the subscription and the account; returns what was done:
    (comments anonymised, a subscription deleted, an account deleted)."""
    email = email.strip().lower()
    with transaction.atomic():
        comments = erase_commenter(email)
        subscription = erase_subscriber(email)
        SignInCode.objects.filter(email=email).delete()
        account, _ = Reader.objects.filter(email=email).delete()
    return comments, subscription, bool(account)
