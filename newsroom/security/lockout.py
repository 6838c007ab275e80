"""The page django-axes shows when a username is locked out from one address."""

import math

from axes.helpers import get_client_username, get_failure_limit
from axes.models import AccessAttempt
from django.conf import settings
from django.contrib import admin
from django.shortcuts import render
from django.utils import timezone

from newsroom.security.client import client_ip


def seconds_left(username, address):
    """Until the pause of this username from this address ends: the cool-off counts from the
    last wrong try (tries during the pause do not move it)."""
    cooloff = settings.AXES_COOLOFF_TIME
    last = (
        AccessAttempt.objects.filter(username=username, ip_address=address)
        .order_by("-attempt_time")
        .values_list("attempt_time", flat=True)
        .first()
    )
    if last is None:
        return int(cooloff.total_seconds())
    return max(math.ceil((last + cooloff - timezone.now()).total_seconds()), 1)


def locked_out(request, response, credentials):
    """A 429 that says why, for how long (also in Retry-After), and what colleagues and admins
    can do."""
    username = get_client_username(request, credentials) or ""
    context = {
        **admin.site.each_context(request),
        "title": "Sign-in paused",
        "failure_limit": get_failure_limit(request, credentials),
        "username": username,
        "minutes": int(settings.AXES_COOLOFF_TIME.total_seconds() // 60),
    }
    response = render(request, "admin/locked_out.html", context, status=429)
    response["Retry-After"] = str(seconds_left(username, client_ip(request)))
    return response
