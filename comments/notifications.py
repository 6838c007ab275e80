"""Telling moderators about comments held for them, by a background task after commit."""

import logging
import smtplib

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django_tasks import task

from comments.models import Comment, ModerationSettings

logger = logging.getLogger(__name__)

# The group told about held comments when no addresses are set (newsroom.staff.roles makes it).
MODERATOR_ROLE = "Moderator"


def recipients(rules):
    addresses = ModerationSettings.lines(rules.notify_emails)
    if addresses:
        return addresses
    users = (
        get_user_model()
        .objects.filter(groups__name=MODERATOR_ROLE, is_active=True)
        .exclude(email="")
    )
    return sorted(set(users.values_list("email", flat=True)))


@task()
def notify_moderators(comment_id, article_url, queue_url):
    """Email the moderators about one held comment; a mail server that is down only logs."""
    comment = Comment.objects.select_related("article").filter(pk=comment_id).first()
    if comment is None or not comment.is_pending:
        return 0
    to = recipients(ModerationSettings.load())
    if not to:
        return 0
    context = {"comment": comment, "article_url": article_url, "queue_url": queue_url}
    subject = f"[{settings.NEWSROOM_SITE_NAME}] Please moderate: “{comment.article.headline}”"
    try:
        return send_mail(
            " ".join(subject.split()),
            render_to_string("comments/email/moderate.txt", context),
            None,
            to,
        )
    except (OSError, smtplib.SMTPException):
        # The comment is safe in the queue whatever happens to its notice.
        logger.exception("Could not send the moderation notice for comment %s", comment_id)
        return 0


def notifier(request):
    """What post_comment calls after commit: enqueue the notice with absolute links."""

    def notify(comment):
        notify_moderators.enqueue(
            comment.pk,
            request.build_absolute_uri(comment.article.get_absolute_url()),
            request.build_absolute_uri(comment.get_admin_url()),
        )

    return notify
