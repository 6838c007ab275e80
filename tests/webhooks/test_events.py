"""Every event reaches a partner's receiver, signed so the official library verifies it, from
the one place every change goes through (article_changed): saves, deletes, corrections, live
updates, and the scheduler's publication at its second."""

import datetime

import pytest
import time_machine
from django.utils import timezone

from articles.models import Article
from articles.scheduling import announce_due_publications
from newsroom.webhooks.announcing import Seen, decide
from newsroom.webhooks.models import Delivery, Event
from tests.factories import ArticleFactory, CorrectionFactory, LiveUpdateFactory

pytestmark = pytest.mark.django_db


def test_publishing_sends_story_published_signed(endpoint, receiver, committed):
    with committed():
        story = ArticleFactory(headline="Bridge opens", slug="bridge-opens")
    [call] = receiver.calls
    assert call["verified"]
    assert call["event"]["type"] == "story.published"
    data = call["event"]["data"]
    assert data["id"] == story.pk and data["headline"] == "Bridge opens"
    assert data["url"].endswith("/world/bridge-opens/")
    assert data["api_url"].endswith(f"/api/v1/stories/{story.pk}")
    assert call["headers"]["webhook-id"].startswith("msg_")
    delivery = Delivery.objects.get()
    assert (delivery.status, delivery.attempts, delivery.response_code) == ("delivered", 1, 204)


def test_an_edit_readers_see_sends_story_updated_and_one_they_do_not_sends_nothing(
    endpoint, receiver, committed
):
    with committed():
        story = ArticleFactory()
    with committed():
        story.comments_open = False
        story.save()
    assert receiver.types == ["story.published"]
    with committed():
        story.headline = "A better headline"
        story.save()
    assert receiver.types == ["story.published", "story.updated"]
    assert receiver.calls[-1]["event"]["data"]["headline"] == "A better headline"
    with committed():
        story.tags.add("ferries")
    assert receiver.types[-1] == "story.updated"


def test_unpublishing_and_deleting_send_story_unpublished(endpoint, receiver, committed):
    with committed():
        first, second = ArticleFactory(), ArticleFactory()
    with committed():
        first.status = Article.Status.UNPUBLISHED
        first.save()
    with committed():
        second_id, second_headline = second.pk, second.headline
        second.delete()
    unpublished = [
        c["event"]["data"] for c in receiver.calls if c["event"]["type"].endswith("unpublished")
    ]
    assert [d["id"] for d in unpublished] == [first.pk, second_id]
    assert unpublished[1]["headline"] == second_headline
    assert all(call["verified"] for call in receiver.calls)


def test_a_draft_never_reaches_a_partner(endpoint, receiver, committed):
    with committed():
        draft = ArticleFactory(draft=True)
    with committed():
        draft.headline = "Still a draft"
        draft.save()
        ArticleFactory(scheduled=True)
    assert receiver.calls == []


def test_a_published_correction_sends_correction_published(endpoint, receiver, committed):
    with committed():
        story = ArticleFactory()
    with committed():
        CorrectionFactory(article=story, text="A draft note.", draft=True)
    assert receiver.types == ["story.published"]
    with committed():
        correction = CorrectionFactory(article=story, text="It is 1.2 km long.")
    assert receiver.types == ["story.published", "correction.published"]
    data = receiver.calls[-1]["event"]["data"]
    assert data["correction"]["id"] == correction.pk
    assert data["correction"]["text"] == "It is 1.2 km long."
    assert data["story"]["id"] == story.pk


def test_a_live_update_sends_live_update_posted(endpoint, receiver, committed):
    with committed():
        story = ArticleFactory(live_coverage_start=timezone.now())
    with committed():
        update = LiveUpdateFactory(article=story, text="Delegates return.", is_key_event=True)
    assert receiver.types == ["story.published", "live_update.posted"]
    data = receiver.calls[-1]["event"]["data"]
    assert data["live_update"]["id"] == update.pk
    assert data["live_update"]["key_event"] is True
    assert all(call["verified"] for call in receiver.calls)


def test_an_endpoint_hears_only_the_events_it_chose(endpoint, receiver, committed):
    endpoint.events = [Event.STORY_UNPUBLISHED]
    endpoint.save()
    with committed():
        story = ArticleFactory()
    with committed():
        story.delete()
    assert receiver.types == ["story.unpublished"]


def test_the_scheduled_publication_fires_story_published_at_its_second(
    endpoint, receiver, committed
):
    """Nobody saves anything at 09:00: the scheduler's announcement at the story's second is
    the change, and partners hear story.published then, signed with that second."""
    nine = timezone.now().replace(microsecond=0) + datetime.timedelta(hours=2)
    with time_machine.travel(nine - datetime.timedelta(hours=1), tick=False):
        with committed():
            ArticleFactory(headline="Budget at nine", published_at=nine)
            announce_due_publications()
        assert receiver.calls == []
    with time_machine.travel(nine - datetime.timedelta(seconds=1), tick=False), committed():
        announce_due_publications()
    assert receiver.calls == []
    with time_machine.travel(nine, tick=False), committed():
        announce_due_publications()
    [call] = receiver.calls
    assert call["event"]["type"] == "story.published"
    assert call["event"]["data"]["headline"] == "Budget at nine"
    assert int(call["headers"]["webhook-timestamp"]) == int(nine.timestamp())


OUT = Seen(True, "abc", (1,), (7,))


@pytest.mark.parametrize(
    ("told", "now", "events"),
    [
        (None, None, []),
        (None, OUT, [(Event.STORY_PUBLISHED, None)]),
        (Seen(False), OUT, [(Event.STORY_PUBLISHED, None)]),
        (OUT, OUT, []),
        (OUT, None, [(Event.STORY_UNPUBLISHED, None)]),
        (Seen(False), None, []),
        (OUT, Seen(True, "new", (1,), (7,)), [(Event.STORY_UPDATED, None)]),
        (OUT, Seen(True, "abc", (1, 2), (7,)), [(Event.CORRECTION_PUBLISHED, 2)]),
        (
            OUT,
            Seen(True, "abc", (1,), (7, 8, 9)),
            [(Event.LIVE_UPDATE_POSTED, 8), (Event.LIVE_UPDATE_POSTED, 9)],
        ),
        (OUT, Seen(True, "abc", (), ()), []),
    ],
)
def test_what_partners_were_told_decides_the_event(told, now, events):
    assert decide(told, now) == events


def test_times_in_a_payload_are_iso_8601(endpoint, receiver, committed):
    with committed():
        story = ArticleFactory()
        CorrectionFactory(article=story)
    event = receiver.calls[0]["event"]
    assert datetime.datetime.fromisoformat(event["timestamp"])
    published = datetime.datetime.fromisoformat(event["data"]["published_at"])
    assert abs(published - story.published_at) < datetime.timedelta(seconds=1)
    assert "T" in event["data"]["published_at"]
