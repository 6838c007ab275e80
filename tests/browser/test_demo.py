import re

import pytest

from articles.models import Article
from comments.models import Comment
from tests.browser.test_reading import show_whole_page
from tests.conftest import PHONE
from tests.factories import UserFactory
from tests.helpers import PASSWORD, browser_log_in, moderator_group

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
WIDE_DESKTOP = {"width": 1366, "height": 900}
VIEWPORTS = (("phone", PHONE), ("desktop", WIDE_DESKTOP))
# Which stored picture a card shows, whichever of its sizes the browser chose.
PICTURE_ID = r"renditions/(\d+)/"


def pictures_by_story(page):
    """{story address: the pictures its cards on this page show}."""
    cards = page.eval_on_selector_all(
        ".story-card__image",
        "links => links.map(link => [link.getAttribute('href'), link.querySelector('img').src])",
    )
    shown = {}
    for href, source in cards:
        shown.setdefault(href, set()).add(re.search(PICTURE_ID, source).group(1))
    return shown


def test_a_newcomer_sees_a_picture_per_story_threads_and_a_moderation_queue(
    demo_content, page, screenshot
):
    """The demo as a first-time visitor and a moderator meet it, on a phone and a desktop."""
    story = Article.objects.get(slug="council-approves-budget-after-late-night-session")
    moderator = UserFactory(username="mo", is_staff=True, password=PASSWORD)
    moderator.groups.add(moderator_group())
    for label, viewport in VIEWPORTS:
        page.set_viewport_size(viewport)
        page.goto("/")
        show_whole_page(page)
        screenshot(page, f"{label}-1-home")
        shown = pictures_by_story(page)
        assert len(shown) >= 15
        assert all(len(pictures) == 1 for pictures in shown.values())
        every_picture = [picture for pictures in shown.values() for picture in pictures]
        assert len(set(every_picture)) == len(every_picture), "two stories share a picture"

        page.goto(story.section.get_absolute_url())
        show_whole_page(page)
        screenshot(page, f"{label}-2-section")

        page.goto(story.get_absolute_url())
        show_whole_page(page)
        caption = page.locator(".article__caption")
        assert "Photo: Kofi Mensah / The Daily Ledger" in caption.text_content()
        assert story.dek not in caption.text_content()
        assert page.locator(".comment.depth-3").first.is_visible()
        assert page.get_by_role("heading", name=re.compile(r"^\d+ thoughts on")).is_visible()
        assert page.locator(".comment").count() == story.comments.approved().count()
        page.locator("#comments").scroll_into_view_if_needed()
        screenshot(page, f"{label}-3-article-with-thread")

    browser_log_in(page, "mo")
    for label, viewport in VIEWPORTS:
        page.set_viewport_size(viewport)
        page.goto("/admin/comments/comment/")
        for comment in Comment.objects.in_moderation():
            assert page.get_by_text(comment.author_name).first.is_visible()
        screenshot(page, f"{label}-4-moderation-queue")
