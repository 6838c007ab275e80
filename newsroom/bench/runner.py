"""`manage.py bench`: reader pages under load, as a production server answers them.

On a copy of the benchmark content in a database of its own (the project database's name +
"_load": the demo outlet grown to 200 stories, its newest story with 40 approved comments),
it starts gunicorn in production mode (4 sync workers) with the page cache off and then on,
runs wrk against the article, home and section pages, posts 50 comments (timed by the server
itself), and prints req/s, p50, p99 and the queries each page runs uncached. With nginx
installed it also puts nginx in front with the README's proxy_cache configuration and compares
the cached article through it with nginx serving the same bytes as a file. Nothing is
asserted.

--servers 2 adds the article, cached and uncached, from two app servers at once (one
database, one Redis). --scale runs the same on 100,000 stories and 1,000,000 comments (the
search benchmark's database, "_bench", grown with comments; built once and reused) and
compares with the 200-story article. --search prints the search timings of
`manage.py bench_search` instead (newsroom.bench.search).
"""

import contextlib
import cProfile
import io
import pstats
import shutil
import subprocess
import sys
import urllib.parse
import urllib.request
import uuid
from dataclasses import dataclass

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext, override_settings

from comments.moderation import MIN_SECONDS_TO_SUBMIT
from newsroom.bench import content, load, nginx, search, timing

COMMENT_POSTS = 50
SCALE_STORIES = 100_000
SCALE_COMMENTS = 1_000_000
SEARCH_RUNS = 10


def database_url(db):
    host = db.get("HOST") or ""
    if host.startswith("/"):
        host = urllib.parse.quote(host, safe="")
    user = urllib.parse.quote(db.get("USER") or "", safe="")
    password = f":{urllib.parse.quote(db['PASSWORD'], safe='')}" if db.get("PASSWORD") else ""
    port = f":{db['PORT']}" if db.get("PORT") else ""
    return f"postgresql://{user}{password}@{host}{port}/{db['NAME']}"


@dataclass
class Row:
    page: str
    served: str
    result: load.Load
    queries: object = "-"


@dataclass
class Posts:
    server_ms: list
    cpu_ms: list
    round_trip_ms: list
    statuses: dict


