"""Pictures in a real browser: the editor marks a picture's subject by clicking it or with the
keyboard and sees the square and wide cuts keep it; a gallery is put into a story from the
library and swiped through by a reader on a phone."""

import re

import pytest
from playwright.sync_api import expect

from articles.models import Article, Image
from newsroom.staff.roles import setup_roles
from tests.articles.test_focal_points import picture_with_subject_at_top_left, shows_subject
from tests.browser.axe import assert_no_violations
from tests.browser.test_editing import log_in
from tests.conftest import PHONE
from tests.factories import ArticleFactory, ImageFactory, uploaded_image
from tests.helpers import staff

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
WIDE = {"width": 1366, "height": 900}
VIEWPORTS = pytest.mark.parametrize("viewport", [PHONE, WIDE], ids=["phone", "desktop"])


@pytest.fixture
def edna(db):
    setup_roles(note=lambda line: None)
    return staff("Editor", "edna", first_name="Edna", last_name="Editor")


@VIEWPORTS
def test_editor_marks_the_subject_by_clicking_and_with_the_keyboard(
    page, edna, screenshot, viewport
):
    """A click on the subject in the corner fills both numbers; the arrow keys move it on;
    saved, the square and wide cuts shown on the form hold the subject."""
    image = ImageFactory(file=picture_with_subject_at_top_left(), alt_text="A red buoy")
    page.set_viewport_size(viewport)
    log_in(page, "edna")
    page.goto(f"/admin/articles/image/{image.pk}/change/")
    assert_no_violations(page, "the picture form")
    picture = page.locator(".focal-picker img")
    picture.scroll_into_view_if_needed()
    box = picture.bounding_box()
    # The subject's middle: 150 px across and down in a 1600 x 1000 picture.
    picture.click(position={"x": box["width"] * 150 / 1600, "y": box["height"] * 150 / 1000})
    across, down = page.locator("#id_focal_x"), page.locator("#id_focal_y")
    expect(across).to_have_value(re.compile(r"^(8|9|10)$"))
    expect(down).to_have_value(re.compile(r"^(14|15|16)$"))
    marker = page.locator(".focal-picker__marker")
    expect(marker).to_be_focused()
    screenshot(page, "clicked")

    across.fill("40")
    down.fill("60")
    expect(marker).to_have_attribute("aria-label", re.compile("40% across, 60% down"))
    marker.focus()
    page.keyboard.press("Shift+ArrowLeft")
    page.keyboard.press("Shift+ArrowLeft")
    page.keyboard.press("Shift+ArrowLeft")
    page.keyboard.press("ArrowRight")
    for _ in range(4):
        page.keyboard.press("Shift+ArrowUp")
    expect(across).to_have_value("11")
    expect(down).to_have_value("20")
    expect(page.locator(".focal-picker__status")).to_have_text(
        "Subject 11% across, 20% down. Save to cut the picture around it."
    )
    page.get_by_role("button", name="Save and continue editing").click()
    expect(page.locator(".messagelist")).to_contain_text("was changed successfully")
    image.refresh_from_db()
    assert (image.focal_x, image.focal_y) == (11, 20)
    cuts = page.locator(".focal-cut img")
    expect(cuts).to_have_count(4)
    for crop in ("16:9", "1:1"):
        cut = page.locator(f'.focal-cut img[data-crop="{crop}"]')
        expect(cut).to_have_attribute("src", re.compile(r"-at-11-20-"))
        page.wait_for_function(
            "img => img.complete && img.naturalWidth > 0", arg=cut.element_handle()
        )
        name = cut.get_attribute("src").removeprefix("/media/")
        assert shows_subject(name), crop
    page.locator(".focal-cut").first.scroll_into_view_if_needed()
    screenshot(page, "saved")
    assert_no_violations(page, "the picture form after saving the subject")


def gallery_pictures():
    colours = [(200, 60, 40), (40, 120, 200), (60, 160, 80)]
    return [
        ImageFactory(
            file=uploaded_image(width=800, height=600, color=colour),
            alt_text=f"Harbour scene {number}",
            caption=f"Scene {number} of the harbour.",
            credit="Ana Lee",
        )
        for number, colour in enumerate(colours, start=1)
    ]


