"""Readers coming back, in a real browser: the newsletter's sign-up, confirmation and
one-click unsubscribe from the captured mail; the beacon counting a story; the editors' charts
on desktop and phone."""

import datetime
import re

import pytest
from django.core import mail
from django.utils import timezone
from playwright.sync_api import expect

from newsroom.newsletter import lists
from newsroom.newsletter.models import Issue, Subscriber
from newsroom.newsletter.sending import start_sending
from newsroom.readership.flush import flush
from newsroom.readership.models import DailyViews, HourlyViews
from newsroom.staff.roles import setup_roles
from tests.conftest import DESKTOP, PHONE
from tests.factories import ArticleFactory
from tests.helpers import forget_kept, staff

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PASSWORD = "correct horse battery staple"
# Headless Chromium names itself in its user agent, and robots are not counted.
READER_AGENT = (
    "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/131.0 Safari/537.36"
)


def link(message, path):
    return re.search(rf"https?://\S+{re.escape(path)}\S+", message.body).group(0)


def test_reader_subscribes_confirms_and_unsubscribes_in_one_click(
    page, live_server, settings, mailoutbox, screenshot
):
    settings.NEWSROOM_SITE_URL = live_server.url
    story = ArticleFactory(headline="Ferry service returns to the island", with_image=True)
    page.set_viewport_size(PHONE)
    page.goto(story.get_absolute_url())
    signup = page.locator(".newsletter-box")
    signup.scroll_into_view_if_needed()
    screenshot(page, "phone-story")
    signup.get_by_label("Your email address").fill("not-an-address@")
    signup.get_by_role("button", name="Sign up").click()
    # The browser's own check stops it; without it, our page would explain.
    assert not mailoutbox
    page.goto("/newsletter/")
    page.get_by_label("Your email address").first.fill("ana@example.com")
    page.locator("main").get_by_role("button", name="Sign up").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Check your inbox")
    assert Subscriber.objects.get().status == Subscriber.Status.PENDING

    [confirmation] = mailoutbox
    page.goto(link(confirmation, "/newsletter/confirm/"))
    page.get_by_role("button", name="Yes, subscribe me").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("You're subscribed")
    assert Subscriber.objects.get().status == Subscriber.Status.ACTIVE

    start_sending(Issue.objects.create(date=timezone.localdate()), "Edna")
    newsletter = mailoutbox[1]
    assert "FERRY SERVICE RETURNS TO THE ISLAND" in newsletter.body
    page.context.clear_cookies()
    page.goto(link(newsletter, "/newsletter/unsubscribe/"))
    page.get_by_role("button", name="Unsubscribe").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("You're unsubscribed")
    screenshot(page, "phone-unsubscribed")
    # The daily newsletter's link leaves the daily newsletter.
    assert lists.chosen_by("ana@example.com") == []
    assert len(mail.outbox) == 2


def test_a_reader_is_counted_and_editors_read_the_charts(browser, live_server, screenshot):
    # Noon six days ago, whatever the time now: the chart has a bar a day since publication.
    six_days_ago = timezone.localdate() - datetime.timedelta(days=6)
    story = ArticleFactory(
        headline="Ferry service returns to the island",
        published_at=timezone.make_aware(
            datetime.datetime.combine(six_days_ago, datetime.time(12))
        ),
        with_image=True,
    )
    reader = browser.new_context(base_url=live_server.url, user_agent=READER_AGENT)
    reader_page = reader.new_page()
    with reader_page.expect_request(lambda request: request.url.endswith("/readership/hit")):
        reader_page.goto(story.get_absolute_url())
    reader_page.wait_for_load_state("networkidle")
    reader.close()
    flush()
    assert DailyViews.objects.get(article=story).views == 1

    # A week of readers, as a busy story gathers them.
    today = timezone.localdate()
    for days_ago, views in enumerate([310, 540, 220, 180, 95, 60, 140]):
        DailyViews.objects.update_or_create(
            article=story,
            date=today - datetime.timedelta(days=6 - days_ago),
            defaults={"views": views + 1, "visitors": views},
        )
    hour = timezone.now().replace(minute=0, second=0, microsecond=0)
    for hours_ago in range(0, 150, 3):
        HourlyViews.objects.update_or_create(
            article=story,
            hour=hour - datetime.timedelta(hours=hours_ago),
            defaults={"views": 5 + (hours_ago * 7) % 40},
        )
    forget_kept()  # the box as the next five minutes will show it
    front = browser.new_context(base_url=live_server.url, viewport=DESKTOP).new_page()
    front.goto("/")
    expect(front.locator(".most-read-box a").first).to_have_text(story.headline)
    screenshot(front, "desktop-home")
    front.context.close()

    setup_roles(note=lambda line: None)
    staff("Editor", "edna", first_name="Edna", last_name="Editor")
    editor = browser.new_context(base_url=live_server.url, viewport=DESKTOP)
    page = editor.new_page()
    page.goto("/admin/login/?next=/admin/")
    page.get_by_label("Username").fill("edna")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    expect(page.locator(".desk-panel__items a")).to_have_text([story.headline])
    page.locator(".desk-panel__items a").click()
    expect(page.locator("#daily-heading")).to_have_text("Views per day")
    expect(page.locator("#daily-heading ~ svg rect.chart__bar")).to_have_count(7)
    screenshot(page, "desktop-charts")
    page.set_viewport_size(PHONE)
    screenshot(page, "phone-charts")
    page.goto("/admin/readership/dailyviews/")
    screenshot(page, "phone-most-read")
    editor.close()
