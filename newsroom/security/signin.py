"""Admin sign-in limits that spreading the guesses over addresses or usernames cannot get round.

django-axes pauses one username from one address after NEWSROOM_LOGIN_FAILURE_LIMIT wrong tries
(newsroom.security.lockout). Beside it, counted in the state every process shares (Redis, or
PostgreSQL without it), over windows as long as the cool-off:

- one username, from all addresses together: past NEWSROOM_LOGIN_USERNAME_SLOWDOWN wrong tries,
  each further try must wait (2 seconds, doubling to a minute); at NEWSROOM_LOGIN_USERNAME_LIMIT
  the username is paused everywhere for NEWSROOM_LOGIN_COOLOFF_MINUTES and its owner is mailed;
- one address, whatever the usernames: at NEWSROOM_LOGIN_ADDRESS_LIMIT the address is paused.

A paused or slowed try is refused before the password is looked at, so it tells nothing about
the password. Wrong two-step codes count as wrong passwords (two_factor sends the same signal).
"""

import datetime
import hashlib
import logging
import math
import time
from dataclasses import dataclass

from django.conf import settings
from django.contrib import admin
from django.contrib.auth import get_user_model
from django.contrib.auth.signals import user_login_failed
from django.core.mail import send_mail
from django.shortcuts import render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from newsroom.caching.state import Unavailable, state
from newsroom.security.client import client_ip

logger = logging.getLogger(__name__)

# The longest a slowed-down username waits between two tries, in seconds.
LONGEST_WAIT = 60


def _cooloff_seconds():
    return settings.NEWSROOM_LOGIN_COOLOFF_MINUTES * 60


def _of_user(username):
    # Usernames are chosen by whoever types them: a digest keeps keys short and plain.
    return hashlib.sha256(username.encode()).hexdigest()[:32]


def _keys(username, address):
    user = _of_user(username)
    return {
        "address": f"signin:pause:address:{address}",
        "username": f"signin:pause:user:{user}",
        "slow": f"signin:wait:user:{user}",
    }


@dataclass(frozen=True)
class Refusal:
    """Why a sign-in is refused before its password is checked, and until when."""

    reason: str  # "address", "username" or "slow"
    until: float
    username: str

    def seconds_left(self, now=None):
        return max(math.ceil(self.until - (now or time.time())), 1)


def refusal(username, address, now=None):
    """The pause or wait that stands in this try's way, or None."""
    now = now or time.time()
    keys = _keys(username, address or "")
    if not address:
        del keys["address"]
    try:
        found = state().read(keys.values())
    except Unavailable:
        # The lockout of django-axes (in the database) still holds.
        return None
    for reason, key in keys.items():
        until = float(found.get(key, 0) or 0)
        if until > now:
            return Refusal(reason=reason, until=until, username=username)
    return None


