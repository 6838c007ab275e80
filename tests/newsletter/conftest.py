import re

import pytest

from newsroom.newsletter.models import Subscriber


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
    """A reader who confirmed their subscription."""

    def make(email="reader@example.com", status=Subscriber.Status.ACTIVE):
        return Subscriber.objects.create(email=email, status=status)

    return make
