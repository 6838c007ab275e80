import json

from django.core.management.base import BaseCommand

from comments.privacy import export_commenter


class Command(BaseCommand):
    help = "Print, as JSON, every comment stored with an email address (a reader's data request)."

    def add_arguments(self, parser):
        parser.add_argument("email")

    def handle(self, *args, email, **options):
        self.stdout.write(json.dumps(export_commenter(email), indent=2, ensure_ascii=False))
