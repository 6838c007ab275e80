import datetime
import io
import json

import pytest
from anymail.signals import AnymailTrackingEvent, tracking
from bs4 import BeautifulSoup
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.utils import timezone

from newsroom.newsletter.models import Delivery, Issue, Subscriber
from tests.comments.factories import CommentFactory
from tests.factories import ArticleFactory
from tests.helpers import admin_form_data, client_for

pytestmark = pytest.mark.django_db
Status = Subscriber.Status


@pytest.fixture
def story():
    return ArticleFactory(
        headline="Ferry service returns", published_at=timezone.now() - datetime.timedelta(hours=1)
    )


def test_editor_opens_todays_newsletter_and_sees_what_it_will_carry(editor, story, subscriber):
    subscriber()
    client = client_for(editor)
    response = client.get("/admin/newsletter/issue/today/")
    issue = Issue.objects.get(date=timezone.localdate())
    assert response["Location"] == f"/admin/newsletter/issue/{issue.pk}/change/"
    soup = BeautifulSoup(client.get(response["Location"]).content, "html.parser")
    assert [a.get_text() for a in soup.select(".issue-panel__stories a")] == [
        "Ferry service returns"
    ]
    assert "Send now to 1 subscriber" in soup.select_one(".issue-send__button").get_text()
    assert "FERRY SERVICE RETURNS" in soup.select_one(".issue-panel__text pre").get_text()


def test_the_preview_is_the_mail_readers_get(editor, story):
    client = client_for(editor)
    client.get("/admin/newsletter/issue/today/")
    issue = Issue.objects.get()
    html = client.get(f"/admin/newsletter/issue/{issue.pk}/preview/").content.decode()
    assert "Ferry service returns" in html
    assert "Unsubscribe" in html


def test_editor_writes_an_intro_and_sends_now(
    editor, story, subscriber, mailoutbox, django_capture_on_commit_callbacks
):
    subscriber("ana@example.com")
    subscriber("ben@example.com")
    client = client_for(editor)
    client.get("/admin/newsletter/issue/today/")
    issue = Issue.objects.get()
    url = f"/admin/newsletter/issue/{issue.pk}/change/"
    data = admin_form_data(client, url, form_id="issue_form")
    data["intro"] = "A calm day on the island."
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            f"/admin/newsletter/issue/{issue.pk}/send/", {**data, "confirmed": "1"}, follow=True
        )
    assert "is being sent to 2 subscribers" in response.content.decode()
    assert len(mailoutbox) == 2
    assert "A calm day on the island." in mailoutbox[0].body
    issue.refresh_from_db()
    assert (issue.status, issue.started_by) == (Issue.Status.SENT, "Edna Editor")
    page = BeautifulSoup(client.get(url).content, "html.parser")
    assert page.select_one(".issue-send__button") is None
    assert page.select_one("textarea[name=intro]") is None  # sent: the intro is fixed


def test_send_now_with_nothing_new_says_so(editor, subscriber, mailoutbox):
    subscriber()
    client = client_for(editor)
    client.get("/admin/newsletter/issue/today/")
    issue = Issue.objects.get()
    response = client.post(
        f"/admin/newsletter/issue/{issue.pk}/send/", {"confirmed": "1"}, follow=True
    )
    assert "no story was published since the last newsletter" in response.content.decode()
    assert not mailoutbox


def test_only_those_allowed_to_send_can_send(reporter, story):
    issue = Issue.objects.create(date=timezone.localdate())
    client = client_for(reporter)
    assert client.post(f"/admin/newsletter/issue/{issue.pk}/send/").status_code == 403
    assert client.get("/admin/newsletter/subscriber/").status_code == 403


def test_editors_hold_the_newsletter_permissions(roles):
    editor = Group.objects.get(name="Editor")
    codenames = set(editor.permissions.values_list("codename", flat=True))
    assert {"send_issue", "change_issue", "view_subscriber", "view_dailyviews"} <= codenames


def test_editor_sees_subscribers_by_status(editor, subscriber):
    subscriber("ana@example.com")
    subscriber("ben@example.com", Status.BOUNCED)
    response = client_for(editor).get("/admin/newsletter/subscriber/?status=bounced")
    soup = BeautifulSoup(response.content, "html.parser")
    assert [a.get_text() for a in soup.select("#result_list tbody th a")] == ["ben@example.com"]


@pytest.mark.parametrize(
    "event_type, status",
    [
        ("bounced", Status.BOUNCED),
        ("rejected", Status.BOUNCED),
        ("complained", Status.COMPLAINED),
        ("unsubscribed", Status.UNSUBSCRIBED),
        ("deferred", Status.ACTIVE),
        ("delivered", Status.ACTIVE),
    ],
)
def test_the_email_services_reports_mark_subscribers(subscriber, event_type, status):
    reader = subscriber("Ana@example.com".lower())
    event = AnymailTrackingEvent(
        event_type=event_type, recipient="Ana@Example.com", description="550 no such user"
    )
    tracking.send(sender=object, event=event, esp_name="Postmark")
    reader.refresh_from_db()
    assert reader.status == status
    if status != Status.ACTIVE:
        assert reader.status_note == "Postmark: 550 no such user"


def test_privacy_export_covers_comments_and_the_subscription(subscriber, article):
    reader = subscriber("ana@example.com")
    issue = Issue.objects.create(date=datetime.date(2026, 3, 10), status=Issue.Status.SENT)
    Delivery.objects.create(issue=issue, subscriber=reader, status=Delivery.Status.SENT)
    CommentFactory(article=article, author_email="ana@example.com")
    out = io.StringIO()
    call_command("privacy_export", "ana@example.com", stdout=out)
    data = json.loads(out.getvalue())
    assert len(data["comments"]) == 1
    assert data["newsletter"]["status"] == "active"
    assert data["newsletter"]["newsletters_received"] == [{"date": "2026-03-10", "status": "sent"}]


def test_privacy_erase_deletes_the_subscription_and_anonymises_comments(subscriber, article):
    subscriber("ana@example.com")
    comment = CommentFactory(article=article, author_email="ana@example.com")
    out = io.StringIO()
    call_command("privacy_erase", "ana@example.com", stdout=out)
    assert "Deleted the newsletter subscription of ana@example.com." in out.getvalue()
    assert not Subscriber.objects.exists()
    comment.refresh_from_db()
    assert comment.author_email == ""
    out = io.StringIO()
    call_command("comments_export", "ana@example.com", stdout=out)
    assert json.loads(out.getvalue()) == []


def test_an_editor_cannot_subscribe_someone_who_never_confirmed(editor, subscriber):
    reader = subscriber("ana@example.com", Status.UNSUBSCRIBED)
    client = client_for(editor)
    url = f"/admin/newsletter/subscriber/{reader.pk}/change/"
    data = admin_form_data(client, url, form_id="subscriber_form")
    data["status"] = Status.ACTIVE
    response = client.post(url, data)
    assert "this address never confirmed" in response.content.decode()
    reader.refresh_from_db()
    assert reader.status == Status.UNSUBSCRIBED
