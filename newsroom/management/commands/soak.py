"""`manage.py soak` (`make soak`): load through faults; what it runs: newsroom/bench/soak.py."""

from django.core.management.base import BaseCommand, CommandError

from newsroom.bench import soak


class Command(BaseCommand):
    help = (
        "Readers, commenters and an editor against gunicorn while PostgreSQL restarts and "
        "Redis is killed and paused (the soak's own, on ports of their own)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--seconds", type=int, default=600, help="Length of the load.")
        parser.add_argument(
            "--make-content",
            action="store_true",
            help="(Used by the soak itself) make its stories and editor in this database.",
        )

    def handle(self, *args, seconds, make_content, **options):
        if make_content:
            soak.make_content()
            return
        if not soak.healthy_run(seconds, self.stdout.write):
            raise CommandError("The soak found lost comments, stale pages or 5xx outside outages.")
