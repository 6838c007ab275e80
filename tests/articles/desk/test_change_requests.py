"""Request changes: an editor sends a submitted story back to its reporter with a note; the
reporter sees why on the desk and in the form, the history keeps who asked what and when, and
submitting again answers it."""

import pytest
from bs4 import BeautifulSoup
from django.contrib.admin.models import LogEntry
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from articles.desk import workflow
from articles.models import Article, ChangeRequest
from tests.factories import ArticleFactory
from tests.helpers import admin_form_data, client_for

pytestmark = pytest.mark.django_db
Status = Article.Status
WHY = "The second quote needs a name; check the date of the vote."


@pytest.fixture
def submitted(reporter):
    return ArticleFactory(in_review=True, created_by=reporter, headline="Bridge vote")


def change_url(article):
    return reverse("admin:articles_article_change", args=[article.pk])


def soup_of(response):
    return BeautifulSoup(response.content, "html.parser")


def test_editor_requests_changes_and_the_story_goes_back_as_a_draft(submitted, editor):
    """The story is a draft again, the request is kept with who asked, and both histories
    say what was asked."""
    workflow.request_changes(submitted, editor, WHY)
    submitted.refresh_from_db()
    assert submitted.status == Status.DRAFT
    request = ChangeRequest.objects.get()
    assert (request.requested_by, request.note, request.answered_at) == (editor, WHY, None)
    expected = f"Changes requested by Edna Editor: {WHY}"
    assert submitted.history.first().history_change_reason == expected
    assert LogEntry.objects.get(object_id=str(submitted.pk)).change_message == expected


def test_only_editors_request_changes_and_only_on_submitted_stories(submitted, reporter, editor):
    """A reporter cannot; a draft cannot be sent back; a note is required."""
    with pytest.raises(PermissionDenied):
        workflow.request_changes(submitted, reporter, WHY)
    with pytest.raises(workflow.TransitionError, match="Say what should change"):
        workflow.request_changes(submitted, editor, "   ")
    draft = ArticleFactory(draft=True)
    with pytest.raises(workflow.TransitionError):
        workflow.request_changes(draft, editor, WHY)
    assert not ChangeRequest.objects.exists()


def test_the_form_offers_request_changes_to_editors_on_submitted_stories(
    submitted, editor, reporter
):
    """The editor's form has the note box and its button; the reporter's has neither."""
    form = soup_of(client_for(editor).get(change_url(submitted)))
    assert form.find("textarea", attrs={"name": "change_request_note"}) is not None
    assert form.find("button", attrs={"value": "request_changes"}) is not None
    form = soup_of(client_for(reporter).get(change_url(submitted)))
    assert form.find("button", attrs={"value": "request_changes"}) is None


def test_an_empty_note_is_refused_and_nothing_typed_is_lost(submitted, editor):
    """Pressing the button with no note: a clear error, the story as it was, the edits kept."""
    client = client_for(editor)
    data = admin_form_data(client, change_url(submitted))
    data.update(headline="Bridge vote: the new headline", _transition="request_changes")
    response = client.post(change_url(submitted), data)
    assert response.status_code == 200
    page = soup_of(response)
    assert "Say what should change" in page.select_one(".request-changes").get_text()
    assert page.find("input", attrs={"name": "headline"})["value"] == (
        "Bridge vote: the new headline"
    )
    assert page.select_one(".request-changes").has_attr("open")
    submitted.refresh_from_db()
    assert (submitted.status, submitted.headline) == (Status.IN_REVIEW, "Bridge vote")


def test_round_trip_the_reporter_sees_why_and_submits_again(submitted, editor, reporter):
    """Editor sends it back with a note; the reporter's desk and form say who asked what; the
    list shows "Changes requested"; submitting again answers the request."""
    client = client_for(editor)
    data = admin_form_data(client, change_url(submitted))
    data.update(change_request_note=WHY, _transition="request_changes")
    response = client.post(change_url(submitted), data, follow=True)
    assert "Changes requested: the story is back with its reporter" in response.content.decode()

    mine = client_for(reporter)
    desk = soup_of(mine.get(reverse("admin:index")))
    panel = next(
        p for p in desk.select(".desk-panel")
        if p.select_one(".desk-panel__title").get_text() == "Changes requested"
    )  # fmt: skip
    assert f"Changes requested by Edna Editor: {WHY}" in panel.get_text(" ", strip=True)
    form = soup_of(mine.get(change_url(submitted)))
    banner = form.select_one(".change-request").get_text(" ", strip=True)
    assert "Changes requested by Edna Editor" in banner and WHY in banner
    listing = soup_of(mine.get(reverse("admin:articles_article_changelist") + "?status=changes"))
    assert [b.get_text() for b in listing.select("#result_list .status-badge")] == [
        "Changes requested"
    ]

    data = admin_form_data(mine, change_url(submitted))
    data.update(_transition="submit")
    mine.post(change_url(submitted), data)
    submitted.refresh_from_db()
    assert submitted.status == Status.IN_REVIEW
    assert ChangeRequest.objects.get().answered_at is not None
    assert soup_of(mine.get(change_url(submitted))).select_one(".change-request") is None
    reasons = list(submitted.history.values_list("history_change_reason", flat=True))
    assert reasons[:2] == ["Submitted for review", f"Changes requested by Edna Editor: {WHY}"]


def test_the_revisions_page_lists_the_request(submitted, editor):
    """Editors comparing revisions read who asked for what, and when."""
    workflow.request_changes(submitted, editor, WHY)
    page = soup_of(client_for(editor).get(reverse("admin:articles_article_revisions",
                                                  args=[submitted.pk])))  # fmt: skip
    assert f"Changes requested by Edna Editor: {WHY}" in page.get_text()


def test_my_stories_shows_each_of_the_reporters_stories_with_its_state(
    reporter, other_reporter, editor
):
    """The reporter's desk lists their latest stories with where each stands."""
    ArticleFactory(draft=True, created_by=reporter, headline="A draft")
    ArticleFactory(in_review=True, created_by=reporter, headline="Submitted")
    ArticleFactory(created_by=reporter, headline="Out")
    sent_back = ArticleFactory(in_review=True, created_by=reporter, headline="Sent back")
    workflow.request_changes(sent_back, editor, WHY)
    ArticleFactory(draft=True, created_by=other_reporter, headline="Not mine")
    desk = soup_of(client_for(reporter).get(reverse("admin:index")))
    panel = next(
        p for p in desk.select(".desk-panel")
        if p.select_one(".desk-panel__title").get_text() == "My stories"
    )  # fmt: skip
    assert panel.select_one(".desk-panel__count").get_text() == "3"
    states = {
        item.find("a").get_text(): item.select_one(".desk-panel__detail").get_text()
        for item in panel.select("li")
    }
    assert states == {
        "Sent back": "Changes requested",
        "Out": "Published",
        "Submitted": "In review",
        "A draft": "Draft",
    }
