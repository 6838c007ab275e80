"""Serving the benchmark: gunicorn in production mode, wrk against it, comments posted to it."""

import contextlib
import os
import re
import socket
import ssl
import statistics
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings

from newsroom.bench import machine

WORKERS = 4
WRK_THREADS = 2
WRK_CONNECTIONS = 16
REQUESTS_PER_SECOND = re.compile(r"Requests/sec:\s+([\d.]+)")
PERCENTILE = re.compile(r"^\s+(50|99)(?:\.0+)?%\s+([\d.]+)(us|ms|s)\s*$", re.MULTILINE)
TO_MS = {"us": 0.001, "ms": 1.0, "s": 1000.0}
TIMEOUTS = re.compile(r"Socket errors:.*timeout (\d+)")
# wrk's default of 2 s would leave a slow page's requests out of its percentiles.
WRK_TIMEOUT = "10s"
# What a TLS proxy in front adds to every request (DJANGO_BEHIND_HTTPS_PROXY): the app servers
# run with HTTPS redirects and secure cookies on, as in production.
PROXY_HEADERS = {"X-Forwarded-Proto": "https"}
# The bench's own nginx has a certificate of its own making (newsroom.bench.nginx).
UNVERIFIED = ssl._create_unverified_context()
# The ways of serving a page (NEWSROOM_CACHE, NEWSROOM_CACHE_WHOLE_PAGES).
CACHE_MODES = {
    "cold": ("0", "0"),
    "pieces": ("1", "0"),
    "cached": ("1", "1"),
}


@dataclass
class Load:
    requests_per_second: float
    p50_ms: float
    p99_ms: float
    # Requests wrk gave up on (WRK_TIMEOUT): not in the percentiles.
    timeouts: int = 0
    # How busy the machine was meanwhile (newsroom.bench.machine.Usage).
    usage: object = None


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def production_environment(
    database_url, *, cache="cached", media_root, cache_prefix="bench", timings=None
):
    """The variables of a production server on this machine (README, "Production"), behind a
    TLS proxy; `cache` is one of CACHE_MODES.

    The shell's own variables are kept (a production shell's included): its allowed hosts
    get the bench's address added, never replaced.
    """
    whole_cache, whole_pages = CACHE_MODES[cache]
    hosts = os.environ.get("DJANGO_ALLOWED_HOSTS", "")
    environment = {
        **os.environ,
        "DJANGO_DEBUG": "0",
        "DJANGO_SECRET_KEY": os.environ.get("DJANGO_SECRET_KEY") or "bench-only-not-secret",
        "DJANGO_ALLOWED_HOSTS": ",".join(filter(None, [hosts, "127.0.0.1", "localhost"])),
        "DJANGO_BEHIND_HTTPS_PROXY": "1",
        "DATABASE_URL": database_url,
        "NEWSROOM_MEDIA_ROOT": str(media_root),
        "NEWSROOM_CACHE": whole_cache,
        "NEWSROOM_CACHE_WHOLE_PAGES": whole_pages,
        # As in production (README): moderators' notices queued in the database for
        # `manage.py db_worker`, not sent while the commenter waits.
        "NEWSROOM_TASKS_BACKEND": "django_tasks_db.DatabaseBackend",
        # The run's pages apart from the site's own, and from earlier runs', in a shared Redis.
        "NEWSROOM_CACHE_KEY_PREFIX": cache_prefix,
        # The comment posts come from many readers: each names its address in X-Forwarded-For.
        "NEWSROOM_TRUSTED_PROXIES": "1",
        "DJANGO_LOG_LEVEL": "WARNING",
    }
    if timings is not None:
        environment["NEWSROOM_BENCH_TIMINGS"] = str(timings)
    return environment


@dataclass
class Server:
    base: str
    process: subprocess.Popen


@contextlib.contextmanager
def gunicorn(environment, log_path, app="newsroom.wsgi", cwd=None):
    """A production server on a free port, stopped (only this one) on the way out: its
    address, or with `server()` its address and process.

    Its POSTs are timed by the server itself when the environment names a timings file
    (newsroom.bench.timing). `cwd`: the checkout it serves (another one, to compare with).
    """
    with server(environment, log_path, app, cwd) as started:
        yield started.base


@contextlib.contextmanager
def server(environment, log_path, app="newsroom.wsgi", cwd=None):
    port = free_port()
    command = [
        str(Path(sys.executable).with_name("gunicorn")),
        app,
        "--config",
        "python:newsroom.bench.timing",
        # Several servers at once (and other gunicorns on the machine) would share one.
        "--no-control-socket",
        "--workers",
        str(WORKERS),
        "--bind",
        f"127.0.0.1:{port}",
    ]
    with open(log_path, "ab") as log:
        server = subprocess.Popen(
            command, env=environment, stdout=log, stderr=log, cwd=cwd or settings.BASE_DIR
        )
    base = f"http://127.0.0.1:{port}"
    try:
        wait_until_up(f"{base}/healthz", server, log_path)
        yield Server(base, server)
    finally:
        stop(server)


def wait_until_up(url, process, log_path, seconds=30):
    """Return once url answers with any HTTP status; fail if the process ends first."""
    name = Path(process.args[0]).name
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"{name} stopped at start-up; see {log_path}")
        try:
            urllib.request.urlopen(url, timeout=2, context=UNVERIFIED).close()
            return
        except urllib.error.HTTPError:
            return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError(f"{name} did not answer within {seconds} s; see {log_path}")


def stop(process):
    """Stop a server this bench started, and only that one."""
    process.terminate()
    try:
        process.wait(timeout=20)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


