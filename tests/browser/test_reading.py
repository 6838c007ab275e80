import pytest

from tests.conftest import DESKTOP, PHONE
from tests.factories import ArticleFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def show_whole_page(page):
    """Scroll through the page so lazy pictures load before a full-page screenshot."""
    height = page.evaluate("document.documentElement.scrollHeight")
    step = page.viewport_size["height"]
    for top in range(0, height + step, step):
        page.evaluate(f"window.scrollTo(0, {top})")
        page.wait_for_timeout(50)
    page.evaluate("window.scrollTo(0, 0)")
    page.wait_for_function("[...document.images].every(image => image.complete)")


def test_reader_goes_from_the_home_page_to_a_related_story(demo_content, page, screenshot):
    """Home → a section → a story → a story from its Check Also box, on a phone and a desktop."""
    for label, viewport in (("phone", PHONE), ("desktop", DESKTOP)):
        page.set_viewport_size(viewport)
        read_a_story_and_its_related_one(page, screenshot, label)


def read_a_story_and_its_related_one(page, screenshot, label):
    page.goto("/")
    assert page.locator(".story-card--lead img").first.is_visible()
    show_whole_page(page)
    screenshot(page, f"{label}-1-home")

    if label == "phone":
        # The sections sit behind the Menu button on a phone.
        assert not page.get_by_role("navigation", name="Main").is_visible()
        page.get_by_role("button", name="Menu").click()
        screenshot(page, f"{label}-1-menu")
    page.get_by_role("navigation", name="Main").get_by_role("link", name="World").click()
    assert page.locator("h1").inner_text() == "World"
    show_whole_page(page)
    screenshot(page, f"{label}-2-section")

    page.get_by_role("link", name="Pacific leaders agree to keep talking on tariffs").first.click()
    headline = "Pacific leaders agree to keep talking on tariffs after a tense summit"
    assert page.locator("h1").inner_text() == headline
    assert page.locator(".article__body strong").first.inner_text().startswith("Gyeongju")
    assert page.locator(".article__figure img").is_visible()
    show_whole_page(page)
    screenshot(page, f"{label}-3-article")

    check_also = page.get_by_role("complementary", name="Check Also")
    check_also.get_by_role("link", name="Port workers brace for a quieter winter").click()
    assert page.locator("h1").inner_text().startswith("Port workers brace")
    assert page.locator(".breadcrumb").get_by_role("link", name="World").is_visible()
    show_whole_page(page)
    screenshot(page, f"{label}-4-related")

    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0, f"the {label} page scrolls sideways"


def test_awkward_story_fits_a_phone_without_sideways_scrolling(page, screenshot):
    """A long unbroken word, a wide table and long code stay inside a 390 px wide page."""
    word = "Pneumonoultramicroscopicsilicovolcanoconiosis" * 3
    table = "<table><tr>{}</tr></table>".format(
        "".join(f"<td>Column {n} 123,456.78</td>" for n in range(12))
    )
    code = "<pre>{}</pre>".format("a_very_long_line_of_configuration_" * 12)
    pictureless = ArticleFactory(headline=f"Without a picture {word}")
    story = ArticleFactory(
        headline=f"Story with a {word}",
        body=f"<p>Lead {word} paragraph.</p>{table}{code}<p>https://example.com/{'x' * 150}</p>",
        related=[pictureless],
    )
    page.set_viewport_size(PHONE)
    for url in (story.get_absolute_url(), story.section.get_absolute_url()):
        page.goto(url)
        overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 0, f"{url} scrolls sideways on a phone"
    page.goto(story.get_absolute_url())
    screenshot(page, "phone-awkward-article")
    # A story without a picture takes the whole row of the Check Also box and the sidebar.
    for text in page.locator(".check-also__text, .latest-list__text").all():
        assert text.bounding_box()["x"] < 40, (
            "a pictureless story is squeezed into a picture's column"
        )
