"""The story form as a reporter and an editor finish it, on a phone and a desktop: a writing
box tall enough to write in, paste from Google Docs and the editor's own picture saved without
a warning, one primary action for each role, the rest beside it or under "More actions"."""

import pytest
from playwright.sync_api import expect

from articles.models import Article
from tests.browser.axe import violations
from tests.browser.test_editing import paste, pick
from tests.conftest import PHONE
from tests.factories import (
    ArticleFactory,
    AuthorFactory,
    CorrectionFactory,
    LiveUpdateFactory,
    SectionFactory,
    UserFactory,
)
from tests.helpers import PASSWORD, browser_log_in, staff

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
WIDE = {"width": 1366, "height": 900}

GOOGLE_DOCS_HTML = (
    '<meta charset="utf-8"><b style="font-weight:normal;" id="docs-internal-guid-5e1c">'
    '<p dir="ltr" style="line-height:1.38;margin-top:0pt"><span style="font-size:11pt;'
    'font-family:Arial;color:#000000;font-weight:400">The council met on </span><a '
    'href="https://example.org/agenda" style="text-decoration:none"><span style="color:#1155cc;'
    'text-decoration:underline">Tuesday</span></a><span style="font-weight:700">.</span></p>'
    '<h1 dir="ltr" style="line-height:1.38"><span style="font-size:20pt">Reaction</span></h1>'
    '<ul style="margin-top:0"><li dir="ltr" aria-level="1"><p dir="ltr" role="presentation">'
    "<span>Fishers welcomed it</span></p></li></ul></b>"
)


def finish_labels(page):
    finish = page.locator(".finish")
    return (
        finish.locator(".finish__button--primary").inner_text(),
        finish.locator(
            ".finish__actions > button.finish__button:not(.finish__button--primary)"
        ).all_inner_texts(),
    )


@pytest.mark.parametrize("viewport", [PHONE, WIDE], ids=["390", "1366"])
def test_reporter_writes_and_submits_then_editor_publishes(
    browser, live_server, screenshot, roles, viewport, publishing_checks_off
):
    rita = staff("Reporter", "rita", first_name="Rita", last_name="Reporter")
    staff("Editor", "edna", first_name="Edna", last_name="Editor")
    AuthorFactory(name="Rita Reporter", slug="rita-reporter", user=rita)
    SectionFactory(name="Business", slug="business")
    context = browser.new_context(viewport=viewport, base_url=live_server.url)
    context.set_default_timeout(10_000)
    page = context.new_page()

    browser_log_in(page, "rita")
    page.goto("/admin/articles/article/add/")
    editor = page.locator(".field-body .ProseMirror[contenteditable=true]")
    assert editor.bounding_box()["height"] >= 300
    arrow = page.evaluate(
        "getComputedStyle(document.querySelector('.prose-menubar__selected'), '::after').content"
    )
    assert "⏷" not in arrow
    assert finish_labels(page) == ("Submit for review", ["Save draft", "Preview"])
    expect(page.locator(".finish__more")).to_have_count(0)
    page.locator(".finish").scroll_into_view_if_needed()
    screenshot(page, "reporter-new-story")

    page.get_by_label("Headline").fill("Harbour plan wins backing")
    pick(page, "id_section", "Bus", "Business")
    editor.click()
    paste(editor, GOOGLE_DOCS_HTML)
    expect(editor.locator("h2")).to_have_text("Reaction")
    expect(editor.locator("a[href='https://example.org/agenda']")).to_have_text("Tuesday")
    page.keyboard.press("Control+End")
    page.get_by_role("button", name="figure").click()
    dialog = page.locator("dialog[open]")
    dialog.locator("input[name=imageUrl]").fill("/static/img/logo.png")
    dialog.locator("input[name=altText]").fill("The outlet's logo")
    dialog.get_by_role("button", name="Insert").click()
    expect(editor.locator("figure img")).to_have_count(1)
    page.get_by_role("button", name="Submit for review").click()
    expect(page.locator(".messagelist")).to_contain_text("Submit for review: done.")
    expect(page.locator(".messagelist .warning")).to_have_count(0)
    article = Article.objects.get()
    assert article.status == Article.Status.IN_REVIEW
    assert '<figure class="figure"><img src="/static/img/logo.png"' in article.body
    assert "<h2>Reaction</h2>" in article.body and "style=" not in article.body
    assert finish_labels(page) == ("Save", ["Back to draft", "Preview changes"])
    page.locator(".finish").scroll_into_view_if_needed()
    screenshot(page, "reporter-in-review")

    context.clear_cookies()
    browser_log_in(page, "edna")
    page.goto(f"/admin/articles/article/{article.pk}/change/")
    assert finish_labels(page) == ("Publish now", ["Schedule", "Save", "Preview changes"])
    page.locator(".finish__more summary").click()
    expect(page.locator(".finish__menu")).to_contain_text("Back to draft")
    expect(page.locator(".finish__menu")).to_contain_text("Delete")
    page.locator(".finish").scroll_into_view_if_needed()
    screenshot(page, "editor-in-review")
    assert violations(page) == []
    page.get_by_label("Standfirst").fill("Councillors voted 7 to 2.")
    page.get_by_role("button", name="Publish now").click()
    expect(page.locator(".finish .status-badge")).to_have_text("Published")
    assert finish_labels(page) == ("Save changes", ["Preview changes"])
    screenshot(page, "editor-published")
    assert violations(page) == []
    article.refresh_from_db()
    assert article.is_published() and article.dek == "Councillors voted 7 to 2."
    context.close()


