from django.core.management.base import BaseCommand

from newsroom.staff.roles import ROLES, setup_roles


class Command(BaseCommand):
    help = "Create the Reporter, Editor and Moderator groups, or put their permissions back."

    def handle(self, *args, **options):
        setup_roles(note=lambda line: self.stdout.write(line))
        self.stdout.write(f"Roles ready: {', '.join(ROLES)}.")
