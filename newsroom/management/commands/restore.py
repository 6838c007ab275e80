from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import connections

from newsroom.backups import BackupError, restore


class Command(BaseCommand):
    help = (
        "Replace the database's contents and the media files with those of a backup archive "
        "made by `backup`."
    )

    def add_arguments(self, parser):
        parser.add_argument("archive", help="The .tar.gz file `manage.py backup` wrote.")
        parser.add_argument(
            "--noinput", "--no-input", action="store_false", dest="interactive",
            help="Do not ask for confirmation.",
        )  # fmt: skip

    def handle(self, *args, archive, interactive=True, **options):
        database = connections["default"].settings_dict
        if interactive:
            answer = input(
                f"This replaces everything in the database {database['NAME']!r} and in "
                f"{settings.MEDIA_ROOT} with the backup. Type 'yes' to go on: "
            )
            if answer.strip().lower() != "yes":
                raise CommandError("Restore cancelled; nothing was changed.")
        # Our own connection would hold locks pg_restore needs.
        connections.close_all()
        try:
            manifest = restore(database, settings.MEDIA_ROOT, archive)
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(f"Restored the backup made {manifest.get('created', '?')}.")
