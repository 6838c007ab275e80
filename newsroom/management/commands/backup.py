from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import connections
from django.utils import timezone

from newsroom.backups import BackupError, backup


class Command(BaseCommand):
    help = "Write one archive with the database and the uploaded media (restore with `restore`)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--output",
            help="Where to write the archive (default: var/backups/newsroom-<time>.tar.gz).",
        )

    def handle(self, *args, output=None, **options):
        if output is None:
            stamp = timezone.now().strftime("%Y%m%d-%H%M%S")
            output = settings.BASE_DIR / "var" / "backups" / f"newsroom-{stamp}.tar.gz"
        try:
            path = backup(connections["default"].settings_dict, settings.MEDIA_ROOT, output)
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        size = path.stat().st_size / 1048576
        self.stdout.write(f"Backup written: {path} ({size:.1f} MB)")
