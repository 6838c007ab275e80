"""Answers for a bad day: the database gone away answers 503 with Retry-After, not 500."""

import logging
import sys

from django.conf import settings
from django.db import DatabaseError, InterfaceError, OperationalError
from django.http import HttpResponse
from django.template import loader
from django.views.defaults import server_error as django_server_error

logger = logging.getLogger(__name__)

# How long browsers, crawlers and the load balancer are asked to wait before trying again.
RETRY_AFTER_SECONDS = 30


def database_is_down(exc):
    """A connection that failed or broke, as opposed to a bug in a query."""
    return isinstance(exc, (OperationalError, InterfaceError)) or (
        isinstance(exc, DatabaseError) and "connection" in str(exc).lower()
    )


def unavailable(template="503.html", context=None, status=503):
    """The styled page, rendered without a request: context processors would need the database."""
    context = {
        "site_name": settings.NEWSROOM_SITE_NAME,
        "site_tagline": settings.NEWSROOM_SITE_TAGLINE,
        **(context or {}),
    }
    response = HttpResponse(loader.render_to_string(template, context), status=status)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    response["Cache-Control"] = "no-store"
    return response


def server_error(request, template_name="500.html"):
    """handler500: a database outage is a 503 the reader can wait out; anything else a 500."""
    exc = sys.exc_info()[1]
    if exc is not None and database_is_down(exc):
        logger.warning("Database unavailable for %s: answering 503", request.path)
        return unavailable()
    return django_server_error(request, template_name)
