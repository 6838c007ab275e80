"""Stripe's webhooks keep the supporters' records: each event is checked, applied once, and
applied by reading Stripe's current state, so any order of delivery ends in the same record.

An event only says which customer changed. Their record is rebuilt from what Stripe holds now
(the customer, their subscriptions, their charges): a late or replayed event reads the same
truth as the newest one. The event's id is stored with the change, in one transaction, so a
second delivery is acknowledged and skipped; a failure stores nothing and Stripe retries.
"""

import datetime
import logging

import stripe
from django.conf import settings
from django.db import IntegrityError, connection, transaction

from newsroom.support import payments
from newsroom.support.models import Donation, Period, ProcessedEvent, Supporter

logger = logging.getLogger(__name__)

# Subscription statuses as editors read them; "incomplete" (not paid yet) makes no supporter.
STATUSES = {
    "active": Supporter.Status.ACTIVE,
    "trialing": Supporter.Status.ACTIVE,
    "past_due": Supporter.Status.PAST_DUE,
    "unpaid": Supporter.Status.PAST_DUE,
    "canceled": Supporter.Status.CANCELED,
    "incomplete_expired": Supporter.Status.CANCELED,
    "paused": Supporter.Status.CANCELED,
}
RUNNING = {Supporter.Status.ACTIVE, Supporter.Status.PAST_DUE}


class BadSignature(Exception):
    pass


def verified_event(payload, signature):
    """The event Stripe sent, or BadSignature: not from Stripe, altered, or too old."""
    try:
        return stripe.Webhook.construct_event(
            payload, signature, settings.NEWSROOM_STRIPE_WEBHOOK_SECRET
        )
    except (ValueError, stripe.SignatureVerificationError) as error:
        raise BadSignature(str(error)) from error


def process(event):
    """Apply the event once: False when it had been applied before. Raises
    payments.Unavailable when Stripe cannot be read (nothing is stored: Stripe retries)."""
    try:
        with transaction.atomic():
            ProcessedEvent.objects.create(stripe_event_id=event.id, type=event.type)
            apply(event)
    except IntegrityError as error:
        if ProcessedEvent.objects.filter(stripe_event_id=event.id).exists():
            return False
        # Another delivery wrote the same record at the same moment: Stripe sends it again.
        raise payments.Unavailable(str(error)) from error
    except stripe.StripeError as error:
        raise payments.Unavailable(str(error)) from error
    return True


def apply(event):
    kind, _, _ = event.type.partition(".")
    obj = event.data.object
    if event.type in ("checkout.session.completed", "checkout.session.async_payment_succeeded"):
        checkout_completed(obj.id)
    elif kind in ("customer", "invoice", "charge"):
        customer = obj.id if obj.object == "customer" else getattr(obj, "customer", None)
        if customer:
            sync_customer(customer)


def checkout_completed(session_id):
    """A reader paid on Checkout: a one-off gift is recorded; either way their record follows
    Stripe's."""
    api = payments.client().v1
    session = api.checkout.sessions.retrieve(session_id)
    details = session.customer_details
    email = (details and details.email) or session.customer_email
    if session.mode == "payment" and session.payment_status == "paid" and email:
        supporter = supporter_for(email, session.customer, (details and details.name) or "")
        Donation.objects.get_or_create(
            stripe_payment_intent_id=session.payment_intent,
            defaults={
                "supporter": supporter,
                "amount": session.amount_total,
                "currency": session.currency,
                "paid_at": _time(session.created),
            },
        )
        if not session.customer:
            _apply_donations(supporter)
            supporter.save()
    if session.customer:
        sync_customer(session.customer)


def supporter_for(email, customer_id, name=""):
    """The record of this email address (one per reader), created for a first gift."""
    supporter, _ = Supporter.objects.select_for_update().get_or_create(
        email=email.strip().lower(),
        defaults={
            "name": name,
            "amount": 0,
            "currency": "",
            "period": Period.ONE_OFF,
            "status": Supporter.Status.ACTIVE,
            "stripe_customer_id": customer_id or "",
        },
    )
    return supporter


