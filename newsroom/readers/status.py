"""What a page's script learns about its reader (/account/me.json): never in a kept page."""

from django.conf import settings
from django.urls import reverse

from newsroom.newsletter import lists
from newsroom.readers.cookies import reader_of
from newsroom.support import payments, status


def is_supporter(reader):
    """Whether the reader supports the outlet with money: a membership or a recent gift."""
    return status.is_supporter(reader.email)


def support_url():
    """Where the meter's prompt sends readers to support: None while payments are off."""
    return reverse("support:support") if payments.enabled() else None


def for_request(request):
    reader = reader_of(request)
    signed_in = reader is not None
    return {
        "signed_in": signed_in,
        "name": reader.name if signed_in else "",
        "email": reader.email if signed_in else None,
        "supporter": signed_in and is_supporter(reader),
        "lists": lists.chosen_by(reader.email) if signed_in else [],
        "meter": settings.NEWSROOM_METER_FREE_STORIES,
        "sign_in_url": reverse("readers:sign_in"),
        "support_url": support_url(),
    }
