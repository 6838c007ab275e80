from django.core.management.base import BaseCommand
from django.template.defaultfilters import pluralize

from comments.privacy import erase_commenter
from newsroom.newsletter.privacy import erase_subscriber


class Command(BaseCommand):
    help = (
        "Erase a reader's data by email: their comments are anonymised (as comments_erase "
        "does) and their newsletter subscription is deleted with its history."
    )

    def add_arguments(self, parser):
        parser.add_argument("email")

    def handle(self, *args, email, **options):
        erased = erase_commenter(email)
        self.stdout.write(
            f"Erased the personal data of {erased} comment{pluralize(erased)} sent as {email}."
        )
        if erase_subscriber(email):
            self.stdout.write(f"Deleted the newsletter subscription of {email}.")
        else:
            self.stdout.write(f"No newsletter subscription for {email}.")
