"""Talking to Stripe: Checkout for paying, the Customer Portal for changing or cancelling.

No card ever reaches our servers: readers pay on Stripe's pages and come back. Without the
keys (NEWSROOM_STRIPE_SECRET_KEY and NEWSROOM_STRIPE_WEBHOOK_SECRET) payments are off and
nothing of them shows.
"""

import stripe
from django.conf import settings

from newsroom.support.models import Period

# Where Checkout and the Customer Portal live: readers' browsers are sent there.
STRIPE_PAGES = ("https://checkout.stripe.com", "https://billing.stripe.com")


class Unavailable(Exception):
    """Stripe could not be reached or refused: the reader is asked to try again."""


def enabled():
    return bool(settings.NEWSROOM_STRIPE_SECRET_KEY and settings.NEWSROOM_STRIPE_WEBHOOK_SECRET)


def client():
    # stripe.api_base is where the library sends requests (tests point it at a local fake).
    return stripe.StripeClient(
        settings.NEWSROOM_STRIPE_SECRET_KEY,
        base_addresses={"api": stripe.api_base},
        max_network_retries=2,
    )


def checkout(*, amount, currency, period, product_name, success_url, cancel_url, email=""):
    """A Checkout session for this gift or membership: the address to send the reader to."""
    price = {"currency": currency, "unit_amount": amount, "product_data": {"name": product_name}}
    params = {
        "success_url": success_url,
        "cancel_url": cancel_url,
        "line_items": [{"price_data": price, "quantity": 1}],
        "metadata": {"period": period},
    }
    if period == Period.ONE_OFF:
        params.update(mode="payment", customer_creation="always", submit_type="donate")
    else:
        price["recurring"] = {"interval": period}
        params.update(mode="subscription")
    if email:
        params["customer_email"] = email
    try:
        session = client().v1.checkout.sessions.create(params)
    except stripe.StripeError as error:
        raise Unavailable(str(error)) from error
    return session.url


def portal(customer_id, return_url):
    """The Customer Portal's address for this supporter (change the amount, card, or cancel)."""
    try:
        session = client().v1.billing_portal.sessions.create(
            {"customer": customer_id, "return_url": return_url}
        )
    except stripe.StripeError as error:
        raise Unavailable(str(error)) from error
    return session.url
