""" "Too fast" on a page kept by the cache: judged by when the reader received the form."""

import datetime
import math

import pytest
from bs4 import BeautifulSoup
from django.test import Client
from django.utils import timezone

from comments.models import Comment
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db


def form_fields(page):
    form = BeautifulSoup(page.content, "html.parser").find("form", id="commentform")
    return {
        field["name"]: field.get("value", "")
        for field in form.find_all("input", {"type": "hidden"})
    }


@pytest.fixture
def article(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        return ArticleFactory(headline="Council approves the new bridge", slug="bridge")


@pytest.fixture
def kept_story_page(article, time_machine, page_cache):
    """The story page as the cache kept it a minute ago, served to a reader now."""
    # Just past a five-minute mark: the page's "Most read" box is kept for five minutes.
    start = math.ceil(timezone.now().timestamp() / 300) * 300 + 5
    time_machine.move_to(datetime.datetime.fromtimestamp(start, tz=datetime.UTC), tick=False)
    built = Client().get(article.get_absolute_url())
    time_machine.shift(60)
    kept = Client().get(article.get_absolute_url())
    assert (built["X-Page-Cache"], kept["X-Page-Cache"]) == ("miss", "hit")
    # The very page built a minute ago: its token says so.
    assert form_fields(kept)["comment_token"] == form_fields(built)["comment_token"]
    return form_fields(kept)


def send(article, fields, **extra):
    data = {
        **fields,
        "comment": "Posted half a second after the page arrived.",
        "author": "Bot",
        "email": "bot@example.com",
        "url": "",
        "honeypot": "",
        **extra,
    }
    return Client().post("/comments/post/", data, REMOTE_ADDR="198.51.100.4")


def test_the_kept_page_carries_an_empty_slot_for_the_pages_own_clock(kept_story_page):
    assert kept_story_page["comment_elapsed"] == ""
    assert kept_story_page["comment_token"]


def test_a_post_half_a_second_after_the_page_arrived_is_too_fast(article, kept_story_page):
    """The script's stamp (500 ms) wins over the kept page's hour-old token."""
    response = send(article, kept_story_page, comment_elapsed="500")
    assert response.status_code == 429
    assert response["Retry-After"] == "3"
    page = BeautifulSoup(response.content, "html.parser")
    assert "Please take a moment before posting" in page.select_one("#comment-errors").text
    assert Comment.objects.count() == 0


def test_a_reader_who_took_their_time_is_taken(article, kept_story_page):
    response = send(article, kept_story_page, comment_elapsed="45000")
    assert response.status_code == 302
    assert Comment.objects.count() == 1


def test_without_javascript_the_tokens_time_decides_as_before(article, kept_story_page):
    assert send(article, kept_story_page).status_code == 302
    assert Comment.objects.count() == 1


@pytest.mark.parametrize("stamp", ["-5", "abc", "1e3", "99999999999999"])
def test_a_stamp_that_is_no_number_of_milliseconds_is_ignored(article, kept_story_page, stamp):
    assert send(article, kept_story_page, comment_elapsed=stamp).status_code == 302


def test_the_form_shown_back_after_a_refusal_is_not_judged_by_its_new_page(
    article, kept_story_page, time_machine
):
    """Correcting a field on the error page at once is not "too fast"."""
    error = send(article, kept_story_page, email="not an address", comment_elapsed="30000")
    assert error.status_code == 400
    again = form_fields(error)
    time_machine.shift(1)
    fixed = send(article, again, comment_elapsed="800")
    assert fixed.status_code == 302
