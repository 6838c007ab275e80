import time

from django.core.management.base import BaseCommand

from newsroom.clock import tick


class Command(BaseCommand):
    help = (
        "Once a minute: write the view counts, throw away yesterday's visitor salt, queue the "
        "daily newsletter at its time and forget autosaved drafts untouched for 30 days. Run "
        "one, beside `manage.py db_worker`."
    )

    def add_arguments(self, parser):
        parser.add_argument("--once", action="store_true", help="Run the jobs once and stop.")

    def handle(self, *args, once=False, **options):
        while True:
            tick()
            if once:
                return
            # Wake at the top of the next minute, however long the jobs took.
            time.sleep(60 - time.time() % 60)
