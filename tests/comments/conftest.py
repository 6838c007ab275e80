import time

import pytest
from django.contrib.auth.models import Group, Permission
from django.test import Client

from comments.forms import form_token
from comments.models import ModerationSettings
from tests.comments.factories import CommentFactory
from tests.factories import ArticleFactory, UserFactory

MODERATOR_PERMISSIONS = [
    "view_comment",
    "change_comment",
    "delete_comment",
    "view_moderationsettings",
    "change_moderationsettings",
]


@pytest.fixture(autouse=True)
def _fast_passwords(settings):
    """Moderator accounts need no real password strength in these tests, only speed."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def article(db):
    return ArticleFactory(headline="Council approves the new bridge", slug="bridge")


@pytest.fixture
def rules(db):
    return ModerationSettings.load()


@pytest.fixture
def moderators(db):
    """The Moderators group as the roles migration (issue 5) sets it up."""
    group, _ = Group.objects.get_or_create(name="Moderators")
    group.permissions.set(
        Permission.objects.filter(
            content_type__app_label="comments", codename__in=MODERATOR_PERMISSIONS
        )
    )
    return group


@pytest.fixture
def moderator(moderators):
    user = UserFactory(username="mod", is_staff=True)
    user.groups.add(moderators)
    return user


@pytest.fixture
def moderator_client(moderator):
    client = Client()
    client.force_login(moderator)
    return client


def form_data(article, **overrides):
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


@pytest.fixture
def post(client):
    """Post the comment form as a reader from one IP address."""

    def send(article, client=client, ip="198.51.100.7", **overrides):
        return client.post("/comments/post/", form_data(article, **overrides), REMOTE_ADDR=ip)

    return send


__all__ = ["CommentFactory", "form_data"]
