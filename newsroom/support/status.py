"""Whether a reader supports the outlet, for what is per reader (the account's me.json)."""

from newsroom.support.models import Supporter


def is_supporter(email):
    """True for a running membership, or a one-off gift within the last year."""
    if not email:
        return False
    return Supporter.objects.current().filter(email=email.strip().lower()).exists()
