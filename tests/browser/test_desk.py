"""The desk in a real browser: taking on a reporter, the calendar, blocking a commenter on a
phone, and the warning before leaving unsaved changes."""

import datetime
import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from articles.models import Article, Author
from comments.models import Comment
from newsroom.staff.roles import setup_roles
from tests.comments.factories import CommentFactory
from tests.conftest import DESKTOP, PHONE
from tests.factories import ArticleFactory, UserFactory
from tests.helpers import PASSWORD, browser_log_in, moderator_group

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def sideways_overflow(page):
    page.wait_for_load_state("load")
    return page.evaluate("document.documentElement.scrollWidth - window.innerWidth")


def test_editor_takes_on_a_reporter_who_then_starts_a_story_under_their_byline(page, screenshot):
    """One form makes Nadia's login, role and byline; her first story carries her name."""
    setup_roles(note=lambda line: None)
    UserFactory(username="boss", is_staff=True, is_superuser=True, password=PASSWORD)
    browser_log_in(page, "boss")
    page.get_by_role("link", name="New staff member").click()
    page.get_by_label("First name").fill("Nadia")
    page.get_by_label("Last name").fill("Newhire")
    page.get_by_label("Email").fill("nadia@example.com")
    page.get_by_label("Username").fill("nadia")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_label("Reporter:").check()
    page.get_by_label("Job title").fill("Courts reporter")
    screenshot(page, "desktop-1-form")
    page.get_by_role("button", name="Add staff member").click()
    expect(page.locator(".messagelist")).to_contain_text("Nadia Newhire can now log in")
    assert Author.objects.get(user__username="nadia").name == "Nadia Newhire"

    page.context.clear_cookies()
    page.set_viewport_size(PHONE)
    browser_log_in(page, "nadia")
    page.goto("/admin/articles/article/add/")
    expect(page.locator("#articleauthor_set-group")).to_contain_text("Nadia Newhire")
    screenshot(page, "phone-2-first-story")


def test_editorial_calendar_by_week_and_month_on_phone_and_desktop(page, screenshot):
    """The week shows the scheduled story at its time and the plan on its day; so does the
    month; both fit a phone."""
    setup_roles(note=lambda line: None)
    UserFactory(username="boss", is_staff=True, is_superuser=True, password=PASSWORD)
    today = timezone.localdate()
    now = timezone.now()
    end_of_today = timezone.make_aware(datetime.datetime.combine(today, datetime.time.max))
    # Two hours ahead, but never past midnight, which could fall in next week's view.
    soon = min(now + datetime.timedelta(hours=2), now + (end_of_today - now) / 2)
    ArticleFactory(headline="Budget vote", published_at=soon)
    ArticleFactory(headline="Flood inquiry", status=Article.Status.DRAFT, published_at=None,
                   body="", planned_for=today)  # fmt: skip
    browser_log_in(page, "boss")
    for label, viewport in (("phone", PHONE), ("desktop", DESKTOP)):
        page.set_viewport_size(viewport)
        page.goto("/admin/")
        page.get_by_role("link", name="Editorial calendar").click()
        expect(page.locator(".calendar-day--today")).to_contain_text("Flood inquiry")
        expect(page.locator(".calendar-day .calendar-entry--scheduled").first).to_contain_text(
            "Budget vote"
        )
        assert sideways_overflow(page) <= 0
        screenshot(page, f"{label}-week")
        page.get_by_role("link", name="Month", exact=True).click()
        expect(page.locator(".calendar-day .calendar-entry--planned")).to_contain_text(
            "Flood inquiry"
        )
        assert sideways_overflow(page) <= 0
        screenshot(page, f"{label}-month")


def test_moderator_on_a_phone_blocks_a_commenter_and_hides_their_comments(page, screenshot):
    """The queue fits a phone; blocking from it hides every comment of that commenter."""
    moderator = UserFactory(username="mo", is_staff=True, password=PASSWORD)
    moderator.groups.add(moderator_group())
    story = ArticleFactory()
    rant = "You are all " + "wrong " * 30
    nasty = CommentFactory(article=story, author_name="Troll", author_email="troll@example.com",
                           status=Comment.Status.PENDING, text=rant)  # fmt: skip
    CommentFactory(article=story, author_name="Troll", author_email="troll@example.com")
    CommentFactory(
        article=story,
        author_name="Kind reader",
        status=Comment.Status.PENDING,
        ip_address="192.0.2.5",
    )
    page.set_viewport_size(PHONE)
    browser_log_in(page, "mo")
    page.goto("/admin/comments/comment/")
    assert sideways_overflow(page) <= 0
    screenshot(page, "phone-1-queue")
    page.locator(f"input[name=_selected_action][value='{nasty.pk}']").check()
    page.locator("select[name=action]").select_option("block_commenters")
    page.locator("#changelist-form .actions button[name=index]").click()
    expect(page.locator(".messagelist")).to_contain_text("2 comments hidden as spam")
    screenshot(page, "phone-2-blocked")
    assert set(Comment.objects.filter(author_name="Troll").values_list("status", flat=True)) == {
        Comment.Status.SPAM
    }
    page.goto(f"/admin/comments/comment/{nasty.pk}/change/")
    assert sideways_overflow(page) <= 0
    screenshot(page, "phone-3-comment-form")


def test_leaving_a_story_with_unsaved_changes_asks_first(page):
    """Typed a headline, clicked away: the browser asks before the text is lost."""
    setup_roles(note=lambda line: None)
    UserFactory(username="boss", is_staff=True, is_superuser=True, password=PASSWORD)
    browser_log_in(page, "boss")
    page.goto("/admin/articles/article/add/")
    page.get_by_label("Headline").fill("Half-written story")
    asked = []

    def answer(dialog):
        asked.append(dialog.type)
        dialog.dismiss()

    page.on("dialog", answer)
    page.get_by_role("link", name="Home").first.click()
    page.wait_for_timeout(500)
    assert asked == ["beforeunload"]
    assert page.get_by_label("Headline").input_value() == "Half-written story"
    # Staying on the page after the warning loses nothing: the half-written story is kept.
    expect(page.get_by_text(re.compile(r"^Draft saved"))).to_be_visible(timeout=15_000)
