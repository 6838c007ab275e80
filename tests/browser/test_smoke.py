import pytest

from tests.conftest import PHONE
from tests.factories import SectionFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_reader_opens_the_home_page_on_a_phone_and_a_desktop(page, screenshot):
    """The home page renders the outlet's header and navigation in a real browser."""
    SectionFactory(name="World", slug="world")
    page.goto("/")
    assert page.locator(".site-header__name").is_visible()
    assert page.get_by_role("navigation", name="Main").get_by_text("World").is_visible()
    screenshot(page, "desktop")
    page.set_viewport_size(PHONE)
    page.reload()
    # On a phone, search and sections wait behind the Menu button.
    page.get_by_role("link", name="Menu").or_(page.get_by_role("button", name="Menu")).click()
    assert page.get_by_role("search").is_visible()
    screenshot(page, "phone")
