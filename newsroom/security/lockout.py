"""The page django-axes shows when a username is locked out from one address."""

from axes.helpers import get_client_username, get_failure_limit
from django.conf import settings
from django.contrib import admin
from django.shortcuts import render


def locked_out(request, response, credentials):
    """A 429 that says why, for how long, and what colleagues and admins can do."""
    context = {
        **admin.site.each_context(request),
        "title": "Sign-in paused",
        "failure_limit": get_failure_limit(request, credentials),
        "username": get_client_username(request, credentials) or "",
        "minutes": int(settings.AXES_COOLOFF_TIME.total_seconds() // 60),
    }
    return render(request, "admin/locked_out.html", context, status=429)
