"""A story page on a phone and a desktop: every link of its sidebars (the page's and Check
Also) is big enough to tap, and there is one newsletter box, not two."""

import pytest

from tests.conftest import PHONE
from tests.factories import ArticleFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
WIDE = {"width": 1366, "height": 900}


@pytest.mark.parametrize("viewport", [PHONE, WIDE], ids=["390", "1366"])
def test_the_sidebar_links_are_big_enough_to_tap(page, screenshot, viewport):
    ArticleFactory.create_batch(5)
    story = ArticleFactory(headline="Harbour plan approved", tags=["Transport", "Harbour"])
    page.set_viewport_size(viewport)
    page.goto(story.get_absolute_url())
    sizes = page.evaluate(
        """() => [...document.querySelectorAll('aside a')].map(a => {
            const box = a.getBoundingClientRect();
            const text = a.textContent.trim().slice(0, 30);
            return [text, Math.round(box.width), Math.round(box.height)];
        })"""
    )
    assert len(sizes) >= 5
    small = [size for size in sizes if size[1] < 24 or size[2] < 24]
    assert small == []
    assert page.locator(".newsletter-box, .newsletter-band").count() == 1
    screenshot(page, "story")
