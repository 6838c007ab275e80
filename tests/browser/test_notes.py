"""Notes and requests for changes as a reporter and an editor use them, on a phone and a
desktop: a thread on a paragraph, answered and resolved; a story sent back with a note, and the
reporter seeing why. With and without JavaScript; no axe violations on any page of it."""

import re

import pytest
from django.core import mail
from playwright.sync_api import expect

from articles.desk import notes
from articles.models import Article, Note
from tests.browser.axe import violations
from tests.conftest import PHONE
from tests.factories import ArticleFactory, AuthorFactory
from tests.helpers import browser_log_in, staff

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
WIDE = {"width": 1366, "height": 900}
BODY = (
    "<p>The council voted on Tuesday to build the bridge across the river.</p>"
    "<p>Work starts next spring and takes two years.</p>"
    "<p>Tenders open in March, the mayor said after the vote.</p>"
)


@pytest.fixture
def newsroom(roles):
    rita = staff("Reporter", "rita", first_name="Rita", last_name="Reporter")
    staff("Editor", "edna", first_name="Edna", last_name="Editor")
    AuthorFactory(name="Rita Reporter", slug="rita-reporter", user=rita)
    return rita


def desk_panel(page, title):
    heading = page.locator(".desk-panel__title", has_text=re.compile(f"^{title}$"))
    return page.locator(".desk-panel").filter(has=heading)


def story_page(page, story):
    page.goto(f"/admin/articles/article/{story.pk}/change/")
    page.locator(".field-body .ProseMirror[contenteditable=true]").wait_for()


@pytest.mark.parametrize("viewport", [PHONE, WIDE], ids=["390", "1366"])
def test_reporter_and_editor_exchange_notes_on_a_paragraph_and_resolve_them(
    browser, live_server, screenshot, newsroom, viewport
):
    story = ArticleFactory(draft=True, created_by=newsroom, body=BODY, headline="Bridge vote")
    context = browser.new_context(viewport=viewport, base_url=live_server.url)
    context.set_default_timeout(10_000)
    page = context.new_page()

    browser_log_in(page, "rita")
    story_page(page, story)
    # Typed in the story and not saved: adding a note must not lose it.
    page.get_by_label("Headline").fill("Bridge vote: work starts in spring")
    panel = page.locator("#notes")
    panel.get_by_label("On").select_option(
        label="Paragraph 3: Tenders open in March, the mayor said after…"
    )
    panel.get_by_label("New note").fill("@Edna Editor is March right? The minutes say April.")
    panel.get_by_role("button", name="Add note").click()
    thread = page.locator(".note-thread").first
    expect(thread).to_contain_text("The minutes say April.")
    expect(thread.locator(".note-thread__place")).to_have_text("Paragraph 3")
    expect(page.get_by_label("Headline")).to_have_value("Bridge vote: work starts in spring")
    if viewport == WIDE:
        # Beside the story, level with its paragraph.
        paragraph = (
            page.locator(".field-body .ProseMirror[contenteditable=true] p").nth(2).bounding_box()
        )
        box = thread.bounding_box()
        assert box["x"] > paragraph["x"] + paragraph["width"]
        assert abs(box["y"] - paragraph["y"]) < 24
    thread.scroll_into_view_if_needed()
    screenshot(page, "reporter-notes")
    assert violations(page) == []
    (message,) = mail.outbox
    assert message.to == ["edna@example.com"] or message.to[0].startswith("edna")
    page.get_by_role("button", name="Save draft").click()
    expect(page.locator(".messagelist")).to_contain_text("changed successfully")

    context.clear_cookies()
    browser_log_in(page, "edna")
    desk = desk_panel(page, "Notes for you")
    expect(desk).to_contain_text("The minutes say April.")
    screenshot(page, "editor-desk")
    assert violations(page) == []
    desk.get_by_role("link", name="Bridge vote: work starts in spring").click()
    page.locator(".field-body .ProseMirror[contenteditable=true]").wait_for()
    thread = page.locator(".note-thread").first
    thread.get_by_label("Reply").fill("April 3, you are right.")
    thread.get_by_role("button", name="Reply").click()
    expect(page.locator(".note-thread").first).to_contain_text("April 3, you are right.")
    page.locator(".note-thread").first.get_by_role("button", name="Resolve").click()
    resolved = page.locator(".note-thread--resolved")
    expect(resolved).to_contain_text("Resolved by Edna Editor")
    expect(page.locator(".notes__count")).to_have_text("0 open")
    resolved.scroll_into_view_if_needed()
    screenshot(page, "editor-resolved")
    assert violations(page) == []
    note = Note.objects.get(parent=None)
    assert note.resolved_at is not None and note.replies.count() == 1
    context.close()


