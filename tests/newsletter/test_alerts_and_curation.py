"""Breaking news from a story's admin page, and the day's issue as an editor chooses it."""

import datetime

import pytest
import time_machine
from bs4 import BeautifulSoup
from django.utils import timezone

from newsroom.newsletter import lists
from newsroom.newsletter.models import Alert, Issue, IssueArticle
from tests.factories import ArticleFactory
from tests.helpers import admin_form_data, client_for
from tests.newsletter.conftest import link_in

pytestmark = pytest.mark.django_db


@pytest.fixture
def breaking_readers(subscriber):
    readers = [subscriber("ana@example.com"), subscriber("ben@example.com")]
    for reader in readers:
        lists.choose(reader.email, [lists.daily(), lists.breaking()])
    subscriber("daily-only@example.com")
    return readers


@pytest.fixture
def send_alert(editor, django_capture_on_commit_callbacks):
    client = client_for(editor)

    def send(story, follow=True):
        with django_capture_on_commit_callbacks(execute=True):
            return client.post(f"/admin/newsletter/alert/send/{story.pk}/", follow=follow)

    return send


def test_the_story_page_offers_the_alert_and_its_confirmation_names_list_and_readers(
    editor, breaking_readers
):
    story = ArticleFactory(headline="Bridge closed after crash")
    client = client_for(editor)
    page = client.get(f"/admin/articles/article/{story.pk}/change/").content.decode()
    assert f"/admin/newsletter/alert/send/{story.pk}/" in page
    confirm = BeautifulSoup(
        client.get(f"/admin/newsletter/alert/send/{story.pk}/").content, "html.parser"
    )
    button = confirm.select_one("input[type=submit]")["value"]
    assert button == "Send to 2 readers of “Breaking news”"
    assert "Breaking: Bridge closed after crash" in confirm.get_text()
    assert not Alert.objects.exists()


def test_an_alert_goes_to_the_breaking_list_only_with_its_own_unsubscribe(
    client, breaking_readers, send_alert, mailoutbox
):
    story = ArticleFactory(headline="Bridge closed after crash")
    response = send_alert(story)
    assert "is being sent to “Breaking news”: 2 readers" in response.content.decode()
    assert sorted(m.to[0] for m in mailoutbox) == ["ana@example.com", "ben@example.com"]
    message = mailoutbox[0]
    assert message.subject == "Breaking: Bridge closed after crash"
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    client.post(link_in(message, "/newsletter/unsubscribe/"))
    assert lists.readers_of(lists.breaking()).count() == 1
    assert lists.readers_of(lists.daily()).count() == 3
    assert Alert.objects.get().status == Alert.Status.SENT


def test_one_alert_every_ten_minutes(breaking_readers, send_alert, mailoutbox, settings):
    """A second alert within NEWSROOM_BREAKING_ALERT_MINUTES is refused, with when it may go."""
    settings.NEWSROOM_BREAKING_ALERT_MINUTES = 10
    first, second = ArticleFactory(), ArticleFactory()
    send_alert(first)
    mailoutbox.clear()
    response = send_alert(second)
    assert "less than 10 minutes ago" in response.content.decode()
    assert mailoutbox == []
    with time_machine.travel(timezone.now() + datetime.timedelta(minutes=11)):
        send_alert(second)
    assert len(mailoutbox) == 2


def test_a_story_goes_out_once_and_only_when_published(breaking_readers, send_alert, settings):
    settings.NEWSROOM_BREAKING_ALERT_MINUTES = 0
    story, draft = ArticleFactory(), ArticleFactory(draft=True)
    send_alert(story)
    assert "already sent" in send_alert(story).content.decode()
    assert "Only a published story" in send_alert(draft).content.decode()
    assert Alert.objects.count() == 1


def test_a_reporter_cannot_send_alerts(reporter):
    story = ArticleFactory()
    assert client_for(reporter).post(f"/admin/newsletter/alert/send/{story.pk}/").status_code == 403


def test_the_editor_chooses_orders_and_features_the_days_stories(
    editor, subscriber, mailoutbox, django_capture_on_commit_callbacks
):
    subscriber("ana@example.com")
    now = timezone.now()
    first = ArticleFactory(headline="Ferry returns", published_at=now - datetime.timedelta(hours=1))
    second = ArticleFactory(
        headline="Bridge approved", published_at=now - datetime.timedelta(hours=2)
    )
    dropped = ArticleFactory(headline="Minor note", published_at=now - datetime.timedelta(hours=3))
    older = ArticleFactory(
        headline="Last week's feature", published_at=now - datetime.timedelta(days=6)
    )
    client = client_for(editor)
    client.get("/admin/newsletter/issue/today/")
    issue = Issue.objects.get()
    url = f"/admin/newsletter/issue/{issue.pk}/change/"
    client.post(f"/admin/newsletter/issue/{issue.pk}/choose/")
    assert list(issue.issuearticle_set.values_list("article__headline", flat=True)) == [
        "Ferry returns",
        "Bridge approved",
        "Minor note",
    ]
    data = admin_form_data(client, url, form_id="issue_form")
    rows = {int(data[f"issuearticle_set-{n}-article"]): n for n in range(3)}
    data[f"issuearticle_set-{rows[second.pk]}-position"] = "1"
    data[f"issuearticle_set-{rows[second.pk]}-featured"] = "on"
    data[f"issuearticle_set-{rows[dropped.pk]}-DELETE"] = "on"
    data["issuearticle_set-3-article"] = str(older.pk)
    data["issuearticle_set-3-position"] = "99"
    data["_send"] = "1"
    response = client.post(url, data)
    assert response.status_code == 302, response.content
    assert response["Location"] == f"/admin/newsletter/issue/{issue.pk}/send/"
    confirm = BeautifulSoup(client.get(response["Location"]).content, "html.parser")
    assert confirm.select_one("input[type=submit]")["value"] == (
        "Send to 1 reader of “The daily newsletter”"
    )
    assert [li.get_text(" ", strip=True) for li in confirm.select("ol li")] == [
        "Top story Bridge approved",
        "Ferry returns",
        "Last week's feature",
    ]
    with django_capture_on_commit_callbacks(execute=True):
        client.post(response["Location"], {"confirmed": "1"})
    body = mailoutbox[0].body
    assert body.index("TOP STORY: BRIDGE APPROVED") < body.index("FERRY RETURNS")
    assert "MINOR NOTE" not in body and "LAST WEEK'S FEATURE" in body
    assert IssueArticle.objects.filter(issue=issue).count() == 3
    assert first.pk in IssueArticle.objects.values_list("article", flat=True)
