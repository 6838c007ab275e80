import datetime

import pytest
import time_machine
from django.contrib.admin.models import LogEntry
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils import timezone

from articles.desk import workflow
from articles.models import Article
from tests.factories import ArticleFactory
from tests.helpers import admin_form_data, client_for

pytestmark = pytest.mark.django_db
Status = Article.Status


def log_messages(article):
    return list(
        LogEntry.objects.filter(object_id=str(article.pk))
        .order_by("pk")
        .values_list("user__username", "change_message")
    )


def test_reporter_submits_own_draft_for_review(reporter):
    """Submitting moves a draft into review and leaves a note in the article's history."""
    article = ArticleFactory(draft=True, created_by=reporter)
    workflow.submit_for_review(article, reporter)
    article.refresh_from_db()
    assert article.status == Status.IN_REVIEW
    assert log_messages(article) == [("rita", "Submitted for review")]


def test_article_in_review_goes_back_to_draft(editor):
    """An editor can send an article in review back to its reporter as a draft."""
    article = ArticleFactory(draft=True, status=Status.IN_REVIEW)
    workflow.return_to_draft(article, editor)
    assert Article.objects.get(pk=article.pk).status == Status.DRAFT


def test_reporter_cannot_publish(reporter):
    """Publishing is refused to a reporter, even for their own article."""
    article = ArticleFactory(draft=True, created_by=reporter)
    with pytest.raises(PermissionDenied):
        workflow.publish_now(article, reporter)
    assert Article.objects.get(pk=article.pk).status == Status.DRAFT


def test_first_publication_sets_the_publication_time(editor):
    """Publishing a draft stamps it with the time it went live."""
    article = ArticleFactory(draft=True, status=Status.IN_REVIEW)
    with time_machine.travel(datetime.datetime(2025, 11, 2, 9, 30, tzinfo=datetime.UTC)):
        workflow.publish_now(article, editor)
    article.refresh_from_db()
    assert article.status == Status.PUBLISHED
    assert article.published_at == datetime.datetime(2025, 11, 2, 9, 30, tzinfo=datetime.UTC)
    assert log_messages(article) == [("edna", "Published")]


def test_republishing_keeps_the_original_date(editor):
    """A story taken down and put back keeps the date it first went out."""
    first = timezone.now() - datetime.timedelta(days=3)
    article = ArticleFactory(published_at=first)
    workflow.unpublish(article, editor)
    workflow.publish_now(article, editor)
    article.refresh_from_db()
    assert (article.status, article.published_at) == (Status.PUBLISHED, first)
    assert [m for _, m in log_messages(article)] == ["Unpublished", "Published"]


def test_scheduled_article_goes_live_at_its_time_with_no_job(editor):
    """A scheduled story is invisible to readers until its time comes, then visible."""
    article = ArticleFactory(draft=True)
    with time_machine.travel(datetime.datetime(2025, 11, 2, 8, 0, tzinfo=datetime.UTC)):
        workflow.schedule(
            article, editor, datetime.datetime(2025, 11, 2, 12, 0, tzinfo=datetime.UTC)
        )
        assert not Article.objects.published().filter(pk=article.pk).exists()
        assert Article.objects.scheduled().filter(pk=article.pk).exists()
    with time_machine.travel(datetime.datetime(2025, 11, 2, 12, 1, tzinfo=datetime.UTC)):
        assert Article.objects.published().filter(pk=article.pk).exists()
    assert log_messages(article)[0][1].startswith("Scheduled for")


def test_scheduling_in_the_past_is_refused(editor):
    """Scheduling needs a time in the future."""
    article = ArticleFactory(draft=True)
    with pytest.raises(workflow.TransitionError, match="in the future"):
        workflow.schedule(article, editor, timezone.now() - datetime.timedelta(minutes=1))


def test_a_draft_cannot_be_unpublished(editor):
    """Unpublishing applies to published articles only."""
    article = ArticleFactory(draft=True)
    with pytest.raises(workflow.TransitionError, match="cannot be unpublished"):
        workflow.unpublish(article, editor)


def test_editor_publishes_from_the_change_form_and_history_shows_who(editor, publishing_checks_off):
    """The Publish now button saves the edits, publishes, and the admin history names the
    editor."""
    article = ArticleFactory(draft=True, headline="Before")
    url = reverse("admin:articles_article_change", args=[article.pk])
    client = client_for(editor)
    data = admin_form_data(client, url) | {"headline": "After", "_transition": "publish"}
    response = client.post(url, data)
    assert response.status_code == 302
    article.refresh_from_db()
    assert (article.headline, article.status) == ("After", Status.PUBLISHED)
    history = client.get(reverse("admin:articles_article_history", args=[article.pk]))
    assert "Published" in history.content.decode() and "edna" in history.content.decode()


def test_bulk_actions_publish_and_unpublish(editor, publishing_checks_off):
    """The change list's bulk actions publish and unpublish several articles at once."""
    drafts = ArticleFactory.create_batch(2, draft=True)
    client = client_for(editor)
    url = reverse("admin:articles_article_changelist")
    client.post(url, {"action": "publish_selected", "_selected_action": [a.pk for a in drafts]})
    assert Article.objects.published().filter(pk__in=[a.pk for a in drafts]).count() == 2
    client.post(url, {"action": "unpublish_selected", "_selected_action": [drafts[0].pk]})
    assert Article.objects.get(pk=drafts[0].pk).status == Status.UNPUBLISHED
    assert [m for _, m in log_messages(drafts[0])] == ["Published", "Unpublished"]
