"""Taking a comment in: refusals (flood, duplicate), the verdict, the row, the notification."""

import datetime
import functools
from contextlib import nullcontext
from dataclasses import dataclass, replace

from django.db import IntegrityError, connection, transaction
from django.utils import timezone

from comments.models import Comment, own_anchor
from comments.moderation import (
    FLOOD_SECONDS,
    MIN_SECONDS_TO_SUBMIT,
    Submission,
    is_too_fast,
    moderate,
)
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
    """A post turned away before anything is written: a message, its HTTP status and, for a
    429, the seconds after which sending again may succeed (Retry-After)."""

    def __init__(self, message, status, retry_after=None):
        super().__init__(message)
        self.message = message
        self.status = status
        self.retry_after = retry_after


def submission_from(form, request):
    data = form.cleaned_data
    return Submission(
        name=data["author"],
        email=data["email"],
        url=data["url"],
        text=data["comment"],
        ip=client_ip(request),
        user_agent=request.META.get("HTTP_USER_AGENT", "")[:500],
        honeypot=data["honeypot"],
        seconds_to_submit=form.seconds_to_submit,
    )


@dataclass(frozen=True)
class Record:
    """What the database already holds about a new comment's sender and words."""

    duplicate: bool
    flooding: bool
    known_author: bool
    blocked: bool
    # The story shows comments imported from WordPress, whose numbers a new comment's anchor
    # must not take (Comment.anchor); without any, the anchor needs no query of its own.
    imports_on_story: bool = False


# The checks of a new comment as one statement, one round trip (and whether its story has
# imported comments). Written out rather than built
# by the ORM: building this query cost a comment post more CPU than the rest of its database
# work together. It spells out Comment.objects.approved() and
# CommenterBlock.objects.active().matching(); tests/comments/test_posting.py holds it to them.
RECORD_SQL = """
SELECT
    EXISTS (SELECT 1 FROM comments_comment
            WHERE article_id = %(article)s AND fingerprint = %(fingerprint)s),
    EXISTS (SELECT 1 FROM comments_comment
            WHERE (UPPER(author_email) = UPPER(%(email)s) OR ip_address = %(ip)s)
              AND submitted_at > %(since)s),
    EXISTS (SELECT 1 FROM comments_comment
            WHERE status = %(approved)s AND author_name = %(name)s
              AND UPPER(author_email) = UPPER(%(email)s)),
    EXISTS (SELECT 1 FROM comments_commenterblock
            WHERE lifted_at IS NULL AND (expires_at IS NULL OR expires_at > %(now)s)
              AND ((%(block_email)s <> '' AND UPPER(email) = UPPER(%(block_email)s))
                   OR ip_address = %(ip)s)),
    EXISTS (SELECT 1 FROM comments_comment
            WHERE article_id = %(article)s AND wp_comment_id IS NOT NULL)
"""


def record_of(article, submission, fingerprint, now):
    """What the database holds about this sender and these words (RECORD_SQL)."""
    with connection.cursor() as cursor:
        cursor.execute(
            RECORD_SQL,
            {
                "article": article.pk,
                "fingerprint": fingerprint,
                "email": submission.email,
                "block_email": submission.email.strip(),
                "ip": submission.ip,
                "since": now - datetime.timedelta(seconds=FLOOD_SECONDS),
                "now": now,
                "approved": Comment.Status.APPROVED.value,
                "name": submission.name,
            },
        )
        return Record(*cursor.fetchone())


def post_comment(article, parent, submission, rules, notify, now=None):
    """Store a comment with its verdict, or raise Refused having written nothing.

    notify(comment) runs after the transaction commits, for comments held for moderation.
    """
    now = now or timezone.now()
    fingerprint = Comment.make_fingerprint(submission.email, submission.text)
    record = record_of(article, submission, fingerprint, now)
    if record.duplicate:
        raise Refused(DUPLICATE_MESSAGE, 409)
    if record.flooding:
        raise Refused(FLOOD_MESSAGE, 429, retry_after=FLOOD_SECONDS)
    # A filled honeypot is a robot: no message to learn from, its post goes quietly to spam.
    if is_too_fast(submission) and not submission.honeypot.strip():
        raise Refused(TOO_FAST_MESSAGE, 429, retry_after=MIN_SECONDS_TO_SUBMIT)
    submission = replace(submission, blocked=submission.blocked or record.blocked)
    status, reasons = moderate(submission, rules, known_author=record.known_author)
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
        # Inside a caller's transaction, a savepoint keeps a refused insert from spoiling it;
        # outside one, the single INSERT is atomic by itself (no BEGIN and COMMIT to wait for).
        with transaction.atomic() if connection.in_atomic_block else nullcontext():
            comment.save()
            if comment.is_pending:
                transaction.on_commit(functools.partial(notify, comment), robust=True)
            elif comment.status == Comment.Status.APPROVED:
                announce_comments_changed({article.pk})
    except IntegrityError as exc:
        # The same words from the same commenter committed a moment before ours.
        raise Refused(DUPLICATE_MESSAGE, 409) from exc
    if not record.imports_on_story:
        comment.anchor = own_anchor(comment.pk, taken=False)
    return comment
