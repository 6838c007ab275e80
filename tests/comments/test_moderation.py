import datetime

import pytest
from django.utils import timezone

from comments.models import ModerationSettings
from comments.moderation import Submission, comments_closed, moderate

NOW = timezone.now()


def submission(**overrides):
    values = {
        "name": "Jane Reader", "email": "jane@example.com", "url": "",
        "text": "A fair point about the bridge.", "ip": "198.51.100.7",
        "user_agent": "Mozilla/5.0", "honeypot": "", "seconds_to_submit": 40.0,
    }  # fmt: skip
    return Submission(**{**values, **overrides})


def rules(**overrides):
    return ModerationSettings(**overrides)


@pytest.mark.parametrize(
    "changes, setting, known, status, reason",
    [
        ({}, {}, False, "pending", "first comment"),
        ({}, {}, True, "approved", "earlier approved comment"),
        ({}, {"approve_known_authors": False}, True, "pending", "switched off"),
        ({"honeypot": "x"}, {}, True, "spam", "anti-spam field"),
        ({"seconds_to_submit": 2.9}, {}, True, "approved", "earlier approved"),
        ({"seconds_to_submit": None}, {}, True, "spam", "timestamp was missing"),
        ({"text": "Great CASINO deals"}, {"disallowed_words": "casino"}, True, "spam",
         "disallowed word “casino”"),
        ({"user_agent": "SpamBot/1.0"}, {"disallowed_words": "spambot"}, True, "spam",
         "disallowed word"),
        ({"email": "x@Spam.example"}, {"disallowed_emails": "@spam.example"}, True, "spam",
         "disallowed list"),
        ({"email": "bad@example.com"}, {"disallowed_emails": "bad@example.com"}, True, "spam",
         "disallowed list"),
        ({"ip": "203.0.113.9"}, {"disallowed_ips": "203.0.113.0/24"}, True, "spam",
         "203.0.113.0/24"),
        ({"ip": "2001:db8::1"}, {"disallowed_ips": "203.0.113.0/24\nnot an ip"}, False,
         "pending", "first comment"),
        ({"text": "see http://a.example"}, {}, True, "approved", "earlier approved"),
        ({"text": "http://a.example www.b.example"}, {}, True, "pending", "2 links"),
        ({"text": "http://a.example"}, {"link_limit": 1}, True, "pending", "1 links"),
        ({"text": "http://a http://b http://c"}, {"link_limit": 0}, True, "approved",
         "earlier approved"),
        ({"text": "I will sue"}, {"moderation_words": "sue"}, True, "pending", "“sue”"),
        ({"blocked": True}, {}, True, "spam", "blocked this commenter"),
    ],
)  # fmt: skip
def test_moderate_returns_a_status_and_readable_reasons(changes, setting, known, status, reason):
    """Spam rules first, then hold rules, then the known-author rule."""
    verdict, reasons = moderate(submission(**changes), rules(**setting), known_author=known)
    assert verdict == status
    assert any(reason in line for line in reasons), reasons


def test_every_spam_reason_is_listed():
    """A moderator sees all the reasons, not just the first."""
    verdict, reasons = moderate(
        submission(honeypot="x", seconds_to_submit=None), rules(), known_author=False
    )
    assert verdict == "spam"
    assert len(reasons) == 2


class Story:
    def __init__(self, comments_open=True, days_old=1):
        self.comments_open = comments_open
        self.published_at = NOW - datetime.timedelta(days=days_old)


@pytest.mark.parametrize(
    "story, close_after, closed",
    [(Story(), 0, False), (Story(comments_open=False), 0, True), (Story(days_old=400), 0, False),
     (Story(days_old=13), 14, False), (Story(days_old=14), 14, True)],
)  # fmt: skip
def test_comments_close_by_the_editor_or_after_n_days(story, close_after, closed):
    """Closed when the editor says so, or when the close-after setting has passed."""
    assert comments_closed(story, rules(close_after_days=close_after), now=NOW) is closed
