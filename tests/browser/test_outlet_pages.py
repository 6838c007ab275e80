"""The outlet's own pages in a real browser, on a phone and a desktop: an editor writes the
About page and builds the footer menu; a reader goes from a story to the corrections policy."""

import re

import pytest
from playwright.sync_api import expect

from newsroom.pages.models import Menu, Page
from tests.conftest import PHONE
from tests.helpers import browser_log_in, staff

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
SIZES = {"phone": PHONE, "desktop": {"width": 1366, "height": 900}}
STORY = "/world/pacific-leaders-agree-to-keep-talking-on-tariffs/"


def reader_page(browser, live_server, viewport):
    context = browser.new_context(viewport=viewport, base_url=live_server.url)
    context.set_default_timeout(10_000)
    return context.new_page()


@pytest.mark.parametrize("size", SIZES)
def test_editor_writes_the_about_page_and_builds_the_footer_menu(
    demo_content, roles, browser, live_server, screenshot, size
):
    """The editor publishes “About us”, builds the footer from it and a link, reorders the two
    with the Move up button, and readers find both in the footer of every page."""
    Menu.objects.filter(place=Menu.Place.FOOTER).delete()
    Page.objects.filter(path__startswith="about/").delete()
    Page.objects.filter(path="about").delete()
    staff("Editor", "edna")
    page = reader_page(browser, live_server, SIZES[size])
    browser_log_in(page, "edna")

    page.goto("/admin/pages/page/add/")
    page.locator("#id_title").fill("About us")
    page.locator("#id_standfirst").fill("Who we are, and who pays for the news.")
    # Filled in from the title as it is typed; the editor wants the short address.
    page.locator("#id_slug").fill("about")
    editor = page.locator(".ProseMirror[contenteditable=true]")
    editor.click()
    editor.type("We are an independent newsroom owned by a reader trust.")
    page.locator("#id_status").select_option("published")
    screenshot(page, "page-form")
    page.get_by_role("button", name="Save", exact=True).click()
    expect(page.locator(".messagelist")).to_contain_text("was added successfully")

    page.goto("/admin/pages/menu/add/")
    page.locator("#id_name").fill("Footer")
    page.locator("#id_place").select_option("footer")
    rows = page.locator("tr.form-row:not(.empty-form)")
    rows.nth(0).locator("td.field-label input").fill("Corrections")
    rows.nth(0).locator("td.field-url input").fill("/corrections/")
    page.get_by_role("button", name="Add another Link").click()
    rows.nth(1).locator("td.field-page select").select_option(label="About us")
    rows.nth(1).get_by_role("button", name=re.compile("up$")).click()
    screenshot(page, "menu-form")
    page.get_by_role("button", name="Save", exact=True).click()
    expect(page.locator(".messagelist")).to_contain_text("was added successfully")

    reader = reader_page(browser, live_server, SIZES[size])
    reader.goto(STORY)
    footer = reader.locator(".site-footer")
    expect(footer.get_by_role("link")).to_contain_text(["About us", "Corrections"])
    screenshot(reader, "footer")
    footer.get_by_role("link", name="About us").click()
    expect(reader).to_have_url(re.compile("/about/$"))
    expect(reader.locator("h1")).to_have_text("About us")
    expect(reader.locator(".article__body")).to_contain_text("owned by a reader trust")
    screenshot(reader, "about-page")


@pytest.mark.parametrize("size", SIZES)
def test_reader_finds_the_corrections_policy_from_a_story(
    demo_content, browser, live_server, screenshot, size
):
    """Under every story, “Our standards” links to the corrections policy."""
    reader = reader_page(browser, live_server, SIZES[size])
    reader.goto(STORY)
    expect(reader.locator(".article__kind")).to_contain_text("News")
    standards = reader.locator(".story-standards")
    standards.scroll_into_view_if_needed()
    screenshot(reader, "story")
    standards.get_by_role("link", name="Corrections policy").click()
    expect(reader).to_have_url(re.compile("/corrections-policy/$"))
    expect(reader.locator("h1")).to_have_text("Corrections policy")
    expect(reader.locator(".breadcrumb")).to_contain_text("Corrections policy")
    screenshot(reader, "policy")
    if size == "phone":
        reader.get_by_role("button", name="Menu").click()
        expect(reader.locator(".site-nav")).to_be_visible()
        screenshot(reader, "phone-menu")
    else:
        reader.locator(".site-nav__item--parent").first.hover()
        expect(reader.locator(".site-nav__sub").first).to_be_in_viewport()
        screenshot(reader, "header-menu")
