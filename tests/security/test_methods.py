"""HTTP methods: TRACE refused everywhere, OPTIONS answered as Django's View answers it."""

import pytest


@pytest.mark.parametrize(
    ("path", "allowed"),
    [
        ("/", "GET, HEAD, POST, OPTIONS"),
        ("/comments/post/", "POST, OPTIONS"),
        ("/readership/hit", "POST, OPTIONS"),
        ("/newsletter/subscribe/", "POST, OPTIONS"),
        ("/admin/login/", "GET, HEAD, POST, OPTIONS"),
        ("/robots.txt", "GET, HEAD, OPTIONS"),
    ],
)
def test_trace_is_refused_and_options_lists_the_allowed_methods(client, db, path, allowed):
    trace = client.generic("TRACE", path)
    assert trace.status_code == 405
    assert trace["Allow"] == allowed
    assert trace.content == b""
    options = client.options(path)
    assert options.status_code == 200
    assert options["Allow"] == allowed
    assert options["Content-Length"] == "0"
    assert options.content == b""


def test_a_class_based_view_answers_as_django_does(client, db):
    options = client.options("/2026/")
    assert options.status_code == 200
    assert options["Allow"] == "GET, HEAD, OPTIONS"
    assert client.generic("TRACE", "/2026/").status_code == 405


def test_trace_of_a_story_echoes_nothing(client, article):
    response = client.generic(
        "TRACE", article.get_absolute_url(), headers={"Cookie": "sessionid=secret"}
    )
    assert response.status_code == 405
    assert b"secret" not in response.content
