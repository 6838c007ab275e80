"""The registration meter: off, it adds not a byte; on, a script and Google's markup for
metered content, except on stories marked always free; the same page for every reader."""

import json

import pytest
import time_machine
from bs4 import BeautifulSoup
from django.test import Client
from django.utils import timezone

from articles.extensions import extensions
from newsroom.support.models import Supporter
from tests.factories import ArticleFactory
from tests.helpers import forget_kept

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("page_cache")]


@pytest.fixture
def story(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        return ArticleFactory(headline="Council approves the new bridge", slug="bridge")


def story_schema(response):
    scripts = BeautifulSoup(response.content, "html.parser").find_all(
        "script", type="application/ld+json"
    )
    return next(data for data in (json.loads(s.string) for s in scripts) if "headline" in data)


def test_with_the_meter_off_the_story_page_is_as_without_accounts(story, monkeypatch):
    """Not a byte of the meter while it is off: the page equals the one built with the
    readers' part taken out of the story's slots."""
    url = story.get_absolute_url()
    # One moment for both builds: the comment form's signed token carries the second.
    with time_machine.travel(timezone.now(), tick=False):
        with_meter_part = Client().get(url).content
        assert b"meter" not in with_meter_part
        assert b"isAccessibleForFree" not in with_meter_part
        slots = {
            name: [t for t in templates if not t.startswith("readers/")]
            for name, templates in extensions.template_slots.items()
        }
        monkeypatch.setattr(extensions, "template_slots", slots)
        forget_kept()
        assert Client().get(url).content == with_meter_part


def test_with_the_meter_on_the_story_says_it_is_metered(story, settings):
    settings.NEWSROOM_METER_FREE_STORIES = 3
    response = Client().get(story.get_absolute_url())
    page = BeautifulSoup(response.content, "html.parser")
    script = page.find("script", src=lambda src: src and "meter" in src)
    assert script["data-free"] == "3" and script["data-story"] == str(story.pk)
    assert page.find("template", id="meter-prompt")
    schema = story_schema(response)
    assert schema["isAccessibleForFree"] is False
    assert schema["hasPart"] == {
        "@type": "WebPageElement",
        "isAccessibleForFree": False,
        "cssSelector": ".article__body",
    }
    assert page.select_one(".article__body")


def test_a_story_marked_always_free_is_never_metered(settings, django_capture_on_commit_callbacks):
    settings.NEWSROOM_METER_FREE_STORIES = 3
    with django_capture_on_commit_callbacks(execute=True):
        story = ArticleFactory(slug="flood-warning", always_free=True)
    response = Client().get(story.get_absolute_url())
    assert b"meter" not in response.content
    assert "isAccessibleForFree" not in story_schema(response)


def test_the_metered_page_is_the_same_for_a_signed_in_reader(story, settings, reader_client):
    """Who passes the meter is the script's business (me.json): the page is everyone's."""
    settings.NEWSROOM_METER_FREE_STORIES = 3
    url = story.get_absolute_url()
    anonymous = Client().get(url)
    signed_in = reader_client.get(url)
    assert signed_in["X-Page-Cache"] == "hit"
    assert signed_in.content == anonymous.content


def test_me_json_tells_the_meter_how_many_stories_are_free(client, settings):
    settings.NEWSROOM_METER_FREE_STORIES = 5
    data = client.get("/account/me.json").json()
    assert data["meter"] == 5 and data["support_url"] is None


def test_me_json_sends_readers_to_support_once_payments_are_on(client, settings):
    settings.NEWSROOM_STRIPE_SECRET_KEY = "sk_test_meter"
    settings.NEWSROOM_STRIPE_WEBHOOK_SECRET = "whsec_meter"
    assert client.get("/account/me.json").json()["support_url"] == "/support/"


def test_a_signed_in_member_passes_the_meter(reader, reader_client, settings):
    """The support app's record of a running membership makes the reader a supporter."""
    settings.NEWSROOM_METER_FREE_STORIES = 3
    assert reader_client.get("/account/me.json").json()["supporter"] is False
    Supporter.objects.create(
        email=reader.email, amount=500, currency="eur", period="month", status="active",
        stripe_customer_id="cus_meter",
    )  # fmt: skip
    assert reader_client.get("/account/me.json").json()["supporter"] is True