@VIEWPORTS
def test_editor_puts_a_gallery_into_a_story(page, edna, screenshot, viewport):
    """The Gallery button's dialog takes pictures from the library (its window stays open for
    several), puts them in order, and refuses a gallery of one; the story keeps them."""
    first, _second, third = gallery_pictures()
    article = ArticleFactory(headline="Harbour reopens", body="<p>Lead.</p>")
    page.set_viewport_size(viewport)
    log_in(page, "edna")
    page.goto(f"/admin/articles/article/{article.pk}/change/")
    editor = page.locator(".ProseMirror[contenteditable=true]")
    editor.click()
    page.keyboard.press("End")
    page.get_by_role("button", name="Gallery").click()
    dialog = page.locator("dialog.gallery-dialog[open]")
    expect(dialog.get_by_role("heading", name="Gallery")).to_be_visible()
    dialog.get_by_role("button", name="Insert gallery").click()
    expect(dialog.get_by_role("alert")).to_contain_text("Choose at least two pictures")

    with page.context.expect_page() as opened:
        dialog.get_by_role("button", name="Add pictures from the library").click()
    library = opened.value
    library.wait_for_load_state()
    for picture in (first, third):
        item = library.locator(".image-picker__item", has_text=picture.alt_text)
        item.get_by_role("button", name="Use this picture").click()
        expect(item.get_by_role("button", name="Added to the gallery")).to_be_disabled()
    library.close()
    names = dialog.locator(".gallery-dialog__name")
    expect(names).to_have_text([first.alt_text, third.alt_text])
    dialog.get_by_role("button", name=f"Move down: {first.alt_text}").click()
    expect(names).to_have_text([third.alt_text, first.alt_text])
    expect(dialog.get_by_role("button", name=f"Move down: {first.alt_text}")).to_be_focused()
    screenshot(page, "dialog")
    assert_no_violations(page, "the gallery dialog")
    dialog.get_by_role("button", name="Insert gallery").click()
    block = editor.locator(".prose-gallery")
    expect(block).to_contain_text("Gallery: 2 pictures")
    expect(block.locator("img")).to_have_count(2)
    screenshot(page, "inserted")
    assert_no_violations(page, "the story form with a gallery")
    page.get_by_role("button", name="Save changes").click()
    expect(page.locator(".messagelist")).to_contain_text("was changed successfully")
    expect(page.locator(".messagelist .warning")).to_have_count(0)
    body = Article.objects.get(pk=article.pk).body
    assert f'<figure class="gallery" data-pictures="{third.pk} {first.pk}"></figure>' in body
    assert Image.objects.count() == 3


def swipe(cdp, box):
    """A finger moved right to left across most of the box."""
    y = box["y"] + box["height"] / 2
    start, end = box["x"] + box["width"] * 0.85, box["x"] + box["width"] * 0.15
    cdp.send(
        "Input.dispatchTouchEvent", {"type": "touchStart", "touchPoints": [{"x": start, "y": y}]}
    )
    for step in range(1, 11):
        x = start + (end - start) * step / 10
        cdp.send(
            "Input.dispatchTouchEvent", {"type": "touchMove", "touchPoints": [{"x": x, "y": y}]}
        )
    cdp.send("Input.dispatchTouchEvent", {"type": "touchEnd", "touchPoints": []})


@VIEWPORTS
def test_reader_swipes_through_a_gallery(browser, live_server, screenshot, viewport):
    """On a phone the gallery is a row swiped one picture at a time, with Previous and Next
    too; without JavaScript it is a plain list of the pictures one under another."""
    pictures = gallery_pictures()
    numbers = " ".join(str(picture.pk) for picture in pictures)
    article = ArticleFactory(
        body=f'<p>The harbour reopened.</p><figure class="gallery" data-pictures="{numbers}">'
        "</figure><p>More words.</p>"
    )
    touch = viewport is PHONE
    context = browser.new_context(viewport=viewport, has_touch=touch, base_url=live_server.url)
    context.set_default_timeout(10_000)
    page = context.new_page()
    page.goto(article.get_absolute_url())
    gallery = page.locator(".gallery--row")
    expect(gallery).to_be_visible()
    row = gallery.locator(".gallery__list")
    row.scroll_into_view_if_needed()
    where = gallery.locator(".gallery__where")
    expect(where).to_have_text("1 of 3")
    assert row.evaluate("list => list.scrollWidth > list.clientWidth")
    for img in row.locator("img").all():
        assert img.get_attribute("width") and img.get_attribute("height")
    screenshot(page, "first")
    # The row stops at each picture's start (CSS scroll snapping), one picture at a time.
    assert row.evaluate(
        "list => [getComputedStyle(list).scrollSnapType,"
        " getComputedStyle(list.children[1]).scrollSnapAlign]"
    ) == ["x mandatory", "start"]
    if touch:
        # How far a flick goes depends on its speed: the row has moved on, and says where.
        swipe(context.new_cdp_session(page), row.bounding_box())
        expect(where).not_to_have_text("1 of 3")
        page.wait_for_function("list => list.scrollLeft > 0", arg=row.element_handle())
        screenshot(page, "swiped")
        page.reload()
        row.scroll_into_view_if_needed()
        expect(where).to_have_text("1 of 3")
    next_picture = gallery.get_by_role("button", name="Next")
    next_picture.click()
    expect(where).to_have_text("2 of 3")
    page.wait_for_function(
        "list => Math.abs(list.children[1].getBoundingClientRect().left"
        " - list.getBoundingClientRect().left) < 2",
        arg=row.element_handle(),
    )
    screenshot(page, "second")
    next_picture.click()
    expect(where).to_have_text("3 of 3")
    expect(next_picture).to_be_disabled()
    expect(gallery.get_by_role("button", name="Previous")).to_be_enabled()
    assert_no_violations(page, "a story with a gallery")
    context.close()

    plain = browser.new_context(
        viewport=viewport, java_script_enabled=False, base_url=live_server.url
    )
    page = plain.new_page()
    page.goto(article.get_absolute_url())
    items = page.locator(".gallery__item")
    expect(items).to_have_count(3)
    expect(page.locator(".gallery--row, .gallery__button")).to_have_count(0)
    first, second = items.nth(0).bounding_box(), items.nth(1).bounding_box()
    assert second["y"] >= first["y"] + first["height"]
    expect(items.nth(1).locator("figcaption")).to_contain_text("2 of 3 Scene 2 of the harbour.")
    items.first.scroll_into_view_if_needed()
    screenshot(page, "without-javascript")
    plain.close()
