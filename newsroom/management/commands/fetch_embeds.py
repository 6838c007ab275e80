from django.core.management.base import BaseCommand

from articles.embeds.resolve import describe_problems, fetch_for_stories
from articles.models import Article


class Command(BaseCommand):
    help = (
        "Fetch the players and link cards of the links alone on their line in stories (after "
        "an import), or fetch every one again with --refresh."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--refresh",
            action="store_true",
            help="Ask the providers again about every link, not only those never fetched.",
        )

    def handle(self, *args, refresh, **options):
        urls, problems = fetch_for_stories(Article.objects.all(), refresh=refresh)
        for problem in describe_problems(problems):
            self.stderr.write(problem)
        self.stdout.write(f"{len(urls)} links alone on their line; {len(problems)} not embedded.")
