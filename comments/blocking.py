"""Blocking a commenter: their email and IP address go to spam, their comments out of sight.

Both directions are plain functions so the admin's actions and the tests share them; each
announces the stories whose threads changed, after commit.
"""

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from comments.models import Comment, CommenterBlock
from comments.signals import announce_comments_changed

Status = Comment.Status
VISIBLE = (Status.APPROVED, Status.PENDING)


def their_comments(email, ip):
    match = Q(pk__in=[])
    if email:
        match |= Q(author_email__iexact=email)
    if ip:
        match |= Q(ip_address=ip)
    return Comment.objects.filter(match)


@transaction.atomic
def block(comment, user, *, hide=True, reason=""):
    """Block the author of comment by email and IP; with hide, mark their comments as spam."""
    existing = CommenterBlock.objects.active().matching(comment.author_email, comment.ip_address)
    if existing.exists():
        return existing.first(), 0
    hidden = {}
    article_ids = set()
    if hide:
        for pk, status, article_id in (
            their_comments(comment.author_email, comment.ip_address)
            .filter(status__in=VISIBLE)
            .values_list("pk", "status", "article_id")
        ):
            hidden[str(pk)] = status
            article_ids.add(article_id)
        Comment.objects.filter(pk__in=[int(pk) for pk in hidden]).update(
            status=Status.SPAM, moderated_by=user, moderated_at=timezone.now()
        )
    made = CommenterBlock.objects.create(
        email=comment.author_email,
        ip_address=comment.ip_address,
        name=comment.author_name,
        reason=reason,
        blocked_by=user,
        hidden=hidden,
    )
    announce_comments_changed(article_ids)
    return made, len(hidden)


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
