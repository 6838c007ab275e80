"""Never stale across processes: several gunicorn workers, with Redis and without it, Redis
paused while an editor takes a story down, and a `manage.py` process beside a running server.

Real servers on the test database, as an outlet runs them; the story is taken down through the
admin's article list, as an editor would, or saved by another process.
"""

import os
import signal
import subprocess
import sys
import time
import uuid
from urllib.parse import urljoin

import pytest
import redis
from django.conf import global_settings

from articles.models import Article
from tests.factories import ArticleFactory
from tests.newsroom.conftest import shared_database_url
from tests.newsroom.servers import ROOT, AppServer, Visitor, free_port

pytestmark = [pytest.mark.multiserver, pytest.mark.django_db(transaction=True)]
PASSWORD = "a-long-desk-password"
HEADLINE = "Harbour cranes stand idle"


@pytest.fixture(scope="session")
def production_env(django_db_setup, tmp_path_factory):
    """What a production app server runs with, on the test database, without Redis."""
    folder = tmp_path_factory.mktemp("never-stale")
    env = {
        **{k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "NEWSROOM_"))},
        "DJANGO_DEBUG": "0",
        "DJANGO_SECRET_KEY": "never-stale-test-only-" + uuid.uuid4().hex,
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost",
        "DJANGO_SECURE_COOKIES": "0",
        "DJANGO_SSL_REDIRECT": "0",
        "DATABASE_URL": shared_database_url(),
        "NEWSROOM_STATIC_ROOT": str(folder / "static"),
    }
    env.pop("REDIS_URL", None)
    collected = subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--noinput", "-v", "0"],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    assert collected.returncode == 0, collected.stderr
    return env, folder


@pytest.fixture
def servers(production_env):
    started = []

    def start(name, workers, **extra):
        env, folder = production_env
        server = AppServer(name, {**env, **extra}, folder / f"{name}-{uuid.uuid4().hex[:6]}.log")
        server.start(workers=workers)
        started.append(server)
        server.wait_until_up()
        return server

    yield start
    for server in started:
        server.stop()


@pytest.fixture
def desk_editor(editor, settings):
    """An editor who signs in with a password, hashed as the servers check it."""
    settings.PASSWORD_HASHERS = global_settings.PASSWORD_HASHERS
    editor.set_password(PASSWORD)
    editor.save()
    return editor


@pytest.fixture
def own_redis(tmp_path):
    """A Redis server of this test's own, which it may pause: (URL, process)."""
    port = free_port()
    process = subprocess.Popen(
        ["redis-server", "--port", str(port), "--bind", "127.0.0.1", "--save", "",
         "--appendonly", "no", "--dir", str(tmp_path)],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    url = f"redis://127.0.0.1:{port}/0"
    deadline = time.monotonic() + 10
    while True:
        try:
            redis.Redis.from_url(url).ping()
            break
        except redis.ConnectionError:
            if time.monotonic() > deadline:
                process.kill()
                pytest.fail("The test's Redis did not start")
            time.sleep(0.1)
    yield url, process
    process.send_signal(signal.SIGCONT)
    process.kill()
    process.wait()


def every_worker_keeps(server, story, rounds=40):
    """Ask often enough that each worker has built and kept the home page and the story."""
    reader = Visitor()
    for _ in range(rounds):
        assert HEADLINE in reader.get(urljoin(server.url, "/")).text, server.log_tail()
        assert reader.get(urljoin(server.url, story.get_absolute_url())).status_code == 200
    kept = reader.get(urljoin(server.url, "/")).headers.get("X-Page-Cache")
    assert kept == "hit", server.log_tail()


def unpublish_from_the_article_list(server, story, editor):
    """The editor ticks the story in Articles and runs "Unpublish", as on the desk."""
    desk = Visitor()
    desk.log_in(server, editor.username, PASSWORD)
    listing = urljoin(server.url, "/admin/articles/article/")
    answer = desk.submit(
        listing,
        {"action": "unpublish_selected", "_selected_action": str(story.pk), "index": "0"},
        selector="#changelist-form",
    )
    assert answer.status_code == 302, server.log_tail()
    story.refresh_from_db()
    assert story.status == Article.Status.UNPUBLISHED


def readers_never_see_it(server, story, requests=16):
    reader = Visitor()
    for _ in range(requests):
        home = reader.get(urljoin(server.url, "/"))
        assert home.status_code == 200
        assert HEADLINE not in home.text, home.headers.get("X-Page-Cache")
        assert reader.get(urljoin(server.url, story.get_absolute_url())).status_code == 404


@pytest.mark.parametrize("with_redis", [False, True], ids=["without-redis", "with-redis"])
def test_a_story_taken_down_leaves_every_page_of_every_worker(
    servers, desk_editor, own_redis, settings, with_redis
):
    """Four workers each keep the front page; the editor unpublishes through one of them; the
    next sixteen readers, whichever worker answers, never see the story."""
    extra = {}
    if with_redis:
        url, _ = own_redis
        extra = {"REDIS_URL": url, "NEWSROOM_CACHE_KEY_PREFIX": "four-workers"}
        settings.REDIS_URL, settings.NEWSROOM_CACHE_KEY_PREFIX = url, "four-workers"
    story = ArticleFactory(headline=HEADLINE, slug="cranes")
    server = servers("four-workers", workers=4, **extra)
    every_worker_keeps(server, story)
    unpublish_from_the_article_list(server, story, desk_editor)
    readers_never_see_it(server, story)


def test_a_story_taken_down_while_redis_is_paused_is_gone_when_it_is_back(
    servers, desk_editor, own_redis, settings
):
    """A network blip: Redis stops answering for the unpublish. Readers meanwhile get pages
    built fresh; once Redis answers, the change it missed is recorded before anything kept
    is served again."""
    url, process = own_redis
    settings.REDIS_URL, settings.NEWSROOM_CACHE_KEY_PREFIX = url, "paused"
    story = ArticleFactory(headline=HEADLINE, slug="cranes")
    server = servers("paused-redis", workers=2, REDIS_URL=url, NEWSROOM_CACHE_KEY_PREFIX="paused")
    every_worker_keeps(server, story, rounds=20)
    process.send_signal(signal.SIGSTOP)
    try:
        unpublish_from_the_article_list(server, story, desk_editor)
        readers_never_see_it(server, story, requests=4)
    finally:
        process.send_signal(signal.SIGCONT)
    readers_never_see_it(server, story)
    assert "Could not record that pages showing" in server.log_tail(200)


def test_a_story_saved_by_a_manage_py_process_shows_on_the_running_server(servers, production_env):
    """`make run` serving, and beside it `manage.py` (an import, the shell, a script) saves a
    story: the next request shows it, whichever worker answers."""
    story = ArticleFactory(headline=HEADLINE, slug="cranes")
    server = servers("beside-manage-py", workers=2)
    every_worker_keeps(server, story, rounds=10)
    env, _ = production_env
    script = (
        "from articles.models import Article; "
        "story = Article.objects.get(slug='cranes'); "
        "story.headline = 'Harbour cranes back at work'; story.save()"
    )
    saved = subprocess.run(
        [sys.executable, "manage.py", "shell", "-c", script],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert saved.returncode == 0, saved.stderr
    reader = Visitor()
    for _ in range(8):
        home = reader.get(urljoin(server.url, "/")).text
        assert "Harbour cranes back at work" in home
        assert HEADLINE not in home
