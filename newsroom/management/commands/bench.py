"""`manage.py bench`: reader pages under load, as a production server answers them.

On a copy of the benchmark content in a database of its own (the project database's name +
"_load": the demo outlet grown to 200 stories, its newest story with 40 approved comments),
it starts gunicorn in production mode (4 sync workers) with the page cache on and then off,
runs wrk against the article, home and section pages, posts 50 comments, and prints req/s,
p50, p99 and the queries each page runs uncached. Nothing is asserted.

--scale runs the same on 100,000 stories and 1,000,000 comments (the search benchmark's
database, "_bench", grown with comments; building it takes a while, once). --search prints
the search timings of `manage.py bench_search` instead.
"""

import cProfile
import io
import pstats
import shutil
import subprocess
import sys
import urllib.parse

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext, override_settings

from articles.management.commands.bench_search import Command as SearchBench
from newsroom.bench import content, load

COMMENT_POSTS = 50
SCALE_STORIES = 100_000
SCALE_COMMENTS = 1_000_000


def database_url(db):
    host = db.get("HOST") or ""
    if host.startswith("/"):
        host = urllib.parse.quote(host, safe="")
    user = urllib.parse.quote(db.get("USER") or "", safe="")
    password = f":{urllib.parse.quote(db['PASSWORD'], safe='')}" if db.get("PASSWORD") else ""
    port = f":{db['PORT']}" if db.get("PORT") else ""
    return f"postgresql://{user}{password}@{host}{port}/{db['NAME']}"


class Command(BaseCommand):
    help = "Load-test reader pages with wrk against gunicorn in production mode."

    def add_arguments(self, parser):
        parser.add_argument("--seconds", type=int, default=15, help="Length of each wrk run.")
        parser.add_argument(
            "--scale", action="store_true", help="100,000 stories and 1,000,000 comments."
        )
        parser.add_argument("--rebuild", action="store_true", help="Drop and rebuild the data.")
        parser.add_argument(
            "--search", action="store_true", help="Search timings (manage.py bench_search)."
        )
        parser.add_argument(
            "--profile",
            action="store_true",
            help="Instead of the load run: cProfile of the uncached article page (100 requests).",
        )

    def handle(self, *args, seconds, scale, rebuild, search, profile, **options):
        if search:
            call_command("bench_search", rebuild=rebuild, stdout=self.stdout)
            return
        if not shutil.which("wrk"):
            raise CommandError("wrk is not installed: sudo apt-get install wrk (see README).")
        searcher = SearchBench(stdout=self.stdout)
        suffix = "_bench" if scale else "_load"
        searcher._use_database(f"{settings.DATABASES['default']['NAME']}{suffix}", rebuild)
        call_command("migrate", verbosity=0, interactive=False)
        work = settings.BASE_DIR / "var" / "bench"
        settings.MEDIA_ROOT = work / "media"
        if scale:
            searcher._populate(SCALE_STORIES)
        article = content.build()
        if scale:
            content.add_scale_comments(SCALE_COMMENTS, self.stdout.write)
        urls = {
            "article": article.get_absolute_url(),
            "home": "/",
            "section": article.section.get_absolute_url(),
        }
        if profile:
            self._profile(urls["article"])
            return
        queries = self._queries(urls)
        self._collect_static()
        rows = {}
        for page_cache in (False, True):
            environment = load.production_environment(
                database_url(settings.DATABASES["default"]),
                page_cache=page_cache,
                media_root=settings.MEDIA_ROOT,
            )
            label = "cached" if page_cache else "uncached"
            with load.gunicorn(environment, work / "gunicorn.log") as base:
                for name, path in urls.items():
                    self.stdout.write(f"  wrk {label} {name} {path} ...")
                    rows[f"{name}, {label}"] = (load.wrk(base + path, seconds), queries[name])
                if page_cache:
                    posts = self._post_comments(base, article)
        self._report(rows, posts, seconds)

    def _queries(self, urls):
        """The queries each page runs when built (the page cache off), after one warm-up."""
        counts = {}
        client = Client()
        with override_settings(NEWSROOM_PAGE_CACHE=False):
            for name, path in urls.items():
                client.get(path)
                with CaptureQueriesContext(connection) as captured:
                    response = client.get(path)
                if response.status_code != 200:
                    raise CommandError(f"{path} answered {response.status_code}")
                counts[name] = len(captured.captured_queries)
        return counts

    def _profile(self, path, requests=100):
        """Where the time of an uncached article page goes, as cProfile sees it in-process."""
        client = Client()
        with override_settings(NEWSROOM_PAGE_CACHE=False, DEBUG=False):
            client.get(path)
            profiler = cProfile.Profile()
            profiler.enable()
            for _ in range(requests):
                client.get(path)
            profiler.disable()
        self.stdout.write(f"cProfile of {requests} uncached GET {path}, by own time:")
        report = io.StringIO()
        stats = pstats.Stats(profiler, stream=report)
        stats.sort_stats("tottime").print_stats(15)
        stats.sort_stats("cumulative").print_stats(30)
        self.stdout.write(report.getvalue())

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

    def _post_comments(self, base, article):
        self.stdout.write(f"  {COMMENT_POSTS} comment posts ...")
        # Half from readers with an approved comment already (published at once, so the page
        # is invalidated), half from new ones (held, a moderator notified).
        known = [content.commenter(n) for n in range(COMMENT_POSTS // 2)]
        new = [
            (f"New reader {n}", f"new-reader{n}@example.org")
            for n in range(COMMENT_POSTS - len(known))
        ]
        from comments.moderation import MIN_SECONDS_TO_SUBMIT

        commenters = [person for pair in zip(known, new, strict=False) for person in pair]
        return load.post_comments(base, article, commenters, MIN_SECONDS_TO_SUBMIT + 1)

    def _report(self, rows, posts, seconds):
        self.stdout.write(
            f"\ngunicorn, {load.WORKERS} sync workers, production settings; "
            f"wrk -t{load.WRK_THREADS} -c{load.WRK_CONNECTIONS} -d{seconds}s "
            f"(queries: per uncached page)\n"
        )
        self.stdout.write(f"{'page':22} {'req/s':>9} {'p50 ms':>8} {'p99 ms':>8} {'queries':>8}")
        for name, (result, queries) in rows.items():
            self.stdout.write(
                f"{name:22} {result.requests_per_second:>9.0f} {result.p50_ms:>8.1f} "
                f"{result.p99_ms:>8.1f} {queries:>8}"
            )
        timings, statuses = posts
        answered = ", ".join(f"{status}: {count}" for status, count in sorted(statuses.items()))
        self.stdout.write(
            f"{'comment post':22} median {load.median(timings):.1f} ms, "
            f"p99 {load.percentile(timings, 0.99):.1f} ms over {len(timings)} posts ({answered})"
        )
