"""Search and the comment form per reader's address: a limit with a message, not a flood."""

import pytest
from bs4 import BeautifulSoup

from comments.models import Comment
from newsroom.security.ratelimit import SEARCH_MESSAGE


@pytest.fixture
def limits(settings):
    settings.NEWSROOM_RATE_LIMIT_SEARCH = "5/60"
    settings.NEWSROOM_RATE_LIMIT_COMMENTS = "2/600"


def test_searches_past_the_limit_get_a_429_with_retry_after(client, db, limits):
    for _ in range(5):
        assert client.get("/search/?q=bridge", REMOTE_ADDR="203.0.113.7").status_code == 200
    refused = client.get("/search/?q=bridge", REMOTE_ADDR="203.0.113.7")
    assert refused.status_code == 429
    assert SEARCH_MESSAGE in refused.text
    assert 0 < int(refused["Retry-After"]) <= 60
    # Another reader is not held up, and other pages stay open to the first.
    assert client.get("/search/?q=bridge", REMOTE_ADDR="203.0.113.8").status_code == 200
    assert client.get("/", REMOTE_ADDR="203.0.113.7").status_code == 200


def test_the_limit_counts_the_address_behind_the_trusted_proxy(client, db, limits, settings):
    settings.NEWSROOM_TRUSTED_PROXIES = 1
    for number in range(6):
        response = client.get(
            "/search/?q=x",
            REMOTE_ADDR="10.0.0.1",
            headers={"X-Forwarded-For": f"198.51.100.{number}"},
        )
        assert response.status_code == 200


def test_the_limit_resets_with_the_next_window(client, db, limits, time_machine):
    time_machine.move_to("2026-03-02 09:00:00Z", tick=False)
    for _ in range(6):
        client.get("/search/?q=x")
    time_machine.shift(61)
    assert client.get("/search/?q=x").status_code == 200


def test_comments_past_the_limit_get_the_form_back_with_the_text(post, article, limits):
    for number in range(2):
        assert post(article, comment=f"Comment number {number}", email=f"r{number}@example.com",
                    ip="203.0.113.7").status_code == 302  # fmt: skip
        Comment.objects.update(submitted_at="2000-01-01T00:00Z")  # past the flood rule
    refused = post(article, comment="A third thought.", email="r3@example.com", ip="203.0.113.7")
    assert refused.status_code == 429
    page = BeautifulSoup(refused.content, "html.parser")
    assert "many comments from this address" in page.select_one("#comment-errors").text
    assert page.select_one("textarea#comment").text == "A third thought."
    assert Comment.objects.count() == 2


def test_no_limit_when_set_to_zero(client, db, settings):
    settings.NEWSROOM_RATE_LIMIT_SEARCH = "0"
    for _ in range(40):
        assert client.get("/search/?q=x").status_code == 200
