"""`manage.py bench`: reader pages under load; what it runs is told in newsroom/bench/runner.py."""

from django.core.management.base import BaseCommand, CommandError

from newsroom.bench import search
from newsroom.bench.runner import MODES, PAGES, Bench


class Command(BaseCommand):
    help = "Load-test reader pages with wrk against gunicorn in production mode."

    def add_arguments(self, parser):
        parser.add_argument("--seconds", type=int, default=10, help="Length of each wrk run.")
        parser.add_argument(
            "--rounds", type=int, default=3, help="Interleaved rounds of every wrk run."
        )
        parser.add_argument(
            "--against",
            metavar="PATH",
            help="Another checkout (e.g. a git worktree of main) served in the same rounds.",
        )
        parser.add_argument(
            "--scale", action="store_true", help="100,000 stories and 1,000,000 comments."
        )
        parser.add_argument(
            "--servers",
            type=int,
            choices=(1, 2),
            default=1,
            help="2: also the article from two app servers at once (needs REDIS_URL).",
        )
        parser.add_argument(
            "--pages",
            default=",".join(PAGES),
            help=f"Which of {', '.join(PAGES)} to load (comma-separated; api: a list of 20 "
            "stories with a partner's key in its header).",
        )
        parser.add_argument(
            "--modes",
            default=",".join(MODES),
            help=f"Which of {', '.join(MODES)} to serve them in (comma-separated; the floor "
            "and nginx come with cached, the comment posts with article and cached).",
        )
        parser.add_argument(
            "--counts",
            type=int,
            default=0,
            metavar="REQUESTS",
            help="Instead of the load run: what one kept answer of each page costs in "
            "function calls, round trips to Redis and queries (averaged over REQUESTS "
            "requests in-process; with --against, for that checkout too).",
        )
        parser.add_argument("--rebuild", action="store_true", help="Drop and rebuild the data.")
        parser.add_argument(
            "--search", action="store_true", help="Search timings (manage.py bench_search)."
        )
        parser.add_argument(
            "--profile",
            action="store_true",
            help="Instead of the load run: cProfile of the article, home and section pages "
            "built with no cache (100 requests each).",
        )

    def handle(self, *args, seconds, rounds, against, scale, servers, rebuild, profile, **options):
        pages, modes = options["pages"].split(","), options["modes"].split(",")
        unknown = sorted({*pages} - {*PAGES} | {*modes} - {*MODES})
        if unknown:
            raise CommandError(f"Not a page or mode the bench knows: {', '.join(unknown)}.")
        if options["search"]:
            search.run(self.stdout.write, rebuild=rebuild)
        else:
            bench = Bench(
                self.stdout.write, seconds, rounds=rounds, against=against, pages=pages, modes=modes
            )
            bench.run(scale, servers, rebuild, profile, options["counts"])
