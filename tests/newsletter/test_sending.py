import datetime

import pytest
import time_machine
from bs4 import BeautifulSoup
from django.core import mail
from django.core.management import call_command
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from newsroom.newsletter import lists, sending
from newsroom.newsletter.models import Delivery, Issue, NewsletterSettings, Subscriber
from newsroom.newsletter.sending import NothingToSend, send_batch, send_due, start_sending
from tests.factories import ArticleFactory
from tests.newsletter.conftest import link_in

pytestmark = pytest.mark.django_db
Status = Subscriber.Status
MORNING = datetime.datetime(2026, 3, 10, 6, 30, tzinfo=datetime.UTC)


@pytest.fixture
def readers(subscriber):
    return [
        subscriber("ana@example.com"),
        subscriber("ben@example.com"),
        subscriber("cy@example.com"),
        subscriber("pending@example.com", Status.PENDING),
        subscriber("gone@example.com", Status.UNSUBSCRIBED),
        subscriber("bounced@example.com", Status.BOUNCED),
        subscriber("spam@example.com", Status.COMPLAINED),
    ]


@pytest.fixture
def todays_stories():
    with time_machine.travel(MORNING, tick=False):
        now = timezone.now()
        stories = [
            ArticleFactory(
                headline="Ferry service returns", published_at=now - datetime.timedelta(hours=2)
            ),
            ArticleFactory(
                headline="Bridge approved", published_at=now - datetime.timedelta(hours=5)
            ),
        ]
        ArticleFactory(headline="Old news", published_at=now - datetime.timedelta(days=3))
        ArticleFactory(headline="A draft", draft=True)
    return stories


@pytest.fixture
def send(django_capture_on_commit_callbacks):
    def start(issue, now=MORNING):
        with time_machine.travel(now, tick=False), django_capture_on_commit_callbacks(execute=True):
            return start_sending(issue, "Edna", now)

    return start


def recipients():
    return sorted(address for message in mail.outbox for address in message.to)


def test_the_issue_goes_to_active_subscribers_only(readers, todays_stories, send, mailoutbox):
    issue = send(Issue.objects.create(date=MORNING.date(), intro="Good morning."))
    assert recipients() == ["ana@example.com", "ben@example.com", "cy@example.com"]
    issue.refresh_from_db()
    assert issue.status == Issue.Status.SENT
    assert issue.deliveries.filter(status=Delivery.Status.SENT).count() == 3


def test_the_mail_carries_the_days_stories_with_a_plain_text_part(
    readers, todays_stories, send, mailoutbox
):
    send(Issue.objects.create(date=MORNING.date(), intro="Good morning.\n\nBusy day."))
    message = mailoutbox[0]
    assert message.subject == "The Daily Ledger: the news of Tuesday 10 March"
    assert "FERRY SERVICE RETURNS" in message.body
    assert "Talks are expected to run late into the night." in message.body
    assert "Old news" not in message.body and "A draft" not in message.body
    assert message.body.index("FERRY") < message.body.index("BRIDGE")  # newest first
    html, mimetype = message.alternatives[0]
    assert mimetype == "text/html"
    soup = BeautifulSoup(html, "html.parser")
    assert [p.get_text() for p in soup.select(".mail__intro p")] == ["Good morning.", "Busy day."]
    assert [a.get_text() for a in soup.select(".story__headline a")] == [
        "Ferry service returns",
        "Bridge approved",
    ]
    assert soup.select_one(".story__headline a")["href"].startswith("https://news.example.com/")


def test_each_mail_has_its_own_one_click_unsubscribe(readers, todays_stories, send, mailoutbox):
    send(Issue.objects.create(date=MORNING.date()))
    links = set()
    for message in mailoutbox:
        header = message.extra_headers["List-Unsubscribe"]
        assert header.startswith("<https://news.example.com/newsletter/unsubscribe/")
        assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
        assert header.strip("<>") in message.body
        links.add(header)
    assert len(links) == 3


def test_one_click_from_a_newsletter_takes_its_reader_off_that_list(
    client, readers, todays_stories, send, mailoutbox
):
    """The daily newsletter's link leaves the daily newsletter; other lists stay chosen."""
    send(Issue.objects.create(date=MORNING.date()))
    message = next(m for m in mailoutbox if m.to == ["ben@example.com"])
    assert "daily" in message.extra_headers["List-Id"]
    client.post(link_in(message, "/newsletter/unsubscribe/"), {"List-Unsubscribe": "One-Click"})
    assert "ben@example.com" not in lists.readers_of(lists.daily()).values_list("email", flat=True)
    assert lists.readers_of(lists.daily()).count() == 2


