"""Every 429 of the comment form says when to come back (Retry-After)."""

import datetime
import math

import pytest
from django.utils import timezone

from comments.models import Comment
from tests.helpers import reply_form_data

pytestmark = pytest.mark.django_db


def test_the_flood_refusal_says_when_to_come_back(post, article):
    assert post(article).status_code == 302
    flood = post(article, comment="A second thought, at once.")
    assert flood.status_code == 429
    assert flood["Retry-After"] == "15"


def test_the_rate_limit_says_when_the_window_ends(post, article, settings, time_machine):
    # At the start of a ten-minute window.
    start = math.ceil(timezone.now().timestamp() / 600) * 600
    time_machine.move_to(datetime.datetime.fromtimestamp(start, tz=datetime.UTC), tick=False)
    settings.NEWSROOM_RATE_LIMIT_COMMENTS = "1/600"
    assert post(article).status_code == 302
    Comment.objects.update(submitted_at="2000-01-01T00:00Z")  # past the flood rule
    time_machine.shift(100)
    refused = post(article, comment="Another one.", email="other@example.com")
    assert refused.status_code == 429
    assert refused["Retry-After"] == "500"


def test_the_database_gone_says_when_to_come_back(client, article, monkeypatch):
    from django.db import OperationalError

    def down(*args, **kwargs):
        raise OperationalError("connection refused")

    monkeypatch.setattr("comments.views._post", down)
    response = client.post("/comments/post/", reply_form_data(article))
    assert response.status_code == 503
    assert response["Retry-After"] == "30"
