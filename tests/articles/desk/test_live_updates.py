"""Posting live updates from the admin: one field, one button, newest first, editable."""

import datetime

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse
from django.utils import timezone

from articles.models import LiveUpdate
from tests.factories import ArticleFactory, LiveUpdateFactory, uploaded_image
from tests.helpers import admin_form_data, client_for

pytestmark = pytest.mark.django_db


@pytest.fixture
def story():
    return ArticleFactory(live_coverage_start=timezone.now() - datetime.timedelta(minutes=5))


def live_url(article):
    return reverse("admin:articles_article_live", args=[article.pk])


@pytest.mark.parametrize("role", ["reporter", "editor"])
def test_reporters_and_editors_post_an_update_with_one_field(request, role, story):
    user = request.getfixturevalue(role)
    client = client_for(user)
    page = BeautifulSoup(client.get(live_url(story)).content, "html.parser")
    assert page.find("textarea", attrs={"name": "text"}).has_attr("autofocus")
    assert page.find("input", type="submit")["value"] == "Post update"

    response = client.post(live_url(story), {"text": "The storm makes landfall."})
    assert response.status_code == 302
    assert response["Location"] == live_url(story)
    update = LiveUpdate.objects.get()
    assert (update.article, update.created_by, update.text) == (
        story,
        user,
        "The storm makes landfall.",
    )
    assert "The storm makes landfall." in client.get(story.get_absolute_url()).content.decode()


def test_the_posting_page_lists_updates_newest_first_with_edit_links(editor, story):
    older = LiveUpdateFactory(
        article=story, posted_at=timezone.now() - datetime.timedelta(minutes=2)
    )
    newer = LiveUpdateFactory(article=story)
    page = BeautifulSoup(client_for(editor).get(live_url(story)).content, "html.parser")
    edits = [a["href"] for a in page.select(".live-desk__update a")]
    assert edits == [
        reverse("admin:articles_liveupdate_change", args=[newer.pk]),
        reverse("admin:articles_liveupdate_change", args=[older.pk]),
    ]


def test_a_key_event_with_a_picture_and_pin(editor, story):
    response = client_for(editor).post(
        live_url(story),
        {
            "text": "Evacuation ordered.",
            "is_key_event": "on",
            "is_pinned": "on",
            "picture": uploaded_image(width=480, height=320),
            "picture_alt": "Residents board buses",
        },
    )
    assert response.status_code == 302
    update = LiveUpdate.objects.get()
    assert update.is_key_event and update.is_pinned
    assert update.image.alt_text == "Residents board buses"
    assert update.image.uploaded_by == editor


def test_a_picture_without_alt_text_is_refused_and_the_text_kept(editor, story):
    response = client_for(editor).post(
        live_url(story),
        {"text": "Evacuation ordered.", "picture": uploaded_image(width=480, height=320)},
    )
    assert response.status_code == 200
    content = response.content.decode()
    assert "Say what the picture shows" in content
    assert "Evacuation ordered." in content
    assert not LiveUpdate.objects.exists()


def test_an_empty_update_is_refused_with_a_message(editor, story):
    response = client_for(editor).post(live_url(story), {"text": ""})
    assert response.status_code == 200
    assert "This field is required." in response.content.decode()


def test_an_editor_edits_an_update_and_returns_to_the_posting_page(editor, story):
    update = LiveUpdateFactory(article=story, text="Wind at 120 km/h.")
    client = client_for(editor)
    url = reverse("admin:articles_liveupdate_change", args=[update.pk])
    data = admin_form_data(client, url, form_id="liveupdate_form")
    data["text"] = "Wind at 150 km/h."
    response = client.post(url, data)
    assert response.status_code == 302
    assert response["Location"] == live_url(story)
    update.refresh_from_db()
    assert update.text == "Wind at 150 km/h."


def test_only_editors_remove_updates(reporter, editor, story):
    update = LiveUpdateFactory(article=story)
    url = reverse("admin:articles_liveupdate_delete", args=[update.pk])
    assert client_for(reporter).post(url, {"post": "yes"}).status_code == 403
    assert client_for(editor).post(url, {"post": "yes"}).status_code == 302
    assert not LiveUpdate.objects.exists()


def test_moderators_cannot_post_updates(moderator, story):
    client = client_for(moderator)
    assert client.get(live_url(story)).status_code == 403
    assert client.post(live_url(story), {"text": "Hello"}).status_code == 403
    assert not LiveUpdate.objects.exists()


def test_the_article_form_links_to_the_posting_page(reporter, story):
    change = reverse("admin:articles_article_change", args=[story.pk])
    assert live_url(story) in client_for(reporter).get(change).content.decode()


def test_coverage_that_ends_before_it_starts_is_refused(editor, story):
    client = client_for(editor)
    change = reverse("admin:articles_article_change", args=[story.pk])
    data = admin_form_data(client, change)
    data["live_coverage_start_0"], data["live_coverage_start_1"] = "2025-11-03", "10:00:00"
    data["live_coverage_end_0"], data["live_coverage_end_1"] = "2025-11-03", "09:00:00"
    response = client.post(change, data)
    assert response.status_code == 200
    assert "The coverage must end after it starts." in response.content.decode()
