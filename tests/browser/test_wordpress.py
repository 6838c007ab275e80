import io

import pytest
from django.core.management import call_command

from articles.models import Article
from tests.conftest import DESKTOP, PHONE
from tests.wordpress.exports import THEME

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_reader_opens_an_imported_article_and_an_old_wordpress_link_leads_to_it(page, screenshot):
    """After importing the theme unit test data, stories open and old WordPress links work."""
    call_command("import_wordpress", str(THEME), stdout=io.StringIO(), stderr=io.StringIO())
    markup = Article.objects.get(wp_post_id=1178)

    page.goto("/")
    # The theme data's pictures are not in --media-dir: cards without one use their full width.
    card = page.locator(".home__top-stories .story-card").first
    assert card.locator(".story-card__image").count() == 0
    width = card.bounding_box()["width"]
    assert card.locator(".story-card__body").bounding_box()["width"] > 0.9 * width
    lead = page.locator(".story-card__headline a").first
    headline = lead.inner_text()
    lead.click()
    assert page.get_by_role("heading", level=1).inner_text() == headline

    page.goto("/2013/01/11/markup-html-tags-and-formatting/")
    assert page.url.endswith(markup.get_absolute_url())
    assert page.get_by_role("heading", level=1).inner_text() == "Markup: HTML Tags and Formatting"
    assert page.locator(".article__body blockquote").first.is_visible()
    screenshot(page, "desktop")

    page.set_viewport_size(PHONE)
    page.goto("/?p=1178")
    assert page.url.endswith(markup.get_absolute_url())
    screenshot(page, "phone")

    comments = Article.objects.get(wp_post_id=1148)
    page.set_viewport_size(DESKTOP)
    page.goto("/?p=1148")
    assert page.url.endswith(comments.get_absolute_url())
    deepest = page.locator("#comments li.comment", has_text="Comment Depth 05").last
    assert deepest.is_visible()
    # A reply sits inside its parent's list item: the thread came across.
    parent = page.locator("#comments li.comment", has_text="Comment Depth 04").last
    assert parent.locator("li.comment", has_text="Comment Depth 05").count() == 1
    screenshot(page, "comments")
