"""Telling editors a story was submitted for review, by a background task after commit."""

import logging
import smtplib

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.core.mail import send_mail
from django.db.models import Q
from django.template.loader import render_to_string
from django_tasks import task

from articles.models import Article

logger = logging.getLogger(__name__)


def editors():
    """Email addresses of the active people who may publish (the Editor role, superusers)."""
    publish = Permission.objects.filter(
        content_type__app_label="articles", codename="publish_article"
    )
    users = get_user_model().objects.filter(
        Q(is_superuser=True) | Q(groups__permissions__in=publish) | Q(user_permissions__in=publish),
        is_active=True,
    )
    return sorted(set(users.exclude(email="").values_list("email", flat=True)))


@task()
def notify_editors(article_id, submitted_by, change_url):
    """Email the editors that a story waits for them; a mail server that is down only logs."""
    article = Article.objects.filter(pk=article_id).first()
    if article is None or article.status != Article.Status.IN_REVIEW:
        return 0
    to = editors()
    if not to:
        return 0
    context = {"article": article, "submitted_by": submitted_by, "change_url": change_url}
    subject = f"[{settings.NEWSROOM_SITE_NAME}] Ready for review: “{article.headline}”"
    try:
        return send_mail(
            " ".join(subject.split()),
            render_to_string("articles/email/review.txt", context),
            None,
            to,
        )
    except (OSError, smtplib.SMTPException):
        # The story is safe in the review queue whatever happens to its notice.
        logger.exception("Could not send the review notice for article %s", article_id)
        return 0
