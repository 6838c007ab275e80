"""`manage.py bench`: reader pages under load, as a production server answers them.

On a copy of the benchmark content in a database of its own (the project database's name +
"_load": the demo outlet grown to 200 stories, its newest story with 40 approved comments),
it starts gunicorn in production mode (4 sync workers, the README's production variables,
behind a TLS proxy) three times: every page built (NEWSROOM_CACHE=0), the pieces kept but not
whole pages, and as shipped; beside them the app server's floor (the same gunicorn serving
the cached article's bytes from a bare WSGI function) and, with nginx installed, nginx in
front with the README's proxy_cache configuration and nginx serving the same bytes as a file.
The content API's list of 20 stories is loaded too, with a partner's key in its header (the
page "api"). --pages and --modes run only some of them.

wrk runs against each in interleaved rounds (A, B, C, A, B, C...), so that a busy moment of a
shared machine falls on all of them; each figure is the median of the rounds with their
min-max, printed with the machine's load and the CPU other processes used meanwhile, and
flagged when that was much (newsroom.bench.machine). Then it posts 50 comments (timed by the
server itself). Nothing is asserted.

--against PATH serves the same pages from another checkout (e.g. a git worktree of main)
in the same rounds, for a before/after on one machine at one time. --servers 2 adds the
article from two app servers at once (one database, one Redis). --scale runs the same on
100,000 stories and 1,000,000 comments (the search benchmark's database, "_bench", grown with
comments; built once and reused) and compares with the 200-story article. --search prints the
search timings of `manage.py bench_search` instead (newsroom.bench.search). --profile prints
where the time of the pages built with no cache goes (cProfile, in this process).
"""

import contextlib
import cProfile
import io
import json
import os
import pstats
import shutil
import subprocess
import sys
import urllib.parse
import uuid
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext, override_settings

from comments.moderation import MIN_SECONDS_TO_SUBMIT
from newsroom.api.keys import HEADER
from newsroom.bench import content, load, machine, nginx, search, timing

COMMENT_POSTS = 50
SCALE_STORIES = 100_000
SCALE_COMMENTS = 1_000_000
SEARCH_RUNS = 10
PAGES = ("article", "home", "section", "api")
# The content API's answer benchmarked: a list of 20 stories, for a partner's key.
API_PATH = "/api/v1/stories?limit=20"
MODES = ("cold", "pieces", "cached")
MODE_NAMES = {
    "cold": "cold (no cache)",
    "pieces": "pieces kept",
    "cached": "page cache",
}


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
    url: str
    queries: object = "-"
    # Sent with every request (the API's key).
    headers: dict = field(default_factory=dict)
    # One Load per round.
    results: list = field(default_factory=list)

    def median(self, attribute):
        return load.median([getattr(result, attribute) for result in self.results])

    def range(self, attribute):
        values = [getattr(result, attribute) for result in self.results]
        return min(values), max(values)


@dataclass
class Posts:
    server_ms: list
    cpu_ms: list
    round_trip_ms: list
    statuses: dict


def ratios(rows, over, under):
    """The rounds' ratios of one row's req/s to another's: (median, min, max)."""
    values = [
        a.requests_per_second / b.requests_per_second
        for a, b in zip(rows[over].results, rows[under].results, strict=True)
    ]
    return load.median(values), min(values), max(values)


def cpu_per_request(row):
    """The median over the rounds of the run's own CPU milliseconds per request, or "?"."""
    values = [
        result.usage.ours / result.requests_per_second * 1000
        for result in row.results
        if result.usage and result.usage.ours is not None and result.requests_per_second
    ]
    return f"{load.median(values):.2f}" if values else "?"


