"""The Support us page sends readers to Stripe's Checkout with what they chose; “Manage my
support” mails a signed link to Stripe's Customer Portal. Checkout and the portal are served by
the tests' small fake (localstripe has neither), through the real `stripe` library."""

import re

import pytest
import stripe
from bs4 import BeautifulSoup

from newsroom.support.models import Period, Supporter, SupportSettings

pytestmark = pytest.mark.django_db


def soup(response):
    return BeautifulSoup(response.content, "html.parser")


def test_the_page_offers_the_editors_amounts_as_radio_buttons(stripe_on, client):
    """Monthly by default: the suggested amounts, an “Other amount”, one heading."""
    SupportSettings.objects.create(pk=1, monthly_amounts="4, 8, 16", heading="Keep us going")
    page = soup(client.get("/support/"))
    assert [h1.get_text() for h1 in page.select("h1")] == ["Keep us going"]
    labels = [
        label.get_text(" ", strip=True) for label in page.select(".support-form__choice label")
    ]
    assert labels == ["€4 a month", "€8 a month", "€16 a month", "Other amount"]
    assert page.select_one("input[name=amount][checked]")["value"] == "8"
    assert page.select_one('[aria-current="page"]').get_text() == "Monthly"
    yearly = soup(client.get("/support/?period=year"))
    assert "€100 a year" in yearly.select_one(".support-form").get_text(" ", strip=True)


def test_a_monthly_amount_opens_checkout_for_a_subscription(stripe_on, client):
    """The reader's choice becomes a Checkout session in subscription mode, and they are sent
    to Stripe's page."""
    response = client.post(
        "/support/", {"period": "month", "amount": "10", "email": "ann@example.org"}
    )
    assert response.status_code == 303
    assert re.match(r"https://checkout\.stripe\.com/c/pay/cs_test_\d+$", response["Location"])
    [sent] = stripe_on.checkout_requests
    assert sent["mode"] == "subscription"
    price = sent["line_items"]["0"]["price_data"]
    assert (price["unit_amount"], price["currency"]) == ("1000", "eur")
    assert price["recurring"] == {"interval": "month"}
    assert sent["customer_email"] == "ann@example.org"
    assert sent["success_url"] == "http://testserver/support/thank-you/"
    assert sent["cancel_url"] == "http://testserver/support/cancelled/"


def test_an_amount_typed_wins_over_the_suggested_one_left_chosen(stripe_on, client):
    """The second amount is chosen when the page opens: a reader who only types theirs gives
    what they typed."""
    response = client.post("/support/", {"period": "month", "amount": "10", "other_amount": "7"})
    assert response.status_code == 303
    [sent] = stripe_on.checkout_requests
    assert sent["line_items"]["0"]["price_data"]["unit_amount"] == "700"


def test_another_amount_once_opens_checkout_for_a_payment(stripe_on, client):
    """€12.50 once: a payment of 1250 cents, marked as a donation, with a customer kept."""
    response = client.post(
        "/support/", {"period": "one_off", "amount": "other", "other_amount": "12.50"}
    )
    assert response.status_code == 303
    [sent] = stripe_on.checkout_requests
    assert sent["mode"] == "payment" and sent["submit_type"] == "donate"
    assert sent["customer_creation"] == "always"
    assert sent["line_items"]["0"]["price_data"]["unit_amount"] == "1250"
    assert "recurring" not in sent["line_items"]["0"]["price_data"]
    assert "customer_email" not in sent


@pytest.mark.parametrize(
    ("posted", "message"),
    [
        ({"amount": "other", "other_amount": ""}, "Type the amount you would like to give."),
        (
            {"amount": "other", "other_amount": "ten"},
            "Type the amount as a number, like 15 or 12.50.",
        ),
        ({"amount": "other", "other_amount": "1"}, "The smallest amount we can take is €2."),
        (
            {"amount": "other", "other_amount": "20000"},
            "The largest amount we can take online is €10,000",
        ),
        (
            {"amount": "other", "other_amount": "5.555"},
            "Type at most two figures after the decimal point.",
        ),
        ({"amount": "7"}, "Select a valid choice."),
        ({}, "Choose an amount, or type your own."),
        ({"amount": "10", "email": "ann@"}, "Check the email address"),
    ],
)
def test_a_wrong_amount_is_explained_and_nothing_typed_is_lost(stripe_on, client, posted, message):
    """400 with a message next to the field; what was typed is still in the form; no
    Checkout session is opened."""
    data = {"period": "month", "email": "ann@example.org", **posted}
    response = client.post("/support/", data)
    assert response.status_code == 400
    page = soup(response)
    assert message in page.select_one(".support-form").get_text(" ", strip=True)
    assert page.select_one("[role=alert]")
    if posted.get("other_amount"):
        assert page.select_one("#support-other-amount")["value"] == posted["other_amount"]
    assert page.select_one("#support-email")["value"] == data["email"]
    assert not stripe_on.checkout_requests


