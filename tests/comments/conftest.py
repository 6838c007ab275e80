import time

import pytest
from django.contrib.auth.models import Group
from django.test import Client

from articles.roles import MODERATOR_ROLE, setup_roles
from comments.forms import form_token
from comments.models import ModerationSettings
from tests.comments.factories import CommentFactory
from tests.factories import ArticleFactory, UserFactory


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


def moderator_group():
    """The Moderator role's group exactly as `manage.py setup_roles` makes it."""
    setup_roles(note=lambda message: None)
    return Group.objects.get(name=MODERATOR_ROLE)


@pytest.fixture
def moderators(db):
    return moderator_group()


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
