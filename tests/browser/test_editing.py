"""The editors' day in a real browser: write, submit, preview, schedule, publish, and the
no-lost-edits guard between two people."""

import datetime

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from articles.models import Article
from newsroom.staff.roles import setup_roles
from tests.conftest import DESKTOP
from tests.factories import ArticleFactory, AuthorFactory, ImageFactory, SectionFactory
from tests.helpers import staff

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PASSWORD = "correct horse battery staple"


def log_in(page, username):
    page.goto("/admin/login/?next=/admin/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    expect(page.locator("#user-tools")).to_contain_text("Welcome")


def pick(page, field_id, search, choice):
    """Choose in one of the admin's autocomplete (search-as-you-type) boxes."""
    page.locator(f"#{field_id} + .select2 .select2-selection").click()
    page.locator(".select2-search__field").last.fill(search)
    page.locator(".select2-results__option", has_text=choice).first.click()


WORD_PROCESSOR_HTML = (
    # Word's "Heading 1": the story page's subheadings are H2.
    '<h1 class="MsoHeading1" style="mso-list:l0">Reaction</h1>'
    '<p class="MsoNormal"><span style="font-family:Calibri;color:#333">Fishers gave the plan a '
    "<b>welcome</b> in the <a href='https://example.org/minutes'>minutes</a>.</span></p>"
    "<table><tr><td>Cell</td></tr></table><script>alert(1)</script>"
    '<img src="file:///C:/Users/rita/chart.png" alt="Chart">'
)


def paste(editor, html):
    """Paste HTML into the rich-text editor as a word processor's clipboard would."""
    editor.evaluate(
        """(element, html) => {
            const data = new DataTransfer();
            data.setData("text/html", html);
            data.setData("text/plain", element.innerText);
            element.dispatchEvent(new ClipboardEvent("paste", {
                clipboardData: data, bubbles: true, cancelable: true,
            }));
        }""",
        html,
    )


def new_page(browser, live_server):
    context = browser.new_context(viewport=DESKTOP, base_url=live_server.url)
    context.set_default_timeout(10_000)
    return context.new_page()


def test_reporter_writes_and_editor_schedules_then_publishes(
    page, browser, live_server, screenshot, publishing_checks_off
):
    """A reporter writes a story in the rich-text editor and submits it; an editor previews,
    schedules and then publishes it, and readers see it."""
    setup_roles(note=lambda line: None)
    staff("Reporter", "rita", first_name="Rita", last_name="Reporter")
    staff("Editor", "edna", first_name="Edna", last_name="Editor")
    SectionFactory(name="Business", slug="business")
    AuthorFactory(name="Rita Reporter", slug="rita-reporter")
    ImageFactory(alt_text="Cranes over the harbour at dawn", caption="The harbour at dawn.")
    ArticleFactory.create_batch(3)
    ArticleFactory(headline="Ferry timetable to change in spring", scheduled=True)
    ArticleFactory(headline="Library opening hours under review", draft=True)

    log_in(page, "rita")
    page.goto("/admin/articles/article/add/")
    page.get_by_label("Headline").fill("Harbour expansion wins council backing")
    page.get_by_label("Headline").press("End")
    expect(page.get_by_label("Slug")).to_have_value("harbour-expansion-wins-council-backing")
    pick(page, "id_section", "Bus", "Business")
    page.get_by_label("Dateline").fill("Port Ellen, Nov 2025")
    editor = page.locator(".ProseMirror[contenteditable=true]")
    editor.click()
    page.keyboard.type("The council approved the harbour plan on Tuesday.")
    page.keyboard.press("Enter")
    page.keyboard.type("## What happens next")
    page.keyboard.press("Enter")
    page.keyboard.type("Read the plan at https://example.org/plan today.")
    page.keyboard.press("Enter")
    page.keyboard.type("- Dredging starts in spring")
    page.keyboard.press("Enter")
    page.keyboard.type("Two new berths by 2027")
    page.keyboard.press("Enter")
    page.keyboard.press("Enter")
    paste(editor, WORD_PROCESSOR_HTML)
    expect(editor.locator("h2")).to_have_text(["What happens next", "Reaction"])
    expect(editor.locator("strong")).to_have_text("welcome")
    expect(editor.locator("a[href='https://example.org/minutes']")).to_have_text("minutes")
    assert editor.locator("table, span[style], [class^=Mso], script, img, h1").count() == 0
    expect(editor.locator("ul li")).to_have_count(2)
    page.get_by_role("button", name="figure").click()
    with page.expect_popup() as opened:
        page.get_by_role("button", name="Browse...").click()
    library = opened.value
    library.get_by_label("Search the pictures").fill("cranes")
    library.get_by_role("button", name="Search").click()
    library.get_by_role("button", name="Use this picture").click()
    expect(page.locator("dialog[open] input[name=altText]")).to_have_value(
        "Cranes over the harbour at dawn"
    )
    page.locator("dialog[open]").get_by_role("button", name="Insert").click()
    expect(editor.locator("figure figcaption")).to_contain_text("The harbour at dawn.")
    pick(page, "id_featured_image", "harbour", "harbour")
    pick(page, "id_articleauthor_set-0-author", "Rita", "Rita Reporter")
    screenshot(page, "edit-form")
    page.get_by_role("button", name="Submit for review").click()
    expect(page.locator(".messagelist")).to_contain_text("Submit for review: done.")
    article = Article.objects.get(slug="harbour-expansion-wins-council-backing")
    assert article.status == Article.Status.IN_REVIEW
    assert article.featured_image.alt_text == "Cranes over the harbour at dawn"
    assert '<a href="https://example.org/plan">' in article.body

    desk = new_page(browser, live_server)
    log_in(desk, "edna")
    expect(desk.locator(".desk-panel", has_text="Needs review")).to_contain_text("1")
    screenshot(desk, "dashboard")
    desk.locator(".desk-panel", has_text="Needs review").get_by_role("link").click()
    desk.get_by_role("link", name="Harbour expansion wins council backing").click()
    preview_href = desk.get_by_role("link", name="Preview").get_attribute("href")
    desk.goto(preview_href)
    expect(desk.locator(".preview-banner")).to_contain_text("Preview \N{EN DASH} not published")
    expect(desk.locator("h1")).to_have_text("Harbour expansion wins council backing")
    expect(desk.locator(".article__body h2").first).to_have_text("What happens next")
    expect(desk.locator(".article__body figure img")).to_have_attribute(
        "alt", "Cranes over the harbour at dawn"
    )
    screenshot(desk, "preview")
    desk.go_back()

    later = timezone.localtime() + datetime.timedelta(days=1)
    desk.locator("#id_published_at_0").fill(later.strftime("%Y-%m-%d"))
    desk.locator("#id_published_at_1").fill("09:00:00")
    desk.get_by_role("button", name="Schedule").click()
    expect(desk.locator(".finish .status-badge")).to_have_text("Scheduled")
    screenshot(desk, "edit-form-editor")
    reader = new_page(browser, live_server)
    url = Article.objects.get(pk=article.pk).get_absolute_url()
    assert reader.goto(url).status == 404

    desk.get_by_role("button", name="Publish now").click()
    expect(desk.locator(".finish .status-badge")).to_have_text("Published")
    assert reader.goto(url).status == 200
    expect(reader.locator("h1")).to_have_text("Harbour expansion wins council backing")
    expect(reader.locator(".article__body li")).to_have_count(2)
    expect(reader.locator(".article__body h2")).to_have_text(["What happens next", "Reaction"])
    desk.goto("/admin/articles/article/")
    expect(desk.locator("#result_list .status-badge--scheduled")).to_have_count(1)
    screenshot(desk, "change-list")
    reader.context.close()
    desk.context.close()


def test_second_of_two_people_editing_is_refused_and_keeps_their_text(
    page, browser, live_server, screenshot
):
    """Two editors have one article open; the second to save is refused, and keeps the text."""
    setup_roles(note=lambda line: None)
    staff("Editor", "edna", first_name="Edna", last_name="Editor")
    staff("Editor", "olga", first_name="Olga", last_name="Desk")
    article = ArticleFactory(headline="Ferry fares to rise")
    url = f"/admin/articles/article/{article.pk}/change/"

    log_in(page, "edna")
    page.goto(url)
    other = new_page(browser, live_server)
    log_in(other, "olga")
    other.goto(url)
    expect(other.locator(".editing-note")).to_contain_text("Edna Editor is also editing")

    page.get_by_label("Headline").fill("Ferry fares to rise by a tenth")
    page.get_by_role("button", name="Save changes").click()
    expect(page.locator(".messagelist")).to_contain_text("was changed successfully")

    other.get_by_label("Headline").fill("Ferry fares rise again, islanders say")
    other.get_by_role("button", name="Save changes").click()
    expect(other.locator(".errorlist.nonfield")).to_contain_text(
        "Edna Editor saved this article at"
    )
    expect(other.get_by_label("Headline")).to_have_value("Ferry fares rise again, islanders say")
    screenshot(other, "refused")
    article.refresh_from_db()
    assert article.headline == "Ferry fares to rise by a tenth"

    page.get_by_role("link", name="Revisions").click()
    page.get_by_role("button", name="Compare the chosen revisions").click()
    expect(page.locator(".revision-changes")).to_contain_text("Headline")
    headline = page.locator(".revision-changes tr", has_text="Headline")
    expect(headline.locator("ins")).to_have_text("added: by a tenth")
    screenshot(page, "revisions-compare")
    other.context.close()
