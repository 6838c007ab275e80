"""Bounces and spam complaints reported by the email service (django-anymail's webhooks)."""

import logging

from newsroom.newsletter.models import Subscriber

logger = logging.getLogger(__name__)
Status = Subscriber.Status
# Anymail's normalized event types → what becomes of the address. A soft bounce ("deferred")
# is retried by the service itself and changes nothing.
VERDICTS = {
    "bounced": Status.BOUNCED,
    "rejected": Status.BOUNCED,
    "complained": Status.COMPLAINED,
    "unsubscribed": Status.UNSUBSCRIBED,
}


def handle_tracking(sender, event, esp_name, **kwargs):
    status = VERDICTS.get(event.event_type)
    if status is None or not event.recipient:
        return
    subscriber = Subscriber.objects.filter(email=event.recipient.strip().lower()).first()
    if subscriber is None or subscriber.status == status:
        return
    reason = event.description or event.reject_reason or event.event_type
    subscriber.set_status(status, f"{esp_name}: {reason}")
    subscriber.save()
    logger.info("Newsletter subscriber %s is now %s (%s)", subscriber.pk, status, esp_name)


def connect():
    from anymail.signals import tracking

    tracking.connect(handle_tracking, dispatch_uid="newsletter.tracking")
