"""An embed from the editor to the reader: a link alone on its line (typed on a phone, put
there by the Embed button on a desktop), its preview, publishing, and the player loaded by a
reader, with nothing asked of the provider before the click and nothing on the page moving."""

from urllib.parse import urlsplit

import pytest
from playwright.sync_api import expect

from articles.models import Article
from newsroom.staff.roles import setup_roles
from tests.browser.axe import assert_no_violations
from tests.conftest import PHONE
from tests.embed_servers import YOUTUBE_LINK, Web, jpeg, point_providers_at, youtube_answer
from tests.factories import ArticleFactory, AuthorFactory
from tests.helpers import browser_log_in, staff

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
DESKTOP_WIDE = {"width": 1366, "height": 900}

# Layout shifts the page has had, as the browser counts them (CLS's parts).
WATCH_SHIFTS = """() => {
  window.shifts = 0;
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) if (!entry.hadRecentInput) window.shifts += entry.value;
  }).observe({ type: "layout-shift", buffered: true });
}"""


@pytest.fixture
def provider(settings, monkeypatch):
    settings.NEWSROOM_EMBED_PRIVATE_ADDRESSES = True
    web = Web()
    web.route("/thumb.jpg", jpeg(1280, 720, (30, 120, 90)), kind="image/jpeg")
    point_providers_at(monkeypatch, web)
    web.oembed(youtube_answer(web))
    yield web
    web.close()


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP_WIDE], ids=["390", "1366"])
def test_an_embed_from_the_editor_to_the_reader(
    browser, live_server, provider, screenshot, viewport, publishing_checks_off
):
    """The checks before publishing are switched off: this is the embed's journey, not theirs."""
    setup_roles(note=lambda line: None)
    staff("Editor", "edna", first_name="Edna", last_name="Editor")
    story = ArticleFactory(
        headline="Harbour reopens after dredging",
        slug="harbour-reopens",
        body="<p>The harbour reopened on Sunday.</p>",
        draft=True,
    )
    story.authors.add(AuthorFactory(name="Edna Editor"))

    desk_context = browser.new_context(viewport=viewport, base_url=live_server.url)
    desk_context.set_default_timeout(15_000)
    desk = desk_context.new_page()
    browser_log_in(desk, "edna")
    desk.goto(f"/admin/articles/article/{story.pk}/change/")
    editor = desk.locator(".ProseMirror[contenteditable=true]")
    editor.click()
    desk.keyboard.press("Control+End")
    desk.keyboard.press("Enter")
    if viewport is PHONE:
        desk.keyboard.type(YOUTUBE_LINK)
        desk.keyboard.press("Enter")
    else:
        # The editor's ▶ Embed button asks for the address and puts it on a line of its own.
        desk.once("dialog", lambda dialog: dialog.accept(YOUTUBE_LINK))
        desk.get_by_role("button", name="Embed a video, post or page").click()
        expect(editor.locator(f'a[href="{YOUTUBE_LINK}"]')).to_have_text(YOUTUBE_LINK)
    desk.keyboard.type("The mayor cut the ribbon.")
    desk.get_by_role("button", name="Save draft").click()
    preview = desk.locator(".field-embeds_preview")
    expect(preview.locator(".embed__title")).to_have_text("Harbour opening")
    expect(preview.locator("img.embed__picture")).to_be_visible()
    preview.scroll_into_view_if_needed()
    screenshot(desk, "preview")
    assert_no_violations(desk, "the story form with its embeds' preview")
    desk.get_by_role("button", name="Publish now").click()
    expect(desk.locator(".messagelist")).to_contain_text("Publish")
    story.refresh_from_db()
    assert story.status == Article.Status.PUBLISHED
    desk_context.close()

    reader_context = browser.new_context(viewport=viewport, base_url=live_server.url)
    reader_context.set_default_timeout(15_000)
    reader = reader_context.new_page()
    ours = urlsplit(live_server.url).netloc
    elsewhere = []
    reader.on(
        "request",
        lambda request: urlsplit(request.url).netloc != ours and elsewhere.append(request.url),
    )
    # The player's host cannot be reached from here: its frame stays empty, in place.
    reader.route("https://www.youtube-nocookie.com/**", lambda route: route.abort())
    reader.add_init_script(f"({WATCH_SHIFTS})()")
    reader.goto(story.get_absolute_url())
    reader.wait_for_load_state("networkidle")
    box = reader.locator(".article__body .embed__box")
    box.scroll_into_view_if_needed()
    button = box.get_by_role("button", name="Load from YouTube")
    expect(button).to_be_visible()
    expect(box.locator("img.embed__picture")).to_be_visible()
    before = box.bounding_box()
    assert abs(before["width"] / before["height"] - 640 / 360) < 0.02
    screenshot(reader, "facade")
    assert_no_violations(reader, "a story with an embed")
    assert elsewhere == []  # nothing asked of any third party before the click

    button.click()
    frame = box.locator("iframe.embed__player")
    expect(frame).to_be_attached()
    assert frame.get_attribute("src").startswith("https://www.youtube-nocookie.com/embed/")
    after = box.bounding_box()
    assert (after["width"], after["height"]) == (before["width"], before["height"])
    framed = frame.bounding_box()
    assert (round(framed["width"]), round(framed["height"])) == (
        round(before["width"]),
        round(before["height"]),
    )
    assert reader.evaluate("window.shifts") == 0
    assert [urlsplit(url).netloc for url in elsewhere] == ["www.youtube-nocookie.com"]
    screenshot(reader, "loaded")
    reader_context.close()


def test_without_javascript_the_embed_is_a_picture_and_a_link(browser, live_server, provider):
    from articles.embeds.resolve import resolve

    resolve(YOUTUBE_LINK)
    story = ArticleFactory(
        slug="no-script", body=f'<p><a href="{YOUTUBE_LINK}">{YOUTUBE_LINK}</a></p>'
    )
    context = browser.new_context(
        viewport=PHONE, base_url=live_server.url, java_script_enabled=False
    )
    page = context.new_page()
    page.goto(story.get_absolute_url())
    figure = page.locator(".article__body figure.embed")
    expect(figure.get_by_role("button")).to_be_hidden()
    expect(figure.get_by_role("link", name="Open on YouTube")).to_have_attribute(
        "href", YOUTUBE_LINK
    )
    expect(figure.locator("img.embed__picture")).to_be_visible()
    context.close()
