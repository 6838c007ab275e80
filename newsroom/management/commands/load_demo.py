from django.core.management.base import BaseCommand
from django.db import transaction

from articles.models import Article
from newsroom.demo import comments, loading
from newsroom.demo.content import STORIES


class Command(BaseCommand):
    help = (
        "Load the demo outlet: sections, authors, stories with pictures, a live story, a "
        "correction, and reader comments. Safe to run twice."
    )

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
        if options["verbosity"]:
            self.stdout.write("Loading the demo outlet: stories, drawn pictures, comments (20 s)…")
        with transaction.atomic():
            sections, authors, created = loading.load()
            new_comments = comments.load()
        if options["verbosity"]:
            self.stdout.write(
                self.style.SUCCESS(
                    f"Demo content: {len(sections)} sections, {len(authors)} authors, "
                    f"{len(STORIES)} stories ({created} new); {new_comments} new reader comments."
                )
            )
