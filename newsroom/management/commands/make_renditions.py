from django.core.management.base import BaseCommand

from articles.images import make_renditions, renditions_are_current
from articles.models import Image


class Command(BaseCommand):
    help = (
        "Make the copies pictures lack (the cuts around their subject and the AVIF copies, for "
        "pictures uploaded before there were any); pages showing them are refreshed."
    )

    def handle(self, *args, **options):
        made = 0
        for image in Image.objects.exclude(file="").order_by("pk").iterator(chunk_size=100):
            if not renditions_are_current(image):
                make_renditions(image)
                made += 1
        self.stdout.write(f"Copies made for {made} picture{'s' if made != 1 else ''}.")
