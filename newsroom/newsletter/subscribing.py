"""Signing up with double opt-in, confirming, and leaving. Nothing is sent before consent
except the one confirmation mail, and that at most once every few minutes per address, and
within the site's hourly allowance of confirmation mails (NEWSROOM_NEWSLETTER_CONFIRMATIONS)."""

import datetime
import logging

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone
from django_tasks import task

from newsroom.newsletter import lists
from newsroom.newsletter.links import absolute_reverse
from newsroom.newsletter.models import Subscriber, Subscription
from newsroom.newsletter.tokens import confirm_token
from newsroom.security import ratelimit

logger = logging.getLogger(__name__)
RESEND_AFTER = datetime.timedelta(minutes=10)
Status = Subscriber.Status


class TryLater(Exception):
    """The site sent its allowance of confirmation mails: nothing is stored, nothing sent."""

    def __init__(self, retry_after):
        super().__init__(retry_after)
        self.retry_after = retry_after


def count_confirmation():
    """Count one confirmation mail against the site-wide allowance; TryLater past it."""
    rate = settings.NEWSROOM_NEWSLETTER_CONFIRMATIONS
    counted = ratelimit.count("newsletter:confirmations", rate)
    if counted.over:
        # Counts only: who signed up, and from where, stays out of the log.
        logger.warning(
            "Newsletter sign-up refused: %d confirmation mails asked for this window "
            "(allowance %s)",
            counted.count,
            rate,
        )
        raise TryLater(counted.retry_after)


def subscribe(email, page="", newsletters=(), now=None):
    """Record the wish to receive these lists (the daily one when none is named) and send the
    confirmation mail (after commit): each list waits for consent given from that mail.

    Returns nothing the reader could learn another person's subscription from: the page they
    see next is the same whatever the address's state. Raises TryLater, having stored
    nothing, when the site has sent its allowance of confirmation mails.
    """
    now = now or timezone.now()
    email = email.strip().lower()
    with transaction.atomic():
        subscriber, _ = Subscriber.objects.select_for_update().get_or_create(
            email=email, defaults={"consent_page": page[:500], "created_at": now}
        )
        newsletters = list(newsletters) or [lists.daily()]
        waiting = [
            Subscription.objects.get_or_create(subscriber=subscriber, newsletter=newsletter)[0]
            for newsletter in newsletters
            if newsletter is not None
        ]
        waiting = [choice for choice in waiting if choice.status != Subscription.Status.ACTIVE]
        if subscriber.status == Status.ACTIVE and not waiting:
            return subscriber
        for choice in waiting:
            if choice.status != Subscription.Status.PENDING:
                choice.status, choice.status_changed_at = Subscription.Status.PENDING, now
                choice.save()
        recently = subscriber.confirmation_sent_at and now - subscriber.confirmation_sent_at < (
            RESEND_AFTER
        )
        if recently:
            return subscriber
        # Inside the transaction: a refusal rolls back the new row and the count alike.
        count_confirmation()
        if subscriber.status not in (Status.PENDING, Status.ACTIVE):
            subscriber.set_status(Status.PENDING, "Signed up again from the form", now)
        subscriber.consent_page = page[:500] or subscriber.consent_page
        subscriber.confirmation_sent_at = now
        subscriber.save()
        transaction.on_commit(lambda: send_confirmation.enqueue(subscriber.pk))
    return subscriber


@task()
def send_confirmation(subscriber_id):
    subscriber = Subscriber.objects.filter(pk=subscriber_id).first()
    waiting = subscriber and subscriber.subscriptions.filter(status=Subscription.Status.PENDING)
    if subscriber is None or not (subscriber.status == Status.PENDING or waiting.exists()):
        return
    context = {
        "site_name": settings.NEWSROOM_SITE_NAME,
        "confirm_url": absolute_reverse("newsletter:confirm", token=confirm_token(subscriber)),
    }
    message = EmailMultiAlternatives(
        subject=f"Confirm your subscription to {settings.NEWSROOM_SITE_NAME}'s newsletter",
        body=render_to_string("newsletter/email/confirm.txt", context),
        to=[subscriber.email],
    )
    message.attach_alternative(
        render_to_string("newsletter/email/confirm.html", context), "text/html"
    )
    try:
        message.send()
    except Exception:
        # The reader can ask again from the form; nothing else depends on this mail.
        logger.exception(
            "Could not send the newsletter confirmation to subscriber %s", subscriber_id
        )


def confirm(email, now=None):
    """Make the subscription and the lists waiting for consent active; returns the subscriber,
    or None for an unknown address."""
    now = now or timezone.now()
    subscriber = Subscriber.objects.filter(email=email).first()
    if subscriber is None:
        return None
    if subscriber.status == Status.PENDING:
        subscriber.set_status(Status.ACTIVE, "Confirmed from the confirmation email", now)
        subscriber.consent_at = now
        subscriber.save()
    subscriber.subscriptions.filter(status=Subscription.Status.PENDING).update(
        status=Subscription.Status.ACTIVE, consent_at=now, status_changed_at=now
    )
    return subscriber


def unsubscribe(
    subscriber_id, newsletter_id=None, note="Unsubscribed with the link in the newsletter", now=None
):
    """Leave one list, or (with no list named: the links in mail sent before there were lists)
    every one."""
    now = now or timezone.now()
    subscriber = Subscriber.objects.filter(pk=subscriber_id).first()
    if subscriber is None:
        return None
    choices = subscriber.subscriptions.exclude(status=Subscription.Status.UNSUBSCRIBED)
    if newsletter_id is not None:
        choices.filter(newsletter_id=newsletter_id).update(
            status=Subscription.Status.UNSUBSCRIBED, status_changed_at=now
        )
        return subscriber
    choices.update(status=Subscription.Status.UNSUBSCRIBED, status_changed_at=now)
    if subscriber.status in (Status.ACTIVE, Status.PENDING):
        subscriber.set_status(Status.UNSUBSCRIBED, note, now)
        subscriber.save()
    return subscriber
