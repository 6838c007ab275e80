"""Stripe's webhooks keep the supporters' records, through the real `stripe` library against
localstripe: a checked signature, each event applied once, the same record in any order."""

import time

import pytest
import stripe

from newsroom.support.models import Donation, Period, ProcessedEvent, Supporter
from newsroom.support.status import is_supporter
from tests.support.stripe_servers import (
    customer,
    deliver,
    event,
    pay_once,
    signature,
    subscribe,
)

pytestmark = pytest.mark.django_db


def checkout_completed(fake, client, buyer, **paid):
    """A reader pays on Checkout and Stripe tells us: the session is completed."""
    mode = "subscription" if paid.get("subscription") else "payment"
    session = fake.create_session(
        f"mode={mode}&line_items[0][price_data][unit_amount]={paid.pop('amount', 2500)}"
        "&line_items[0][price_data][currency]=eur&success_url=x&cancel_url=y".encode()
    )
    session = fake.complete(session["id"], buyer, **paid)
    payload = event("checkout.session.completed", session)
    return deliver(client, payload), payload


def test_a_one_off_gift_is_recorded_once_however_often_stripe_delivers_it(stripe_on, client):
    """The completed payment makes a supporter and a donation; the same event again changes
    nothing and is acknowledged."""
    buyer = customer("ann@example.org", "Ann Reader")
    payment = pay_once(buyer, 2500)
    response, payload = checkout_completed(stripe_on, client, buyer, payment_intent=payment.id)
    assert response.status_code == 200
    supporter = Supporter.objects.get()
    assert (supporter.email, supporter.name) == ("ann@example.org", "Ann Reader")
    assert (supporter.amount, supporter.currency, supporter.period) == (2500, "eur", "one_off")
    assert supporter.status == Supporter.Status.ACTIVE
    assert Donation.objects.get().amount == 2500
    assert is_supporter("Ann@Example.org")

    again = deliver(client, payload)
    assert again.status_code == 200 and again.content == b"Already applied."
    assert Donation.objects.count() == 1 and ProcessedEvent.objects.count() == 1


def test_a_monthly_membership_its_renewal_and_its_cancellation(stripe_on, client):
    """Checkout completed, then invoice.paid a month later, then the reader cancels in the
    portal: the record follows each step."""
    buyer = customer("bo@example.org", "Bo")
    subscription = subscribe(buyer, 1000, "month")
    response, _ = checkout_completed(stripe_on, client, buyer, subscription=subscription.id)
    assert response.status_code == 200
    supporter = Supporter.objects.get()
    assert (supporter.amount, supporter.period, supporter.status) == (1000, "month", "active")
    assert supporter.stripe_subscription_id == subscription.id
    assert supporter.stripe_customer_id == buyer.id
    first_paid = supporter.last_paid_at

    time.sleep(1)  # Stripe's times are in whole seconds: the renewal's charge is a second later.
    invoice = stripe.Invoice.create(customer=buyer.id, subscription=subscription.id)
    stripe.Invoice.pay(invoice.id)
    assert (
        deliver(client, event("invoice.paid", stripe.Invoice.retrieve(invoice.id))).status_code
        == 200
    )
    supporter.refresh_from_db()
    assert supporter.status == Supporter.Status.ACTIVE
    assert first_paid is None or supporter.last_paid_at > first_paid

    ended = stripe.Subscription.cancel(subscription.id)
    assert deliver(client, event("customer.subscription.deleted", ended)).status_code == 200
    supporter.refresh_from_db()
    assert supporter.status == Supporter.Status.CANCELED
    assert not is_supporter("bo@example.org")
    assert Donation.objects.count() == 0


def test_a_refunded_gift_marks_the_donation_and_the_supporter(stripe_on, client):
    """Refunding on Stripe's dashboard sends charge.refunded: the gift shows as refunded and
    the reader no longer counts as a supporter."""
    buyer = customer()
    payment = pay_once(buyer, 3000)
    checkout_completed(stripe_on, client, buyer, payment_intent=payment.id, amount=3000)
    # localstripe answers the charge itself where Stripe gives its id.
    charge = payment.latest_charge
    stripe.Refund.create(charge=charge.id)
    response = deliver(client, event("charge.refunded", stripe.Charge.retrieve(charge.id)))
    assert response.status_code == 200
    assert Donation.objects.get().refunded_amount == 3000
    assert Supporter.objects.get().status == Supporter.Status.REFUNDED
    assert not is_supporter("ann@example.org")