def test_stripe_unreachable_gives_a_calm_page_with_the_choice_kept(stripe_on, client, monkeypatch):
    """503 with Retry-After, a message, and the reader's amount still chosen."""
    monkeypatch.setattr(stripe, "api_base", "http://127.0.0.1:9")
    response = client.post("/support/", {"period": "year", "amount": "other", "other_amount": "75"})
    assert response.status_code == 503 and response["Retry-After"]
    page = soup(response)
    assert "Nothing was charged" in page.select_one("[role=alert]").get_text()
    assert page.select_one("input[name=amount][checked]")["value"] == "other"
    assert page.select_one("#support-other-amount")["value"] == "75"


def test_too_many_checkouts_from_one_address_are_asked_to_wait(stripe_on, client, settings):
    """Past 20 Checkout sessions an hour from one address: 429, Retry-After, choice kept."""
    for _ in range(20):
        assert client.post("/support/", {"period": "month", "amount": "5"}).status_code == 303
    response = client.post("/support/", {"period": "month", "amount": "20"})
    assert response.status_code == 429 and response["Retry-After"]
    page = soup(response)
    assert "try again later" in page.select_one("[role=alert]").get_text()
    assert page.select_one("input[name=amount][checked]")["value"] == "20"
    assert len(stripe_on.checkout_requests) == 20


def test_thank_you_and_cancelled_pages(stripe_on, client):
    """Where Checkout sends the reader back: the editors' thanks, or no payment made."""
    SupportSettings.objects.create(pk=1, thank_you="You made our day.")
    assert (
        "You made our day." in soup(client.get("/support/thank-you/")).select_one("main").get_text()
    )
    cancelled = soup(client.get("/support/cancelled/")).select_one("main").get_text()
    assert "nothing was charged" in cancelled


def make_supporter(email="ann@example.org"):
    return Supporter.objects.create(
        email=email,
        amount=1000,
        currency="eur",
        period=Period.MONTH,
        status=Supporter.Status.ACTIVE,
        stripe_customer_id="cus_test_ann",
        stripe_subscription_id="sub_test_ann",
    )


def test_manage_my_support_mails_a_link_that_opens_the_portal(stripe_on, client, mailoutbox):
    """The supporter gives their address, gets a link; the link's button opens Stripe's
    Customer Portal for their customer, coming back to /support/."""
    make_supporter()
    response = client.post("/support/manage/", {"email": "Ann@Example.org"})
    assert response.status_code == 200
    assert "Check your inbox" in soup(response).select_one("h1").get_text()
    [mail] = mailoutbox
    assert mail.to == ["ann@example.org"]
    path = re.search(r"http://testserver(/support/manage/\S+/)", mail.body).group(1)
    shown = client.get(path)
    assert shown.status_code == 200 and not stripe_on.portal_requests
    opened = client.post(path)
    assert opened.status_code == 303
    assert opened["Location"].startswith("https://billing.stripe.com/p/session/bps_test_")
    [sent] = stripe_on.portal_requests
    assert sent == {"customer": "cus_test_ann", "return_url": "http://testserver/support/"}


def test_manage_my_support_says_the_same_to_anyone(stripe_on, client, mailoutbox):
    """An address that supports nobody gets the same page and no mail: nobody learns who
    gives."""
    response = client.post("/support/manage/", {"email": "nobody@example.org"})
    assert response.status_code == 200
    assert "Check your inbox" in soup(response).select_one("h1").get_text()
    assert not mailoutbox
    bad = client.post("/support/manage/", {"email": "nobody@"})
    assert bad.status_code == 400
    assert soup(bad).select_one("#manage-email")["value"] == "nobody@"


def test_a_damaged_manage_link_is_refused_calmly(stripe_on, client):
    """A link cut short or forged: 400 and a way to ask for a new one."""
    make_supporter()
    response = client.get("/support/manage/not-a-token/")
    assert response.status_code == 400
    assert "Ask for a new one" in soup(response).get_text()
    assert client.post("/support/manage/not-a-token/").status_code == 400


@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("get", "/support/"),
        ("post", "/support/"),
        ("get", "/support/thank-you/"),
        ("get", "/support/cancelled/"),
        ("get", "/support/manage/"),
        ("get", "/support/manage/some-token/"),
        ("post", "/support/stripe/webhook/"),
    ],
)
def test_without_stripe_keys_every_support_address_is_not_found(client, settings, method, path):
    """Payments off: nothing to pay with, nothing answers (a calm 404 page)."""
    settings.NEWSROOM_STRIPE_SECRET_KEY = ""
    settings.NEWSROOM_STRIPE_WEBHOOK_SECRET = ""
    response = getattr(client, method)(path)
    assert response.status_code == 404
