"""Blocking a commenter, and, as a separate, explicit choice, an IP address for a while.

Blocking a commenter blocks their email: new comments from it go quietly to spam, and those
already shown are hidden (kept as spam, remembered, put back when the block is lifted).
Nobody else is caught. Blocking an address catches everyone who comments from it (a household,
an office, a phone network), so it ends by itself after the days chosen, and hides nothing
already posted. Both are plain functions so the admin's actions and the tests share them;
each announces the stories whose threads changed, after commit.
"""

import datetime

from django.db import transaction
from django.utils import timezone

from comments.models import Comment, CommenterBlock
from comments.signals import announce_comments_changed

Status = Comment.Status
VISIBLE = (Status.APPROVED, Status.PENDING)
# The choices of how long an address stays blocked, in days, the first the default.
ADDRESS_BLOCK_DAYS = (1, 7, 30)


@transaction.atomic
def block(comment, user, *, hide=True, reason=""):
    """Block the email of comment's author; with hide, their shown comments become spam.

    (block, comments hidden); (None, 0) for a comment without an email."""
    email = comment.author_email.strip()
    if not email:
        return None, 0
    existing = CommenterBlock.objects.active().filter(email__iexact=email)
    if existing.exists():
        return existing.first(), 0
    hidden = {}
    article_ids = set()
    if hide:
        for pk, status, article_id in Comment.objects.filter(
            author_email__iexact=email, status__in=VISIBLE
        ).values_list("pk", "status", "article_id"):
            hidden[str(pk)] = status
            article_ids.add(article_id)
        Comment.objects.filter(pk__in=[int(pk) for pk in hidden]).update(
            status=Status.SPAM, moderated_by=user, moderated_at=timezone.now()
        )
    made = CommenterBlock.objects.create(
        email=email, name=comment.author_name, reason=reason, blocked_by=user, hidden=hidden
    )
    announce_comments_changed(article_ids)
    return made, len(hidden)


@transaction.atomic
def block_address(ip, user, *, days, name="", reason=""):
    """Block everyone commenting from ip for days; an active block of it is lengthened."""
    ends = timezone.now() + datetime.timedelta(days=days)
    existing = CommenterBlock.objects.active().filter(email="", ip_address=ip).first()
    if existing is not None:
        existing.expires_at = max(existing.expires_at, ends)
        existing.save(update_fields=["expires_at"])
        return existing
    return CommenterBlock.objects.create(
        ip_address=ip, expires_at=ends, name=name, reason=reason, blocked_by=user
    )


@transaction.atomic
def lift(commenter_block, user):
    """Lift a block: new comments are judged as usual, hidden ones return to their status."""
    restored = 0
    article_ids = set()
    for pk, status in commenter_block.hidden.items():
        # A comment a moderator has dealt with since (approved, trashed, deleted) stays so.
        comment = Comment.objects.filter(pk=int(pk), status=Status.SPAM).first()
        if comment is not None:
            comment.status, comment.moderated_by = status, user
            comment.moderated_at = timezone.now()
            comment.save(update_fields=["status", "moderated_by", "moderated_at"])
            restored += 1
            article_ids.add(comment.article_id)
    commenter_block.lifted_at = timezone.now()
    commenter_block.save(update_fields=["lifted_at"])
    announce_comments_changed(article_ids)
    return restored
