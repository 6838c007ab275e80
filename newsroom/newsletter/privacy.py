"""A subscriber's data: export and erase by email address."""

from newsroom.newsletter.models import Subscriber


def export_subscriber(email):
    subscriber = Subscriber.objects.filter(email=email.strip().lower()).first()
    if subscriber is None:
        return None
    return {
        "email": subscriber.email,
        "status": subscriber.status,
        "signed_up_at": subscriber.created_at.isoformat(),
        "signed_up_on": subscriber.consent_page,
        "consent_at": subscriber.consent_at.isoformat() if subscriber.consent_at else None,
        "status_changed_at": subscriber.status_changed_at.isoformat(),
        "status_note": subscriber.status_note,
        "lists": [
            {
                "list": choice.newsletter.name,
                "status": choice.status,
                "chosen_at": choice.created_at.isoformat(),
                "consent_at": choice.consent_at.isoformat() if choice.consent_at else None,
            }
            for choice in subscriber.subscriptions.select_related("newsletter")
        ],
        "newsletters_received": [
            {"date": delivery.issue.date.isoformat(), "status": delivery.status}
            for delivery in subscriber.deliveries.select_related("issue").order_by("issue__date")
        ],
    }


def erase_subscriber(email):
    """Delete the subscriber and the record of what they were sent; returns whether one existed."""
    deleted, _ = Subscriber.objects.filter(email=email.strip().lower()).delete()
    return bool(deleted)
