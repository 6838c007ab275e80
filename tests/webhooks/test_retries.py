"""A receiver that is down gets retries with backoff for about a day, each attempt logged;
an editor sends a delivery again from the admin."""

import datetime

import pytest
import time_machine
from bs4 import BeautifulSoup
from django.utils import timezone

from newsroom.webhooks.models import Attempt, Delivery, Endpoint, Event
from newsroom.webhooks.sending import BACKOFF, retry_due, send_delivery
from tests.factories import ArticleFactory
from tests.helpers import client_for

pytestmark = pytest.mark.django_db


@pytest.fixture
def down(db, closed_port):
    return Endpoint.objects.create(name="Down", url=closed_port, events=list(Event.values))


def test_a_receiver_that_is_down_is_tried_for_a_day_then_given_up(down, committed):
    start = timezone.now().replace(microsecond=0)
    with time_machine.travel(start, tick=False), committed():
        ArticleFactory()
    delivery = Delivery.objects.get()
    assert (delivery.status, delivery.attempts) == ("pending", 1)
    assert delivery.next_attempt_at == start + BACKOFF[0]
    moment = start
    for wait in BACKOFF:
        # Not before its time: the clock finds nothing due a second early.
        with time_machine.travel(moment + wait - datetime.timedelta(seconds=1), tick=False):
            retry_due()
        moment += wait
        with time_machine.travel(moment, tick=False):
            retry_due()
    delivery.refresh_from_db()
    assert delivery.attempts == len(BACKOFF) + 1 == 8
    assert delivery.status == "failed" and delivery.next_attempt_at is None
    assert datetime.timedelta(hours=23) < moment - start < datetime.timedelta(hours=25)
    tries = list(delivery.tries.all())
    assert [t.at for t in tries][-1] == moment
    assert all(t.response_code is None and t.error for t in tries)


def test_an_error_answer_is_logged_with_its_code_and_retried(endpoint, receiver, committed):
    receiver.status = 500
    with committed():
        ArticleFactory()
    delivery = Delivery.objects.get()
    assert (delivery.status, delivery.response_code) == ("pending", 500)
    receiver.status = 200
    with time_machine.travel(delivery.next_attempt_at + datetime.timedelta(seconds=1)):
        retry_due()
    delivery.refresh_from_db()
    assert (delivery.status, delivery.attempts, delivery.response_code) == ("delivered", 2, 200)
    assert [t.response_code for t in delivery.tries.all()] == [500, 200]
    assert receiver.calls[0]["headers"]["webhook-id"] == receiver.calls[1]["headers"]["webhook-id"]


def test_a_delivery_is_never_sent_twice_at_once(endpoint, receiver, committed):
    receiver.status = 500
    with committed():
        ArticleFactory()
    delivery = Delivery.objects.get()
    # Queued twice (a deferred retry and the clock's sweep): the second finds it claimed.
    with time_machine.travel(delivery.next_attempt_at, tick=False):
        send_delivery.call(delivery.pk)
        send_delivery.call(delivery.pk)
    assert Attempt.objects.count() == 2


def test_the_log_shows_the_attempts_and_send_again_starts_over(down, editor, receiver, committed):
    with committed():
        ArticleFactory()
    delivery = Delivery.objects.get()
    client = client_for(editor)
    listing = client.get("/admin/webhooks/delivery/")
    assert listing.status_code == 200
    row = BeautifulSoup(listing.content, "html.parser").select_one("#result_list tbody tr")
    assert "story.published" in row.get_text() and "Being sent" in row.get_text()
    page = client.get(f"/admin/webhooks/delivery/{delivery.pk}/change/")
    assert "Connection refused" in page.content.decode()

    # The partner's server is back, at another address.
    down.url = receiver.url
    down.save()
    receiver.secret = down.secret
    with committed():
        answer = client.post(
            "/admin/webhooks/delivery/",
            {"action": "send_again", "_selected_action": [delivery.pk]},
            follow=True,
        )
    assert "Sending 1 delivery(ies) again." in answer.content.decode()
    delivery.refresh_from_db()
    assert (delivery.status, delivery.attempts, delivery.response_code) == ("delivered", 2, 204)
    assert receiver.calls[0]["verified"]