@pytest.fixture
def worker(settings, monkeypatch):
    """The production set-up: tasks queued in the database, run by `manage.py db_worker`."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    # The worker drops connections between tasks, which would end the test's transaction.
    monkeypatch.setattr(
        "django_tasks_db.management.commands.db_worker.close_old_connections", lambda: None
    )

    def run(max_tasks=None):
        call_command(
            "db_worker",
            batch=True,
            max_tasks=max_tasks,
            startup_delay=False,
            reload=False,
            verbosity=0,
        )

    return run


def test_sending_goes_in_batches_of_background_tasks(
    readers, todays_stories, send, worker, mailoutbox, monkeypatch
):
    monkeypatch.setattr(sending, "BATCH_SIZE", 2)
    issue = send(Issue.objects.create(date=MORNING.date()))
    assert not mailoutbox  # queued, not sent in the editor's request
    worker(max_tasks=1)
    assert len(mailoutbox) == 2
    worker()
    assert len(mailoutbox) == 3
    issue.refresh_from_db()
    assert issue.status == Issue.Status.SENT


def test_a_resumed_sending_never_mails_a_reader_twice(
    readers, todays_stories, send, worker, mailoutbox
):
    """A worker died after claiming Ana: the resumed run skips her and sends the others once."""
    issue = send(Issue.objects.create(date=MORNING.date()))
    Delivery.objects.create(issue=issue, subscriber=readers[0])  # claimed, never sent
    worker()
    send_batch.call(issue.pk)  # a second worker, or the clock resuming it
    assert recipients() == ["ben@example.com", "cy@example.com"]
    assert issue.deliveries.filter(status=Delivery.Status.SENDING).count() == 1


def test_a_mail_the_server_refuses_is_recorded_and_the_others_go(
    readers, todays_stories, send, mailoutbox, monkeypatch
):
    original = sending.message_for

    def flaky(issue, context, subscriber):
        message = original(issue, context, subscriber)
        if subscriber.email == "ben@example.com":
            message.send = lambda: (_ for _ in ()).throw(OSError("550 mailbox unavailable"))
        return message

    monkeypatch.setattr(sending, "message_for", flaky)
    issue = send(Issue.objects.create(date=MORNING.date()))
    assert recipients() == ["ana@example.com", "cy@example.com"]
    failed = issue.deliveries.get(status=Delivery.Status.FAILED)
    assert (failed.subscriber.email, failed.error) == ("ben@example.com", "550 mailbox unavailable")


def test_an_issue_starts_only_once(readers, todays_stories, send, mailoutbox):
    issue = send(Issue.objects.create(date=MORNING.date()))
    send(issue)
    assert len(mailoutbox) == 3


def test_nothing_is_sent_when_no_story_is_new(readers, send, mailoutbox):
    with pytest.raises(NothingToSend):
        send(Issue.objects.create(date=MORNING.date()))
    assert not mailoutbox


def test_the_next_issue_starts_where_the_last_one_stopped(readers, todays_stories, send):
    send(Issue.objects.create(date=MORNING.date()))
    next_morning = MORNING + datetime.timedelta(days=1)
    with time_machine.travel(next_morning - datetime.timedelta(hours=1), tick=False):
        ArticleFactory(headline="Overnight story")
    mail.outbox.clear()
    send(Issue.objects.create(date=next_morning.date()), now=next_morning)
    assert "OVERNIGHT STORY" in mail.outbox[0].body
    assert "FERRY SERVICE RETURNS" not in mail.outbox[0].body


@pytest.fixture
def clock(django_capture_on_commit_callbacks):
    def at(moment):
        with (
            time_machine.travel(moment, tick=False),
            django_capture_on_commit_callbacks(execute=True),
        ):
            send_due(timezone.now())

    return at


def test_the_clock_sends_todays_issue_at_the_outlets_time(readers, todays_stories, clock):
    settings = NewsletterSettings.load()
    settings.send_time = datetime.time(6, 45)
    settings.save()
    clock(MORNING)
    assert not mail.outbox and not Issue.objects.exists()
    clock(MORNING + datetime.timedelta(minutes=15))
    assert len(mail.outbox) == 3
    assert Issue.objects.get().started_by == "the clock"
    clock(MORNING + datetime.timedelta(minutes=16))
    assert len(mail.outbox) == 3


def test_the_clock_leaves_it_to_editors_when_automatic_sending_is_off(
    readers, todays_stories, clock
):
    settings = NewsletterSettings.load()
    settings.send_automatically = False
    settings.save()
    clock(MORNING + datetime.timedelta(hours=3))
    assert not mail.outbox


def test_the_clock_skips_a_day_without_new_stories(readers, clock):
    clock(MORNING + datetime.timedelta(hours=3))
    assert Issue.objects.get().status == Issue.Status.SKIPPED
    assert not mail.outbox


def test_the_clock_resumes_a_sending_whose_worker_stopped(
    readers, todays_stories, send, worker, clock, mailoutbox
):
    send(Issue.objects.create(date=MORNING.date()))
    DBTaskResult.objects.all().delete()  # the queued batch died with its worker
    clock(MORNING + datetime.timedelta(minutes=2))
    worker()
    assert not mailoutbox
    clock(MORNING + datetime.timedelta(minutes=6))
    worker()
    assert len(mailoutbox) == 3
