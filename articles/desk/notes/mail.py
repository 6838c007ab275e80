"""Telling a colleague they were mentioned in a note, by a background task after commit."""

import logging
import smtplib

from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django_tasks import task

from articles.desk import workflow
from articles.models import Note

logger = logging.getLogger(__name__)


@task()
def notify_mentioned(note_id, change_url):
    """Email each person the note mentions; a mail server that is down only logs."""
    note = Note.objects.filter(pk=note_id).select_related("article", "author").first()
    if note is None:
        return 0
    sent = 0
    writer = workflow.display_name(note.author) if note.author else "A colleague"
    subject = f"[{settings.NEWSROOM_SITE_NAME}] {writer} mentioned you on “{note.article.headline}”"
    context = {"note": note, "writer": writer, "change_url": change_url}
    for person in note.mentions.exclude(email=""):
        try:
            sent += send_mail(
                " ".join(subject.split()),
                render_to_string("articles/email/mention.txt", context),
                None,
                [person.email],
            )
        except (OSError, smtplib.SMTPException):
            # The note is kept, and the desk shows it, whatever happens to its mail.
            logger.exception("Could not send the mention notice for note %s", note_id)
    return sent
