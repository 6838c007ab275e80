"""Kept answers served in front of Django's stack (newsroom.caching.wsgi): one round trip to
Redis, no query, byte for byte what the stack sends from the same kept copy, and never a copy
some write has made stale, a scheduled time has passed, or a revoked or spent key asks for."""

import datetime

import pytest
import redis.connection
import time_machine
from django.core import signals
from django.core.handlers.wsgi import WSGIHandler
from django.db import close_old_connections
from django.test import RequestFactory
from django.utils import timezone

from articles.models import Article, Author
from comments.models import Comment
from newsroom.api.models import ApiKey
from newsroom.caching.state import state
from newsroom.caching.wsgi import KeptFirst
from tests.api.conftest import make_key
from tests.comments.factories import CommentFactory
from tests.factories import ArticleFactory, AuthorFactory, SectionFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("page_cache")]

STORY = "Harbour dredging begins"


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    return lambda: django_capture_on_commit_callbacks(execute=True)


class Served:
    """What a WSGI application sent: status line, headers in order, body; and whether
    Django's request handling ran at all."""

    def __init__(self, application, environ):
        self.started = []
        signals.request_started.connect(self._started)
        try:
            body = application(environ, self._start_response)
            self.body = b"".join(body)
            if hasattr(body, "close"):
                body.close()
        finally:
            signals.request_started.disconnect(self._started)

    def _started(self, **kwargs):
        self.started.append(True)

    def _start_response(self, status, headers, exc_info=None):
        self.status, self.headers = status, list(headers)

    def header(self, name):
        return dict(self.headers).get(name)

    @property
    def stack_ran(self):
        return bool(self.started)

    def sent(self):
        return self.status, self.headers, self.body


@pytest.fixture
def serve():
    """serve(path, front=True, method="get", **headers): the answer of the WSGI application
    gunicorn runs (front=False: Django's stack alone), as the TLS proxy in front sends it."""
    stack = WSGIHandler()
    front = KeptFirst(stack)
    # As Django's test client does: the test's transaction must outlive the request.
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)

    def get(path, front_first=True, method="get", **headers):
        request = getattr(RequestFactory(), method)(path, secure=True, **headers)
        return Served(front if front_first else stack, request.environ)

    yield get
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


@pytest.fixture
def round_trips(monkeypatch):
    """Counts what is sent to Redis (a pipeline or a script is one)."""
    sent = []
    original = redis.connection.Connection.send_packed_command

    def counting(self, command, *args, **kwargs):
        sent.append(command)
        return original(self, command, *args, **kwargs)

    monkeypatch.setattr(redis.connection.Connection, "send_packed_command", counting)
    return sent


@pytest.fixture
def story(committed):
    with committed():
        return ArticleFactory(
            headline=STORY,
            slug="dredging",
            section=SectionFactory(name="Local", slug="local"),
            authors=[AuthorFactory(name="Pat Reporter", slug="pat")],
        )


def kept(serve, path, **headers):
    """Build and keep the answer (the stack), then check the front answers it."""
    built = serve(path, **headers)
    assert built.status.startswith("200") and built.header("X-Page-Cache") == "miss", built.status
    served = serve(path, **headers)
    assert served.header("X-Page-Cache") == "hit" and not served.stack_ran
    return served


