import os
import secrets

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Create a local superuser when there is none, and say how to log in."

    def handle(self, *args, **options):
        User = get_user_model()
        admin = User.objects.filter(is_superuser=True).order_by("pk").first()
        if admin:
            self.stdout.write(
                f"Admin: log in at http://127.0.0.1:{os.environ.get('PORT', '8000')}/admin/ as "
                f"“{admin.get_username()}”. Forgot the password? "
                f"Run: .venv/bin/python manage.py changepassword {admin.get_username()}"
            )
            return
        username = settings.NEWSROOM_ADMIN_USER
        password = settings.NEWSROOM_ADMIN_PASSWORD or secrets.token_urlsafe(12)
        User.objects.create_superuser(username, f"{username}@localhost", password)
        self.stdout.write(
            self.style.SUCCESS(
                f"Created the local admin account. Log in at "
                f"http://127.0.0.1:{os.environ.get('PORT', '8000')}/admin/ with user name "
                f"“{username}” and password “{password}” (shown once; change it with "
                f".venv/bin/python manage.py changepassword {username})."
            )
        )
