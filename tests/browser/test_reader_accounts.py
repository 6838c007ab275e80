"""Reader accounts in a real browser, on a phone (390 px) and a desktop (1366 px): signing up
with the code from the captured mail and choosing newsletters; the registration meter's prompt
after the free stories, gone once signed in; an editor sending a breaking news alert."""

import re

import pytest
from django.core import mail
from playwright.sync_api import expect

from newsroom.newsletter import lists
from newsroom.newsletter.models import Alert, Subscriber
from newsroom.readers.models import Reader
from newsroom.staff.roles import setup_roles
from tests.browser.axe import assert_no_violations
from tests.conftest import PHONE
from tests.factories import ArticleFactory
from tests.helpers import browser_log_in, staff

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
WIDE = {"width": 1366, "height": 900}
VIEWPORTS = [("phone", PHONE), ("desktop", WIDE)]


@pytest.fixture(autouse=True)
def _site_url(settings, live_server):
    settings.NEWSROOM_SITE_URL = live_server.url
    # The built-in lists, as migrations made them before an earlier test's flush.
    lists.daily(), lists.breaking()


def sign_in_with_code(page, email):
    """From any page: the header's "Sign in", the email, the code from the captured mail."""
    page.locator("[data-account]").get_by_role("link", name="Sign in").click()
    page.get_by_label("Your email address").fill(email)
    mail.outbox.clear()
    page.get_by_role("button", name="Email me a code").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Check your email")
    code = re.search(r"^(\d{6})$", mail.outbox[-1].body, re.M).group(1)
    page.get_by_label("The code from the email").fill(code)
    page.get_by_role("button", name="Sign in").click()


@pytest.mark.parametrize(("label", "viewport"), VIEWPORTS)
def test_a_reader_signs_up_with_a_code_and_chooses_newsletters(page, screenshot, label, viewport):
    page.set_viewport_size(viewport)
    story = ArticleFactory(headline="Ferry service returns to the island", with_image=True)
    page.goto(story.get_absolute_url())
    screenshot(page, f"{label}-story-signed-out")
    page.locator("[data-account]").get_by_role("link", name="Sign in").click()
    page.get_by_label("Your email address").fill("ana@example.com")
    page.get_by_role("button", name="Email me a code").click()
    screenshot(page, f"{label}-enter-code")
    page.get_by_label("The code from the email").fill("000000")
    page.get_by_role("button", name="Sign in").click()
    expect(page.locator(".reader-form__error")).to_contain_text("That code is not right")
    code = re.search(r"^(\d{6})$", mail.outbox[-1].body, re.M).group(1)
    page.get_by_label("The code from the email").fill(code)
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("My account")
    expect(page.get_by_text("You are signed in as ana@example.com.")).to_be_visible()

    page.get_by_label("Your name on comments").fill("Ana Reader")
    page.get_by_label(re.compile("^The daily newsletter")).check()
    page.get_by_label(re.compile("^Breaking news")).check()
    screenshot(page, f"{label}-account")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("Your account is saved.")).to_be_visible()
    assert lists.chosen_by("ana@example.com") == ["daily", "breaking"]
    assert Subscriber.objects.get().status == Subscriber.Status.ACTIVE

    page.goto(story.get_absolute_url())
    header = page.locator("[data-account]")
    expect(header.get_by_role("link", name=re.compile("Ana Reader"))).to_be_visible()
    expect(header.get_by_role("link", name="Sign out")).to_be_visible()
    expect(page.locator(".logged-in-as")).to_contain_text("Logged in as Ana Reader")
    expect(page.locator("#author")).to_be_hidden()
    screenshot(page, f"{label}-story-signed-in")
    page.locator("#comment").fill("Good to have the ferry back.")
    page.locator("#commentform").get_by_role("button", name=re.compile("Post Comment")).click()
    expect(page.get_by_text("Good to have the ferry back.")).to_be_visible()
    assert Reader.objects.get().name == "Ana Reader"

    header.get_by_role("link", name="Sign out").click()
    page.get_by_role("button", name="Sign out").click()
    expect(page.locator("[data-account]").get_by_role("link", name="Sign in")).to_be_visible()


@pytest.mark.parametrize(("label", "viewport"), VIEWPORTS)
def test_the_meter_asks_to_register_after_the_free_stories(
    page, settings, screenshot, label, viewport
):
    settings.NEWSROOM_METER_FREE_STORIES = 2
    page.set_viewport_size(viewport)
    stories = [ArticleFactory(headline=f"Harbour story {n}") for n in range(3)]
    public_interest = ArticleFactory(headline="Storm warning for the coast", always_free=True)
    prompt = page.get_by_role("heading", name="You have read your 2 free stories this month")
    for story in stories[:2]:
        page.goto(story.get_absolute_url())
        page.wait_for_load_state("networkidle")
        expect(prompt).to_have_count(0)
    page.goto(stories[2].get_absolute_url())
    expect(prompt).to_be_visible()
    expect(page.get_by_role("link", name="Support us")).to_be_hidden()
    screenshot(page, f"{label}-meter-prompt")
    page.goto(public_interest.get_absolute_url())
    page.wait_for_load_state("networkidle")
    expect(prompt).to_have_count(0)

    page.goto(stories[2].get_absolute_url())
    page.get_by_role("link", name="Register for free").click()
    page.get_by_label("Your email address").fill("ben@example.com")
    page.get_by_role("button", name="Email me a code").click()
    code = re.search(r"^(\d{6})$", mail.outbox[-1].body, re.M).group(1)
    page.get_by_label("The code from the email").fill(code)
    page.get_by_role("button", name="Sign in").click()
    # Back on the story it was reading, which the meter now lets through.
    expect(page.get_by_role("heading", level=1)).to_have_text("Harbour story 2")
    page.wait_for_load_state("networkidle")
    expect(prompt).to_have_count(0)
    expect(page.locator(".article__body")).not_to_have_class(re.compile("is-metered"))
    screenshot(page, f"{label}-meter-signed-in")


@pytest.mark.parametrize(("label", "viewport"), VIEWPORTS)
def test_an_editor_sends_a_breaking_news_alert(page, screenshot, label, viewport):
    setup_roles(note=lambda line: None)
    staff("Editor", "edna", first_name="Edna", last_name="Editor")
    for email in ("ana@example.com", "ben@example.com"):
        lists.choose(email, [lists.breaking()])
    story = ArticleFactory(headline="Bridge closed after crash", dek="Traffic diverted.")
    page.set_viewport_size(viewport)
    browser_log_in(page, "edna")
    page.goto(f"/admin/articles/article/{story.pk}/change/")
    page.get_by_role("link", name="Send as breaking news").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Send “Bridge closed after crash” as breaking news?"
    )
    assert_no_violations(page, f"the alert's confirmation ({label})")
    screenshot(page, f"{label}-alert-confirm")
    page.get_by_role("button", name="Send to 2 readers of “Breaking news”").click()
    expect(page.locator(".messagelist")).to_contain_text("is being sent to “Breaking news”")
    assert sorted(m.to[0] for m in mail.outbox) == ["ana@example.com", "ben@example.com"]
    assert Alert.objects.get().status == Alert.Status.SENT

    page.get_by_role("link", name="Send as breaking news").click()
    expect(page.locator(".errornote")).to_contain_text("already sent")
    page.goto("/admin/newsletter/newsletterlist/")
    assert_no_violations(page, f"the newsletter lists ({label})")
    screenshot(page, f"{label}-lists")
