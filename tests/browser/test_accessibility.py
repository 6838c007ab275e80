"""axe-core finds nothing to fix on the reader pages and the editors' busiest admin pages."""

from pprint import pformat

import pytest

from articles.models import Article
from comments.models import Comment
from tests.browser.axe import violations
from tests.comments.factories import CommentFactory
from tests.conftest import DESKTOP, PHONE
from tests.factories import UserFactory
from tests.helpers import PASSWORD, browser_log_in, moderator_group

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
VIEWPORTS = (("phone", PHONE), ("desktop", DESKTOP))


def check(page, screenshot, label, found):
    found[label] = violations(page)
    screenshot(page, label)


def test_reader_pages_have_no_axe_violations(demo_content, page, screenshot):
    """Home, a section, a story, search and the comment form with errors: 0 violations."""
    story = Article.objects.published().filter(tags__isnull=False).first()
    found = {}
    for label, viewport in VIEWPORTS:
        page.set_viewport_size(viewport)
        for name, url in (
            ("home", "/"),
            ("section", story.section.get_absolute_url()),
            ("article", story.get_absolute_url()),
            ("search", "/search/?q=%22city+council%22"),
        ):
            page.goto(url)
            check(page, screenshot, f"{label}-{name}", found)
        page.goto(story.get_absolute_url() + "#respond")
        page.get_by_label("Comment *").fill("A comment with no name or email.")
        page.evaluate("document.getElementById('commentform').noValidate = true")
        page.get_by_role("button", name="Post Comment").click()
        page.locator("[aria-invalid=true]").first.wait_for()
        check(page, screenshot, f"{label}-comment-errors", found)
    assert not any(found.values()), pformat(found)


def test_admin_article_form_and_moderation_queue_have_no_axe_violations(
    demo_content, page, screenshot
):
    """An editor's article change form and a moderator's queue: 0 violations."""
    editor = UserFactory(username="edna", is_staff=True, is_superuser=True, password=PASSWORD)
    editor.groups.add(moderator_group())
    story = Article.objects.published().first()
    for status in (Comment.Status.PENDING, Comment.Status.PENDING, Comment.Status.SPAM):
        CommentFactory(article=story, status=status)
    browser_log_in(page, "edna")
    found = {}
    for label, viewport in VIEWPORTS:
        page.set_viewport_size(viewport)
        page.goto(f"/admin/articles/article/{story.pk}/change/")
        page.locator(".ProseMirror").first.wait_for(state="attached")
        check(page, screenshot, f"{label}-article-form", found)
        page.goto("/admin/comments/comment/")
        check(page, screenshot, f"{label}-moderation-queue", found)
    assert not any(found.values()), pformat(found)
