"""The pieces of `make bench`: its nginx configuration, reading wrk, timing posts in the server,
and one small run of gunicorn, wrk and comment posts on a tiny site."""

import gzip
import http.server
import os
import re
import shutil
import subprocess
import sys
import threading
import time
import uuid
from types import SimpleNamespace

import pytest
from django.conf import settings
from django.core.management import call_command
from django.core.management.base import CommandError

from comments.models import Comment
from comments.moderation import MIN_SECONDS_TO_SUBMIT
from newsroom.api.models import ApiKey, digest
from newsroom.bench import content, load, machine, nginx, runner, timing
from newsroom.caching.pages import personal_cookies
from newsroom.settings import s3_media_options
from tests.comments.factories import CommentFactory
from tests.factories import ArticleFactory
from tests.newsroom.conftest import shared_database_url
from tests.newsroom.servers import ROOT

WRK_OUTPUT = """\
Running 1s test @ http://127.0.0.1:8000/
  2 threads and 16 connections
  Thread Stats   Avg      Stdev     Max   +/- Stdev
    Latency     5.12ms    1.20ms  20.00ms   90.00%
  Latency Distribution
     50%    4.80ms
     75%    5.50ms
     90%    6.10ms
     99%    1.02s
  3120 requests in 1.00s, 20.00MB read
Requests/sec:   3118.52
Transfer/sec:     20.00MB
"""


def test_the_readme_shows_the_nginx_configuration_the_bench_runs():
    """One template: the README's proxy_cache block is the bench's, filled in for a server."""
    readme = (ROOT / "README.md").read_text()
    assert f"```nginx\n{nginx.readme_config()}```" in readme


def test_nginx_sends_every_reader_with_a_personal_cookie_to_django():
    """The map names every cookie that makes a page personal (caching.pages.personal_cookies)."""
    pattern = re.search(r'"~\*(.*)" 1;', nginx.SITE).group(1)
    for name in {settings.SESSION_COOKIE_NAME, *personal_cookies}:
        assert re.search(pattern, f"theme=dark; {name}=x", re.IGNORECASE), name
    assert not re.search(pattern, "csrftoken=x; theme=dark; old_sessionid=x", re.IGNORECASE)


def test_wrk_output_is_read_into_requests_per_second_and_percentiles():
    """req/s, p50 and p99 in milliseconds, whatever unit wrk printed them in."""
    result = load.parse_wrk(WRK_OUTPUT, "http://127.0.0.1:8000/")
    assert result == load.Load(3118.52, 4.8, 1020.0, timeouts=0)


def test_requests_wrk_gave_up_on_are_counted():
    """A page slower than wrk's timeout is not passed off by the percentiles of the rest."""
    output = WRK_OUTPUT.replace(
        "Requests/sec", "  Socket errors: connect 0, read 0, write 0, timeout 7\nRequests/sec"
    )
    assert load.parse_wrk(output, "http://127.0.0.1:8000/").timeouts == 7


def test_a_run_with_error_responses_is_refused():
    """Fast errors must not pass for a fast page."""
    output = WRK_OUTPUT.replace("Requests/sec", "  Non-2xx or 3xx responses: 12\nRequests/sec")
    with pytest.raises(RuntimeError, match="answered errors"):
        load.parse_wrk(output, "http://127.0.0.1:8000/")


def test_the_server_notes_the_time_of_each_post_and_of_nothing_else(tmp_path, monkeypatch):
    """gunicorn's hooks write one line per POST: path, status, wall and CPU milliseconds."""
    path = tmp_path / "timings.log"
    monkeypatch.setenv("NEWSROOM_BENCH_TIMINGS", str(path))
    worker = SimpleNamespace()
    for method, status in (("GET", "200 OK"), ("POST", "302 Found")):
        request = SimpleNamespace(method=method, path="/comments/post/")
        timing.pre_request(worker, request)
        timing.post_request(worker, request, {}, SimpleNamespace(status=status))
    [(url, status, wall, cpu)] = timing.read(path)
    assert (url, status) == ("/comments/post/", "302")
    assert wall >= 0 and cpu >= 0


class Upstream(http.server.BaseHTTPRequestHandler):
    """An app server whose page a proxy may keep for a minute; it counts its requests."""

    requests = 0

    def do_GET(self):
        type(self).requests += 1
        body = b"<p>The page</p>"
        self.send_response(200)
        self.send_header("Content-Type", "text/html")
        self.send_header("Cache-Control", "public, max-age=0, s-maxage=60")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


