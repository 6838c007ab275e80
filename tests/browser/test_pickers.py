"""The article form's pickers in a real browser: bylines and related stories put in order by
dragging or with the keyboard, featured pictures chosen by their thumbnails, and a picture
uploaded from inside the story body."""

import re

import pytest
from playwright.sync_api import expect

from articles.models import Article, Image
from newsroom.staff.roles import setup_roles
from tests.browser.axe import assert_no_violations
from tests.browser.test_editing import log_in, pick
from tests.conftest import PHONE
from tests.factories import (
    ArticleFactory,
    AuthorFactory,
    ImageFactory,
    image_bytes,
    uploaded_image,
)
from tests.helpers import staff

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
WIDE = {"width": 1366, "height": 900}


@pytest.fixture
def edna(db):
    setup_roles(note=lambda line: None)
    return staff("Editor", "edna", first_name="Edna", last_name="Editor")


def change_url(article):
    return f"/admin/articles/article/{article.pk}/change/"


def rows(page, group):
    return page.locator(f"#{group}-group tbody tr.form-row:not(.empty-form)")


def save(page):
    page.get_by_role("button", name="Save changes").click()
    expect(page.locator(".messagelist")).to_contain_text("was changed successfully")


def drag(page, handle, target, y, touch):
    """Drag a row's handle to height y of the target row, by mouse or by finger."""
    if not touch:
        handle.drag_to(target, target_position={"x": 10, "y": y})
        return
    handle.scroll_into_view_if_needed()
    start, goal = handle.bounding_box(), target.bounding_box()
    x = start["x"] + start["width"] / 2
    from_y, to_y = start["y"] + start["height"] / 2, goal["y"] + y
    cdp = page.context.new_cdp_session(page)
    cdp.send(
        "Input.dispatchTouchEvent", {"type": "touchStart", "touchPoints": [{"x": x, "y": from_y}]}
    )
    for step in range(1, 9):
        point = {"x": x, "y": from_y + (to_y - from_y) * step / 8}
        cdp.send("Input.dispatchTouchEvent", {"type": "touchMove", "touchPoints": [point]})
    cdp.send("Input.dispatchTouchEvent", {"type": "touchEnd", "touchPoints": []})
    cdp.detach()


@pytest.mark.parametrize(
    ("viewport", "touch"), [(PHONE, True), (WIDE, False)], ids=["phone-touch", "desktop-mouse"]
)
def test_editor_drags_a_byline_and_a_related_story_into_a_new_order(
    browser, live_server, edna, screenshot, viewport, touch
):
    """Dragging rows by their handles, with a finger on a phone or the mouse on a desktop,
    reorders bylines and Check Also; the article page follows the new order after saving."""
    ana, ben, cleo = (AuthorFactory(name=name) for name in ("Ana Abel", "Ben Bard", "Cleo Cole"))
    first, second, third = (
        ArticleFactory(headline=headline)
        for headline in ("Ferry fares rise", "Harbour opens", "Bridge approved")
    )
    article = ArticleFactory(
        headline="Council sets the budget", authors=[ana, ben, cleo], related=[first, second, third]
    )
    context = browser.new_context(viewport=viewport, has_touch=touch, base_url=live_server.url)
    context.set_default_timeout(10_000)
    page = context.new_page()

    log_in(page, "edna")
    page.goto(change_url(article))
    bylines = rows(page, "articleauthor_set")
    expect(page.locator("#articleauthor_set-group th.column-position")).to_be_hidden()
    expect(bylines.locator(".order-handle")).to_have_count(3)
    # Cleo's row is dragged above Ana's.
    drag(page, bylines.nth(2).locator(".order-handle"), bylines.nth(0), 2, touch)
    expect(bylines.locator("td.field-author select option:checked")).to_have_text(
        ["Cleo Cole", "Ana Abel", "Ben Bard"]
    )
    expect(page.locator("#articleauthor_set-group .order-status")).to_have_text(
        "Cleo Cole moved to position 1 of 3."
    )
    related = rows(page, "related_links")
    last = related.nth(2).bounding_box()
    drag(page, related.nth(0).locator(".order-handle"), related.nth(2), last["height"] - 2, touch)
    expect(related.locator("td.field-related_article select option:checked")).to_have_text(
        ["Harbour opens", "Bridge approved", "Ferry fares rise"]
    )
    expect(page.locator("#related_links-group .order-status")).to_have_text(
        "Ferry fares rise moved to position 3 of 3."
    )
    screenshot(page, "dragged")
    save(page)

    expect(rows(page, "articleauthor_set").locator("select option:checked")).to_have_text(
        ["Cleo Cole", "Ana Abel", "Ben Bard"]
    )
    page.goto(article.get_absolute_url())
    expect(page.locator(".byline__author")).to_have_text(["Cleo Cole", "Ana Abel", "Ben Bard"])
    expect(page.locator(".check-also__headline")).to_have_text(
        ["Harbour opens", "Bridge approved", "Ferry fares rise"]
    )
    screenshot(page, "article")
    context.close()


