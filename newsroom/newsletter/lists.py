"""The lists a reader chooses among: who is on which, and changing it from an account."""

from django.db import transaction
from django.utils import timezone

from newsroom.newsletter.models import NewsletterList, Subscriber, Subscription

Status = Subscription.Status


def offered():
    return NewsletterList.objects.filter(offered=True).select_related("section")


def daily():
    return NewsletterList.objects.filter(kind=NewsletterList.Kind.DAILY).order_by("pk").first()


def breaking():
    return NewsletterList.objects.filter(kind=NewsletterList.Kind.BREAKING).order_by("pk").first()


def readers_of(newsletter):
    """The subscribers a mail to this list goes to."""
    return Subscriber.objects.active().filter(
        subscriptions__newsletter=newsletter, subscriptions__status=Status.ACTIVE
    )


def chosen_by(email):
    """The slugs of the lists this address receives."""
    return list(
        Subscription.objects.active()
        .filter(subscriber__email=email.strip().lower())
        .order_by("newsletter__position", "newsletter__name")
        .values_list("newsletter__slug", flat=True)
    )


def choose(email, newsletters, now=None):
    """Set the lists of an address already proven (a signed-in reader): no mail to confirm.

    Lists not offered to readers are left as they are."""
    now = now or timezone.now()
    email = email.strip().lower()
    wanted = {newsletter.pk for newsletter in newsletters}
    with transaction.atomic():
        subscriber, _ = Subscriber.objects.select_for_update().get_or_create(
            email=email, defaults={"created_at": now}
        )
        if wanted and subscriber.status != Subscriber.Status.ACTIVE:
            subscriber.set_status(Subscriber.Status.ACTIVE, "Chosen in the reader's account", now)
            subscriber.consent_at = now
            subscriber.save()
        for newsletter in offered():
            subscription = Subscription.objects.filter(
                subscriber=subscriber, newsletter=newsletter
            ).first()
            if newsletter.pk in wanted:
                if subscription is None:
                    subscription = Subscription(subscriber=subscriber, newsletter=newsletter)
                if subscription.status != Status.ACTIVE:
                    subscription.status = Status.ACTIVE
                    subscription.consent_at = subscription.status_changed_at = now
                    subscription.save()
            elif subscription is not None and subscription.status != Status.UNSUBSCRIBED:
                subscription.status = Status.UNSUBSCRIBED
                subscription.status_changed_at = now
                subscription.save()
    return subscriber
