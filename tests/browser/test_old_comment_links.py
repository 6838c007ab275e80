"""A reader following a link to a comment on the old WordPress site lands on that comment."""

import pytest

from articles.models import Article
from tests.conftest import PHONE
from tests.wordpress.exports import export, post, run, wp_comment, write

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def story(tmp_path):
    """An imported story with a long thread, so that the comment asked for is far down."""
    comments = "".join(
        wp_comment(700 + n, author=f"Reader {n}", text=f"Remark number {n}. " * 20)
        for n in range(12)
    )
    link = "https://old.example.com/council-approves-the-budget/"
    run(write(tmp_path, export(post(41, link=link, comments=comments))))
    return Article.objects.get()


def in_view(page, selector):
    return page.evaluate(
        """(selector) => {
            const box = document.querySelector(selector).getBoundingClientRect();
            return box.top > -1 && box.top < window.innerHeight;  // sub-pixel scrolling
        }""",
        selector,
    )


@pytest.mark.parametrize(
    "old",
    [
        "/council-approves-the-budget/#comment-710",  # the fragment survives the 301
        "/?p=41#comment-710",
        "/council-approves-the-budget/?replytocom=710",  # mapped by the redirect
    ],
    ids=["fragment", "post-id", "reply-link"],
)
def test_an_old_comment_link_opens_the_story_at_the_comment(page, story, screenshot, old):
    """The browser follows the 301 and scrolls to the comment with that WordPress number."""
    page.goto(old)
    assert page.url.endswith(f"{story.get_absolute_url()}#comment-710")
    assert page.locator(":target").get_by_text("Remark number 10.").first.is_visible()
    assert in_view(page, "#comment-710")
    if old.endswith("#comment-710") and old.startswith("/council"):
        screenshot(page, "desktop")
        page.set_viewport_size(PHONE)
        page.goto(old)
        assert in_view(page, "#comment-710")
        screenshot(page, "phone")
