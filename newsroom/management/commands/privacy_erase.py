from django.core.management.base import BaseCommand
from django.template.defaultfilters import pluralize

from newsroom.readers.privacy import erase_everything


class Command(BaseCommand):
    help = (
        "Erase a reader's data by email: their comments are anonymised (as comments_erase "
        "does), their newsletter subscription is deleted with its history, and their account "
        "(as the account's own “Erase my data” does)."
    )

    def add_arguments(self, parser):
        parser.add_argument("email")

    def handle(self, *args, email, **options):
        comments, subscription, account = erase_everything(email)
        self.stdout.write(
            f"Erased the personal data of {comments} comment{pluralize(comments)} sent as {email}."
        )
        if subscription:
            self.stdout.write(f"Deleted the newsletter subscription of {email}.")
        else:
            self.stdout.write(f"No newsletter subscription for {email}.")
        if account:
            self.stdout.write(f"Deleted the reader account of {email}.")
        else:
            self.stdout.write(f"No reader account for {email}.")
