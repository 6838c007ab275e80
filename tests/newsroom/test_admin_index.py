"""The admin's first screen is the desk: editorial sections first, the plumbing (sign-in
lockouts, two-step devices, the task queue) in one "System" section, for superusers only."""

import pytest
from bs4 import BeautifulSoup

from tests.factories import UserFactory
from tests.helpers import client_for

pytestmark = pytest.mark.django_db


def sections(user):
    soup = BeautifulSoup(client_for(user).get("/admin/").content, "html.parser")
    return {
        module.caption.get_text(strip=True): [
            th.get_text(strip=True) for th in module.select("th[scope=row]")
        ]
        for module in soup.select("#content-main .module")
        if module.caption
    }


def test_a_superuser_finds_the_plumbing_under_system_with_human_names(roles):
    found = sections(UserFactory(username="root", is_staff=True, is_superuser=True))
    names = list(found)
    assert names[:2] == ["Articles", "Reader comments"]
    assert names[-1] == "System"
    assert "Staff and roles" in names
    assert found["System"] == [
        "Background tasks (mail to moderators and editors)",
        "Sign-in failures",
        "Sign-in lockouts (recent failed attempts)",
        "Sign-in log",
        "Two-step sign-in: authenticator apps",
        "Two-step sign-in: backup codes",
    ]
    for plumbing in ("Axes", "Otp_Totp", "Otp_Static", "Tasks Database Backend"):
        assert plumbing.lower() not in (name.lower() for name in names)


def test_editors_and_moderators_see_the_desk_and_no_system(editor, moderator):
    assert "System" not in sections(editor)
    assert next(iter(sections(editor))) == "Articles"
    assert list(sections(moderator)) == ["Reader comments"]
