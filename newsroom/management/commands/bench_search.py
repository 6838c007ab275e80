from django.core.management.base import BaseCommand

from newsroom.bench import search


class Command(BaseCommand):
    help = "Time search over 100,000 generated stories in a separate database (built once)."

    def add_arguments(self, parser):
        parser.add_argument("--articles", type=int, default=search.STORIES)
        parser.add_argument(
            "--runs", type=int, default=search.RUNS, help="Timed runs of each query."
        )
        parser.add_argument("--rebuild", action="store_true", help="Drop and rebuild the data.")

    def handle(self, *args, articles, runs, rebuild, **options):
        search.run(self.stdout.write, stories=articles, runs=runs, rebuild=rebuild)
