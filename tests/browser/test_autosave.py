"""Autosave and the add form's Preview and Schedule in a real browser: nothing typed is lost by
closing the page, and a brand-new story is previewed and scheduled without a separate save."""

import datetime
import json
import time
from pprint import pformat

import pytest
from django.utils import timezone
from django.utils.formats import date_format
from playwright.sync_api import expect

from articles.models import Article, Autosave
from newsroom.staff.roles import setup_roles
from tests.browser.axe import violations
from tests.conftest import PHONE
from tests.factories import ArticleFactory, AuthorFactory, SectionFactory
from tests.helpers import browser_log_in, staff

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
DESKTOP = {"width": 1366, "height": 900}
VIEWPORTS = (("phone", PHONE), ("desktop", DESKTOP))
ADD_URL = "/admin/articles/article/add/"


def pick(page, field_id, search, choice):
    """Choose in one of the admin's autocomplete (search-as-you-type) boxes."""
    page.locator(f"#{field_id} + .select2 .select2-selection").click()
    page.locator(".select2-search__field").last.fill(search)
    page.locator(".select2-results__option", has_text=choice).first.click()


def desk_page(browser, live_server, viewport):
    context = browser.new_context(viewport=viewport, base_url=live_server.url)
    context.set_default_timeout(10_000)
    return context.new_page()


def arrived(person, words, seconds=15):
    """Wait until this person's kept copy holds these words."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        copies = Autosave.objects.filter(user=person).values_list("data", flat=True)
        if any(words in json.dumps(copy) for copy in copies):
            return
        time.sleep(0.1)
    pytest.fail(f"No copy holding {words!r} reached the server")


@pytest.mark.parametrize(("label", "viewport"), VIEWPORTS)
def test_reporter_closes_a_half_written_story_and_finds_it_restored(
    browser, live_server, screenshot, label, viewport
):
    """A reporter types a new story, sees "Draft saved", closes the tab, and on opening "Add
    article" again finds every word back, with a notice that can throw the draft away."""
    setup_roles(note=lambda line: None)
    rita = staff("Reporter", "rita", first_name="Rita", last_name="Reporter")
    AuthorFactory(name="Rita Reporter", slug="rita-reporter", user=rita)
    SectionFactory(name="Business", slug="business")

    page = desk_page(browser, live_server, viewport)
    browser_log_in(page, "rita")
    page.goto(ADD_URL)
    page.get_by_label("Headline").fill("Harbour crane collapses in high winds")
    pick(page, "id_section", "Bus", "Business")
    page.get_by_label("Dateline").fill("Port Ellen, Dec 2026")
    editor = page.locator(".ProseMirror[contenteditable=true]")
    editor.click()
    page.keyboard.type("No one was hurt when the crane fell on Tuesday night.")
    page.get_by_label("Tags").fill("harbour, storms")
    status = page.locator("#autosave-status")
    expect(status).to_contain_text("Draft saved", timeout=15_000)
    screenshot(page, f"{label}-draft-saved")
    # A last sentence, then the tab is closed at once: the page sends it on its way out.
    editor.press("Control+End")
    page.keyboard.type(" Dockers were sent home.")
    page.close()
    # The copy sent on the way out travels on its own; the reporter comes back after it.
    arrived(rita, "Dockers were sent home.")

    page = page.context.new_page()
    page.goto(ADD_URL)
    notice = page.locator(".autosave-notice")
    expect(notice).to_contain_text("Restored your unsaved changes (kept ")
    expect(page.get_by_label("Headline")).to_have_value("Harbour crane collapses in high winds")
    expect(page.get_by_label("Dateline")).to_have_value("Port Ellen, Dec 2026")
    expect(page.locator("#id_section + .select2")).to_contain_text("Business")
    expect(page.get_by_label("Tags")).to_have_value("harbour, storms")
    expect(page.get_by_role("textbox", name="Story")).to_contain_text(
        "No one was hurt when the crane fell on Tuesday night. Dockers were sent home."
    )
    assert not Article.objects.exists()
    found = violations(page)
    screenshot(page, f"{label}-restored")
    assert not found, pformat(found)

    notice.get_by_role("button", name="Discard them").click()
    expect(page.locator(".messagelist")).to_contain_text("Your unsaved changes were discarded.")
    expect(page.get_by_label("Headline")).to_have_value("")
    assert not Autosave.objects.filter(data__isnull=False).exists()
    page.context.close()


def test_reporter_comes_back_to_an_edited_story_and_saving_ends_the_draft(
    browser, live_server, screenshot
):
    """Changes to a saved story come back after a crash; saving the story ends the draft."""
    setup_roles(note=lambda line: None)
    rita = staff("Reporter", "rita", first_name="Rita", last_name="Reporter")
    author = AuthorFactory(name="Rita Reporter", slug="rita-reporter", user=rita)
    story = ArticleFactory(
        draft=True, headline="Ferry fares to rise", created_by=rita, authors=[author]
    )
    url = f"/admin/articles/article/{story.pk}/change/"
    page = desk_page(browser, live_server, DESKTOP)
    browser_log_in(page, "rita")
    page.goto(url)
    page.get_by_label("Standfirst").fill("Islanders say the rise is unfair.")
    expect(page.locator("#autosave-status")).to_contain_text("Draft saved", timeout=15_000)
    page.close()

    page = page.context.new_page()
    page.goto(url)
    expect(page.locator(".autosave-notice")).to_contain_text("Restored your unsaved changes")
    expect(page.get_by_label("Standfirst")).to_have_value("Islanders say the rise is unfair.")
    screenshot(page, "restored-story")
    page.get_by_role("button", name="Save draft").click()
    expect(page.locator(".messagelist")).to_contain_text("was changed successfully")
    expect(page.locator(".autosave-notice")).to_have_count(0)
    story.refresh_from_db()
    assert story.dek == "Islanders say the rise is unfair."
    assert not Autosave.objects.filter(data__isnull=False).exists()
    page.context.close()


