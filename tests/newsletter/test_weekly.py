"""A section's weekly newsletter: the week's stories of its section, on the outlet's day."""

import datetime

import pytest
import time_machine
from django.core import mail
from django.utils import timezone

from newsroom.newsletter import lists
from newsroom.newsletter.models import Issue, NewsletterList, NewsletterSettings
from newsroom.newsletter.sending import send_due
from tests.factories import ArticleFactory, SectionFactory

pytestmark = pytest.mark.django_db
# A Friday, the weekly newsletters' day unless the settings say otherwise.
FRIDAY = datetime.datetime(2026, 3, 13, 7, 30, tzinfo=datetime.UTC)


@pytest.fixture
def clock(django_capture_on_commit_callbacks):
    def at(moment):
        with (
            time_machine.travel(moment, tick=False),
            django_capture_on_commit_callbacks(execute=True),
        ):
            send_due(timezone.now())

    return at


@pytest.fixture
def sport(subscriber):
    section = SectionFactory(name="Sport", slug="sport")
    weekly = NewsletterList.objects.create(
        name="The week in sport", slug="sport-weekly", kind="weekly", section=section
    )
    fan = subscriber("fan@example.com")
    lists.choose(fan.email, [weekly])
    subscriber("daily@example.com")
    with time_machine.travel(FRIDAY, tick=False):
        now = timezone.now()
        ArticleFactory(
            headline="Harriers win the cup",
            section=section,
            published_at=now - datetime.timedelta(days=3),
        )
        ArticleFactory(
            headline="Last month's derby",
            section=section,
            published_at=now - datetime.timedelta(days=20),
        )
        ArticleFactory(headline="Council meets", published_at=now - datetime.timedelta(hours=3))
    return weekly


def test_the_weekly_newsletter_carries_its_sections_week_to_its_readers(sport, clock):
    clock(FRIDAY)
    weekly = next(m for m in mail.outbox if m.to == ["fan@example.com"])
    assert weekly.subject == "The Daily Ledger: The week in sport, week of 13 March"
    assert "HARRIERS WIN THE CUP" in weekly.body
    assert "DERBY" not in weekly.body and "COUNCIL MEETS" not in weekly.body
    assert "sport-weekly" in weekly.extra_headers["List-Id"]
    daily = next(m for m in mail.outbox if m.to == ["daily@example.com"])
    assert "COUNCIL MEETS" in daily.body
    assert Issue.objects.get(newsletter=sport).status == Issue.Status.SENT


def test_the_weekly_newsletter_waits_for_its_day(sport, clock):
    settings = NewsletterSettings.load()
    settings.weekly_day = 0  # Monday
    settings.save()
    clock(FRIDAY)
    assert not Issue.objects.filter(newsletter=sport).exists()
    assert [m.to for m in mail.outbox] == [["daily@example.com"]]