class Bench:
    """One `manage.py bench` run; `write` prints a line."""

    def __init__(self, write, seconds):
        self.write = write
        self.seconds = seconds

    def run(self, scale=False, servers=1, rebuild=False, profile=False):
        if not shutil.which("wrk"):
            raise CommandError("wrk is not installed: apt-get install -y wrk (see README).")
        if servers == 2 and not settings.REDIS_URL:
            raise CommandError(
                "Two app servers share their page cache and counters through Redis: "
                "set REDIS_URL (e.g. redis://127.0.0.1:6379/0)."
            )
        self.database = settings.DATABASES["default"]["NAME"]
        self.cache_prefix = f"bench-{self.database}-{uuid.uuid4().hex[:8]}"
        try:
            self._run(scale, servers, rebuild, profile)
        finally:
            if settings.REDIS_URL:
                load.forget_cache(settings.REDIS_URL, self.cache_prefix)

    def _run(self, scale, servers, rebuild, profile):
        seconds = self.seconds
        self.work = settings.BASE_DIR / "var" / "bench"
        self.work.mkdir(parents=True, exist_ok=True)
        settings.MEDIA_ROOT = self.work / "media"
        baseline = None
        if scale:
            # The 200-story article first, on this run's machine, to compare with.
            baseline = self._baseline(rebuild)
        article, urls = self._prepare(scale, rebuild)
        if profile:
            self._profile(urls["article"])
            return
        queries = self._queries(urls)
        self._collect_static()
        rows, notes = [], []
        for page_cache in (False, True):
            label = "cached" if page_cache else "uncached"
            with load.gunicorn(self._environment(page_cache), self._log) as base:
                for name, path in urls.items():
                    self.write(f"  wrk {label} {name} {path} ...")
                    rows.append(Row(name, label, load.wrk(base + path, seconds), queries[name]))
                if page_cache:
                    posts = self._post_comments(base, article)
                    rows += self._through_nginx(base, urls["article"], notes)
        if servers == 2:
            rows += self._two_servers(urls["article"], queries["article"])
        search_median = None
        if scale:
            search_median = search.time_searches(SEARCH_RUNS, self.write)
        self._report(rows, posts, notes)
        if scale:
            self._report_scale(rows, queries, baseline, search_median)

    # -- content ----------------------------------------------------------------------------

    def _prepare(self, scale, rebuild):
        """Point the connection at the bench database, built if needed: (article, urls)."""
        suffix = "_bench" if scale else "_load"
        search.use_database(f"{self.database}{suffix}", rebuild, self.write)
        call_command("migrate", verbosity=0, interactive=False)
        if scale:
            search.populate(SCALE_STORIES, self.write)
        article = content.build()
        if scale:
            content.add_scale_comments(SCALE_COMMENTS, article, self.write)
        with connection.cursor() as cursor:
            # Fresh rows have no planner statistics and no visibility map (autovacuum may be
            # off or not yet run): plans and index-only scans made without them are not what
            # production runs. Quick once done, so every run does it.
            cursor.execute("VACUUM ANALYZE")
        urls = {
            "article": article.get_absolute_url(),
            "home": "/",
            "section": article.section.get_absolute_url(),
        }
        return article, urls

    def _baseline(self, rebuild):
        """The uncached article on the 200-story content: (Load, queries)."""
        self.write("The 200-story article first, to compare with:")
        _article, urls = self._prepare(False, rebuild)
        queries = self._queries({"article": urls["article"]})["article"]
        self._collect_static()
        with load.gunicorn(self._environment(False), self._log) as base:
            return load.wrk(base + urls["article"], self.seconds), queries

    def _queries(self, urls):
        """The queries each page runs when built (the page cache off), after one warm-up."""
        counts = {}
        client = Client()
        with override_settings(NEWSROOM_CACHE_WHOLE_PAGES=False):
            for name, path in urls.items():
                client.get(path)
                with CaptureQueriesContext(connection) as captured:
                    response = client.get(path)
                if response.status_code != 200:
                    raise CommandError(f"{path} answered {response.status_code}")
                counts[name] = len(captured.captured_queries)
        return counts

    # -- servers ----------------------------------------------------------------------------

    @property
    def _log(self):
        return self.work / "gunicorn.log"

    @property
    def _timings(self):
        return self.work / "post-timings.log"

    def _environment(self, page_cache):
        return load.production_environment(
            database_url(settings.DATABASES["default"]),
            page_cache=page_cache,
            media_root=settings.MEDIA_ROOT,
            cache_prefix=self.cache_prefix,
            timings=self._timings,
        )

    def _collect_static(self):
        environment = load.production_environment(
            "postgresql://unused/unused", page_cache=False, media_root=settings.MEDIA_ROOT
        )
        subprocess.run(
            [sys.executable, "manage.py", "collectstatic", "--noinput", "-v0"],
            env=environment,
            cwd=settings.BASE_DIR,
            check=True,
        )

    def _through_nginx(self, base, path, notes):
        """The cached article through nginx's proxy cache, and nginx serving it as a file."""
        if not nginx.installed():
            notes.append(
                "nginx is not installed: no proxy-cache rows (apt-get install -y nginx-light)."
            )
            return []
        with urllib.request.urlopen(base + path, timeout=30) as response:
            page = response.read()
        with nginx.nginx(
            self.work / "nginx",
            servers=[urllib.parse.urlsplit(base).netloc],
            static_files={"article.html": page},
            static_root=settings.STATIC_ROOT,
            media_root=settings.MEDIA_ROOT,
            free_port=load.free_port,
        ) as front:
            load.warm(front.site + path)
            with urllib.request.urlopen(front.site + path, timeout=30) as response:
                status = response.headers.get("X-Cache-Status")
            if status != "HIT":
                notes.append(f"nginx's proxy cache answered {status}, not HIT, after warm-up.")
            self.write("  wrk nginx proxy_cache article, nginx static file ...")
            proxied = load.wrk(front.site + path, self.seconds)
            static = load.wrk(front.static + "/article.html", self.seconds)
        notes.append(
            f"Cached article through nginx's proxy cache: "
            f"{proxied.requests_per_second / static.requests_per_second:.0%} of nginx serving "
            f"the same {len(page):,} bytes as a file (target: at least 50%)."
        )
        return [
            Row("article", "cached, nginx proxy_cache", proxied),
            Row("article", "nginx, static file", static),
        ]

    def _two_servers(self, path, queries):
        rows = []
        for page_cache in (False, True):
            label = "cached" if page_cache else "uncached"
            self.write(f"  wrk {label} article on two app servers at once ...")
            with contextlib.ExitStack() as servers:
                bases = [
                    servers.enter_context(load.gunicorn(self._environment(page_cache), self._log))
                    for _ in range(2)
                ]
                result = load.wrk_together([base + path for base in bases], self.seconds)
            rows.append(Row("article", f"{label}, 2 servers", result, queries))
        return rows

    def _post_comments(self, base, article):
        self.write(f"  {COMMENT_POSTS} comment posts ...")
        # Half from readers with an approved comment already (published at once, so the page
        # is invalidated), half from new ones (held, a moderator notified).
        known = [content.commenter(n) for n in range(COMMENT_POSTS // 2)]
        new = [
            (f"New reader {n}", f"new-reader{n}@example.org")
            for n in range(COMMENT_POSTS - len(known))
        ]
        commenters = [person for pair in zip(known, new, strict=False) for person in pair]
        self._timings.unlink(missing_ok=True)
        round_trips, statuses = load.post_comments(
            base, article, commenters, MIN_SECONDS_TO_SUBMIT + 1
        )
        served = [row for row in timing.read(self._timings) if row[0] == "/comments/post/"]
        return Posts(
            server_ms=[row[2] for row in served],
            cpu_ms=[row[3] for row in served],
            round_trip_ms=round_trips,
            statuses=statuses,
        )

    # -- profile ----------------------------------------------------------------------------

    def _profile(self, path, requests=100):
        """Where the time of an uncached article page goes, as cProfile sees it in-process."""
        client = Client()
        with override_settings(NEWSROOM_CACHE_WHOLE_PAGES=False, DEBUG=False):
            client.get(path)
            profiler = cProfile.Profile()
            profiler.enable()
            for _ in range(requests):
                client.get(path)
            profiler.disable()
        self.write(f"cProfile of {requests} uncached GET {path}, by own time:")
        report = io.StringIO()
        stats = pstats.Stats(profiler, stream=report)
        stats.sort_stats("tottime").print_stats(15)
        stats.sort_stats("cumulative").print_stats(30)
        self.write(report.getvalue())

    # -- report -----------------------------------------------------------------------------

    def _report(self, rows, posts, notes):
        self.write(
            f"\ngunicorn, {load.WORKERS} sync workers per app server, production settings "
            f"({'Redis' if settings.REDIS_URL else 'local-memory cache per process'}); "
            f"wrk -t{load.WRK_THREADS} -c{load.WRK_CONNECTIONS} -d{self.seconds}s "
            f"(two servers: the threads and connections shared out, req/s summed, the worse "
            f"p50/p99); queries: per page built uncached\n"
        )
        self.write(
            f"{'page':10} {'served':28} {'req/s':>9} {'p50 ms':>8} {'p99 ms':>8} {'queries':>8}"
        )
        for row in rows:
            result = row.result
            self.write(
                f"{row.page:10} {row.served:28} {result.requests_per_second:>9.0f} "
                f"{result.p50_ms:>8.1f} {result.p99_ms:>8.1f} {row.queries:>8}"
            )
            if result.timeouts:
                notes.append(
                    f"{row.page}, {row.served}: {result.timeouts} requests took longer than "
                    f"wrk's {load.WRK_TIMEOUT} and are not in its p50/p99."
                )
        answered = ", ".join(f"{status}: {n}" for status, n in sorted(posts.statuses.items()))
        self.write(f"\ncomment post, {len(posts.round_trip_ms)} posts ({answered}), one at a time:")
        if posts.server_ms:
            self.write(
                f"  server time (gunicorn worker, request read to response written): "
                f"median {load.median(posts.server_ms):.1f} ms, "
                f"p99 {load.percentile(posts.server_ms, 0.99):.1f} ms "
                f"(target: median at most 10 ms)\n"
                f"  of which CPU in the worker: median {load.median(posts.cpu_ms):.1f} ms"
            )
        else:
            self.write(f"  server time: not recorded (see {self._log})")
        self.write(
            f"  round trip seen by the bench client: median "
            f"{load.median(posts.round_trip_ms):.1f} ms"
        )
        for note in notes:
            self.write(note)

    def _report_scale(self, rows, queries, baseline, search_median):
        scaled = next(row for row in rows if row.page == "article" and row.served == "uncached")
        figure, baseline_queries = baseline
        ratio = figure.requests_per_second / scaled.result.requests_per_second
        self.write(
            f"\nAt scale, the uncached article: {scaled.result.requests_per_second:.0f} req/s, "
            f"p50 {scaled.result.p50_ms:.1f} ms, against {figure.requests_per_second:.0f} req/s, "
            f"p50 {figure.p50_ms:.1f} ms on 200 stories: {ratio:.2f} times slower "
            f"(target: within 1.2 times). Queries {queries['article']} against {baseline_queries}. "
            f"Search median {search_median:.1f} ms (target: under 50 ms)."
        )
