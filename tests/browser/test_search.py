import datetime

import pytest
from django.utils import timezone

from tests.conftest import PHONE
from tests.factories import ArticleFactory, AuthorFactory, SectionFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_reader_searches_from_the_header_and_opens_a_result(page, screenshot):
    """Type in the header box, recover from a useless query, read highlighted results,
    narrow them by section and open a story."""
    world = SectionFactory(name="World", slug="world")
    business = SectionFactory(name="Business", slug="business", position=1)
    reporter = AuthorFactory(name="Mina Park", slug="mina-park")
    now = timezone.now()
    ArticleFactory(
        headline="Port strike halts shipping along the coast",
        dek="Dock workers walk out over pay as cargo piles up.",
        body="<p>The shipping strike entered its third day on Tuesday.</p>",
        section=business,
        authors=[reporter],
        published_at=now - datetime.timedelta(hours=2),
    )
    ArticleFactory(
        headline="Leaders agree on shipping lanes",
        dek="A deal after two days of talks.",
        body="<p>Shipping companies welcomed the agreement.</p>",
        section=world,
        published_at=now - datetime.timedelta(days=1),
    )
    ArticleFactory(
        headline="Harbour museum reopens",
        dek="A new wing tells the story of local shipping.",
        body="<p>Visitors queued from early morning.</p>",
        section=world,
        published_at=now - datetime.timedelta(days=3),
    )
    page.goto("/")
    page.get_by_role("searchbox", name="Search the site").fill("the and of")
    page.get_by_role("searchbox", name="Search the site").press("Enter")
    page.wait_for_url("**/search/?q=the+and+of")
    assert "very common words" in page.locator(".search-notice").inner_text()
    screenshot(page, "only-common-words")
    # The search page has one search box, its own (the header's is left out there).
    page.get_by_role("searchbox", name="Search for").fill("shipping")
    page.get_by_role("searchbox", name="Search for").press("Enter")
    page.wait_for_url("**/search/?q=shipping*")
    assert page.get_by_role("heading", level=1).inner_text() == "Results for “shipping”"
    assert page.locator(".search-page__count").inner_text() == "3 stories found"
    assert page.locator(".search-result mark").first.is_visible()
    assert page.get_by_role("searchbox", name="Search for").input_value() == "shipping"
    screenshot(page, "desktop")
    page.set_viewport_size(PHONE)
    screenshot(page, "phone")

    page.set_viewport_size({"width": 1280, "height": 900})
    filters = page.get_by_role("search", name="Search with filters")
    filters.get_by_text("Section and dates").click()
    filters.get_by_label("Section", exact=True).select_option("business")
    filters.get_by_role("button", name="Search").click()
    page.wait_for_url("**section=business**")
    assert page.locator(".search-page__count").inner_text() == "1 story found"

    page.get_by_role("link", name="Port strike halts shipping along the coast").click()
    page.wait_for_url("**/business/**")
    assert page.get_by_role("heading", level=1).inner_text() == (
        "Port strike halts shipping along the coast"
    )