def sync_customer(customer_id):
    """Rebuild this customer's record from Stripe's current state."""
    # One sync of a customer at a time, each reading Stripe after the one before committed:
    # the last to commit read the newest state.
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_advisory_xact_lock(hashtext(%s))", [customer_id])
    api = payments.client().v1
    customer = api.customers.retrieve(customer_id)
    if getattr(customer, "deleted", False) or not customer.email:
        return
    subscriptions = api.subscriptions.list(
        {"customer": customer_id, "status": "all", "limit": 100}
    ).data
    charges = api.charges.list({"customer": customer_id, "limit": 100}).data
    membership = _membership(subscriptions)
    supporter = _find(customer, subscriptions)
    if supporter is None:
        if membership is None:
            return
        supporter = supporter_for(customer.email, customer_id, customer.name or "")
    refunds = {c.payment_intent: c.amount_refunded for c in charges if c.payment_intent}
    for donation in supporter.donations.all():
        refunded = refunds.get(donation.stripe_payment_intent_id, 0)
        if refunded > donation.refunded_amount:
            donation.refunded_amount = refunded
            donation.save(update_fields=["refunded_amount"])
    supporter.name = customer.name or supporter.name
    # What the reader gives: a running membership; else, while a membership they hold as
    # another Stripe customer runs (a member who also gave once), that one; else their gifts;
    # else how their membership ended.
    if membership is not None and STATUSES[membership.status] in RUNNING:
        _apply_membership(supporter, customer_id, membership, charges)
    elif not _member_elsewhere(supporter, customer_id):
        if _apply_donations(supporter):
            supporter.stripe_customer_id = customer_id
        elif membership is not None:
            _apply_membership(supporter, customer_id, membership, charges)
    supporter.save()


def _member_elsewhere(supporter, customer_id):
    return (
        supporter.period != Period.ONE_OFF
        and supporter.status in RUNNING
        and supporter.stripe_customer_id not in ("", customer_id)
    )


def _find(customer, subscriptions):
    ids = [s.id for s in subscriptions]
    return (
        Supporter.objects.select_for_update().filter(stripe_subscription_id__in=ids).first()
        or Supporter.objects.select_for_update().filter(stripe_customer_id=customer.id).first()
        or Supporter.objects.select_for_update().filter(email=customer.email.lower()).first()
    )


def _membership(subscriptions):
    """The subscription that says what the reader's membership is: a running one, else the
    newest that ended; None when there is none (or none paid yet)."""
    known = [s for s in subscriptions if s.status in STATUSES]
    running = [s for s in known if STATUSES[s.status] in RUNNING]
    candidates = running or known
    return max(candidates, key=lambda s: s.created, default=None)


def _apply_membership(supporter, customer_id, subscription, charges):
    plan = subscription["items"].data[0].plan
    status = STATUSES[subscription.status]
    donations = set(supporter.donations.values_list("stripe_payment_intent_id", flat=True))
    paid = [c for c in charges if c.paid and c.payment_intent not in donations]
    latest = max(paid, key=lambda c: c.created, default=None)
    if status == Supporter.Status.CANCELED and latest is not None and latest.refunded:
        status = Supporter.Status.REFUNDED
    supporter.amount = plan.amount
    supporter.currency = plan.currency
    supporter.period = plan.interval if plan.interval in (Period.MONTH, Period.YEAR) else "month"
    supporter.status = status
    supporter.cancel_at_period_end = bool(subscription.cancel_at_period_end)
    supporter.stripe_customer_id = customer_id
    supporter.stripe_subscription_id = subscription.id
    supporter.since = min(supporter.since, _time(subscription.created))
    if latest is not None:
        supporter.last_paid_at = max(filter(None, [supporter.last_paid_at, _time(latest.created)]))


def _apply_donations(supporter):
    """A reader without a running membership: a supporter for a year after their last gift
    kept. False when they have no gift kept (every one refunded, or none)."""
    kept = [d for d in supporter.donations.all() if d.refunded_amount < d.amount]
    if not kept:
        if supporter.donations.exists():
            supporter.status = Supporter.Status.REFUNDED
        return False
    latest = max(kept, key=lambda d: d.paid_at)
    supporter.period = Period.ONE_OFF
    supporter.amount = latest.amount
    supporter.currency = latest.currency
    supporter.status = Supporter.Status.ACTIVE
    supporter.last_paid_at = latest.paid_at
    supporter.stripe_subscription_id = ""
    supporter.cancel_at_period_end = False
    supporter.since = min(supporter.since, min(d.paid_at for d in supporter.donations.all()))
    return True


def _time(timestamp):
    return datetime.datetime.fromtimestamp(timestamp, tz=datetime.UTC)
