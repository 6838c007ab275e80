"""A bad day: the database or Redis gone. Readers get a 503 or the page; nothing typed is lost."""

import logging

import pytest
from bs4 import BeautifulSoup
from django.db import OperationalError, connection, connections
from django.test import Client, override_settings

from comments.models import Comment
from tests.factories import ArticleFactory
from tests.helpers import admin_form_data, client_for, reply_form_data

REFUSED = 'connection to server at "10.1.2.3", port 5432 failed: Connection refused'


@pytest.fixture
def reader(settings):
    settings.DEBUG = False
    return Client(raise_request_exception=False)


@pytest.fixture
def story(transactional_db):
    return ArticleFactory(headline="Council approves the new bridge", slug="bridge")


@pytest.fixture
def database_down(transactional_db, monkeypatch):
    """Every new connection is refused, as when the server is stopped; undone after the test."""

    def refuse(*args, **kwargs):
        raise OperationalError(REFUSED)

    connection.close()
    monkeypatch.setattr(type(connections["default"]), "get_new_connection", refuse)
    yield
    monkeypatch.undo()
    connection.close()


@pytest.mark.parametrize("url", ["/", "/world/", "/world/bridge/", "/search/?q=bridge", "/feed/"])
def test_with_the_database_down_pages_answer_a_styled_503(reader, story, database_down, url):
    response = reader.get(url)
    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    assert "We will be back in a moment" in response.text
    assert "10.1.2.3" not in response.text


def test_the_comment_form_comes_back_with_the_readers_words(reader, story, database_down):
    data = reply_form_data(story, comment="The bridge should have a cycle lane.")
    response = reader.post("/comments/post/", data)
    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    page = BeautifulSoup(response.content, "html.parser")
    assert "please send them again in a minute" in page.select_one("[role=alert]").text
    assert page.select_one("textarea#comment").text == "The bridge should have a cycle lane."
    assert page.select_one("#author")["value"] == data["author"]
    assert page.find("input", {"name": "comment_post_ID"})["value"] == str(story.pk)
    assert page.find("input", {"name": "csrfmiddlewaretoken"})


def test_the_form_sent_again_after_recovery_is_saved(story, monkeypatch):
    """No restart: the next request after the database is back connects again."""
    reader = Client(raise_request_exception=False)
    data = reply_form_data(story, comment="Sent during the outage.")

    def refuse(*args, **kwargs):
        raise OperationalError(REFUSED)

    connection.close()
    with monkeypatch.context() as patch:
        patch.setattr(type(connections["default"]), "get_new_connection", refuse)
        assert reader.post("/comments/post/", data).status_code == 503
    connection.close()
    assert reader.post("/comments/post/", data).status_code == 302
    assert Comment.objects.get().text == "Sent during the outage."
    assert reader.get("/").status_code == 200


def test_readyz_says_database_unavailable_without_internals(reader, database_down):
    response = reader.get("/readyz")
    assert response.status_code == 503
    assert response.json() == {"status": "unavailable", "database": "database unavailable"}


REDIS_DOWN = {
    "default": {
        "BACKEND": "newsroom.caching.backend.FailSoftRedisCache",
        # Nothing listens on port 1: every call is refused at once.
        "LOCATION": "redis://127.0.0.1:1/2",
        "OPTIONS": {"socket_connect_timeout": 0.2, "socket_timeout": 0.2},
    }
}


@pytest.fixture
def redis_down():
    with override_settings(CACHES=REDIS_DOWN):
        yield


def test_with_redis_down_reader_pages_work(client, story, redis_down):
    assert client.get("/").status_code == 200
    assert client.get(story.get_absolute_url()).status_code == 200


def test_with_redis_down_an_editor_opens_and_saves_a_story(editor, story, redis_down, caplog):
    client = client_for(editor)
    url = f"/admin/articles/article/{story.pk}/change/"
    with caplog.at_level(logging.WARNING, logger="newsroom.caching.backend"):
        data = admin_form_data(client, url)
        data["headline"] = "Council approves the new bridge, with a cycle lane"
        response = client.post(url, data)
    assert response.status_code == 302
    story.refresh_from_db()
    assert story.headline == "Council approves the new bridge, with a cycle lane"
    outages = [r for r in caplog.records if "Redis unavailable" in r.getMessage()]
    assert len(outages) == 1