@pytest.mark.parametrize("viewport", [PHONE, WIDE], ids=["phone", "desktop"])
def test_editor_reorders_with_the_keyboard_and_adds_a_row(page, edna, screenshot, viewport):
    """The Move up / Move down buttons answer Enter and the arrow keys, say where the row went,
    and a newly added row takes its place in the order too."""
    ana, ben = AuthorFactory(name="Ana Abel"), AuthorFactory(name="Ben Bard")
    AuthorFactory(name="Dora Diaz")
    article = ArticleFactory(headline="Council sets the budget", authors=[ana, ben])
    page.set_viewport_size(viewport)

    log_in(page, "edna")
    page.goto(change_url(article))
    page.get_by_role("button", name="Move Ben Bard up").focus()
    page.keyboard.press("Enter")
    status = page.locator("#articleauthor_set-group .order-status")
    expect(status).to_have_text("Ben Bard moved to position 1 of 2.")
    page.keyboard.press("ArrowUp")
    expect(status).to_have_text("Ben Bard is already first.")
    page.locator("#articleauthor_set-group .add-row a").click()
    pick(page, "id_articleauthor_set-2-author", "Dora", "Dora Diaz")
    page.get_by_role("button", name="Move Dora Diaz up").click()
    page.keyboard.press("ArrowUp")
    expect(status).to_have_text("Dora Diaz moved to position 1 of 3.")
    page.keyboard.press("ArrowDown")
    expect(status).to_have_text("Dora Diaz moved to position 2 of 3.")
    screenshot(page, "moved")
    assert_no_violations(page, "the article form after moving bylines")
    save(page)

    names = list(
        Article.objects.get(pk=article.pk)
        .articleauthor_set.order_by("position")
        .values_list("author__name", flat=True)
    )
    assert names == ["Ben Bard", "Dora Diaz", "Ana Abel"]
    page.goto(article.get_absolute_url())
    expect(page.locator(".byline__author")).to_have_text(["Ben Bard", "Dora Diaz", "Ana Abel"])
    screenshot(page, "article")


@pytest.mark.parametrize("viewport", [PHONE, WIDE], ids=["phone", "desktop"])
def test_editor_chooses_a_featured_picture_by_its_thumbnail(page, edna, screenshot, viewport):
    """The featured picture's search lists thumbnails beside the captions; the chosen one is
    shown in the box and as it will appear, before saving."""
    ImageFactory(
        alt_text="Cranes over the harbour",
        caption="Harbour cranes at dawn.",
        file=uploaded_image(width=480, height=320, color=(214, 120, 40)),
    )
    ImageFactory(
        alt_text="The harbour ferry",
        caption="The harbour ferry leaves.",
        file=uploaded_image(width=480, height=320, color=(30, 130, 90)),
    )
    article = ArticleFactory(headline="Harbour expansion approved")
    page.set_viewport_size(viewport)

    log_in(page, "edna")
    page.goto(change_url(article))
    page.locator("#id_featured_image + .select2 .select2-selection").click()
    page.locator(".select2-search__field").last.fill("harbour")
    choices = page.locator(".select2-results__option .picture-choice")
    expect(choices).to_have_count(2)
    expect(page.locator(".select2-results__option.loading-results")).to_have_count(0)
    expect(choices.locator("img.picture-choice__thumb")).to_have_count(2)
    for thumb in choices.locator("img").all():
        expect(thumb).to_have_attribute("src", re.compile(r"-400w\.jpg$"))
        # Loading may still be under way on a busy machine; a broken picture never loads.
        page.wait_for_function(
            "img => img.complete && img.naturalWidth > 0", arg=thumb.element_handle()
        )
    screenshot(page, "choices")
    choices.filter(has_text="Harbour cranes at dawn.").click()
    expect(page.locator("#id_featured_image + .select2 .picture-choice img")).to_be_visible()
    preview = page.locator(".field-featured_image_preview img")
    expect(preview).to_have_attribute("alt", "Cranes over the harbour")
    screenshot(page, "chosen")
    assert_no_violations(page, "the form with a featured picture chosen")
    save(page)
    assert Article.objects.get(pk=article.pk).featured_image.alt_text == "Cranes over the harbour"
    expect(page.locator("#id_featured_image + .select2 .picture-choice img")).to_be_visible()


