"""A reader becomes a member and later cancels, in a real browser, on a phone and a desktop:
from the appeal under a story to Stripe's Checkout (the tests' fake of it), back to the thanks,
into the editors' list of supporters, and out through the Customer Portal link."""

import re
import urllib.request

import pytest
import stripe
from django.core import mail
from playwright.sync_api import expect

from tests.browser.axe import assert_no_violations
from tests.conftest import PHONE
from tests.factories import ArticleFactory
from tests.helpers import browser_log_in, staff
from tests.support.stripe_servers import (
    customer,
    event,
    hosted_page,
    signature,
    stripe_on,
    stripe_servers,
    subscribe,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
SIZES = {"phone": PHONE, "desktop": {"width": 1366, "height": 900}}
__all__ = ["stripe_on", "stripe_servers"]


def new_page(browser, live_server, viewport):
    context = browser.new_context(viewport=viewport, base_url=live_server.url)
    context.set_default_timeout(10_000)
    context.route("https://checkout.stripe.com/**", hosted_page)
    context.route("https://billing.stripe.com/**", hosted_page)
    return context.new_page()


def as_stripe(live_server, kind, obj):
    """Stripe calls the webhook, signed."""
    payload = event(kind, obj)
    request = urllib.request.Request(
        f"{live_server.url}/support/stripe/webhook/",
        data=payload,
        headers={"Content-Type": "application/json", "Stripe-Signature": signature(payload)},
    )
    with urllib.request.urlopen(request, timeout=10) as response:
        assert response.status == 200


@pytest.mark.parametrize("size", SIZES)
def test_a_reader_becomes_a_monthly_member_and_cancels(
    stripe_on, roles, browser, live_server, screenshot, size
):
    story = ArticleFactory(headline="The harbour reopens")
    reader = new_page(browser, live_server, SIZES[size])
    reader.goto(story.get_absolute_url())
    appeal = reader.locator(".support-box")
    expect(appeal).to_contain_text("Support independent local news")
    appeal.scroll_into_view_if_needed()
    screenshot(reader, "appeal")
    appeal.get_by_role("link", name="Support us").click()

    expect(reader.get_by_role("heading", level=1)).to_have_text("Support independent local news")
    expect(reader.get_by_role("link", name="Monthly")).to_have_attribute("aria-current", "page")
    reader.get_by_text("€20 a month").click()
    expect(reader.get_by_role("radio", name="€20 a month")).to_be_checked()
    reader.get_by_label("Your email address (optional)").fill("ann@example.org")
    assert_no_violations(reader, "the Support us page")
    screenshot(reader, "chosen")
    reader.get_by_role("button", name="Continue to payment").click()

    # Stripe's Checkout (the fake's page): the reader pays there.
    expect(reader.get_by_role("heading", level=1)).to_have_text("Fake Stripe Checkout")
    [sent] = stripe_on.checkout_requests
    assert sent["mode"] == "subscription"
    assert sent["line_items"]["0"]["price_data"]["unit_amount"] == "2000"
    session_id = reader.url.rsplit("/", 1)[1]
    buyer = customer("ann@example.org", "Ann Reader")
    membership = subscribe(buyer, 2000, "month")
    session = stripe_on.complete(session_id, buyer, subscription=membership.id)
    as_stripe(live_server, "checkout.session.completed", session)
    reader.goto(sent["success_url"])
    expect(reader.get_by_role("heading", level=1)).to_have_text("Thank you")
    screenshot(reader, "thanks")

    staff("Editor", "edna")
    editor = new_page(browser, live_server, SIZES[size])
    browser_log_in(editor, "edna")
    editor.goto("/admin/support/supporter/")
    row = editor.locator("#result_list tbody tr", has_text="ann@example.org")
    expect(row).to_contain_text("€20")
    expect(row).to_contain_text("Monthly")
    expect(row).to_contain_text("Active")
    expect(editor.locator(".support-totals__table")).to_contain_text("€20")
    assert_no_violations(editor, "the supporters' list")
    screenshot(editor, "supporters")
    editor.goto("/admin/support/supportsettings/")
    expect(editor.get_by_label("Heading")).to_have_value("Support independent local news")
    assert_no_violations(editor, "the support settings")

    # Later, the reader cancels through the mailed link to the Customer Portal.
    reader.goto("/support/manage/")
    reader.get_by_label("The email address you support us with").fill("ann@example.org")
    reader.get_by_role("button", name="Email me a link").click()
    expect(reader.get_by_role("heading", level=1)).to_have_text("Check your inbox")
    link = re.search(r"https?://\S+/support/manage/\S+/", mail.outbox[-1].body).group(0)
    reader.goto(link)
    reader.get_by_role("button", name="Open my support page").click()
    expect(reader.get_by_role("heading", level=1)).to_have_text("Fake Stripe Customer Portal")
    assert stripe_on.portal_requests[-1]["customer"] == buyer.id
    as_stripe(
        live_server, "customer.subscription.deleted", stripe.Subscription.cancel(membership.id)
    )
    editor.goto("/admin/support/supporter/?status__exact=canceled")
    expect(editor.locator("#result_list tbody tr", has_text="ann@example.org")).to_contain_text(
        "Cancelled"
    )
    screenshot(editor, "cancelled")
