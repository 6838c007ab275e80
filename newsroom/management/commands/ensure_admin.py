import os
import secrets
import string

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand

# Letters and digits only: a double-click selects all of it, and nothing looks like a quote.
PASSWORD_ALPHABET = string.ascii_letters + string.digits


class Command(BaseCommand):
    help = "Create a local superuser when there is none, and say how to sign in."

    def handle(self, *args, **options):
        User = get_user_model()
        admin_url = f"http://127.0.0.1:{os.environ.get('PORT', '8000')}/admin/"
        admin = User.objects.filter(is_superuser=True).order_by("pk").first()
        change = ".venv/bin/python manage.py changepassword"
        if admin:
            self.stdout.write(
                f"The admin:  {admin_url}\n"
                f"User name:  {admin.get_username()}\n"
                f"Password:   the one you chose (forgot it? run {change} {admin.get_username()})"
            )
            return
        username = settings.NEWSROOM_ADMIN_USER
        password = settings.NEWSROOM_ADMIN_PASSWORD or "".join(
            secrets.choice(PASSWORD_ALPHABET) for _ in range(16)
        )
        User.objects.create_superuser(username, f"{username}@localhost", password)
        self.stdout.write(
            f"The admin:  {admin_url}\n"
            f"User name:  {username}\n"
            f"Password:   {password}\n"
            f"            (a new account: write the password down, or change it with "
            f"{change} {username})"
        )