@pytest.mark.skipif(not nginx.installed(), reason="nginx is not installed")
def test_nginx_keeps_the_page_and_serves_the_static_copy(tmp_path):
    """Through the README's configuration the second request is a cache hit that never
    reaches the app server, a commenter goes past the cache, and the static server returns
    the same bytes."""
    app = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Upstream)
    threading.Thread(target=app.serve_forever, daemon=True).start()
    try:
        with nginx.nginx(
            tmp_path / "nginx",
            servers=[f"127.0.0.1:{app.server_address[1]}"],
            static_files={"article.html": b"<p>The page</p>"},
            static_root=tmp_path,
            media_root=tmp_path,
            free_port=load.free_port,
        ) as front:
            seen = []
            for cookie in ("", "", "theme=dark; comments_mine=1:abc"):
                _status, headers, body = load.fetch(f"{front.site}/story/", {"Cookie": cookie})
                seen.append((headers["X-Cache-Status"], body))
            _status, _headers, static = load.fetch(f"{front.static}/article.html")
    finally:
        app.shutdown()
    page = b"<p>The page</p>"
    assert seen == [("MISS", page), ("HIT", page), ("BYPASS", page)]
    assert Upstream.requests == 2
    assert static == b"<p>The page</p>"


class StoryUpstream(Upstream):
    """An app server answering a story page of a real page's repetitiveness."""

    page = b"<!doctype html><title>A story</title>" + b"<p>A paragraph of the story.</p>" * 200

    def do_GET(self):
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(self.page)))
        self.end_headers()
        self.wfile.write(self.page)


@pytest.mark.skipif(not nginx.installed(), reason="nginx is not installed")
def test_nginx_sends_readers_compressed_pages_and_styles(tmp_path):
    """A browser that accepts gzip gets the page and the style sheet compressed (the sheet is
    collectstatic's .gz copy); a client that asks for no compression, as wrk in the
    bench, gets the plain bytes."""
    css = b".story { font-family: serif; }\n" * 100
    (tmp_path / "site.css").write_bytes(css)
    (tmp_path / "site.css.gz").write_bytes(gzip.compress(css))
    app = http.server.ThreadingHTTPServer(("127.0.0.1", 0), StoryUpstream)
    threading.Thread(target=app.serve_forever, daemon=True).start()
    browser = {"Accept-Encoding": "gzip, deflate, br"}
    try:
        with nginx.nginx(
            tmp_path / "nginx",
            servers=[f"127.0.0.1:{app.server_address[1]}"],
            static_files={},
            static_root=tmp_path,
            media_root=tmp_path,
            free_port=load.free_port,
        ) as front:
            _status, page_headers, page = load.fetch(f"{front.site}/story/", browser)
            _status, css_headers, sheet = load.fetch(f"{front.site}/static/site.css", browser)
            _status, plain_headers, plain = load.fetch(f"{front.site}/story/")
    finally:
        app.shutdown()
    assert page_headers["Content-Encoding"] == "gzip"
    assert gzip.decompress(page) == StoryUpstream.page
    assert len(page) < len(StoryUpstream.page) / 4
    assert "Accept-Encoding" in page_headers["Vary"]
    assert css_headers["Content-Encoding"] == "gzip"
    assert gzip.decompress(sheet) == css
    assert plain_headers["Content-Encoding"] is None
    assert plain == StoryUpstream.page


@pytest.mark.skipif(not nginx.installed(), reason="nginx is not installed")
def test_nginx_lets_browsers_keep_pictures_a_day_as_the_bucket_does(tmp_path):
    """Pictures on disk carry the lifetime uploads to a bucket are given."""
    (tmp_path / "photo.jpg").write_bytes(b"\xff\xd8 a picture")
    with nginx.nginx(
        tmp_path / "nginx",
        servers=["127.0.0.1:9"],
        static_files={},
        static_root=tmp_path,
        media_root=tmp_path,
        free_port=load.free_port,
    ) as front:
        status, headers, body = load.fetch(f"{front.site}/media/photo.jpg")
    bucket = s3_media_options()["object_parameters"]["CacheControl"]
    assert (status, body) == (200, b"\xff\xd8 a picture")
    assert headers["Cache-Control"] == "max-age=86400"
    assert bucket.endswith(headers["Cache-Control"])


@pytest.mark.multiserver
@pytest.mark.django_db(transaction=True)
def test_a_small_bench_run_serves_pages_under_wrk_and_times_comment_posts(tmp_path):
    """gunicorn in production mode on a tiny site: wrk reads the story, two comments are
    posted (one published at once, one held), and the server timed both posts itself."""
    article = ArticleFactory(slug="bridge")
    CommentFactory(article=article, author_name="Known", author_email="known@example.com")
    timings = tmp_path / "timings.log"
    environment = {
        **load.production_environment(
            shared_database_url(),
            cache="cached",
            media_root=tmp_path,
            cache_prefix=f"bench-test-{uuid.uuid4().hex}",
            timings=timings,
        ),
        "NEWSROOM_STATIC_ROOT": str(tmp_path / "static"),
    }
    subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--noinput", "-v", "0"],
        cwd=ROOT, env=environment, check=True, capture_output=True, timeout=300,
    )  # fmt: skip
    commenters = [("Known", "known@example.com"), ("New", "new@example.com")]
    with load.gunicorn(environment, tmp_path / "gunicorn.log") as base:
        if shutil.which("wrk"):
            result = load.wrk(f"{base}{article.get_absolute_url()}", 1)
            assert result.requests_per_second > 0
        _round_trips, statuses = load.post_comments(
            base, article, commenters, MIN_SECONDS_TO_SUBMIT + 1
        )
    assert statuses == {302: 2}
    assert sorted(Comment.objects.values_list("author_name", "status")) == [
        ("Known", "approved"),
        ("Known", "approved"),
        ("New", "pending"),
    ]
    posts = timing.read(timings)
    assert [(url, status) for url, status, _wall, _cpu in posts] == [("/comments/post/", "302")] * 2