def test_enter_in_the_headline_saves_the_draft_and_publishes_nothing(page, roles):
    """The form's first button, which Enter presses, is Save: never Publish."""
    staff("Editor", "edna", first_name="Edna", last_name="Editor")
    article = ArticleFactory(draft=True, headline="Ferry fares to rise")
    browser_log_in(page, "edna")
    page.goto(f"/admin/articles/article/{article.pk}/change/")
    page.get_by_label("Headline").fill("Ferry fares to rise by a tenth")
    page.get_by_label("Headline").press("Enter")
    expect(page.locator(".messagelist")).to_contain_text("was changed successfully")
    article.refresh_from_db()
    assert (article.headline, article.status) == ("Ferry fares to rise by a tenth", "draft")


@pytest.mark.parametrize("viewport", [PHONE, WIDE], ids=["390", "1366"])
def test_the_desk_with_the_system_section_has_no_axe_violations(page, screenshot, viewport):
    """A superuser's first screen: the desk, then the plumbing under "System"."""
    UserFactory(username="root", is_staff=True, is_superuser=True, password=PASSWORD)
    page.set_viewport_size(viewport)
    browser_log_in(page, "root")
    expect(page.locator(".app-system caption")).to_have_text("System")
    screenshot(page, "desk")
    assert violations(page) == []


@pytest.mark.parametrize("viewport", [PHONE, WIDE], ids=["390", "1366"])
def test_the_story_history_has_no_axe_violations(page, screenshot, roles, viewport):
    """The revisions page, with a correction and a live update among the revisions."""
    staff("Editor", "edna", first_name="Edna", last_name="Editor")
    story = ArticleFactory(headline="Harbour plan approved")
    story.headline = "Harbour plan approved at last"
    story.save()
    CorrectionFactory(article=story, text="The vote was 7 to 2, not 6 to 3.")
    LiveUpdateFactory(article=story, text="The harbour master speaks at noon.")
    page.set_viewport_size(viewport)
    browser_log_in(page, "edna")
    page.goto(f"/admin/articles/article/{story.pk}/revisions/")
    expect(page.locator(".revisions__event")).to_have_count(2)
    screenshot(page, "revisions")
    assert violations(page) == []
