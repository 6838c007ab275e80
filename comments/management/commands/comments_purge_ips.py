from django.core.management.base import BaseCommand

from comments.privacy import purge_old_ips


class Command(BaseCommand):
    help = (
        "Delete commenters' IP addresses older than the “keep IP addresses for” setting. "
        "Run daily (cron or a scheduler)."
    )

    def handle(self, *args, **options):
        self.stdout.write(f"Removed {purge_old_ips()} old IP address(es).")
