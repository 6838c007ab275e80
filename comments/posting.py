"""Taking a comment in: refusals (flood, duplicate), the verdict, the row, the notification."""

import datetime
import functools

from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone

from comments.models import Comment, CommenterBlock
from comments.moderation import FLOOD_SECONDS, Submission, is_too_fast, moderate
from comments.signals import announce_comments_changed
from newsroom.security.client import client_ip

FLOOD_MESSAGE = "You are posting comments too quickly. Slow down."
# WordPress's exact wording, typographic apostrophe included.
DUPLICATE_MESSAGE = "Duplicate comment detected; it looks as though you’ve already said that!"  # noqa: RUF001
CLOSED_MESSAGE = "Comments are closed."
TOO_FAST_MESSAGE = (
    "Please take a moment before posting: your comment was sent very quickly after the page "
    "opened. Your text is kept below; send it again when you are ready."
)


class Refused(Exception):
    """A post turned away before anything is written: a message and its HTTP status."""

    def __init__(self, message, status):
        super().__init__(message)
        self.message = message
        self.status = status


def submission_from(form, request):
    data = form.cleaned_data
    ip = client_ip(request)
    return Submission(
        name=data["author"],
        email=data["email"],
        url=data["url"],
        text=data["comment"],
        ip=ip,
        user_agent=request.META.get("HTTP_USER_AGENT", "")[:500],
        honeypot=data["honeypot"],
        seconds_to_submit=form.seconds_to_submit,
        blocked=CommenterBlock.objects.active().matching(data["email"].strip(), ip).exists(),
    )


def is_flooding(submission, now):
    since = now - datetime.timedelta(seconds=FLOOD_SECONDS)
    same_sender = Q(author_email__iexact=submission.email)
    if submission.ip:
        same_sender |= Q(ip_address=submission.ip)
    return Comment.objects.filter(same_sender, submitted_at__gt=since).exists()


def is_duplicate(article, fingerprint):
    return Comment.objects.filter(article=article, fingerprint=fingerprint).exists()


def is_known_author(submission):
    return (
        Comment.objects.approved()
        .filter(author_name=submission.name, author_email__iexact=submission.email)
        .exists()
    )


def post_comment(article, parent, submission, rules, notify, now=None):
    """Store a comment with its verdict, or raise Refused having written nothing.

    notify(comment) runs after the transaction commits, for comments held for moderation.
    """
    now = now or timezone.now()
    fingerprint = Comment.make_fingerprint(submission.email, submission.text)
    if is_duplicate(article, fingerprint):
        raise Refused(DUPLICATE_MESSAGE, 409)
    if is_flooding(submission, now):
        raise Refused(FLOOD_MESSAGE, 429)
    # A filled honeypot is a robot: no message to learn from, its post goes quietly to spam.
    if is_too_fast(submission) and not submission.honeypot.strip():
        raise Refused(TOO_FAST_MESSAGE, 429)
    status, reasons = moderate(submission, rules, known_author=is_known_author(submission))
    comment = Comment(
        article=article,
        parent=parent,
        depth=parent.depth + 1 if parent else 1,
        author_name=submission.name,
        author_email=submission.email,
        author_url=submission.url,
        text=submission.text,
        status=status,
        submitted_at=now,
        ip_address=submission.ip,
        user_agent=submission.user_agent,
        moderation_reasons="\n".join(reasons),
        fingerprint=fingerprint,
    )
    try:
        with transaction.atomic():
            comment.save()
            if comment.is_pending:
                transaction.on_commit(functools.partial(notify, comment), robust=True)
            elif comment.status == Comment.Status.APPROVED:
                announce_comments_changed({article.pk})
    except IntegrityError as exc:
        # The same words from the same commenter committed a moment before ours.
        raise Refused(DUPLICATE_MESSAGE, 409) from exc
    return comment
