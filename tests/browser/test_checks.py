"""Checks before publishing in the browser, on a phone and a desktop: a picture put in without
alt text is flagged while the editor types, Publish is held back with the list, and "Publish
anyway" publishes what was typed and leaves its mark in the story's history."""

import pytest
from playwright.sync_api import expect

from articles.models import Article
from tests.browser.axe import violations
from tests.conftest import PHONE
from tests.factories import ArticleFactory, SectionFactory
from tests.helpers import browser_log_in, staff

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
WIDE = {"width": 1366, "height": 900}


@pytest.mark.parametrize("viewport", [PHONE, WIDE], ids=["390", "1366"])
def test_the_checks_flag_a_picture_without_alt_text_and_the_editor_publishes_anyway(
    page, screenshot, roles, viewport
):
    staff("Editor", "edna", first_name="Edna", last_name="Editor")
    story = ArticleFactory(
        draft=True,
        section=SectionFactory(name="City", slug="city"),
        headline="Council approves the new budget for city buses",
        dek="The vote ends months of argument over fares and routes across the city.",
        body="<p>The council voted on Tuesday.</p>",
        tags=["transport"],
    )
    page.set_viewport_size(viewport)
    browser_log_in(page, "edna")
    page.goto(f"/admin/articles/article/{story.pk}/change/")
    checks = page.locator("#publishing-checks")
    expect(checks.locator(".publishing-checks__summary")).to_contain_text(
        "Everything checked is ready."
    )

    editor = page.locator(".field-body .ProseMirror[contenteditable=true]")
    editor.click()
    page.keyboard.press("Control+End")
    page.get_by_role("button", name="figure").click()
    dialog = page.locator("dialog[open]")
    dialog.locator("input[name=imageUrl]").fill("/static/img/logo.png")
    dialog.get_by_role("button", name="Insert").click()
    expect(editor.locator("figure img")).to_have_count(1)
    # The panel follows the form as it is typed, before anything is saved.
    no_alt = checks.locator(
        ".publishing-checks__item--fix", has_text="Picture 1 in the story has no alt text"
    )
    expect(no_alt).to_have_count(1)
    page.get_by_label("Headline").fill("Council approves the bus budget after months")

    page.get_by_role("button", name="Publish now").click()
    expect(page.locator(".errornote")).to_be_visible()
    expect(page.locator(".errorlist.nonfield")).to_contain_text("Not published yet")
    assert Article.objects.get().status == Article.Status.DRAFT
    # Nothing typed is lost: the headline and the picture are in the form shown again.
    expect(page.get_by_label("Headline")).to_have_value(
        "Council approves the bus budget after months"
    )
    expect(editor.locator("figure img")).to_have_count(1)
    expect(no_alt).to_have_count(1)
    checks.scroll_into_view_if_needed()
    screenshot(page, "held")
    assert violations(page) == []

    checks.get_by_role("button", name="Publish anyway").click()
    expect(page.locator(".finish .status-badge")).to_have_text("Published")
    story.refresh_from_db()
    assert story.is_published()
    assert story.headline == "Council approves the bus budget after months"
    assert "<img" in story.body

    page.goto(f"/admin/articles/article/{story.pk}/history/")
    expect(page.locator("#change-history")).to_contain_text(
        "Published anyway, despite the checks before publishing: Pictures"
    )
    expect(page.locator("#change-history")).to_contain_text("Edna Editor")
    screenshot(page, "history")
    assert violations(page) == []


@pytest.mark.parametrize("viewport", [PHONE, WIDE], ids=["390", "1366"])
def test_an_editor_switches_a_check_off(page, screenshot, roles, viewport):
    staff("Editor", "edna", first_name="Edna", last_name="Editor")
    page.set_viewport_size(viewport)
    browser_log_in(page, "edna")
    page.goto("/admin/articles/publishingchecks/")
    page.get_by_label("Dateline").uncheck()
    screenshot(page, "settings")
    assert violations(page) == []
    page.get_by_role("button", name="Save", exact=True).click()
    expect(page.locator(".messagelist")).to_contain_text("was changed successfully")
    story = ArticleFactory(draft=True, dateline="")
    page.goto(f"/admin/articles/article/{story.pk}/change/")
    expect(page.locator("#publishing-checks")).not_to_contain_text("Dateline")