def test_notes_work_without_javascript(browser, live_server, screenshot, newsroom):
    """The panel is plain forms: add, reply and resolve each post and come back to the thread."""
    story = ArticleFactory(draft=True, created_by=newsroom, body=BODY, headline="Bridge vote")
    context = browser.new_context(
        viewport=PHONE, base_url=live_server.url, java_script_enabled=False
    )
    context.set_default_timeout(10_000)
    page = context.new_page()
    browser_log_in(page, "rita")
    page.goto(f"/admin/articles/article/{story.pk}/change/")
    panel = page.locator("#notes")
    panel.get_by_label("On").select_option(label="Headline")
    panel.get_by_label("New note").fill("Too long for a phone?")
    panel.get_by_role("button", name="Add note").click()
    note = Note.objects.get()
    assert page.url.endswith(f"#note-{note.pk}")
    thread = page.locator(f"#note-{note.pk}")
    thread.get_by_label("Reply").fill("Cut to six words.")
    thread.get_by_role("button", name="Resolve").click()
    expect(page.locator(f"#note-{note.pk}")).to_contain_text("Resolved by Rita Reporter")
    expect(page.locator(f"#note-{note.pk}")).to_contain_text("Cut to six words.")
    screenshot(page, "no-js")
    context.close()


@pytest.mark.parametrize("viewport", [PHONE, WIDE], ids=["390", "1366"])
def test_editor_requests_changes_and_the_reporter_sees_why(
    browser, live_server, screenshot, newsroom, viewport
):
    story = ArticleFactory(in_review=True, created_by=newsroom, body=BODY, headline="Bridge vote")
    context = browser.new_context(viewport=viewport, base_url=live_server.url)
    context.set_default_timeout(10_000)
    page = context.new_page()

    browser_log_in(page, "edna")
    story_page(page, story)
    page.get_by_text("Request changes…").click()
    page.get_by_role("button", name="Send back to the reporter").click()
    expect(page.locator(".request-changes .errornote")).to_contain_text("Say what should change")
    page.locator(".request-changes").scroll_into_view_if_needed()
    screenshot(page, "empty-note-refused")
    assert violations(page) == []
    page.get_by_label("What should change").fill("Name the engineer quoted in paragraph two.")
    page.get_by_role("button", name="Send back to the reporter").click()
    expect(page.locator(".messagelist")).to_contain_text("Changes requested")
    expect(page.locator(".finish .status-badge")).to_have_text("Changes requested")
    assert Article.objects.get(pk=story.pk).status == Article.Status.DRAFT

    context.clear_cookies()
    browser_log_in(page, "rita")
    panel = desk_panel(page, "Changes requested")
    expect(panel).to_contain_text(
        "Changes requested by Edna Editor: Name the engineer quoted in paragraph two."
    )
    expect(desk_panel(page, "My stories")).to_contain_text("Changes requested")
    screenshot(page, "reporter-desk")
    assert violations(page) == []
    panel.get_by_role("link", name="Bridge vote").click()
    expect(page.locator(".change-request")).to_contain_text("Name the engineer quoted")
    screenshot(page, "reporter-form")
    assert violations(page) == []
    page.get_by_role("button", name="Submit for review").click()
    expect(page.locator(".finish .status-badge")).to_have_text("In review")
    expect(page.locator(".change-request")).to_have_count(0)
    context.close()


@pytest.mark.parametrize("viewport", [PHONE, WIDE], ids=["390", "1366"])
def test_the_review_queue_counts_open_notes(page, screenshot, newsroom, viewport):
    """The editor's review queue: each story's open notes in a column of their own."""
    story = ArticleFactory(in_review=True, created_by=newsroom, body=BODY, headline="Bridge vote")
    ArticleFactory(in_review=True, created_by=newsroom, headline="Ferry fares")
    for anchor in ("p1", "headline"):
        notes.add(story, newsroom, "Check this", anchor)
    page.set_viewport_size(viewport)
    browser_log_in(page, "edna")
    page.goto("/admin/articles/article/?status=review")
    row = page.locator("#result_list tr", has_text="Bridge vote")
    expect(row.locator(".field-open_notes")).to_have_text("2 open notes")
    screenshot(page, "review-queue")
    assert violations(page) == []
