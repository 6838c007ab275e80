import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsroom.settings")
django_application = get_wsgi_application()

from newsroom.caching.wsgi import KeptFirst  # noqa: E402 (needs the settings set up)

application = KeptFirst(django_application)
