"""A browser's refused comment ends at the story's address, without JavaScript: the POST is
answered with See Other, the story page shows the words and what to change once, and a reload
reads the story and posts nothing."""

import pytest
from bs4 import BeautifulSoup
from django.conf import settings
from django.contrib.sessions.models import Session
from django.test import Client

from comments.models import Comment
from tests.factories import ArticleFactory
from tests.helpers import reply_form_data

pytestmark = pytest.mark.django_db
BROWSER = {"HTTP_SEC_FETCH_MODE": "navigate", "HTTP_SEC_FETCH_SITE": "same-origin"}


def send(client, article, **overrides):
    return client.post(
        "/comments/post/", reply_form_data(article, **overrides), REMOTE_ADDR="198.51.100.7",
        **BROWSER,
    )  # fmt: skip


def test_a_refused_comment_is_shown_once_at_the_storys_address(page_cache):
    article = ArticleFactory(headline="Harbour plan approved")
    reader = Client()
    answer = send(reader, article, comment="Will the ferry run at night?", email="kim@example")
    assert answer.status_code == 303
    assert answer["Location"] == article.get_absolute_url()
    assert not Comment.objects.exists()

    shown = reader.get(article.get_absolute_url())
    assert shown.status_code == 400
    assert "no-store" in shown["Cache-Control"] or "private" in shown["Cache-Control"]
    page = BeautifulSoup(shown.content, "html.parser")
    assert page.select_one("#comment").get_text() == "Will the ferry run at night?"
    assert page.select_one("#email")["value"] == "kim@example"
    assert page.select_one("#email-error").get_text(strip=True) == (
        "Please enter a valid email address."
    )
    # Shown once: the reader's session, which held nothing else, is gone with their words.
    assert not Session.objects.exists()
    assert shown.cookies[settings.SESSION_COOKIE_NAME].value == ""

    again = reader.get(article.get_absolute_url())
    assert again.status_code == 200
    assert BeautifulSoup(again.content, "html.parser").select_one("#comment").get_text() == ""
    assert not Comment.objects.exists()


def test_a_refusal_waits_for_its_own_story_and_nobody_else_sees_it(page_cache):
    article = ArticleFactory(headline="Harbour plan approved")
    other = ArticleFactory(headline="Ferry timetable changes")
    reader = Client()
    send(reader, article, comment="Will the ferry run at night?", email="kim@example")
    assert reader.get(other.get_absolute_url()).status_code == 200
    assert b"Will the ferry run at night?" not in Client().get(article.get_absolute_url()).content
    assert b"Will the ferry run at night?" in reader.get(article.get_absolute_url()).content


def test_a_flood_refusal_keeps_its_message_at_the_storys_address():
    article = ArticleFactory()
    reader = Client()
    assert send(reader, article).status_code == 302
    answer = send(reader, article, email="other@example.com", comment="And another thing.")
    assert answer.status_code == 303
    shown = reader.get(answer["Location"])
    assert shown.status_code == 429
    assert "You are posting comments too quickly" in shown.content.decode()
    assert "And another thing." in shown.content.decode()


def test_other_clients_still_get_the_refusal_in_answer_to_their_post(post):
    article = ArticleFactory()
    response = post(article, email="kim@example")
    assert response.status_code == 400
    assert b"Please enter a valid email address." in response.content
