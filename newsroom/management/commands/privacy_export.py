import json

from django.core.management.base import BaseCommand

from newsroom.readers.privacy import export_everything


class Command(BaseCommand):
    help = (
        "Print, as JSON, everything stored about a reader's email address: their account, their "
        "comments and their newsletter subscription (a reader's data request; readers signed in "
        "download the same from their account)."
    )

    def add_arguments(self, parser):
        parser.add_argument("email")

    def handle(self, *args, email, **options):
        data = export_everything(email)
        self.stdout.write(json.dumps(data, indent=2, ensure_ascii=False))
