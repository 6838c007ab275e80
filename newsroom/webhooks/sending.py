"""Sending a delivery: signed per Standard Webhooks, by a background task, retried with
backoff for about a day, every attempt logged.

A delivery is claimed before it is sent (its next attempt moved a minute ahead in one UPDATE),
so two workers, a retry queued twice or the clock's sweep never send it twice at once; a worker
that dies mid-send leaves it due again a minute later.
"""

import logging
import time
import urllib.error
import urllib.request
from datetime import timedelta

from django.db import transaction
from django.utils import timezone
from django_tasks import task
from standardwebhooks.webhooks import Webhook

from newsroom.webhooks.models import Attempt, Delivery

logger = logging.getLogger(__name__)

# After each failed attempt, the wait before the next: 8 attempts over 23 h 36 min, then the
# delivery is marked failed (Standard Webhooks suggests retrying for about a day).
BACKOFF = (
    timedelta(minutes=1),
    timedelta(minutes=5),
    timedelta(minutes=30),
    timedelta(hours=2),
    timedelta(hours=5),
    timedelta(hours=8),
    timedelta(hours=8),
)
TIMEOUT_SECONDS = 10
CLAIM = timedelta(minutes=1)
USER_AGENT = "Newsroom-Webhooks/1"


class _NoRedirects(urllib.request.HTTPRedirectHandler):
    """A redirect is an answer like any other non-2xx one: logged, retried, never followed."""

    def redirect_request(self, *args, **kwargs):
        return None


_opener = urllib.request.build_opener(_NoRedirects)


def signed_headers(delivery, now):
    return {
        "Content-Type": "application/json",
        "User-Agent": USER_AGENT,
        "webhook-id": delivery.message_id,
        "webhook-timestamp": str(int(now.timestamp())),
        "webhook-signature": Webhook(delivery.endpoint.secret).sign(
            delivery.message_id, now, delivery.payload
        ),
    }


def post(delivery, now):
    """(status code or None, error) of one POST to the endpoint."""
    request = urllib.request.Request(
        delivery.endpoint.url,
        data=delivery.payload.encode(),
        headers=signed_headers(delivery, now),
        method="POST",
    )
    try:
        with _opener.open(request, timeout=TIMEOUT_SECONDS) as response:
            return response.status, ""
    except urllib.error.HTTPError as answer:
        return answer.code, ""
    except (urllib.error.URLError, OSError, ValueError) as exc:
        reason = getattr(exc, "reason", exc)
        return None, str(reason)[:300] or type(exc).__name__


def claim(delivery_id, now):
    return Delivery.objects.filter(
        pk=delivery_id, status=Delivery.Status.PENDING, next_attempt_at__lte=now
    ).update(next_attempt_at=now + CLAIM)


def defers():
    return send_delivery.get_backend().supports_defer


@task()
def send_delivery(delivery_id):
    """One attempt at a delivery, if it is due and nobody else is at it."""
    now = timezone.now()
    if not claim(delivery_id, now):
        return None
    delivery = Delivery.objects.select_related("endpoint").get(pk=delivery_id)
    started = time.monotonic()
    code, error = post(delivery, now)
    took = int((time.monotonic() - started) * 1000)
    delivered = code is not None and 200 <= code < 300
    with transaction.atomic():
        Attempt.objects.create(
            delivery=delivery, at=now, response_code=code, error=error, duration_ms=took
        )
        delivery.attempts += 1
        delivery.round_attempts += 1
        delivery.last_attempt_at, delivery.response_code = now, code
        if delivered:
            delivery.status, delivery.next_attempt_at = Delivery.Status.DELIVERED, None
        elif delivery.round_attempts <= len(BACKOFF):
            delivery.next_attempt_at = now + BACKOFF[delivery.round_attempts - 1]
        else:
            delivery.status, delivery.next_attempt_at = Delivery.Status.FAILED, None
            logger.warning("Gave up on %s after %d attempts", delivery, delivery.round_attempts)
        delivery.save()
    if delivery.status == Delivery.Status.PENDING and defers():
        send_delivery.using(run_after=delivery.next_attempt_at).enqueue(delivery.pk)
    return delivery.status


def retry_due(now=None):
    """The clock's part: queue the deliveries whose next attempt is due. With a backend that
    runs tasks later by itself (run_after), only those whose queued retry was lost."""
    now = now or timezone.now()
    late = now - CLAIM if defers() else now
    due = Delivery.objects.filter(status=Delivery.Status.PENDING, next_attempt_at__lte=late)
    for delivery_id in due.values_list("pk", flat=True)[:500]:
        send_delivery.enqueue(delivery_id)


def send_again(deliveries):
    """Start the given deliveries over (a new day of retries), at once, after commit."""
    ids = list(deliveries.values_list("pk", flat=True))
    Delivery.objects.filter(pk__in=ids).update(
        status=Delivery.Status.PENDING, next_attempt_at=timezone.now(), round_attempts=0
    )
    transaction.on_commit(lambda: [send_delivery.enqueue(pk) for pk in ids])
    return len(ids)
