import pytest

from comments.models import Comment
from tests.conftest import DESKTOP, PHONE
from tests.factories import ArticleFactory, UserFactory
from tests.helpers import moderator_group

# The journeys run on cached pages, as readers meet them in production.
pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("page_cache"),
]

PASSWORD = "correct horse battery staple"


@pytest.fixture
def same_machine(monkeypatch):
    """Every browser here posts from 127.0.0.1 in quick succession, faster than any person."""
    monkeypatch.setattr("comments.posting.FLOOD_SECONDS", 0)
    monkeypatch.setattr("comments.moderation.MIN_SECONDS_TO_SUBMIT", 0)


@pytest.fixture
def reader(browser, live_server):
    """Open a new reader's browser (own cookies); JavaScript on unless asked otherwise."""
    contexts = []

    def open_browser(javascript=True, viewport=DESKTOP):
        context = browser.new_context(
            viewport=viewport, base_url=live_server.url, java_script_enabled=javascript
        )
        context.set_default_timeout(10_000)
        contexts.append(context)
        return context.new_page()

    yield open_browser
    for context in contexts:
        context.close()


def make_moderator():
    user = UserFactory(username="moderator", is_staff=True, password=PASSWORD)
    user.groups.add(moderator_group())
    return user


def leave_comment(page, text, name, email):
    page.get_by_label("Comment *").fill(text)
    page.get_by_label("Name *").fill(name)
    page.get_by_label("Email *").fill(email)
    with page.expect_navigation():
        page.get_by_role("button", name="Post Comment").click()


def approve_all_in_queue(moderator):
    moderator.goto("/admin/comments/comment/")
    for comment in Comment.objects.in_moderation():
        with moderator.expect_navigation():
            moderator.get_by_role("button", name=f"Approve comment {comment.pk}").click()


def test_a_comment_is_held_approved_and_replied_to_with_and_without_javascript(
    page, reader, screenshot, same_machine
):
    """Post, wait for moderation, approve in the admin, then reply with JS on and with JS off."""
    article = ArticleFactory(headline="Council approves the new bridge", slug="bridge")
    url = article.get_absolute_url()

    # Jane posts; only her browser shows the comment, awaiting moderation.
    assert page.goto(url + "#respond").headers["x-page-cache"] == "miss"
    form = page.locator("#respond")
    assert form.get_by_role("heading", name="Leave a Reply").is_visible()
    screenshot(page, "form-desktop")
    page.set_viewport_size(PHONE)
    page.locator("#respond").scroll_into_view_if_needed()
    screenshot(page, "form-phone")
    page.set_viewport_size(DESKTOP)
    leave_comment(page, "The bridge will cut my commute in half.", "Jane", "jane@example.com")
    comment = Comment.objects.get()
    assert page.url.endswith(f"#comment-{comment.pk}")
    mine = page.locator(f"#comment-{comment.pk}")
    assert mine.get_by_text("Your comment is awaiting moderation.").is_visible()
    screenshot(page, "awaiting-moderation")

    # Sam reads the kept page; Jane's own page is built for her alone.
    sam = reader()
    assert sam.goto(url).headers["x-page-cache"] == "hit"
    assert sam.get_by_text("The bridge will cut my commute").count() == 0
    assert page.reload().headers["x-page-cache"] == "bypass"

    # A moderator approves it from the queue.
    make_moderator()
    moderator = reader()
    moderator.goto("/admin/")
    moderator.get_by_label("Username:").fill("moderator")
    moderator.get_by_label("Password:").fill(PASSWORD)
    moderator.get_by_role("button", name="Log in").click()
    moderator.goto("/admin/comments/comment/")
    row = moderator.locator("#result_list tbody tr", has_text="The bridge will cut my commute")
    assert row.get_by_text("jane@example.com").is_visible()
    screenshot(moderator, "moderation-queue")
    with moderator.expect_navigation():
        row.get_by_role("button", name=f"Approve comment {comment.pk}").click()
    assert "1 comment approved." in moderator.content()

    # Both readers now see it, without the moderation note: the approval emptied Sam's page.
    for browser_page in (page, sam):
        browser_page.goto(url)
        shown = browser_page.locator(f"#comment-{comment.pk}")
        assert shown.get_by_text("The bridge will cut my commute in half.").is_visible()
        assert shown.get_by_text("awaiting moderation").count() == 0
    assert sam.get_by_role("heading", name="One thought on “Council approves the new bridge”")

    # Sam replies with JavaScript: the form moves under Jane's comment.
    sam.get_by_role("link", name="Reply to Jane").click()
    moved = sam.locator(f"#comment-{comment.pk} #respond")
    assert moved.get_by_role("heading", name="Leave a Reply to Jane").is_visible()
    assert moved.get_by_role("link", name="Cancel reply").is_visible()
    assert sam.evaluate("document.activeElement.id") == "comment"
    assert "replytocom" not in sam.url
    screenshot(sam, "reply-with-javascript")
    leave_comment(sam, "Mine too, once it opens.", "Sam", "sam@example.com")
    sam_reply = Comment.objects.get(author_name="Sam")
    assert sam_reply.parent_id == comment.pk
    nested = sam.locator(f"#comment-{comment.pk} .children #comment-{sam_reply.pk}")
    assert nested.get_by_text("Your comment is awaiting moderation.").is_visible()

    # Kim replies with JavaScript off: the Reply link reloads the page with the form as a reply.
    kim = reader(javascript=False, viewport=PHONE)
    kim.goto(url)
    with kim.expect_navigation():
        kim.get_by_role("link", name="Reply to Jane").click()
    assert f"replytocom={comment.pk}" in kim.url
    assert kim.get_by_role("heading", name="Leave a Reply to Jane").is_visible()
    leave_comment(kim, "Will there be a cycle lane?", "K" * 246, "kim@example.com")
    assert kim.locator("#author-error").inner_text() == (
        "Your name is too long (at most 245 characters)."
    )
    assert kim.get_by_label("Comment *").input_value() == "Will there be a cycle lane?"
    assert kim.get_by_role("heading", name="Leave a Reply to Jane").is_visible()
    screenshot(kim, "form-error-phone")
    kim.get_by_label("Name *").fill("Kim")
    with kim.expect_navigation():
        kim.get_by_role("button", name="Post Comment").click()
    kim_reply = Comment.objects.get(author_name="Kim")
    assert kim_reply.parent_id == comment.pk
    assert kim.locator(f"#comment-{kim_reply.pk}").get_by_text("awaiting moderation").is_visible()
    assert page.locator(f"#comment-{kim_reply.pk}").count() == 0

    # Approved, the replies make the thread everyone sees.
    approve_all_in_queue(moderator)
    page.goto(url)
    assert page.get_by_role("heading", name="3 thoughts on “Council approves the new bridge”")
    assert page.locator(f"#comment-{comment.pk} .children .comment").count() == 2
    screenshot(page, "thread-desktop")
    kim.goto(url)
    assert kim.locator(f"#comment-{comment.pk} .children .comment").count() == 2
    screenshot(kim, "thread-phone")