class Bench:
    """One `manage.py bench` run; `write` prints a line."""

    def __init__(self, write, seconds, rounds=3, against=None, pages=PAGES, modes=MODES):
        self.write = write
        self.seconds = seconds
        self.rounds = rounds
        self.against = Path(against).resolve() if against else None
        self.pages = tuple(page for page in PAGES if page in pages)
        self.modes = tuple(mode for mode in MODES if mode in modes)
        self.headers = {}

    def run(self, scale=False, servers=1, rebuild=False, profile=False, counts=0):
        if not shutil.which("wrk"):
            raise CommandError("wrk is not installed: apt-get install -y wrk (see README).")
        if servers == 2 and not settings.REDIS_URL:
            raise CommandError(
                "Two app servers share their page cache and counters through Redis: "
                "set REDIS_URL (e.g. redis://127.0.0.1:6379/0)."
            )
        if self.against and not (self.against / "newsroom" / "wsgi.py").exists():
            raise CommandError(f"--against: no Newsroom checkout at {self.against}.")
        self.database = settings.DATABASES["default"]["NAME"]
        self.cache_prefix = f"bench-{self.database}-{uuid.uuid4().hex[:8]}"
        try:
            self._run(scale, servers, rebuild, profile, counts)
        finally:
            if settings.REDIS_URL:
                load.forget_cache(settings.REDIS_URL, self.cache_prefix)

    def _run(self, scale, servers, rebuild, profile, counts=0):
        self.work = settings.BASE_DIR / "var" / "bench"
        self.work.mkdir(parents=True, exist_ok=True)
        settings.MEDIA_ROOT = self.work / "media"
        baseline = None
        if scale:
            # The 200-story article first, on this run's machine, to compare with.
            baseline = self._baseline(rebuild)
        article, urls = self._prepare(scale, rebuild)
        trees = {"": settings.BASE_DIR}
        if self.against:
            trees[", against"] = self.against
        # First: in production mode, pages built in this process read the static manifest.
        for tree in trees.values():
            self._collect_static(tree)
        if profile:
            for page, path in urls.items():
                if page != "api":
                    self._profile(path)
            return
        if counts:
            self._counts(trees, urls, counts)
            return
        queries = self._queries(urls)
        notes = []
        with contextlib.ExitStack() as stack:
            started = {
                (label, mode): stack.enter_context(
                    load.server(self._environment(mode), self._log, cwd=tree)
                )
                for label, tree in trees.items()
                for mode in self.modes
            }
            self.pids = [server.process.pid for server in started.values()]
            rows = {
                (page, f"{MODE_NAMES[mode]}{label}"): Row(
                    page,
                    f"{MODE_NAMES[mode]}{label}",
                    server.base + path,
                    queries[page],
                    self.headers.get(page, {}),
                )
                for page, path in urls.items()
                for (label, mode), server in started.items()
            }
            posts = None
            if "cached" in self.modes:
                cached = started[("", "cached")].base
                article_path = article.get_absolute_url()
                _status, _headers, page = load.fetch(cached + article_path)
                rows.update(self._floor(stack, page))
                rows.update(self._nginx(stack, cached, article_path, page, notes))
            self._rounds(rows)
            if "cached" in self.modes and "article" in self.pages:
                posts = self._post_comments(cached, article)
        two = self._two_servers(urls["article"], queries["article"]) if servers == 2 else []
        search_median = None
        if scale:
            search_median = search.time_searches(SEARCH_RUNS, self.write)
        self._report(rows, two, posts, notes)
        if scale:
            self._report_scale(rows, queries, baseline, search_median)

    def _rounds(self, rows):
        for number in range(1, self.rounds + 1):
            self.write(f"  round {number} of {self.rounds}: {len(rows)} wrk runs ...")
            for row in rows.values():
                row.results.append(load.wrk(row.url, self.seconds, self._ours, row.headers))

    def _ours(self):
        """The run's own processes, for machine.Watch: this one (its servers, nginx and wrk
        are its children), PostgreSQL's backends for the bench database, and Redis (shared
        with others on this machine, counted as ours: the cached pages read it)."""
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT pid FROM pg_stat_activity WHERE datname = current_database() "
                "AND pid <> pg_backend_pid()"
            )
            backends = [pid for (pid,) in cursor.fetchall()]
        redis = machine.named("redis-server") if settings.REDIS_URL else []
        return [os.getpid(), *backends, *redis]

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
            "api": API_PATH,
        }
        self.headers["api"] = {HEADER: content.api_key()}
        return article, {page: path for page, path in urls.items() if page in self.pages}

    def _baseline(self, rebuild):
        """The article built with no cache on the 200-story content: (Row, queries)."""
        self.write("The 200-story article first, to compare with:")
        _article, urls = self._prepare(False, rebuild)
        self._collect_static(settings.BASE_DIR)
        queries = self._queries({"article": urls["article"]})["article"]
        with load.gunicorn(self._environment("cold"), self._log) as base:
            self.pids = []
            row = Row("article", MODE_NAMES["cold"], base + urls["article"], queries)
            self._rounds({"baseline": row})
        return row, queries

    def _queries(self, urls):
        """The queries each page runs when built with no cache, as a production server would
        (HTTPS from the proxy, any allowed host)."""
        counts = {}
        client = Client()
        hosts = [*settings.ALLOWED_HOSTS, "testserver"]
        with override_settings(NEWSROOM_CACHE=False, ALLOWED_HOSTS=hosts):
            for name, path in urls.items():
                headers = self.headers.get(name, {})
                client.get(path, secure=True, headers=headers)
                with CaptureQueriesContext(connection) as captured:
                    response = client.get(path, secure=True, headers=headers)
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

    def _environment(self, cache):
        return load.production_environment(
            database_url(settings.DATABASES["default"]),
            cache=cache,
            media_root=settings.MEDIA_ROOT,
            cache_prefix=self.cache_prefix,
            timings=self._timings,
        )

    def _collect_static(self, tree):
        environment = load.production_environment(
            "postgresql://unused/unused", media_root=settings.MEDIA_ROOT
        )
        subprocess.run(
            [sys.executable, "manage.py", "collectstatic", "--noinput", "-v0"],
            env=environment,
            cwd=tree,
            check=True,
        )

    def _floor(self, stack, page):
        """The same gunicorn serving the cached article's bytes from a bare WSGI function."""
        path = self.work / "floor-article.html"
        path.write_bytes(page)
        environment = {**self._environment("cached"), "NEWSROOM_BENCH_FLOOR_PAGE": str(path)}
        floor = stack.enter_context(
            load.server(environment, self._log, app="newsroom.bench.floor:application")
        )
        self.pids.append(floor.process.pid)
        return {("article", "floor"): Row("article", "floor: bare WSGI", floor.base + "/")}

    def _nginx(self, stack, base, path, page, notes):
        """The cached article through nginx's proxy cache, and nginx serving it as a file."""
        if not nginx.installed():
            notes.append(
                "nginx is not installed: no proxy-cache rows (apt-get install -y nginx-light)."
            )
            return {}
        front = stack.enter_context(
            nginx.nginx(
                self.work / "nginx",
                servers=[urllib.parse.urlsplit(base).netloc],
                static_files={"article.html": page},
                static_root=settings.STATIC_ROOT,
                media_root=settings.MEDIA_ROOT,
                free_port=load.free_port,
            )
        )
        self.pids.append(front.process.pid)
        load.warm(front.site + path)
        _status, headers, _body = load.fetch(front.site + path)
        if headers.get("X-Cache-Status") != "HIT":
            notes.append(
                f"nginx's proxy cache answered {headers.get('X-Cache-Status')}, not HIT, "
                "after warm-up."
            )
        return {
            ("article", "nginx proxy"): Row("article", "nginx proxy_cache", front.site + path),
            ("article", "nginx file"): Row(
                "article", "nginx, static file", front.static + "/article.html"
            ),
        }

    def _two_servers(self, path, queries):
        rows = []
        for cache in ("pieces", "cached"):
            self.write(f"  wrk {MODE_NAMES[cache]}, article on two app servers at once ...")
            with contextlib.ExitStack() as servers:
                bases = [
                    servers.enter_context(load.gunicorn(self._environment(cache), self._log))
                    for _ in range(2)
                ]
                row = Row("article", f"{MODE_NAMES[cache]}, 2 servers", "", queries)
                row.results.append(load.wrk_together([base + path for base in bases], self.seconds))
            rows.append(row)
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
        """Where the time of a page built with no cache goes, as cProfile sees it in-process."""
        client = Client()
        hosts = [*settings.ALLOWED_HOSTS, "testserver"]
        with override_settings(NEWSROOM_CACHE=False, DEBUG=False, ALLOWED_HOSTS=hosts):
            client.get(path, secure=True)
            profiler = cProfile.Profile()
            profiler.enable()
            for _ in range(requests):
                client.get(path, secure=True)
            profiler.disable()
        self.write(f"cProfile of {requests} GET {path} built with no cache, by own time:")
        report = io.StringIO()
        stats = pstats.Stats(profiler, stream=report)
        stats.sort_stats("tottime").print_stats(15)
        stats.sort_stats("cumulative").print_stats(30)
        self.write(report.getvalue())

    # -- counts -----------------------------------------------------------------------------

    def _counts(self, trees, urls, requests):
        """Per kept answer, in each checkout's own process: calls, round trips, queries."""
        addresses = [
            " ".join(
                [path, *(f"{name}={value}" for name, value in self.headers.get(page, {}).items())]
            )
            for page, path in urls.items()
        ]
        script = Path(__file__).with_name("counts.py")
        self.write(
            f"\nKept answers in-process, as served by each checkout's WSGI application in "
            f"production mode ({'Redis' if settings.REDIS_URL else 'no Redis'}), per request "
            f"over {requests}: Python function calls (cProfile), round trips to Redis, "
            f"queries; CPU ms unprofiled (load moves it, not the counts)"
        )
        self.write(
            f"{'page':8} {'served':14} {'X-Page-Cache':>12} {'calls':>7} {'Redis':>6} "
            f"{'queries':>7} {'CPU ms':>7}"
        )
        for label, tree in trees.items():
            output = subprocess.run(
                [sys.executable, str(script), str(tree), str(requests), *addresses],
                env=self._environment("cached"),
                cwd=tree,
                capture_output=True,
                text=True,
                check=False,
            )
            if output.returncode:
                raise CommandError(f"Counting in {tree} failed:\n{output.stderr[-3000:]}")
            for page, line in zip(urls, output.stdout.splitlines(), strict=True):
                found = json.loads(line)
                self.write(
                    f"{page:8} {'this checkout' if not label else tree.name:14} "
                    f"{found['served']:>12} {found['calls']:>7.0f} {found['round_trips']:>6.2f} "
                    f"{found['queries']:>7.2f} {found['cpu_ms']:>7.3f}"
                )

    # -- report -----------------------------------------------------------------------------

    def _report(self, rows, two, posts, notes):
        shared = "Redis" if settings.REDIS_URL else "no Redis: the cache's state in PostgreSQL"
        self.write(
            f"\ngunicorn, {load.WORKERS} sync workers per app server, production settings "
            f"behind a TLS proxy ({shared}); wrk -t{load.WRK_THREADS} -c{load.WRK_CONNECTIONS} "
            f"-d{self.seconds}s, {self.rounds} interleaved rounds: median (min-max); "
            f"queries: per page built with no cache; CPU ms: the run's own CPU per request "
            f"(servers, database, Redis, wrk: steadier than req/s when others load the "
            f"machine); load: 1-minute load average after each "
            f"run (ours included), others: CPU cores other processes used during it (the "
            f"worst round), of {machine.cores()}\n"
        )
        self.write(
            f"{'page':8} {'served':26} {'req/s':>7} {'(min-max)':>15} {'p50 ms':>7} "
            f"{'p99 ms':>7} {'queries':>7} {'CPU ms':>6}  {'load':>9} {'others':>6}"
        )
        for row in [*rows.values(), *two]:
            low, high = row.range("requests_per_second")
            usages = [result.usage for result in row.results if result.usage]
            loads = [usage.load for usage in usages if usage.load is not None]
            others = [usage.others for usage in usages if usage.others is not None]
            noisy = any(usage.noisy for usage in usages)
            self.write(
                f"{row.page:8} {row.served:26} {row.median('requests_per_second'):>7.0f} "
                f"{f'({low:.0f}-{high:.0f})':>15} {row.median('p50_ms'):>7.1f} "
                f"{row.median('p99_ms'):>7.1f} {row.queries:>7} {cpu_per_request(row):>6}  "
                f"{f'{min(loads):.1f}-{max(loads):.1f}' if loads else '?':>9} "
                f"{f'{max(others):.2f}' if others else '?':>6}{'  noisy' if noisy else ''}"
            )
            timeouts = sum(result.timeouts for result in row.results)
            if timeouts:
                notes.append(
                    f"{row.page}, {row.served}: {timeouts} requests took longer than "
                    f"wrk's {load.WRK_TIMEOUT} and are not in its p50/p99."
                )
        self._report_ratios(rows)
        noisy = [
            (row, number)
            for row in [*rows.values(), *two]
            for number, result in enumerate(row.results, 1)
            if result.usage and result.usage.noisy
        ]
        if noisy:
            self.write(
                f"\nWARNING: a noisy run: other processes used more than "
                f"{machine.NOISY_SHARE:.0%} of the machine's CPU during {len(noisy)} of the "
                f"{sum(len(row.results) for row in [*rows.values(), *two])} wrk runs; "
                f"the min-max shows how much it moved the figures."
            )
        if posts is None:
            for note in notes:
                self.write(note)
            return
        answered = ", ".join(f"{status}: {n}" for status, n in sorted(posts.statuses.items()))
        self.write(f"\ncomment post, {len(posts.round_trip_ms)} posts ({answered}), one at a time:")
        if posts.server_ms:
            self.write(
                f"  server time (gunicorn worker, request read to response written): "
                f"median {load.median(posts.server_ms):.1f} ms, "
                f"p99 {load.percentile(posts.server_ms, 0.99):.1f} ms "
                f"(target: median at most 8 ms, p99 at most 30 ms)\n"
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

    def _report_ratios(self, rows):
        """The ratios the targets are stated in, each from the same rounds' pairs."""
        lines = []
        cached = ("article", MODE_NAMES["cached"])
        if ("article", "floor") in rows and cached in rows:
            lines.append(
                ("page-cache hit / the bare-WSGI floor (target: at least 70%)", cached,
                 ("article", "floor"))
            )  # fmt: skip
        if ("api", MODE_NAMES["cached"]) in rows and cached in rows:
            lines.append(
                ("API answer kept / page-cache hit of the article (target: at least 100%)",
                 ("api", MODE_NAMES["cached"]), cached)
            )  # fmt: skip
        if ("api", MODE_NAMES["cached"]) in rows and ("article", "floor") in rows:
            lines.append(
                ("API answer kept / the bare-WSGI floor", ("api", MODE_NAMES["cached"]),
                 ("article", "floor"))
            )  # fmt: skip
        if ("article", "nginx proxy") in rows:
            lines.append(
                ("nginx proxy_cache / nginx serving the file (target: at least 80%)",
                 ("article", "nginx proxy"), ("article", "nginx file"))
            )  # fmt: skip
        if self.against:
            for page in self.pages:
                for mode in self.modes:
                    name = MODE_NAMES[mode]
                    lines.append(
                        (f"{page}, {name}: this checkout / {self.against.name}",
                         (page, name), (page, f"{name}, against"))
                    )  # fmt: skip
        if lines:
            self.write("\nratios of req/s, per round: median (min-max)")
        for text, over, under in lines:
            middle, low, high = ratios(rows, over, under)
            self.write(f"  {text}: {middle:.0%} ({low:.0%}-{high:.0%})")

    def _report_scale(self, rows, queries, baseline, search_median):
        scaled = rows[("article", MODE_NAMES["cold"])]
        figure, baseline_queries = baseline
        before = figure.median("requests_per_second")
        after = scaled.median("requests_per_second")
        self.write(
            f"\nAt scale, the article with no cache: {after:.0f} req/s, "
            f"p50 {scaled.median('p50_ms'):.1f} ms, against {before:.0f} req/s, "
            f"p50 {figure.median('p50_ms'):.1f} ms on 200 stories: {before / after:.2f} times "
            f"slower (target: within 1.2 times). Queries {queries['article']} against "
            f"{baseline_queries}. Search median {search_median:.1f} ms (target: under 50 ms)."
        )
