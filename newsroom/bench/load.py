"""Serving the benchmark: gunicorn in production mode, wrk against it, comments posted to it."""

import contextlib
import os
import re
import socket
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

WORKERS = 4
WRK_THREADS = 2
WRK_CONNECTIONS = 16
REQUESTS_PER_SECOND = re.compile(r"Requests/sec:\s+([\d.]+)")
PERCENTILE = re.compile(r"^\s+(50|99)(?:\.0+)?%\s+([\d.]+)(us|ms|s)\s*$", re.MULTILINE)
TO_MS = {"us": 0.001, "ms": 1.0, "s": 1000.0}


@dataclass
class Load:
    requests_per_second: float
    p50_ms: float
    p99_ms: float


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def production_environment(database_url, *, page_cache, media_root):
    """The variables of a production server on this machine, page cache on or off."""
    environment = {
        **os.environ,
        "DJANGO_DEBUG": "0",
        "DJANGO_SECRET_KEY": os.environ.get("DJANGO_SECRET_KEY") or "bench-only-not-secret",
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost",
        # Plain HTTP from wrk, as from a TLS proxy in front.
        "DJANGO_SECURE_COOKIES": "0",
        "DJANGO_SSL_REDIRECT": "0",
        "DATABASE_URL": database_url,
        "NEWSROOM_MEDIA_ROOT": str(media_root),
        "NEWSROOM_PAGE_CACHE": "1" if page_cache else "0",
        # The comment posts come from many readers: each names its address in X-Forwarded-For.
        "NEWSROOM_TRUSTED_PROXIES": "1",
        "DJANGO_LOG_LEVEL": "WARNING",
    }
    return environment


@contextlib.contextmanager
def gunicorn(environment, log_path):
    """A production server on a free port, stopped (only this one) on the way out."""
    port = free_port()
    command = [
        str(Path(sys.executable).with_name("gunicorn")),
        "newsroom.wsgi",
        "--workers",
        str(WORKERS),
        "--bind",
        f"127.0.0.1:{port}",
        "--chdir",
        str(settings.BASE_DIR),
    ]
    with open(log_path, "ab") as log:
        server = subprocess.Popen(command, env=environment, stdout=log, stderr=log)
    base = f"http://127.0.0.1:{port}"
    try:
        wait_until_up(base, server, log_path)
        yield base
    finally:
        server.terminate()
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()


def wait_until_up(base, server, log_path, seconds=30):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError(f"gunicorn stopped at start-up; see {log_path}")
        try:
            with urllib.request.urlopen(f"{base}/healthz", timeout=2):
                return
        except OSError:
            time.sleep(0.3)
    raise RuntimeError(f"gunicorn did not answer within {seconds} s; see {log_path}")


def warm(url, times=20):
    for _ in range(times):
        with urllib.request.urlopen(url, timeout=30) as response:
            response.read()


def wrk(url, seconds):
    """req/s, p50 and p99 of `wrk -t2 -c16 --latency` against one address."""
    warm(url)
    output = subprocess.run(
        ["wrk", f"-t{WRK_THREADS}", f"-c{WRK_CONNECTIONS}", f"-d{seconds}s", "--latency", url],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    rate = REQUESTS_PER_SECOND.search(output)
    percentiles = {p: float(v) * TO_MS[unit] for p, v, unit in PERCENTILE.findall(output)}
    if not rate or "50" not in percentiles or "99" not in percentiles:
        raise RuntimeError(f"Could not read wrk's output:\n{output}")
    if "Non-2xx or 3xx responses" in output:
        raise RuntimeError(f"{url} answered errors under load:\n{output}")
    return Load(float(rate.group(1)), percentiles["50"], percentiles["99"])


FORM_TOKEN = re.compile(r'name="comment_token" value="([^"]+)"')


def post_comments(base, article, commenters, wait_seconds):
    """POST the Leave a Reply form once per commenter; each post's time in milliseconds.

    Each commenter posts from an address of their own (as readers do), after reading the
    form for `wait_seconds`, like a person and unlike a spam robot.
    """
    url = f"{base}{article.get_absolute_url()}"
    with urllib.request.urlopen(url, timeout=30) as response:
        token = FORM_TOKEN.search(response.read().decode()).group(1)
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
                "Origin": base,
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
