"""Breaking news: one story mailed to a list at once, at most one alert every
NEWSROOM_BREAKING_ALERT_MINUTES per list, in batches of background tasks, never twice to one
reader (the unique alert and reader pair, as the daily newsletter's deliveries)."""

import datetime

from django.conf import settings
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.utils import timezone
from django_tasks import task

from newsroom.newsletter.digest import list_message, picture_url
from newsroom.newsletter.links import absolute
from newsroom.newsletter.models import Alert, NewsletterList
from newsroom.newsletter.sending import send_next_batch


class Refused(Exception):
    def __init__(self, message):
        super().__init__(message)
        self.message = message


def gap():
    return datetime.timedelta(minutes=settings.NEWSROOM_BREAKING_ALERT_MINUTES)


def next_allowed(newsletter, now=None):
    """When the next alert to this list may go, or None when it may go now."""
    now = now or timezone.now()
    last = newsletter.alerts.order_by("-started_at").values_list("started_at", flat=True).first()
    if last is not None and now - last < gap():
        return last + gap()
    return None


def start_alert(article, newsletter, started_by, now=None):
    """Queue the alert; Refused (with a message for the editor) when it may not go."""
    now = now or timezone.now()
    if not article.is_published():
        raise Refused("Only a published story can be sent as an alert.")
    with transaction.atomic():
        # One editor at a time per list: the second waits here, then sees the first's alert.
        NewsletterList.objects.select_for_update().get(pk=newsletter.pk)
        if Alert.objects.filter(newsletter=newsletter, article=article).exists():
            raise Refused(f"This story was already sent to “{newsletter}”.")
        due = next_allowed(newsletter, now)
        if due is not None:
            raise Refused(
                f"An alert went to “{newsletter}” less than "
                f"{settings.NEWSROOM_BREAKING_ALERT_MINUTES} minutes ago. The next may go at "
                f"{timezone.localtime(due):%H:%M}."
            )
        try:
            with transaction.atomic():
                alert = Alert.objects.create(
                    newsletter=newsletter,
                    article=article,
                    started_at=now,
                    last_batch_at=now,
                    started_by=started_by,
                )
        except IntegrityError as error:
            raise Refused(f"This story was already sent to “{newsletter}”.") from error
        transaction.on_commit(lambda: send_alert_batch.enqueue(alert.pk))
    return alert


def alert_context(alert):
    story = alert.article
    return {
        "site_name": settings.NEWSROOM_SITE_NAME,
        "site_url": absolute("/"),
        "newsletter": alert.newsletter,
        "headline": story.headline,
        "dek": story.dek or story.teaser,
        "url": absolute(story.get_absolute_url()),
        "picture": picture_url(story.featured_image),
        "alt": story.featured_image.alt_text if story.featured_image else "",
    }


def render_alert(context, unsubscribe_url):
    context = {**context, "unsubscribe_url": unsubscribe_url}
    return (
        render_to_string("newsletter/email/alert.txt", context),
        render_to_string("newsletter/email/alert.html", context),
    )


def subject(alert):
    return f"Breaking: {alert.article.headline}"


@task()
def send_alert_batch(alert_id):
    alert = (
        Alert.objects.filter(pk=alert_id, status=Alert.Status.SENDING)
        .select_related("article__section", "article__featured_image", "newsletter")
        .first()
    )
    if alert is None:
        return
    context = alert_context(alert)

    def message(subscriber):
        return list_message(
            alert.newsletter, subscriber, subject(alert), lambda url: render_alert(context, url)
        )

    send_next_batch(alert, message, send_alert_batch.enqueue)