@pytest.mark.parametrize(
    "viewport, javascript",
    [(PHONE, True), ({"width": 1366, "height": 900}, True), (PHONE, False)],
    ids=["phone", "desktop", "phone-without-javascript"],
)
def test_a_comment_with_mistakes_comes_back_on_the_story_fixed_and_posted(
    reader, screenshot, same_machine, viewport, javascript
):
    """A name of spaces and an address with no domain pass the browser's checks but not ours:
    the story page comes back with the form where it was, the mistakes listed at its top and
    by each box, the words kept; fixed, the comment posts."""
    article = ArticleFactory(headline="Council approves the new bridge", slug="bridge")
    page = reader(javascript=javascript, viewport=viewport)
    label = f"{viewport['width']}{'' if javascript else '-nojs'}"
    page.goto(article.get_absolute_url() + "#respond")
    page.get_by_label("Comment *").fill("Will the bridge have a cycle lane?")
    page.get_by_label("Name *").fill("   ")
    page.get_by_label("Email *").fill("kim@example")
    with page.expect_navigation() as sent:
        page.get_by_role("button", name="Post Comment").click()
    assert sent.value.status == 400

    assert page.get_by_role("heading", level=1).inner_text() == "Council approves the new bridge"
    assert page.title().startswith("Error: ")
    summary = page.get_by_role("alert")
    assert summary.get_by_role("heading", name="Your comment was not posted").is_visible()
    assert page.evaluate("document.activeElement.id") == "comment-errors"
    assert summary.is_visible() and summary.bounding_box()["y"] < viewport["height"]
    assert page.get_by_role("link", name="Go to your comment").is_visible()
    assert page.get_by_label("Comment *").input_value() == "Will the bridge have a cycle lane?"
    assert page.get_by_label("Email *").input_value() == "kim@example"
    email = page.get_by_label("Email *")
    assert email.get_attribute("aria-invalid") == "true"
    assert page.locator("#email-error").inner_text() == "Please enter a valid email address."
    assert page.evaluate("document.documentElement.scrollWidth") <= viewport["width"]
    # The address is the story's, not the form's, with or without JavaScript: a reload reads
    # the story and sends nothing.
    assert page.url.endswith(article.get_absolute_url())
    screenshot(page, f"errors-{label}")

    summary.get_by_role("link", name="Please enter your name.").click()
    assert page.evaluate("document.activeElement.id") == "author"
    page.get_by_label("Name *").fill("Kim")
    email.fill("kim@example.com")
    with page.expect_navigation():
        page.get_by_role("button", name="Post Comment").click()
    comment = Comment.objects.get(author_name="Kim")
    assert comment.text == "Will the bridge have a cycle lane?"
    assert page.url.endswith(f"#comment-{comment.pk}")
    assert page.locator(f"#comment-{comment.pk}").get_by_text("awaiting moderation").is_visible()
    screenshot(page, f"posted-{label}")


@pytest.mark.parametrize(
    "viewport", [PHONE, {"width": 1366, "height": 900}], ids=["phone", "desktop"]
)
def test_a_form_sent_at_once_from_a_kept_page_is_too_fast(reader, viewport):
    """The page was kept a minute ago, but its script says when this reader received it: a
    post in a second is asked to take a moment, with the words kept; the second try passes."""
    import time

    article = ArticleFactory(headline="Council approves the new bridge", slug="bridge")
    first = reader(viewport=viewport).goto(article.get_absolute_url())
    assert first.header_value("X-Page-Cache") == "miss"
    time.sleep(4)  # The kept copy, and the token in it, are now older than the rule's 3 s.
    page = reader(viewport=viewport)
    opened = page.goto(article.get_absolute_url() + "#respond")
    assert opened.header_value("X-Page-Cache") == "hit"
    page.get_by_label("Comment *").fill("First!")
    page.get_by_label("Name *").fill("Quick")
    page.get_by_label("Email *").fill("quick@example.com")
    with page.expect_navigation() as sent:
        page.get_by_role("button", name="Post Comment").click()
    assert sent.value.status == 429
    assert "Please take a moment before posting" in page.get_by_role("alert").inner_text()
    assert page.get_by_label("Comment *").input_value() == "First!"
    assert not Comment.objects.exists()
    time.sleep(3)
    with page.expect_navigation():
        page.get_by_role("button", name="Post Comment").click()
    assert Comment.objects.get().text == "First!"