@pytest.mark.parametrize("viewport", [PHONE, WIDE], ids=["phone", "desktop"])
def test_editor_uploads_a_picture_from_the_story_body(page, edna, screenshot, viewport):
    """In the body's picture dialog an editor uploads a new picture: a file that is not a
    picture is refused in the dialog with everything typed kept; a good one is stored with its
    resized copies and appears in the story and on the published page."""
    article = ArticleFactory(headline="Harbour expansion approved", body="<p>Lead.</p>")
    page.set_viewport_size(viewport)

    log_in(page, "edna")
    page.goto(change_url(article))
    editor = page.locator(".ProseMirror[contenteditable=true]")
    editor.click()
    page.keyboard.press("End")
    page.get_by_role("button", name="figure").click()
    dialog = page.locator("dialog[open]")
    dialog.get_by_label("Upload a new picture").check()
    expect(dialog.locator("input[name=imageUrl]")).to_be_hidden()
    dialog.get_by_label("Picture file").set_input_files(
        {"name": "cranes.jpg", "mimeType": "image/jpeg", "buffer": b"<?php echo 1; ?>"}
    )
    dialog.locator("input[name=altText]").fill("Cranes over the harbour at dawn")
    dialog.locator("input[name=caption]").fill("The new berths will take two ferries.")
    dialog.get_by_label("Credit").fill("Ana Lee")
    dialog.get_by_role("button", name="Upload and insert").click()
    expect(dialog.locator(".picture-upload-field-error")).to_contain_text(
        "This file is not a picture we can read"
    )
    expect(dialog.locator("input[name=altText]")).to_have_value("Cranes over the harbour at dawn")
    expect(dialog.get_by_label("Credit")).to_have_value("Ana Lee")
    screenshot(page, "refused")
    assert_no_violations(page, "the picture dialog with a refused upload")
    assert not Image.objects.exists()

    dialog.get_by_label("Picture file").set_input_files(
        {"name": "cranes.jpg", "mimeType": "image/jpeg", "buffer": image_bytes(1600, 1000)}
    )
    dialog.get_by_role("button", name="Upload and insert").click()
    figure = editor.locator("figure")
    expect(figure.locator("img")).to_have_attribute("alt", "Cranes over the harbour at dawn")
    expect(figure.locator("figcaption")).to_have_text(
        "The new berths will take two ferries. Photo: Ana Lee"
    )
    screenshot(page, "inserted")
    image = Image.objects.get()
    assert (image.alt_text, image.credit, image.uploaded_by.username) == (
        "Cranes over the harbour at dawn",
        "Ana Lee",
        "edna",
    )
    assert {r["width"] for r in image.renditions if not r["crop"]} == {400, 800, 1200, 1600}
    save(page)

    page.goto(article.get_absolute_url())
    shown = page.locator(".article__body figure img")
    expect(shown).to_have_attribute("alt", "Cranes over the harbour at dawn")
    assert shown.evaluate("img => img.complete && img.naturalWidth > 0")
    expect(page.locator(".article__body figcaption")).to_contain_text("Photo: Ana Lee")
    screenshot(page, "published")
