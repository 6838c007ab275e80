from django.core.management.base import BaseCommand
from django.db import transaction

from articles.models import Article, Section

SECTIONS = [
    ("World", "world", "Reporting from our correspondents and partners abroad."),
    ("Politics", "politics", "Parliament, parties and the people who vote for them."),
    ("Business", "business", "Companies, markets and the local economy."),
    ("Science", "science", "Research, health and the environment."),
    ("Culture", "culture", "Books, film, music and the arts."),
    ("Sport", "sport", "Results, profiles and the stories behind the scores."),
]


class Command(BaseCommand):
    help = "Load the demo outlet: sections, authors, articles and pictures. Safe to run twice."

    def add_arguments(self, parser):
        parser.add_argument(
            "--if-empty",
            action="store_true",
            help="Do nothing when the database already has articles.",
        )

    @transaction.atomic
    def handle(self, *args, if_empty=False, **options):
        if if_empty and Article.objects.exists():
            self.stdout.write("Demo content: the database already has articles; left as it is.")
            return
        for position, (name, slug, description) in enumerate(SECTIONS):
            Section.objects.update_or_create(
                slug=slug,
                defaults={"name": name, "description": description, "position": position},
            )
        self.stdout.write(self.style.SUCCESS(f"Demo content: {len(SECTIONS)} sections."))
