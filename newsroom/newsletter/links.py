"""Absolute addresses for mail, which is written by a worker with no request to ask."""

from urllib.parse import urljoin

from django.conf import settings
from django.urls import reverse


def absolute(path):
    return urljoin(settings.NEWSROOM_SITE_URL.rstrip("/") + "/", path.lstrip("/"))


def absolute_reverse(name, **kwargs):
    return absolute(reverse(name, kwargs=kwargs))
