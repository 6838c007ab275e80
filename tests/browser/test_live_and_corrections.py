"""Breaking news and the record, in a real browser: an editor posts live updates while a
reader's open page shows them arriving; an editor corrects a story and readers see the note on
the story and on /corrections/."""

import datetime
import re

import pytest
from django.utils import timezone
from django.utils.formats import date_format
from playwright.sync_api import expect

from articles.models import Correction, LiveUpdate
from newsroom.staff.roles import setup_roles
from tests.conftest import DESKTOP, PHONE
from tests.factories import ArticleFactory, LiveUpdateFactory, SectionFactory
from tests.helpers import staff

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PASSWORD = "correct horse battery staple"
UPDATES = (
    "Wind gusts of 140 km/h recorded on the coast.",
    "Ferries to the islands are cancelled until Thursday.",
    "The storm makes landfall near the harbour.",
)


def log_in(page, username):
    page.goto("/admin/login/?next=/admin/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    expect(page.locator("#user-tools")).to_contain_text("Welcome")


def new_page(browser, live_server, viewport):
    context = browser.new_context(viewport=viewport, base_url=live_server.url)
    context.set_default_timeout(10_000)
    return context.new_page()


def live_story():
    now = timezone.now()
    story = ArticleFactory(
        headline="Storm Hana: live updates as it nears the coast",
        slug="storm-hana",
        section=SectionFactory(name="Weather", slug="weather"),
        dek="Evacuations along the coast; ferries and flights cancelled.",
        body="<p>Storm Hana is expected to make landfall this evening.</p>",
        published_at=now - datetime.timedelta(hours=2),
        live_coverage_start=now - datetime.timedelta(hours=2),
    )
    LiveUpdateFactory(
        article=story,
        text="Shelters are open in every school gym. Find yours at https://example.org/shelters",
        is_pinned=True,
        posted_at=now - datetime.timedelta(hours=1, minutes=50),
    )
    LiveUpdateFactory(
        article=story,
        text="Evacuation ordered for the low-lying districts by the mayor.",
        is_key_event=True,
        posted_at=now - datetime.timedelta(hours=1),
    )
    return story


def test_an_editor_posts_three_updates_while_a_reader_watches_them_arrive(
    browser, live_server, screenshot
):
    """The reader's page announces each new update without moving; one click shows them all,
    newest first under the pinned one."""
    setup_roles(note=lambda line: None)
    staff("Editor", "edna", first_name="Edna", last_name="Editor")
    story = live_story()

    reader = new_page(browser, live_server, PHONE)
    # The reader's timers run on a clock the test moves, so a 15-second poll takes no time.
    reader.clock.install()
    reader.goto(story.get_absolute_url())
    expect(reader.locator(".article__header .live-badge")).to_have_text("Live")
    expect(reader.locator(".live__key-events")).to_contain_text("Evacuation ordered")
    expect(reader.locator(".live__show")).to_be_hidden()
    reader.locator(".live").scroll_into_view_if_needed()
    screenshot(reader, "phone-1-reader-before")

    desk = new_page(browser, live_server, DESKTOP)
    log_in(desk, "edna")
    desk.goto(f"/admin/articles/article/{story.pk}/change/")
    desk.get_by_role("link", name="Live updates").click()
    expect(desk.locator(".live-desk__status")).to_contain_text("Live")

    for count, text in enumerate(UPDATES, start=1):
        desk.get_by_label("New update").fill(text)
        if count == 3:
            desk.get_by_text("Key event, pin, picture").click()
            desk.get_by_label("Key event").check()
            screenshot(desk, "desktop-2-editor-posting")
        desk.get_by_role("button", name="Post update").click()
        expect(desk.locator(".messagelist")).to_contain_text("Update posted.")
        expect(desk.locator(".live-desk__update").first).to_contain_text(text)

        first_before = reader.locator(".live-update").first.bounding_box()
        scrolled = reader.evaluate("window.scrollY")
        reader.clock.run_for(16_000)
        label = f"{count} new update{'s' if count > 1 else ''} — show"
        expect(reader.locator(".live__show")).to_have_text(label)
        # Announced, not inserted: what the reader is looking at stays where it was.
        assert reader.locator(".live-update").first.bounding_box() == first_before
        assert reader.evaluate("window.scrollY") == scrolled
        assert reader.locator(".live-update").count() == 2
    screenshot(reader, "phone-3-reader-notified")

    reader.get_by_role("button", name="3 new updates — show").click()
    expect(reader.locator(".live__show")).to_be_hidden()
    items = reader.locator(".live__updates > .live-update")
    expect(items).to_have_count(5)
    expect(items.nth(0)).to_contain_text("Shelters are open")
    for position, text in enumerate(reversed(UPDATES), start=1):
        expect(items.nth(position)).to_contain_text(text)
    expect(items.nth(1)).to_contain_text("Key event")
    key_events = reader.locator(".live__key-events li")
    expect(key_events).to_have_count(2)
    expect(key_events.first).to_contain_text(UPDATES[2])
    screenshot(reader, "phone-4-reader-updated")

    # A new reader gets every update in the page itself, with or without JavaScript.
    plain = browser.new_context(
        viewport=DESKTOP, base_url=live_server.url, java_script_enabled=False
    ).new_page()
    plain.goto(story.get_absolute_url())
    expect(plain.locator(".live__updates > .live-update")).to_have_count(5)
    expect(plain.locator(".live__key-events li")).to_have_count(2)
    screenshot(plain, "desktop-5-reader-without-javascript")
    assert LiveUpdate.objects.filter(article=story).count() == 5


def test_an_editor_corrects_a_story_and_readers_see_the_note(
    page, browser, live_server, screenshot
):
    """Added in the article's change form, the correction is on the story (with its time and
    the moved "Updated" line) and heads /corrections/, on a phone and a desktop."""
    setup_roles(note=lambda line: None)
    staff("Editor", "edna", first_name="Edna", last_name="Editor")
    story = ArticleFactory(
        headline="Council approves the harbour bridge",
        slug="harbour-bridge",
        published_at=timezone.now() - datetime.timedelta(days=1),
        body="<p>The 12 km bridge will link the two harbours by 2028.</p>",
    )
    ArticleFactory.create_batch(2)

    log_in(page, "edna")
    page.goto(f"/admin/articles/article/{story.pk}/change/")
    page.locator("#corrections-group").get_by_text(
        re.compile("Add another correction", re.IGNORECASE)
    ).click()
    page.locator("#id_corrections-0-placement").select_option("top")
    page.locator("#id_corrections-0-text").fill(
        "An earlier version of this story said the bridge is 12 km long. It is 1.2 km long."
    )
    page.locator("#id_corrections-0-status").select_option("published")
    page.locator("#corrections-group").scroll_into_view_if_needed()
    screenshot(page, "desktop-1-editor-correcting")
    page.get_by_role("button", name="Save changes").click()
    expect(page.locator(".messagelist")).to_contain_text("was changed successfully")
    correction = Correction.objects.get()
    assert correction.is_published()
    when = timezone.localtime(correction.published_at)

    for label, viewport in (("phone", PHONE), ("desktop", DESKTOP)):
        page.set_viewport_size(viewport)
        page.goto(story.get_absolute_url())
        note = page.locator(".article .correction")
        expect(note).to_contain_text(f"Correction, {date_format(when, 'DATETIME_FORMAT')}:")
        expect(note).to_contain_text("It is 1.2 km long.")
        expect(page.locator(".article__updated")).to_be_visible()
        screenshot(page, f"{label}-2-story-corrected")

        page.get_by_role("contentinfo").get_by_role(
            "link", name="Corrections and clarifications"
        ).click()
        expect(page.locator("h1")).to_have_text("Corrections and clarifications")
        entry = page.locator(".corrections-list__item").first
        expect(entry).to_contain_text("Council approves the harbour bridge")
        screenshot(page, f"{label}-3-corrections-page")
        entry.get_by_role("link", name="Council approves the harbour bridge").click()
        expect(page).to_have_url(f"{live_server.url}{correction.get_absolute_url()}")
