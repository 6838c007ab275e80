"""The article form's pickers in a real browser: bylines and related stories put in order by
dragging or with the keyboard, featured pictures chosen by their thumbnails, and a picture
uploaded from inside the story body."""

import pytest
from playwright.sync_api import expect

from articles.models import Article
from newsroom.roles import setup_roles
from tests.browser.test_editing import log_in, pick
from tests.conftest import PHONE
from tests.factories import ArticleFactory, AuthorFactory
from tests.helpers import staff

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def edna(db):
    setup_roles(note=lambda line: None)
    return staff("Editor", "edna", first_name="Edna", last_name="Editor")


def change_url(article):
    return f"/admin/articles/article/{article.pk}/change/"


def rows(page, group):
    return page.locator(f"#{group}-group tbody tr.form-row:not(.empty-form)")


def save(page):
    page.get_by_role("button", name="Save and continue editing").click()
    expect(page.locator(".messagelist")).to_contain_text("was changed successfully")


def test_editor_drags_a_byline_and_a_related_story_into_a_new_order(page, edna, screenshot):
    """Dragging rows by their handles reorders bylines and Check Also; the article page
    follows the new order after saving."""
    ana, ben, cleo = (AuthorFactory(name=name) for name in ("Ana Abel", "Ben Bard", "Cleo Cole"))
    first, second, third = (
        ArticleFactory(headline=headline)
        for headline in ("Ferry fares rise", "Harbour opens", "Bridge approved")
    )
    article = ArticleFactory(
        headline="Council sets the budget", authors=[ana, ben, cleo], related=[first, second, third]
    )

    log_in(page, "edna")
    page.goto(change_url(article))
    bylines = rows(page, "articleauthor_set")
    expect(page.locator("#articleauthor_set-group th.column-position")).to_be_hidden()
    expect(bylines.locator(".order-handle")).to_have_count(3)
    # Cleo's row is dragged above Ana's.
    bylines.nth(2).locator(".order-handle").drag_to(
        bylines.nth(0), target_position={"x": 10, "y": 2}
    )
    expect(bylines.locator("td.field-author select option:checked")).to_have_text(
        ["Cleo Cole", "Ana Abel", "Ben Bard"]
    )
    expect(page.locator("#articleauthor_set-group .order-status")).to_have_text(
        "Cleo Cole moved to position 1 of 3."
    )
    related = rows(page, "related_links")
    last = related.nth(2).bounding_box()
    related.nth(0).locator(".order-handle").drag_to(
        related.nth(2), target_position={"x": 10, "y": last["height"] - 2}
    )
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


def test_editor_reorders_with_the_keyboard_on_a_phone_and_adds_a_row(page, edna, screenshot):
    """The Move up / Move down buttons answer Enter and the arrow keys, say where the row went,
    and a newly added row takes its place in the order too."""
    ana, ben = AuthorFactory(name="Ana Abel"), AuthorFactory(name="Ben Bard")
    AuthorFactory(name="Dora Diaz")
    article = ArticleFactory(headline="Council sets the budget", authors=[ana, ben])
    page.set_viewport_size(PHONE)

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
    screenshot(page, "phone")
    save(page)

    names = list(
        Article.objects.get(pk=article.pk)
        .articleauthor_set.order_by("position")
        .values_list("author__name", flat=True)
    )
    assert names == ["Ben Bard", "Dora Diaz", "Ana Abel"]
    page.goto(article.get_absolute_url())
    expect(page.locator(".byline__author")).to_have_text(["Ben Bard", "Dora Diaz", "Ana Abel"])
    screenshot(page, "article-phone")