def record_failure(username, address, now=None):
    """Count a wrong sign-in; pause or slow down what went over its limit."""
    now = now or time.time()
    seconds = _cooloff_seconds()
    window = int(now // seconds)
    keys = _keys(username, address or "")
    try:
        shared = state()
        failures = shared.count(f"signin:fails:user:{_of_user(username)}:{window}", seconds + 1)
        if address:
            from_address = shared.count(f"signin:fails:address:{address}:{window}", seconds + 1)
            if from_address >= settings.NEWSROOM_LOGIN_ADDRESS_LIMIT:
                shared.write({keys["address"]: str(now + seconds)}, seconds=seconds)
                logger.warning("Sign-in paused for one address after %d wrong tries", from_address)
        if failures >= settings.NEWSROOM_LOGIN_USERNAME_LIMIT:
            shared.write({keys["username"]: str(now + seconds)}, seconds=seconds)
            if shared.add(f"signin:mailed:user:{_of_user(username)}", "1", seconds):
                logger.warning("Sign-in paused for one username after %d wrong tries", failures)
                mail_owner(username, failures, now + seconds)
        elif failures >= settings.NEWSROOM_LOGIN_USERNAME_SLOWDOWN:
            beyond = failures - settings.NEWSROOM_LOGIN_USERNAME_SLOWDOWN
            wait = min(2 ** (beyond + 1), LONGEST_WAIT)
            shared.write({keys["slow"]: str(now + wait)}, seconds=wait)
    except Unavailable:
        logger.warning("Could not count a wrong sign-in: the shared state is unavailable")


def lift(username="", address=""):
    """End the pauses and waits of a username or an address now (manage.py lift_sign_in_pause)."""
    seconds = _cooloff_seconds()
    window = int(time.time() // seconds)
    keys = []
    if username:
        user = _of_user(username)
        keys += [
            f"signin:pause:user:{user}",
            f"signin:wait:user:{user}",
            f"signin:mailed:user:{user}",
            f"signin:fails:user:{user}:{window}",
        ]
    if address:
        keys += [f"signin:pause:address:{address}", f"signin:fails:address:{address}:{window}"]
    state().delete(*keys)


def mail_owner(username, failures, until):
    """Tell the account's owner that signing in is paused, why, and how to get back in."""
    user = get_user_model()._default_manager.filter(username=username).first()
    if user is None or not user.email:
        return
    context = {
        "user": user,
        "failures": failures,
        "until": timezone.localtime(datetime.datetime.fromtimestamp(until, tz=datetime.UTC)),
        "minutes": settings.NEWSROOM_LOGIN_COOLOFF_MINUTES,
        "site_name": settings.NEWSROOM_SITE_NAME,
        "site_url": settings.NEWSROOM_SITE_URL,
    }
    try:
        send_mail(
            f"Signing in to {settings.NEWSROOM_SITE_NAME} as {username} is paused",
            render_to_string("admin/email/sign_in_paused.txt", context),
            None,
            [user.email],
        )
    except Exception:
        # The pause holds without the mail; the log says it could not be sent.
        logger.exception("Could not mail the owner of a paused account")


def _on_login_failed(sender, credentials, request=None, **kwargs):
    if request is None:
        return
    record_failure(str(credentials.get("username") or ""), client_ip(request))


def connect():
    user_login_failed.connect(_on_login_failed, dispatch_uid="newsroom.security.signin")


MESSAGES = {
    "address": "There were many wrong attempts to sign in from this address, whatever the "
    "user name. Signing in from here is paused.",
    "username": "There were many wrong attempts to sign in as “{username}”, from several "
    "addresses. Signing in as “{username}” is paused everywhere; if the account has an email "
    "address, its owner has been told how to get back in.",
    "slow": "There were many wrong attempts to sign in as “{username}” lately. Please wait a "
    "little before trying again.",
}


def paused(request, refused):
    """A 429 that says why, and when to try again (also in Retry-After)."""
    seconds = refused.seconds_left()
    context = {
        **admin.site.each_context(request),
        "title": "Sign-in paused" if refused.reason != "slow" else "Please wait",
        "message": MESSAGES[refused.reason].format(username=refused.username),
        "seconds": seconds,
        "minutes": math.ceil(seconds / 60),
    }
    response = render(request, "admin/sign_in_paused.html", context, status=429)
    response["Retry-After"] = str(seconds)
    return response


class SignInLimitMiddleware:
    """Refuses a sign-in whose username or address is paused or must wait, before any check;
    the wrong try that reaches a limit is answered with the pause too."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method != "POST" or request.path != reverse("admin:login"):
            return self.get_response(request)
        username, address = request.POST.get("username", ""), client_ip(request)
        refused = refusal(username, address)
        if refused is not None:
            return paused(request, refused)
        response = self.get_response(request)
        if response.status_code == 200:
            # The form came back, so the try failed: the one that reached a limit says so.
            refused = refusal(username, address)
            if refused is not None:
                return paused(request, refused)
        return response
