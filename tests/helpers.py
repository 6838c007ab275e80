"""Helpers the tests share: staff accounts, logged-in clients, forms filled in as sent."""

import contextlib
import time

from bs4 import BeautifulSoup
from django.contrib.auth.models import Group
from django.test import Client

from comments.forms import form_token
from newsroom.staff.roles import MODERATOR_ROLE, setup_roles
from tests.factories import UserFactory


def staff(role, username, **extra):
    user = UserFactory(username=username, is_staff=True, **extra)
    user.groups.add(Group.objects.get(name=role))
    return user


def client_for(user):
    client = Client()
    client.force_login(user)
    return client


def moderator_group():
    """The Moderator role's group exactly as `manage.py setup_roles` makes it."""
    setup_roles(note=lambda message: None)
    return Group.objects.get(name=MODERATOR_ROLE)


def admin_form_data(client, url, form_id="article_form"):
    """Every field of an admin form as the browser would send it back, unchanged."""
    response = client.get(url)
    assert response.status_code == 200, response.status_code
    form = BeautifulSoup(response.content, "html.parser").find("form", id=form_id)
    data = {}
    for field in form.find_all(["input", "textarea", "select"]):
        name = field.get("name")
        if not name or field.get("type") in ("submit", "button", "file"):
            continue
        if field.name == "textarea":
            data[name] = field.text
        elif field.name == "select":
            chosen = field.find_all("option", selected=True)
            data[name] = (
                [o.get("value", "") for o in chosen]
                if field.has_attr("multiple")
                else (chosen[0].get("value", "") if chosen else "")
            )
        elif field.get("type") == "checkbox":
            if field.has_attr("checked"):
                data[name] = field.get("value", "on")
        else:
            data[name] = field.get("value", "")
    return data


def reply_form_data(article, **overrides):
    """A filled-in Leave a Reply form, shown to the reader a minute ago."""
    data = {
        "comment": "The bridge will cut my commute in half.",
        "author": "Jane Reader",
        "email": "jane@example.com",
        "url": "",
        "comment_post_ID": str(article.pk),
        "comment_parent": "0",
        "honeypot": "",
        "comment_token": form_token(article, now=time.time() - 60),
    }
    data.update(overrides)
    return data


PASSWORD = "correct horse battery staple"


def browser_log_in(page, username, password=PASSWORD):
    """Log in to the admin in a Playwright page as a person would, ending on the desk."""
    page.goto("/admin/login/?next=/admin/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Log in").click()
    page.locator("#user-tools").wait_for()


def forget_kept():
    """Make every kept page and piece stale, as the time they were kept for running out would:
    they all carry the `listings` tag."""
    from newsroom.caching.invalidation import bump
    from newsroom.caching.state import Unavailable
    from newsroom.caching.tracking import LISTINGS

    # Nothing is served from a cache whose state is unreachable.
    with contextlib.suppress(Unavailable):
        bump([LISTINGS])