def fetch(url, headers=None):
    """One GET as the proxy in front sends it: (status, headers, body)."""
    request = urllib.request.Request(url, headers={**PROXY_HEADERS, **(headers or {})})
    opener = urllib.request.build_opener(
        NoRedirects, urllib.request.HTTPSHandler(context=UNVERIFIED)
    )
    try:
        with opener.open(request, timeout=30) as response:
            return response.status, response.headers, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read()


def warm(url, times=20, headers=None):
    for _ in range(times):
        status, _headers, _body = fetch(url, headers)
        if status != 200:
            raise RuntimeError(f"{url} answered {status}")


def wrk_command(url, seconds, threads=WRK_THREADS, connections=WRK_CONNECTIONS, headers=None):
    headers = [
        part
        for name, value in {**PROXY_HEADERS, **(headers or {})}.items()
        for part in ("-H", f"{name}: {value}")
    ]
    return ["wrk", f"-t{threads}", f"-c{connections}", f"-d{seconds}s", "--latency",
            "--timeout", WRK_TIMEOUT, *headers, url]  # fmt: skip


def parse_wrk(output, url):
    rate = REQUESTS_PER_SECOND.search(output)
    percentiles = {p: float(v) * TO_MS[unit] for p, v, unit in PERCENTILE.findall(output)}
    if not rate or "50" not in percentiles or "99" not in percentiles:
        raise RuntimeError(f"Could not read wrk's output:\n{output}")
    if "Non-2xx or 3xx responses" in output:
        raise RuntimeError(f"{url} answered errors under load:\n{output}")
    timeouts = TIMEOUTS.search(output)
    return Load(
        float(rate.group(1)),
        percentiles["50"],
        percentiles["99"],
        int(timeouts.group(1)) if timeouts else 0,
    )


def wrk(url, seconds, ours=lambda: [os.getpid()], headers=None):
    """req/s, p50 and p99 of `wrk -t2 -c16 --latency` against one address, with how busy the
    machine was meanwhile (`ours`: the pids of the run's own processes, children included);
    `headers` sent with every request (an API key)."""
    warm(url, headers=headers)
    with machine.Watch(lambda: machine.descendants(ours())) as watch:
        output = subprocess.run(
            wrk_command(url, seconds, headers=headers), capture_output=True, text=True, check=True
        ).stdout
    result = parse_wrk(output, url)
    result.usage = watch.usage
    return result


def wrk_together(urls, seconds, ours=lambda: [os.getpid()]):
    """wrk against several servers at once, the threads and connections shared out among them.

    req/s is the sum; p50 and p99 are the worst of the servers' (percentiles do not add up).
    """
    for url in urls:
        warm(url)
    threads = max(1, WRK_THREADS // len(urls))
    connections = WRK_CONNECTIONS // len(urls)
    with machine.Watch(lambda: machine.descendants(ours())) as watch:
        runs = [
            (url, subprocess.Popen(wrk_command(url, seconds, threads, connections),
                                   stdout=subprocess.PIPE, text=True))
            for url in urls
        ]  # fmt: skip
        loads = [parse_wrk(process.communicate()[0], url) for url, process in runs]
    return Load(
        sum(load.requests_per_second for load in loads),
        max(load.p50_ms for load in loads),
        max(load.p99_ms for load in loads),
        sum(load.timeouts for load in loads),
        watch.usage,
    )


FORM_TOKEN = re.compile(r'name="comment_token" value="([^"]+)"')


def post_comments(base, article, commenters, wait_seconds):
    """POST the Leave a Reply form once per commenter: (round trips in ms, {status: count}).

    The round trip is the client's view, waits on a busy machine included; the server's own
    time comes from its timings file (newsroom.bench.timing).

    Each commenter posts from an address of their own (as readers do), after reading the
    form for `wait_seconds`, like a person and unlike a spam robot.
    """
    _status, _headers, page = fetch(f"{base}{article.get_absolute_url()}")
    token = FORM_TOKEN.search(page.decode()).group(1)
    time.sleep(wait_seconds)
    opener = urllib.request.build_opener(NoRedirects)
    timings, statuses = [], {}
    # Words of their own in each run: the same words twice would be refused as a duplicate.
    run = int(time.time())
    for n, (name, email) in enumerate(commenters):
        body = urllib.parse.urlencode(
            {
                "comment": f"Thank you for this report; post {n} of benchmark run {run}.",
                "author": name,
                "email": email,
                "url": "",
                "comment_post_ID": article.pk,
                "comment_parent": 0,
                "comment_token": token,
            }
        ).encode()
        request = urllib.request.Request(
            f"{base}/comments/post/",
            data=body,
            headers={
                **PROXY_HEADERS,
                "Origin": base.replace("http:", "https:"),
                "Sec-Fetch-Site": "same-origin",
                "X-Forwarded-For": f"10.{n // 250}.{n % 250}.7",
                "Content-Type": "application/x-www-form-urlencoded",
            },
        )
        started = time.perf_counter()
        try:
            with opener.open(request, timeout=30) as response:
                status = response.status
        except urllib.error.HTTPError as error:
            status = error.code
        timings.append((time.perf_counter() - started) * 1000)
        statuses[status] = statuses.get(status, 0) + 1
    return timings, statuses


class NoRedirects(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def median(values):
    return statistics.median(values)


def percentile(values, fraction):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


def forget_cache(redis_url, prefix):
    """Remove what a run's servers kept in a shared Redis (its keys, by their prefix)."""
    import redis

    client = redis.Redis.from_url(redis_url)
    try:
        for key in client.scan_iter(f"{prefix}:*", count=1000):
            client.delete(key)
    except redis.RedisError:
        pass
