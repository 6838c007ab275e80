"""An editor compares two revisions of a story in a real browser, on a phone and a desktop."""

import pytest
from playwright.sync_api import expect

from newsroom.staff.roles import setup_roles
from tests.browser.axe import assert_no_violations
from tests.conftest import PHONE
from tests.factories import ArticleFactory
from tests.helpers import staff

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PASSWORD = "correct horse battery staple"
WIDE = {"width": 1366, "height": 900}

BEFORE = (
    "<p>The council met on Monday to vote on the bridge.</p>"
    '<p>Read <a href="https://old.example/report">the full report</a> for the costs.</p>'
    "<h2>What happens next</h2>"
    "<ul><li>Tenders in spring</li><li>Work starts in autumn</li></ul>"
)
AFTER = (
    "<p>The council met on Tuesday to vote on the bridge.</p>"
    '<p>Read <a href="https://new.example/report-2026-final-version-with-appendices">the full '
    "report</a> for the costs.</p>"
    "<h2>What happens next</h2>"
    "<ul><li>Tenders in spring</li><li>Work starts in autumn</li><li>Opening in 2028</li></ul>"
)


@pytest.mark.parametrize("viewport", [PHONE, WIDE], ids=["phone", "desktop"])
def test_an_editor_sees_a_changed_word_and_a_changed_link_between_two_revisions(
    page, screenshot, viewport
):
    """The body keeps its paragraphs, heading and list; the changed day is struck out and
    replaced in its paragraph, and the link's new address shows though its words stayed."""
    setup_roles(note=lambda line: None)
    staff("Editor", "edna", first_name="Edna", last_name="Editor", password=PASSWORD)
    article = ArticleFactory(headline="Bridge vote", body=BEFORE)
    article.body = AFTER
    article.save()

    page.set_viewport_size(viewport)
    page.goto("/admin/login/?next=/admin/")
    page.get_by_label("Username").fill("edna")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.goto(f"/admin/articles/article/{article.pk}/change/")
    page.get_by_role("link", name="Revisions").click()
    page.get_by_role("button", name="Compare the chosen revisions").click()

    body = page.locator(".revision-changes tr", has=page.get_by_role("rowheader", name="Body"))
    first = body.locator(".diff-block").first
    expect(first.locator("del")).to_have_text("removed: Monday")
    expect(first.locator("ins")).to_have_text("added: Tuesday")
    link = body.locator(".diff-block", has_text="the full report")
    expect(link.locator("del")).to_have_text("removed: [→ https://old.example/report]")
    expect(link.locator("ins")).to_contain_text("https://new.example/report-2026-final")
    expect(body.locator(".diff-block--h2")).to_contain_text("What happens next")
    expect(body.locator("ul.diff-list > li")).to_have_count(3)
    expect(body.locator(".diff-block--added")).to_have_text("added: Opening in 2028")
    assert page.evaluate("document.documentElement.scrollWidth") <= viewport["width"]
    screenshot(page, f"compare-{viewport['width']}")
    assert_no_violations(page, "the revision compare")
