from axes.utils import reset
from django.core.management.base import BaseCommand, CommandError

from newsroom.security import signin


class Command(BaseCommand):
    help = (
        "Let a username (or an address) sign in to the admin again at once: ends its pauses, "
        "its wait and the wrong tries counted against it."
    )

    def add_arguments(self, parser):
        parser.add_argument("username", nargs="?", default="")
        parser.add_argument("--address", default="", help="An address to lift the pause of.")

    def handle(self, *args, username, address, **options):
        if not username and not address:
            raise CommandError("Name a username, or an address with --address.")
        signin.lift(username=username, address=address)
        if username:
            reset(username=username)
        if address:
            reset(ip=address)
        who = " and ".join(filter(None, [f"“{username}”" if username else "", address]))
        self.stdout.write(f"Sign-in pauses lifted for {who}.")
