import logging
import smtplib
import socket
from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command
from django_tasks_db.models import DBTaskResult

from comments.models import Comment
from tests.comments.factories import CommentFactory
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_moderators_are_emailed_about_a_held_comment_after_commit(
    article, post, moderator, django_capture_on_commit_callbacks
):
    """The notice goes out once the comment is committed, with links to the story and queue."""
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        post(article)
    assert len(callbacks) == 1
    assert mail.outbox == []
    callbacks[0]()
    comment = Comment.objects.get()
    [message] = mail.outbox
    assert message.to == [moderator.email]
    assert "Please moderate: “Council approves the new bridge”" in message.subject
    assert "The bridge will cut my commute in half." in message.body
    assert f"http://testserver/admin/comments/comment/{comment.pk}/change/" in message.body
    assert "first comment" in message.body


def test_the_notify_addresses_setting_replaces_the_group(
    article, post, moderator, rules, django_capture_on_commit_callbacks
):
    """Staff can name the addresses that get the notices."""
    rules.notify_emails = "desk@example.com\nnight@example.com"
    rules.save()
    with django_capture_on_commit_callbacks(execute=True):
        post(article)
    assert mail.outbox[0].to == ["desk@example.com", "night@example.com"]


def test_approved_and_spam_comments_send_no_notice(
    article, post, moderator, django_capture_on_commit_callbacks
):
    """Only comments waiting for a moderator are worth an email."""
    CommentFactory(article=article, author_name="Jane Reader", author_email="jane@example.com")
    with django_capture_on_commit_callbacks(execute=True):
        post(article)
        post(article, honeypot="bot", ip="192.0.2.1", email="bot@example.com", comment="spam")
    assert Comment.objects.filter(status="approved").count() == 2
    assert Comment.objects.filter(status="spam").count() == 1
    assert mail.outbox == []


def test_a_mail_server_that_is_down_loses_no_comment(
    article, post, moderator, monkeypatch, caplog, django_capture_on_commit_callbacks
):
    """The comment is stored and the reader redirected; the failure is only logged."""

    def refuse(*args, **kwargs):
        raise smtplib.SMTPServerDisconnected("Connection unexpectedly closed")

    monkeypatch.setattr("comments.notifications.send_mail", refuse)
    with (
        caplog.at_level(logging.ERROR, logger="comments.notifications"),
        django_capture_on_commit_callbacks(execute=True),
    ):
        response = post(article)
    assert response.status_code == 302
    assert Comment.objects.get().status == Comment.Status.PENDING
    assert "Could not send the moderation notice" in caplog.text


@pytest.fixture
def smtp_server(settings):
    """Send mail through real SMTP to a local port, as in production."""
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_TIMEOUT = 1
    return settings


@pytest.mark.parametrize("server", ["refusing", "silent"])
def test_a_real_mail_server_that_refuses_or_hangs_loses_and_blocks_no_comment(
    article, post, moderator, smtp_server, server, caplog, django_capture_on_commit_callbacks
):
    """Nobody listening, or a server that never answers: the comment is kept, the reader sent on."""
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    smtp_server.EMAIL_PORT = listener.getsockname()[1]
    if server == "refusing":
        listener.close()
    else:
        listener.listen(1)
    try:
        with (
            caplog.at_level(logging.ERROR, logger="comments.notifications"),
            django_capture_on_commit_callbacks(execute=True),
        ):
            response = post(article)
    finally:
        listener.close()
    assert response.status_code == 302
    assert Comment.objects.get().status == Comment.Status.PENDING
    assert "Could not send the moderation notice" in caplog.text


def test_inactive_moderators_and_other_staff_are_not_emailed(
    article, post, moderators, django_capture_on_commit_callbacks
):
    """The active members of the Moderator role are told, nobody else."""
    active = UserFactory(username="active-mod")
    active.groups.add(moderators)
    gone = UserFactory(username="gone-mod", is_active=False)
    gone.groups.add(moderators)
    UserFactory(username="editor", is_staff=True)
    with django_capture_on_commit_callbacks(execute=True):
        post(article)
    assert mail.outbox[0].to == [active.email]


@pytest.mark.django_db(transaction=True)
def test_with_the_database_backend_the_notice_waits_for_the_worker(
    article, post, moderator, settings
):
    """In production the notice is a queued task row; the db_worker sends it."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    response = post(article)
    assert response.status_code == 302
    assert DBTaskResult.objects.count() == 1
    assert mail.outbox == []
    call_command("db_worker", "--batch", "--no-startup-delay", stdout=StringIO())
    assert len(mail.outbox) == 1
