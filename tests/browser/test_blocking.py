"""A moderator blocks a commenter by email, on a phone and a desktop: the commenter's next
comment is held quietly, while a second reader on the same IP address still posts. Blocking
the address is a separate page that warns whom it catches and asks for how long."""

import pytest
from playwright.sync_api import expect

from comments.models import Comment, CommenterBlock
from tests.browser.axe import violations
from tests.browser.test_comments import leave_comment, make_moderator
from tests.conftest import PHONE
from tests.factories import ArticleFactory
from tests.helpers import PASSWORD, browser_log_in

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("page_cache"),
]
WIDE = {"width": 1366, "height": 900}


@pytest.fixture(autouse=True)
def same_machine(monkeypatch):
    """Every reader here posts from 127.0.0.1 in quick succession, faster than any person."""
    monkeypatch.setattr("comments.posting.FLOOD_SECONDS", 0)
    monkeypatch.setattr("comments.moderation.MIN_SECONDS_TO_SUBMIT", 0)


def run_action(page, comment, action):
    page.locator(f"input[name=_selected_action][value='{comment.pk}']").check()
    page.locator("select[name=action]").select_option(action)
    page.locator("button[name=index]").click()


@pytest.mark.parametrize("viewport", [PHONE, WIDE], ids=["390", "1366"])
def test_a_moderator_blocks_an_email_and_a_neighbour_still_posts(
    browser, live_server, screenshot, viewport
):
    article = ArticleFactory(headline="Harbour plan approved")
    make_moderator()
    context = browser.new_context(viewport=viewport, base_url=live_server.url)
    context.set_default_timeout(10_000)
    readers = browser.new_context(viewport=viewport, base_url=live_server.url)
    reader = readers.new_page()

    reader.goto(article.get_absolute_url() + "#respond")
    leave_comment(reader, "Cheap pills at my site.", "Troll", "troll@example.com")
    first = Comment.objects.get(author_email="troll@example.com")

    page = context.new_page()
    browser_log_in(page, "moderator", PASSWORD)
    page.goto("/admin/comments/comment/?status=all")
    run_action(page, first, "block_commenters")
    expect(page.locator(".messagelist")).to_contain_text(
        "Blocked 1 commenter by email; 1 comment hidden as spam. Others on the same IP address "
        "can still comment."
    )
    screenshot(page, "queue-after-block")
    assert violations(page) == []

    page.goto("/admin/comments/commenterblock/")
    expect(page.locator("#result_list")).to_contain_text("Email troll@example.com")
    expect(page.locator("select[name=action] option[value=delete_selected]")).to_have_count(0)
    screenshot(page, "blocked-list")
    assert violations(page) == []

    readers.clear_cookies()
    reader.goto(article.get_absolute_url() + "#respond")
    leave_comment(reader, "Still cheap pills.", "Troll", "TROLL@example.com")
    # Held quietly, as before: nothing tells a blocked commenter they are blocked.
    expect(reader.locator("h1")).to_have_text("Harbour plan approved")
    expect(reader.locator("body")).not_to_contain_text("blocked")
    assert Comment.objects.get(text="Still cheap pills.").status == Comment.Status.SPAM

    readers.clear_cookies()
    reader.goto(article.get_absolute_url() + "#respond")
    leave_comment(reader, "Good news for the fishers.", "Neighbour", "neighbour@example.com")
    neighbour = Comment.objects.get(author_email="neighbour@example.com")
    assert neighbour.ip_address == first.ip_address
    assert neighbour.status == Comment.Status.PENDING
    assert "blocked" not in neighbour.moderation_reasons
    screenshot(reader, "neighbour-posted")

    # The address is a separate choice, on a page of its own, with a warning and an end.
    page.goto("/admin/comments/comment/?status=all")
    run_action(page, neighbour, "block_addresses")
    expect(page.locator(".address-block__warning")).to_contain_text(
        "This blocks everyone who comments from this address"
    )
    expect(page.locator(".address-block__list")).to_contain_text("used by 2 commenters")
    screenshot(page, "address-warning")
    assert violations(page) == []
    page.get_by_role("link", name="Cancel").click()
    assert CommenterBlock.objects.count() == 1
    readers.close()
    context.close()