def test_the_production_shell_s_allowed_hosts_are_kept_and_the_bench_s_added(monkeypatch):
    """A shell set up as the README's production section still runs the bench."""
    monkeypatch.setenv("DJANGO_ALLOWED_HOSTS", "news.example.com")
    environment = load.production_environment("postgresql://x/y", cache="cold", media_root="m")
    assert environment["DJANGO_ALLOWED_HOSTS"] == "news.example.com,127.0.0.1,localhost"
    assert environment["DJANGO_DEBUG"] == "0"
    assert environment["DJANGO_BEHIND_HTTPS_PROXY"] == "1"
    assert (environment["NEWSROOM_CACHE"], environment["NEWSROOM_CACHE_WHOLE_PAGES"]) == ("0", "0")


def test_the_floor_serves_the_page_s_bytes_from_memory(tmp_path, monkeypatch):
    """The bare WSGI function answers the file's bytes, whatever the address."""
    page = tmp_path / "page.html"
    page.write_bytes(b"<p>kept</p>")
    monkeypatch.setenv("NEWSROOM_BENCH_FLOOR_PAGE", str(page))
    sys.modules.pop("newsroom.bench.floor", None)
    from newsroom.bench import floor

    started = []
    body = floor.application({"PATH_INFO": "/any/"}, lambda *args: started.append(args))
    assert body == [b"<p>kept</p>"]
    assert started == [("200 OK", floor.HEADERS)]
    assert ("Content-Length", "11") in floor.HEADERS


def test_a_run_others_used_the_cpu_during_is_called_noisy():
    """More than NOISY_SHARE of the machine used by other processes flags the figure."""
    share = machine.NOISY_SHARE * machine.cores()
    assert machine.Usage(10, 1.0, ours=1.0, others=share * 2).noisy
    assert not machine.Usage(10, 1.0, ours=1.0, others=share / 2).noisy
    assert not machine.Usage(10, None, ours=None, others=None).noisy


@pytest.mark.skipif(machine.busy_seconds() is None, reason="no /proc")
def test_the_watch_counts_this_process_s_work_as_ours():
    """CPU spent by the run's own process is ours, not the others'."""
    with machine.Watch(lambda: [os.getpid()]) as watch:
        deadline = time.process_time() + 0.3
        while time.process_time() < deadline:
            pass
    assert watch.usage.ours * watch.usage.seconds >= 0.25
    assert watch.usage.others >= 0
    assert watch.usage.load is not None


def test_ratios_pair_the_same_rounds():
    """Each round's figure is divided by the same round's figure of the other row."""
    rows = {
        "hit": SimpleNamespace(results=[load.Load(r, 1, 1) for r in (700, 900, 800)]),
        "floor": SimpleNamespace(results=[load.Load(r, 1, 1) for r in (1000, 1000, 2000)]),
    }
    assert runner.ratios(rows, "hit", "floor") == (0.7, 0.4, 0.9)


def test_the_cpu_per_request_is_the_run_s_own_cpu_over_its_requests():
    """Cores used by the run's processes, over requests per second, in milliseconds."""
    usage = machine.Usage(10, 1.0, ours=1.5, others=0.1)
    row = SimpleNamespace(results=[load.Load(500, 1, 1, usage=usage)])
    assert runner.cpu_per_request(row) == "3.00"
    assert runner.cpu_per_request(SimpleNamespace(results=[load.Load(500, 1, 1)])) == "?"


def test_wrk_sends_the_api_key_with_every_request_beside_the_proxy_s_header():
    command = load.wrk_command("http://127.0.0.1:1/api/v1/stories", 1, headers={"X-API-Key": "k"})
    assert "X-API-Key: k" in command and "X-Forwarded-Proto: https" in command


@pytest.mark.django_db
def test_the_bench_s_api_key_is_one_usable_row_however_often_it_runs():
    content.api_key()
    ApiKey.objects.get(key_digest=digest(content.API_KEY)).revoke()
    assert content.api_key() == content.API_KEY
    (key,) = ApiKey.objects.all()
    assert not key.is_revoked and key.rate_limit >= 1_000_000_000


def test_the_bench_runs_only_the_pages_and_modes_it_knows():
    with pytest.raises(CommandError, match="article-page"):
        call_command("bench", pages="article-page")
