"""An embed from the editor to the reader: a link alone on its line (typed on a phone, put
there by the Embed button on a desktop), its preview, publishing, and the player loaded by a
reader, with nothing asked of the provider before the click and nothing on the page moving;
and a story with three players and a gallery, read to its end, just as quiet and still."""

import json
import re
from urllib.parse import urlsplit

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from articles.models import Article, Embed
from newsroom.staff.roles import setup_roles
from tests.browser.axe import assert_no_violations
from tests.browser.test_pictures import gallery_pictures
from tests.conftest import PHONE
from tests.embed_servers import YOUTUBE_LINK, Web, jpeg, point_providers_at, youtube_answer
from tests.factories import ArticleFactory, AuthorFactory
from tests.helpers import admin_form_data, browser_log_in, client_for, staff

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
DESKTOP_WIDE = {"width": 1366, "height": 900}

# Layout shifts the page has had, as the browser counts them (CLS's parts).
WATCH_SHIFTS = """() => {
  window.shifts = 0;
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) if (!entry.hadRecentInput) window.shifts += entry.value;
  }).observe({ type: "layout-shift", buffered: true });
}"""

VIMEO_LINK = "https://vimeo.com/76979871"
TIKTOK_LINK = "https://www.tiktok.com/@harbourtv/video/7301234567890123456"
# Every layout shift the page has had, input or not, as the browser counts them: watched from
# the page's start (buffered), what is not handed to the observer yet taken at each reading.
COUNT_ALL_SHIFTS = """(() => {
  let total = 0;
  const add = (entries) => { for (const entry of entries) total += entry.value; };
  const observer = new PerformanceObserver((list) => add(list.getEntries()));
  observer.observe({ type: "layout-shift", buffered: true });
  window.shiftsSoFar = () => { add(observer.takeRecords()); return total; };
})()"""


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


@pytest.fixture
def three_providers(settings, monkeypatch):
    """YouTube, Vimeo and TikTok answering from one test server, each as it would."""
    settings.NEWSROOM_EMBED_PRIVATE_ADDRESSES = True
    web = Web()
    for name, size in {"yt": (1280, 720), "vimeo": (1280, 720), "tiktok": (576, 1024)}.items():
        web.route(f"/{name}.jpg", jpeg(*size, (30, 90, 120)), kind="image/jpeg")
    answers = {
        YOUTUBE_LINK: youtube_answer(web) | {"thumbnail_url": web.base + "/yt.jpg"},
        VIMEO_LINK: {
            "type": "video", "version": "1.0", "title": "The dredger at work",
            "provider_name": "Vimeo", "width": 640, "height": 360,
            "thumbnail_url": web.base + "/vimeo.jpg",
            "html": '<iframe src="https://player.vimeo.com/video/76979871?app_id=1" '
            'width="640" height="360"></iframe>',
        },
        TIKTOK_LINK: {
            "type": "video", "version": "1.0", "title": "First ferry in",
            "author_name": "harbourtv", "provider_name": "TikTok", "width": 325, "height": 578,
            "thumbnail_url": web.base + "/tiktok.jpg",
            "html": '<blockquote class="tiktok-embed" data-video-id="7301234567890123456">'
            "</blockquote>",
        },
    }  # fmt: skip
    web.route(
        "/oembed", lambda query: json.dumps(answers[query["url"][0]]), kind="application/json"
    )
    point_providers_at(monkeypatch, web)
    yield web
    web.close()


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP_WIDE], ids=["390", "1366"])
def test_three_videos_and_a_gallery_ask_no_third_party_anything_and_nothing_moves(
    browser, live_server, three_providers, screenshot, viewport, publishing_checks_off
):
    """The issue's target: a story with three video embeds and a gallery makes no request to
    anyone but us until a player is asked for, and its layout never shifts (CLS 0), the
    reader scrolling through it and loading a player included."""
    setup_roles(note=lambda line: None)
    pictures = gallery_pictures()
    links = [YOUTUBE_LINK, VIMEO_LINK, TIKTOK_LINK]
    numbers = " ".join(str(picture.pk) for picture in pictures)
    paragraphs = "".join(f"<p>The harbour reopened on Sunday, part {n}.</p>" for n in range(4))
    story = ArticleFactory(
        slug="harbour-in-pictures",
        body=paragraphs.join(f'<p><a href="{link}">{link}</a></p>' for link in links)
        + f'<figure class="gallery" data-pictures="{numbers}"></figure>{paragraphs}',
        draft=True,
    )
    # Published from the story form as an editor would: saving it is what asks the providers.
    editor = client_for(staff("Editor", "edna"))
    form = reverse("admin:articles_article_change", args=[story.pk])
    response = editor.post(form, admin_form_data(editor, form) | {"_transition": "publish"})
    assert response.status_code == 302
    story.refresh_from_db()
    assert story.status == Article.Status.PUBLISHED
    assert sorted(Embed.objects.values_list("provider", flat=True)) == [
        "tiktok", "vimeo", "youtube"
    ]  # fmt: skip

    context = browser.new_context(viewport=viewport, base_url=live_server.url)
    context.set_default_timeout(15_000)
    reader = context.new_page()
    ours = urlsplit(live_server.url).netloc
    requests = []
    reader.on("request", lambda request: requests.append(request.url))
    # The players' hosts cannot be reached from here: asked, they answer nothing.
    reader.route(re.compile(r"^https?://(?!" + re.escape(ours) + "/)"), lambda r: r.abort())
    reader.add_init_script(COUNT_ALL_SHIFTS)
    reader.goto(story.get_absolute_url())
    reader.wait_for_load_state("networkidle")
    facades = reader.locator(".article__body figure.embed")
    expect(facades).to_have_count(3)
    expect(reader.locator(".article__body .gallery__item")).to_have_count(3)
    # Down to the end a screen at a time (the lazy pictures load on the way), and back up.
    height = reader.evaluate("document.documentElement.scrollHeight")
    for y in [*range(0, height, viewport["height"] // 2), height, 0]:
        reader.evaluate("y => window.scrollTo(0, y)", y)
        reader.wait_for_timeout(50)
    reader.wait_for_load_state("networkidle")
    for picture in reader.locator(".article__body img").all():
        assert picture.evaluate("img => img.complete && img.naturalWidth > 0")
    screenshot(reader, "read")
    elsewhere = [url for url in requests if urlsplit(url).netloc != ours]
    assert elsewhere == []  # nothing asked of any third party before a click
    assert reader.evaluate("shiftsSoFar()") == 0

    vimeo = facades.nth(1)
    vimeo.scroll_into_view_if_needed()
    before = vimeo.locator(".embed__box").bounding_box()
    with reader.expect_request(re.compile(r"^https://player\.vimeo\.com/")):
        vimeo.get_by_role("button", name="Load from Vimeo").click()
    expect(vimeo.locator("iframe.embed__player")).to_have_attribute(
        "src", re.compile(r"^https://player\.vimeo\.com/video/76979871\?")
    )
    assert vimeo.locator(".embed__box").bounding_box() == before
    elsewhere = [urlsplit(url).netloc for url in requests if urlsplit(url).netloc != ours]
    assert elsewhere == ["player.vimeo.com"]
    assert reader.evaluate("shiftsSoFar()") == 0
    screenshot(reader, "played")
    context.close()
