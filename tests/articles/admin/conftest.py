import pytest
from bs4 import BeautifulSoup
from django.contrib.auth.models import Group
from django.test import Client

from articles.roles import setup_roles
from tests.factories import AuthorFactory, SectionFactory, UserFactory


@pytest.fixture
def roles(db):
    """The role groups, as the data migration makes them (flushed tables lose them)."""
    setup_roles(note=lambda line: None)


def staff(role, username, **extra):
    user = UserFactory(username=username, is_staff=True, **extra)
    user.groups.add(Group.objects.get(name=role))
    return user


@pytest.fixture
def reporter(roles):
    return staff("Reporter", "rita", first_name="Rita", last_name="Reporter")


@pytest.fixture
def other_reporter(roles):
    return staff("Reporter", "oscar", first_name="Oscar", last_name="Other")


@pytest.fixture
def editor(roles):
    return staff("Editor", "edna", first_name="Edna", last_name="Editor")


@pytest.fixture
def moderator(roles):
    return staff("Moderator", "mo", first_name="Mo", last_name="Moderator")


def client_for(user):
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def section(db):
    return SectionFactory(name="World", slug="world")


@pytest.fixture
def author(db):
    return AuthorFactory(name="Rita Reporter", slug="rita-reporter")


def form_data(client, url, form_id="article_form"):
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


@pytest.fixture(autouse=True)
def _fast_passwords(settings):
    """Tests log in with force_login; hashing passwords slowly buys them nothing."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