@pytest.mark.parametrize(("label", "viewport"), VIEWPORTS)
def test_editor_previews_and_schedules_a_new_story_without_saving_first(
    browser, live_server, screenshot, label, viewport, publishing_checks_off
):
    """Preview opens the unsaved story in a new tab; Schedule saves and schedules it at once."""
    setup_roles(note=lambda line: None)
    staff("Editor", "edna", first_name="Edna", last_name="Editor")
    SectionFactory(name="Business", slug="business")
    AuthorFactory(name="Pat Writer", slug="pat-writer")

    page = desk_page(browser, live_server, viewport)
    browser_log_in(page, "edna")
    page.goto(ADD_URL)
    page.get_by_label("Headline").fill("Harbour deal signed")
    pick(page, "id_section", "Bus", "Business")
    pick(page, "id_articleauthor_set-0-author", "Pat", "Pat Writer")
    page.locator(".ProseMirror[contenteditable=true]").click()
    page.keyboard.type("The port and the council signed the deal on Monday.")

    with page.expect_popup() as opened:
        page.locator(".finish").get_by_role("button", name="Preview").click()
    preview = opened.value
    expect(preview.locator(".preview-banner")).to_contain_text("Not saved yet")
    expect(preview.locator("h1")).to_have_text("Harbour deal signed")
    expect(preview.locator(".article__body")).to_contain_text("signed the deal on Monday")
    screenshot(preview, f"{label}-preview")
    preview.close()
    assert not Article.objects.exists()

    later = timezone.localtime() + datetime.timedelta(days=2)
    page.locator("#id_published_at_0").fill(later.strftime("%Y-%m-%d"))
    page.locator("#id_published_at_1").fill("09:00:00")
    screenshot(page, f"{label}-add-form")
    page.get_by_role("button", name="Schedule").click()
    expect(page.locator(".messagelist")).to_contain_text(
        f"Scheduled: “Harbour deal signed” goes live on {later:%A}, "
        f"{date_format(later, 'DATE_FORMAT')}, 9 a.m."
    )
    expect(page.locator(".finish .status-badge")).to_have_text("Scheduled")
    screenshot(page, f"{label}-scheduled")
    article = Article.objects.get()
    assert article.is_scheduled()
    assert timezone.localtime(article.published_at).strftime("%H:%M") == "09:00"
    page.context.close()


@pytest.mark.parametrize(("label", "viewport"), VIEWPORTS)
def test_a_tab_whose_restored_story_was_saved_elsewhere_says_its_drafts_stop(
    browser, live_server, screenshot, label, viewport
):
    """ "Add article" opened in two tabs brings the same unsaved story back in both; once one
    tab saves it, the other says its changes are no longer kept instead of going quiet."""
    setup_roles(note=lambda line: None)
    rita = staff("Reporter", "rita", first_name="Rita", last_name="Reporter")
    AuthorFactory(name="Rita Reporter", slug="rita-reporter", user=rita)
    SectionFactory(name="Business", slug="business")
    first = desk_page(browser, live_server, viewport)
    browser_log_in(first, "rita")
    first.goto(ADD_URL)
    first.get_by_label("Headline").fill("Harbour crane collapses in high winds")
    pick(first, "id_section", "Bus", "Business")
    expect(first.locator("#autosave-status")).to_contain_text("Draft saved", timeout=15_000)

    second = first.context.new_page()
    second.goto(ADD_URL)
    expect(second.locator(".autosave-notice")).to_contain_text("Restored your unsaved changes")
    first.get_by_role("button", name="Save draft").click()
    expect(first.locator(".messagelist")).to_contain_text("was added successfully")

    second.get_by_label("Dateline").fill("Port Ellen, Dec 2026")
    status = second.locator("#autosave-status")
    expect(status).to_contain_text("this story was saved from another tab", timeout=15_000)
    screenshot(second, f"{label}-saved-elsewhere")
    assert Article.objects.get().dateline == ""
    first.context.close()


@pytest.mark.parametrize(("label", "viewport"), VIEWPORTS)
@pytest.mark.parametrize("who", ["admin", "reporter"])
def test_add_article_opens_again_after_an_untouched_visit(
    browser, live_server, screenshot, label, viewport, who
):
    """The reported 500: "Add article" opened, left a few seconds untouched, then opened again
    from the admin's home. The form opens clean each time, and nothing was kept for it."""
    setup_roles(note=lambda line: None)
    if who == "admin":
        person = staff("Editor", "boss", is_superuser=True)
    else:
        person = staff("Reporter", "rita", first_name="Rita", last_name="Reporter")
        AuthorFactory(name="Rita Reporter", slug="rita-reporter", user=person)
    sent = []

    def note_autosave(request):
        if "/autosave" in request.url:
            sent.append(request.url)

    page = desk_page(browser, live_server, viewport)
    page.on("request", note_autosave)
    browser_log_in(page, person.username)
    page.goto(ADD_URL)
    expect(page.locator(".ProseMirror[contenteditable=true]")).to_be_visible()
    # Longer than the script's turn, so a copy would have been sent by now.
    page.wait_for_timeout(6_500)
    page.goto("/admin/")
    page.goto(ADD_URL)

    expect(page.get_by_role("heading", level=1)).to_have_text("Add article")
    expect(page.get_by_label("Headline")).to_have_value("")
    expect(page.locator(".autosave-notice")).to_have_count(0)
    screenshot(page, f"{label}-clean-form")
    assert not sent
    assert not Autosave.objects.exists()
