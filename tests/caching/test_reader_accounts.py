"""Signed-in readers get the pages everyone gets: kept, and the same to the byte."""

import pytest
from django.test import Client

from tests.factories import ArticleFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("page_cache")]


@pytest.fixture
def story(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        return ArticleFactory(headline="Council approves the new bridge", slug="bridge")


def test_a_signed_in_reader_gets_the_kept_page_byte_for_byte(story, reader_client):
    """The sign-in cookie is not personal to the page cache: the same kept bytes (its name,
    the comment form's fields, "Sign out" come from /account/me.json)."""
    url = story.get_absolute_url()
    anonymous = Client().get(url)
    signed_in = reader_client.get(url)
    assert signed_in["X-Page-Cache"] == "hit"
    assert signed_in.content == anonymous.content
    assert b"Ada Reader" not in signed_in.content
    assert b'href="/account/sign-in/">Sign in</a>' in signed_in.content


def test_the_page_built_for_a_signed_in_reader_is_everyones(story, reader_client):
    """Built first for a signed-in reader, the page is kept and served to the next reader."""
    url = story.get_absolute_url()
    first = reader_client.get(url)
    assert first["X-Page-Cache"] == "miss"
    second = Client().get(url)
    assert second["X-Page-Cache"] == "hit"
    assert second.content == first.content


def test_the_comment_form_of_a_kept_page_carries_no_token_of_anyone(story, reader_client):
    """No CSRF token and no reader's details in the form (comments check the origin)."""
    page = reader_client.get(story.get_absolute_url()).content
    assert b"csrfmiddlewaretoken" not in page
    assert b"reader@example.com" not in page
