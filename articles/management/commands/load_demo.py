from django.core.management.base import BaseCommand

from articles.demo import loading
from articles.demo.content import STORIES
from articles.models import Article


class Command(BaseCommand):
    help = "Load the demo outlet: sections, authors, articles and pictures. Safe to run twice."

    def add_arguments(self, parser):
        parser.add_argument(
            "--if-empty",
            action="store_true",
            help="Do nothing when the database already has articles.",
        )

    def handle(self, *args, if_empty=False, **options):
        if if_empty and Article.objects.exists():
            self.stdout.write("Demo content: the database already has articles; left as it is.")
            return
        sections, authors, created = loading.load()
        self.stdout.write(
            self.style.SUCCESS(
                f"Demo content: {len(sections)} sections, {len(authors)} authors, "
                f"{len(STORIES)} stories ({created} new)."
            )
        )