@pytest.mark.usefixtures("redis_state")
class TestInFrontOfTheStack:
    def test_a_hit_is_one_round_trip_no_query_and_no_django_request(
        self, serve, story, round_trips, django_assert_num_queries
    ):
        url = story.get_absolute_url()
        kept(serve, url)
        round_trips.clear()
        with django_assert_num_queries(0):
            served = serve(url)
        assert served.header("X-Page-Cache") == "hit" and not served.stack_ran
        assert len(round_trips) == 1
        assert STORY in served.body.decode()

    @pytest.mark.parametrize(
        ("variant", "status"),
        [
            ({}, "200"),
            ({"method": "head"}, "200"),
            ({"HTTP_IF_NONE_MATCH": "etag"}, "304"),
            ({"HTTP_IF_MODIFIED_SINCE": "last-modified"}, "304"),
            ({"HTTP_IF_NONE_MATCH": '"someone-else"'}, "200"),
        ],
        ids=["get", "head", "if-none-match", "if-modified-since", "other-etag"],
    )
    def test_the_front_sends_what_the_stack_sends_byte_for_byte(
        self, serve, story, variant, status, time_machine
    ):
        """Every header the stack's answer carries (security headers, CSP, Cache-Control,
        ETag, Last-Modified, the tags, the cache's own), in the same order, the same body;
        the 304s too."""
        time_machine.move_to(timezone.now(), tick=False)
        url = story.get_absolute_url()
        first = kept(serve, url)
        headers = {
            name: {
                "etag": first.header("ETag"),
                "last-modified": first.header("Last-Modified"),
            }.get(value, value)
            for name, value in variant.items()
        }
        front = serve(url, **headers)
        stack = serve(url, front_first=False, **headers)
        assert not front.stack_ran and stack.stack_ran
        assert front.sent() == stack.sent()
        assert front.status.startswith(status)
        names = {name for name, _value in front.headers}
        assert {"Cache-Control", "ETag", "Last-Modified", "Cache-Tag", "X-Page-Cache"} <= names
        if status == "200":
            assert {
                "Content-Type",
                "Content-Security-Policy",
                "X-Content-Type-Options",
                "Referrer-Policy",
                "X-Frame-Options",
            } <= names

    def test_a_reader_with_a_session_or_our_cookies_is_not_answered_in_front(
        self, serve, story, settings
    ):
        url = story.get_absolute_url()
        kept(serve, url)
        for cookie in (f"{settings.SESSION_COOKIE_NAME}=abc", "messages=x"):
            served = serve(url, HTTP_COOKIE=cookie)
            assert served.stack_ran and served.header("X-Page-Cache") == "bypass"

    def test_redis_unreachable_gets_a_fresh_page_from_the_stack(self, serve, story):
        url = story.get_absolute_url()
        kept(serve, url)
        state().refused_until = float("inf")
        try:
            served = serve(url)
        finally:
            state().refused_until = 0.0
        assert served.stack_ran and served.header("X-Page-Cache") == "bypass"
        assert STORY in served.body.decode()


def _edit(story):
    story.headline = "Dredging halted"
    story.save()


def _bulk_update(story):
    Article.objects.filter(pk=story.pk).update(headline="Dredging halted")


def _unpublish(story):
    Article.objects.filter(pk=story.pk).update(status=Article.Status.UNPUBLISHED)


def _delete(story):
    story.delete()


def _byline_renamed(story):
    Author.objects.filter(slug="pat").update(name="Patricia Reporter")


def _comment_approved(story):
    comment = CommentFactory(article=story, status=Comment.Status.PENDING, text="Dredging halted")
    Comment.objects.filter(pk=comment.pk).update(status=Comment.Status.APPROVED)


WRITES = {
    "edit": (_edit, "Dredging halted"),
    "bulk update": (_bulk_update, "Dredging halted"),
    "unpublish": (_unpublish, None),
    "delete": (_delete, None),
    "byline renamed": (_byline_renamed, "Patricia Reporter"),
    "comment approved": (_comment_approved, "Dredging halted"),
}
# What the home page shows of a story: its headline, not its byline or comments.
NOT_ON_HOME = {"byline renamed", "comment approved"}


@pytest.mark.usefixtures("redis_state")
@pytest.mark.parametrize(
    ("write", "where"),
    [
        (write, where)
        for write in WRITES
        for where in ("story", "home")
        if not (where == "home" and write in NOT_ON_HOME)
    ],
)
def test_every_write_path_is_seen_in_front(serve, story, committed, write, where):
    """Whatever wrote the change, the front does not answer with the copy it made stale: the
    stack builds the page afresh, and the next answer in front is that page."""
    url = story.get_absolute_url() if where == "story" else "/"
    kept(serve, url)
    change, shows = WRITES[write]
    with committed():
        change(story)
    after = serve(url)
    assert after.stack_ran and after.header("X-Page-Cache") in ("miss", None)
    if shows is not None:
        assert shows in after.body.decode()
    if after.status.startswith("200"):
        again = serve(url)
        assert not again.stack_ran and again.body == after.body
    if write in ("unpublish", "delete"):
        body = after.body.decode()
        assert after.status.startswith("404") if where == "story" else STORY not in body


@pytest.mark.usefixtures("redis_state")
def test_a_scheduled_story_appears_in_front_at_its_second(serve, story, committed):
    when = timezone.now() + datetime.timedelta(minutes=5)
    with committed():
        ArticleFactory(headline="Bridge opens at noon", slug="bridge", published_at=when)
    kept(serve, "/")
    assert "Bridge opens at noon" not in serve("/").body.decode()
    with time_machine.travel(when + datetime.timedelta(seconds=1), tick=False):
        served = serve("/")
        assert served.stack_ran
        assert "Bridge opens at noon" in served.body.decode()
        assert serve("/").header("X-Page-Cache") == "hit"


def test_without_redis_the_stack_answers_with_one_query(
    serve, story, django_assert_num_queries, round_trips
):
    """The state in PostgreSQL: nothing in front; the stack's page cache reads the versions in
    one query."""
    url = story.get_absolute_url()
    serve(url)
    with django_assert_num_queries(1):
        served = serve(url)
    assert served.stack_ran and served.header("X-Page-Cache") == "hit"
    assert round_trips == []


