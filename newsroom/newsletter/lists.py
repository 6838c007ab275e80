"""The lists a reader chooses among: who is on which, and changing it from an account."""

from django.db import transaction
from django.utils import timezone

from newsroom.newsletter.models import NewsletterList, Subscriber, Subscription

Status = Subscription.Status


def offered():
    return NewsletterList.objects.filter(offered=True).select_related("section")


# The lists every outlet has (made by migration 0002; made again here should they be gone).
BUILT_IN = {
    NewsletterList.Kind.DAILY: {
        "slug": "daily",
        "name": "The daily newsletter",
        "description": "The day's stories, every morning.",
        "position": 0,
    },
    NewsletterList.Kind.BREAKING: {
        "slug": "breaking",
        "name": "Breaking news",
        "description": "A short email when big news breaks; a few a month at most.",
        "position": 1,
    },
}


def built_in(kind):
    newsletter = NewsletterList.objects.filter(kind=kind).order_by("pk").first()
    if newsletter is None:
        defaults = BUILT_IN[kind]
        newsletter, _ = NewsletterList.objects.get_or_create(
            slug=defaults["slug"], defaults={**defaults, "kind": kind}
        )
    return newsletter


def daily():
    return built_in(NewsletterList.Kind.DAILY)


def breaking():
    return built_in(NewsletterList.Kind.BREAKING)


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
