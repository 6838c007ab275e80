"""Sending an issue: in batches of background tasks, resumable, never twice to one reader.

Each reader's delivery row is written (and committed) before their mail is sent; the unique
(issue, subscriber) pair makes a second worker, or a resumed run, skip whoever has a row.
A worker that dies between the row and the mail leaves that one reader unsent rather than
risk a double: the delivery stays "Being sent" for an editor to see.
"""

import datetime
import logging
from functools import partial

from django.core.mail import get_connection
from django.db import IntegrityError, transaction
from django.utils import timezone
from django_tasks import task

from newsroom.newsletter import lists
from newsroom.newsletter.digest import issue_context, message_for, stories_for
from newsroom.newsletter.models import (
    Delivery,
    Issue,
    IssueArticle,
    NewsletterList,
    NewsletterSettings,
)

logger = logging.getLogger(__name__)
BATCH_SIZE = 200
# A sending issue with no batch finished for this long lost its worker: the clock resumes it.
STALLED_AFTER = datetime.timedelta(minutes=5)


class NothingToSend(Exception):
    """No story was published since the last newsletter."""


def start_sending(issue, started_by, now=None):
    """Fix the issue's stories and queue its first batch. Refuses an issue already started."""
    now = now or timezone.now()
    with transaction.atomic():
        issue = Issue.objects.select_for_update().get(pk=issue.pk)
        if issue.status != Issue.Status.DRAFT:
            return issue
        stories = stories_for(issue, now)
        if not stories:
            raise NothingToSend
        if not issue.issuearticle_set.exists():
            IssueArticle.objects.bulk_create(
                IssueArticle(issue=issue, article=story, position=position)
                for position, story in enumerate(stories)
            )
        issue.status = Issue.Status.SENDING
        issue.started_at = issue.last_batch_at = now
        issue.started_by = started_by
        issue.save()
        transaction.on_commit(lambda: send_batch.enqueue(issue.pk))
    return issue


@task()
def send_batch(issue_id):
    """Send the issue to the next readers who have not had it, then queue the next batch."""
    issue = (
        Issue.objects.filter(pk=issue_id, status=Issue.Status.SENDING)
        .select_related("newsletter")
        .first()
    )
    if issue is None:
        return
    context = issue_context(issue, stories_for(issue))
    send_next_batch(issue, partial(message_for, issue, context), send_batch.enqueue)


def send_next_batch(mailing, message, requeue):
    """Mail an issue or an alert to the next readers of its list who have not had it, then
    queue the next batch (requeue(mailing.pk)); with nobody left, it is sent.

    message(subscriber) makes one reader's mail."""
    recipients = list(
        lists.readers_of(mailing.newsletter)
        .exclude(pk__in=mailing.deliveries.values("subscriber"))
        .order_by("pk")[:BATCH_SIZE]
    )
    mailings = type(mailing).objects.filter(pk=mailing.pk)
    if not recipients:
        now = timezone.now()
        mailings.update(status=type(mailing).Status.SENT, sent_at=now, last_batch_at=now)
        return
    with get_connection() as connection:
        for subscriber in recipients:
            deliver(mailing, message, subscriber, connection)
    mailings.update(last_batch_at=timezone.now())
    requeue(mailing.pk)


def deliver(mailing, message, subscriber, connection):
    try:
        delivery = mailing.deliveries.create(subscriber=subscriber)
    except IntegrityError:
        return  # another worker has this reader
    try:
        mail = message(subscriber)
        mail.connection = connection
        mail.send()
    except Exception as error:
        logger.exception("Could not send %s to subscriber %s", mailing, subscriber.pk)
        delivery.status, delivery.error = Delivery.Status.FAILED, str(error)[:300]
    else:
        delivery.status, delivery.sent_at = Delivery.Status.SENT, timezone.now()
    delivery.save(update_fields=["status", "error", "sent_at"])


def choose_stories(issue, now=None):
    """Start the editor's choice from the stories the issue would carry now: from here on it
    carries what the editor keeps, adds and orders."""
    with transaction.atomic():
        issue = Issue.objects.select_for_update().get(pk=issue.pk)
        if issue.status != Issue.Status.DRAFT or issue.issuearticle_set.exists():
            return
        IssueArticle.objects.bulk_create(
            IssueArticle(issue=issue, article=story, position=(position + 1) * 10)
            for position, story in enumerate(stories_for(issue, now))
        )


def todays_issue(today=None, newsletter=None):
    issue, _ = Issue.objects.get_or_create(
        newsletter=newsletter or lists.daily(), date=today or timezone.localdate()
    )
    return issue


def send_due(now=None):
    """The clock's part: today's newsletter at its time, the sections' weekly ones on their
    day, and any sending that lost its worker."""
    now = now or timezone.now()
    settings = NewsletterSettings.load()
    today = timezone.localdate(now)
    if settings.send_automatically and now >= settings.send_moment(today):
        due = [lists.daily()]
        if today.weekday() == settings.weekly_day:
            due += NewsletterList.objects.filter(kind=NewsletterList.Kind.WEEKLY)
        for newsletter in due:
            issue = todays_issue(today, newsletter)
            if issue.status == Issue.Status.DRAFT:
                try:
                    start_sending(issue, "the clock", now)
                except NothingToSend:
                    Issue.objects.filter(pk=issue.pk).update(status=Issue.Status.SKIPPED)
    stalled = Issue.objects.filter(
        status=Issue.Status.SENDING, last_batch_at__lt=now - STALLED_AFTER
    )
    for issue in stalled:
        logger.warning("Resuming %s, whose worker stopped", issue)
        Issue.objects.filter(pk=issue.pk).update(last_batch_at=now)
        send_batch.enqueue(issue.pk)