# -- the content API's kept answers --------------------------------------------------------


def api_headers(secret):
    return {"HTTP_X_API_KEY": secret}


@pytest.fixture
def twenty(committed):
    with committed():
        section = SectionFactory(name="City", slug="city")
        return [ArticleFactory(section=section, headline=f"Story {n}") for n in range(20)]


@pytest.mark.usefixtures("redis_state")
class TestKeptApiAnswers:
    path = "/api/v1/stories?limit=20"

    def test_a_kept_answer_is_one_round_trip_no_query_and_the_stacks_bytes(
        self, serve, twenty, round_trips, django_assert_num_queries, time_machine
    ):
        time_machine.move_to(timezone.now(), tick=False)
        _key, secret = make_key()
        kept(serve, self.path, **api_headers(secret))
        round_trips.clear()
        with django_assert_num_queries(0):
            front = serve(self.path, **api_headers(secret))
        assert len(round_trips) == 1 and not front.stack_ran
        assert len(front.body) > 1000 and front.header("Cache-Control") == "private, no-cache"
        stack = serve(self.path, front_first=False, **api_headers(secret))
        assert front.sent() == stack.sent()
        etag = front.header("ETag")
        front_304 = serve(self.path, HTTP_IF_NONE_MATCH=etag, **api_headers(secret))
        stack_304 = serve(
            self.path, front_first=False, HTTP_IF_NONE_MATCH=etag, **api_headers(secret)
        )
        assert front_304.status.startswith("304") and not front_304.stack_ran
        assert front_304.sent() == stack_304.sent()
        assert front_304.header("ETag") == etag

    def test_any_partners_key_gets_the_kept_answer_but_a_made_up_one_never(self, serve, twenty):
        _key, secret = make_key()
        _other, other_secret = make_key("Other partner")
        kept(serve, self.path, **api_headers(secret))
        assert serve(self.path, **api_headers(other_secret)).status.startswith("200")
        assert not serve(self.path, **api_headers(other_secret)).stack_ran
        made_up = serve(self.path, **api_headers("nr_made-up"))
        assert made_up.status.startswith("401") and made_up.stack_ran
        no_key = serve(self.path)
        assert no_key.status.startswith("401") and no_key.stack_ran

    def test_a_revoked_key_is_refused_at_once(self, serve, twenty, committed):
        key, secret = make_key()
        kept(serve, self.path, **api_headers(secret))
        with committed():
            key.revoke()
        refused = serve(self.path, **api_headers(secret))
        assert refused.status.startswith("401") and b"revoked" in refused.body

    def test_a_lower_limit_applies_at_once(self, serve, twenty, committed):
        key, secret = make_key(rate_limit=100)
        kept(serve, self.path, **api_headers(secret))
        with committed():
            ApiKey.objects.filter(pk=key.pk).update(rate_limit=2)
        assert serve(self.path, **api_headers(secret)).status.startswith("429")

    def test_the_rate_limit_holds_on_kept_answers(self, serve, twenty, time_machine):
        """Counted in the hit's own round trip: the limit's last request is served in front,
        the next refused by the stack with Retry-After, as before."""
        time_machine.move_to(timezone.now().replace(second=1), tick=False)
        _key, secret = make_key(rate_limit=4)
        kept(serve, self.path, **api_headers(secret))  # two requests
        third = serve(self.path, **api_headers(secret))
        fourth = serve(self.path, **api_headers(secret))
        assert not third.stack_ran and not fourth.stack_ran
        fifth = serve(self.path, **api_headers(secret))
        assert fifth.status.startswith("429") and fifth.header("Retry-After")
        assert serve(self.path, **api_headers(secret)).status.startswith("429")
        time_machine.move_to(timezone.now() + datetime.timedelta(minutes=1), tick=False)
        again = serve(self.path, **api_headers(secret))
        assert again.status.startswith("200") and not again.stack_ran

    def test_an_edit_makes_the_kept_answer_stale_in_front(self, serve, twenty, committed):
        _key, secret = make_key()
        kept(serve, self.path, **api_headers(secret))
        with committed():
            Article.objects.filter(pk=twenty[-1].pk).update(headline="Ferry returns")
        after = serve(self.path, **api_headers(secret))
        assert after.stack_ran and b"Ferry returns" in after.body

    def test_head_is_left_to_the_api_itself(self, serve, twenty):
        _key, secret = make_key()
        kept(serve, self.path, **api_headers(secret))
        head = serve(self.path, method="head", **api_headers(secret))
        assert head.stack_ran and head.header("X-Page-Cache") is None
