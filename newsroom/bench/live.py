"""`manage.py bench_live`: requests per second of the live-updates endpoint under load.

Serves the site as in production (gunicorn, DJANGO_DEBUG off, the cache from REDIS_URL if
set) and points wrk at the address every reader's script polls in one 15-second slice, for a
live story with 20 updates made for the run and removed after it. Figures are printed;
nothing is asserted. Needs wrk (`apt-get install wrk`).
"""

import datetime
import os
import re
import shutil
import subprocess
import sys
import time
import urllib.request

from django.core.management.base import CommandError
from django.db import transaction
from django.utils import timezone

from articles.models import Article, LiveUpdate, Section
from articles.site import live
from newsroom.bench.load import free_port

SLUG = "bench-live-story"


def wait_until_up(base, timeout=30):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"{base}/healthz", timeout=1):
                return
        except OSError:
            time.sleep(0.2)
    raise CommandError("The server did not start; run it by hand to see why.")


def measure_live_endpoint(url, seconds=10, connections=50, threads=2):
    """wrk's figures for one address: (requests per second, latency percentiles, raw output).

    Keep seconds under 30: one slice's address is answered (not redirected) for two slices
    after its own."""
    result = subprocess.run(
        ["wrk", f"-t{threads}", f"-c{connections}", f"-d{seconds}s", "--latency", url],
        capture_output=True,
        text=True,
        check=True,
    )
    rate = re.search(r"Requests/sec:\s+([\d.]+)", result.stdout)
    latency = dict(re.findall(r"^\s+(50|90|99)%\s+(\S+)$", result.stdout, re.MULTILINE))
    return (float(rate.group(1)) if rate else 0.0), latency, result.stdout


def run(write, seconds=10, connections=50, workers=2):
    if not shutil.which("wrk"):
        raise CommandError("wrk is not installed (apt-get install wrk).")
    seconds = min(seconds, 25)
    story = live_story()
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    env = {
        **os.environ,
        "DJANGO_DEBUG": "0",
        "DJANGO_SECRET_KEY": os.environ.get("DJANGO_SECRET_KEY", "bench-only-not-secret"),
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
        # Plain HTTP from wrk, as from a TLS proxy in front (production redirects to HTTPS).
        "DJANGO_SSL_REDIRECT": "0",
    }
    server = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "newsroom.wsgi", "-b", f"127.0.0.1:{port}",
         "-w", str(workers), "--log-level", "warning"],
        env=env,
    )  # fmt: skip
    try:
        wait_until_up(base)
        url = base + live.bucket_url(story.pk, live.current_bucket())
        urllib.request.urlopen(url, timeout=5).read()
        # The smallest answer Django gives, for scale on a machine shared with others.
        floor, _, _ = measure_live_endpoint(f"{base}/healthz", seconds, connections)
        rate, latency, _ = measure_live_endpoint(url, seconds, connections)
    finally:
        server.terminate()
        server.wait(timeout=10)
        with transaction.atomic():
            Article.objects.filter(slug=SLUG).delete()
    cache = "Redis" if os.environ.get("REDIS_URL") else "local memory (per worker)"
    write(
        f"Live endpoint, {workers} gunicorn workers, cache: {cache}, {connections} "
        f"connections for {seconds} s: {rate:,.0f} requests/s; latency "
        + ", ".join(f"p{p} {latency.get(p, '?')}" for p in ("50", "90", "99"))
        + f" (/healthz on the same server: {floor:,.0f} requests/s)"
    )


def live_story():
    """A live story with 20 updates, made for the run (and deleted after it)."""
    now = timezone.now()
    Article.objects.filter(slug=SLUG).delete()
    section, _ = Section.objects.get_or_create(slug="news", defaults={"name": "News"})
    story = Article.objects.create(
        headline="Bench: a live story",
        slug=SLUG,
        section=section,
        status=Article.Status.PUBLISHED,
        published_at=now - datetime.timedelta(hours=1),
        live_coverage_start=now - datetime.timedelta(hours=1),
    )
    LiveUpdate.objects.bulk_create(
        LiveUpdate(
            article=story,
            text=f"Update {n}: what happened in the last few minutes, in a sentence or two.",
            posted_at=now - datetime.timedelta(minutes=n),
        )
        for n in range(20)
    )
    return story
