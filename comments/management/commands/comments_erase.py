from django.core.management.base import BaseCommand
from django.template.defaultfilters import pluralize

from comments.privacy import ANONYMOUS, erase_commenter


class Command(BaseCommand):
    help = (
        f"Erase a commenter's data by email: name becomes “{ANONYMOUS}”, email, website and "
        "browser are cleared, the IP address is cut to its network. The text stays."
    )

    def add_arguments(self, parser):
        parser.add_argument("email")

    def handle(self, *args, email, **options):
        erased = erase_commenter(email)
        self.stdout.write(
            f"Erased the personal data of {erased} comment{pluralize(erased)} sent as {email}."
        )
