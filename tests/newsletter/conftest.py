import re

import pytest

from newsroom.newsletter import lists
from newsroom.newsletter.models import Subscriber, Subscription


@pytest.fixture(autouse=True)
def _site_url(settings):
    settings.NEWSROOM_SITE_URL = "https://news.example.com"


def link_in(message, path):
    """The first link to `path` in a mail's plain-text part, as a path the test client takes."""
    match = re.search(rf"https?://[^/\s]+({re.escape(path)}[^\s>]*)", message.body)
    assert match, message.body
    return match.group(1)


@pytest.fixture
def subscriber(db):
    """A reader who confirmed their subscription to the daily newsletter."""

    def make(email="reader@example.com", status=Subscriber.Status.ACTIVE):
        subscriber = Subscriber.objects.create(email=email, status=status)
        Subscription.objects.create(
            subscriber=subscriber,
            newsletter=lists.daily(),
            status=Subscription.Status.ACTIVE
            if status == Subscriber.Status.ACTIVE
            else Subscription.Status.PENDING,
        )
        return subscriber

    return make