def test_a_member_who_also_gives_once_stays_a_member(stripe_on, client):
    """A one-off gift through Checkout (a new Stripe customer, the same email) is recorded
    beside the membership, which still says what they give."""
    member = customer("di@example.org", "Di")
    subscription = subscribe(member, 800, "month")
    checkout_completed(stripe_on, client, member, subscription=subscription.id)
    giver = customer("di@example.org", "Di")
    payment = pay_once(giver, 5000)
    checkout_completed(stripe_on, client, giver, payment_intent=payment.id, amount=5000)
    supporter = Supporter.objects.get()
    assert (supporter.period, supporter.amount, supporter.status) == ("month", 800, "active")
    assert supporter.stripe_customer_id == member.id
    assert Donation.objects.get().amount == 5000


def test_a_malformed_event_is_answered_503_and_stores_nothing(stripe_on, client):
    """Signed, but not an event we can read (no object): logged, 503, retried by Stripe."""
    payload = b'{"id": "evt_broken", "object": "event", "type": "charge.refunded", "data": {}}'
    response = deliver(client, payload)
    assert response.status_code == 503
    assert not ProcessedEvent.objects.exists()


def test_out_of_order_events_end_in_the_same_record(stripe_on, client):
    """The cancellation arrives before the membership's first events: each reads Stripe's
    state now, so the late ones do not bring the cancelled membership back."""
    buyer = customer("cy@example.org", "Cy")
    subscription = subscribe(buyer, 500, "year")
    created = stripe.Subscription.retrieve(subscription.id)
    ended = stripe.Subscription.cancel(subscription.id)
    assert deliver(client, event("customer.subscription.deleted", ended)).status_code == 200
    assert deliver(client, event("customer.subscription.created", created)).status_code == 200
    response, _ = checkout_completed(stripe_on, client, buyer, subscription=subscription.id)
    assert response.status_code == 200
    supporter = Supporter.objects.get()
    assert (supporter.period, supporter.status) == (Period.YEAR, Supporter.Status.CANCELED)


def test_a_refund_delivered_before_the_payment_still_ends_refunded(stripe_on, client):
    """charge.refunded first, checkout.session.completed after: one refunded donation."""
    buyer = customer()
    payment = pay_once(buyer, 2000)
    stripe.Refund.create(charge=payment.latest_charge.id)
    refunded = stripe.Charge.retrieve(payment.latest_charge.id)
    assert deliver(client, event("charge.refunded", refunded)).status_code == 200
    checkout_completed(stripe_on, client, buyer, payment_intent=payment.id, amount=2000)
    donation = Donation.objects.get()
    assert donation.refunded_amount == 2000
    assert donation.supporter.status == Supporter.Status.REFUNDED


@pytest.mark.parametrize(
    "header",
    [
        "",
        "t=1,v1=0000",
        "not a signature",
    ],
)
def test_a_badly_signed_event_is_refused_and_changes_nothing(stripe_on, client, header):
    """No signature, a wrong one, or nonsense: 400, nothing stored."""
    buyer = customer()
    payload = event("customer.subscription.created", subscribe(buyer))
    response = deliver(client, payload, header=header)
    assert response.status_code == 400
    assert not ProcessedEvent.objects.exists() and not Supporter.objects.exists()


def test_an_event_signed_with_another_secret_or_altered_or_old_is_refused(stripe_on, client):
    """The signature must be ours, over these very bytes, and recent (a replay days later)."""
    buyer = customer()
    payload = event("customer.subscription.created", subscribe(buyer))
    assert deliver(client, payload, signature(payload, secret="whsec_other")).status_code == 400
    altered = payload.replace(b'"livemode": false', b'"livemode": true')
    assert deliver(client, altered, signature(payload)).status_code == 400
    old = signature(payload, timestamp=int(time.time()) - 3600)
    assert deliver(client, payload, old).status_code == 400
    assert not Supporter.objects.exists()
    assert deliver(client, payload).status_code == 200
    assert Supporter.objects.get().status == Supporter.Status.ACTIVE


def test_an_event_that_cannot_be_applied_yet_is_answered_503_and_retried(
    stripe_on, client, monkeypatch
):
    """Stripe unreachable while applying: no record and no event id kept, Retry-After; the
    retry applies it."""
    buyer = customer()
    payload = event("customer.subscription.created", subscribe(buyer))
    monkeypatch.setattr(stripe, "api_base", "http://127.0.0.1:9")
    response = deliver(client, payload)
    assert response.status_code == 503 and response["Retry-After"]
    assert not ProcessedEvent.objects.exists() and not Supporter.objects.exists()
    monkeypatch.setattr(stripe, "api_base", stripe_on.url)
    assert deliver(client, payload).status_code == 200
    assert Supporter.objects.get().period == Period.MONTH


def test_events_of_no_interest_are_acknowledged(stripe_on, client):
    """Stripe sends what the endpoint subscribes to; anything else is answered 200 and left."""
    payload = event("product.created", stripe.Product.create(name="Mug"))
    assert deliver(client, payload).status_code == 200
    assert not Supporter.objects.exists()
