from django.core.management.base import BaseCommand

from newsroom.bench import live


class Command(BaseCommand):
    help = "Requests per second of a live story's polling endpoint, served as in production."

    def add_arguments(self, parser):
        parser.add_argument("--seconds", type=int, default=10)
        parser.add_argument("--connections", type=int, default=50)
        parser.add_argument("--workers", type=int, default=2, help="gunicorn workers.")

    def handle(self, *args, seconds, connections, workers, **options):
        live.run(self.stdout.write, seconds=seconds, connections=connections, workers=workers)
