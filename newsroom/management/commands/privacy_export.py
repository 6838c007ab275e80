import json

from django.core.management.base import BaseCommand

from comments.privacy import export_commenter
from newsroom.newsletter.privacy import export_subscriber


class Command(BaseCommand):
    help = (
        "Print, as JSON, everything stored about a reader's email address: their comments and "
        "their newsletter subscription (a reader's data request)."
    )

    def add_arguments(self, parser):
        parser.add_argument("email")

    def handle(self, *args, email, **options):
        data = {"comments": export_commenter(email), "newsletter": export_subscriber(email)}
        self.stdout.write(json.dumps(data, indent=2, ensure_ascii=False))
