"""Admin sign-in: the lockout after wrong passwords, and two-step sign-in."""

import pytest
from axes.models import AccessAttempt
from bs4 import BeautifulSoup
from django.test import Client
from django_otp.oath import totp
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from newsroom.security.two_factor import (
    CODE_MISSING,
    CODE_WRONG,
    FIRST_CODE_WRONG,
    new_backup_codes,
)
from tests.factories import UserFactory

LOGIN = "/admin/login/?next=/admin/"
PASSWORD = "correct horse battery staple"


@pytest.fixture
def admin_user(db):
    user = UserFactory(username="chief", is_staff=True, is_superuser=True)
    user.set_password(PASSWORD)
    user.save()
    return user


def sign_in(client, username="chief", password=PASSWORD, ip="203.0.113.5", headers=None, **extra):
    data = {"username": username, "password": password, **extra}
    return client.post(LOGIN, data, REMOTE_ADDR=ip, headers=headers)


def current_code(device):
    return f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits):06d}"


def test_five_wrong_passwords_lock_the_username_out_from_that_address(admin_user):
    client = Client()
    for _ in range(4):
        assert sign_in(client, password="wrong").status_code == 200
    fifth = sign_in(client, password="wrong")
    assert fifth.status_code == 429
    assert "Sign-in paused" in fifth.text
    assert 890 <= int(fifth["Retry-After"]) <= 900
    right = sign_in(client)
    assert right.status_code == 429
    assert "paused for 15 minutes" in right.text
    assert "_auth_user_id" not in client.session
    assert AccessAttempt.objects.get(username="chief").failures_since_start == 5


def test_a_lockout_does_not_stop_colleagues_behind_the_same_address(admin_user):
    colleague = UserFactory(username="edna", is_staff=True)
    colleague.set_password(PASSWORD)
    colleague.save()
    for _ in range(5):
        sign_in(Client(), password="wrong")
    assert sign_in(Client(), username="edna").status_code == 302
    # The same person from home (another address) is not locked out either.
    assert sign_in(Client(), ip="198.51.100.20").status_code == 302


def test_the_lockout_uses_the_address_the_trusted_proxy_saw(admin_user, settings):
    settings.NEWSROOM_TRUSTED_PROXIES = 1
    for _ in range(5):
        sign_in(
            Client(), password="wrong", ip="10.0.0.1", headers={"X-Forwarded-For": "203.0.113.9"}
        )
    locked = sign_in(Client(), ip="10.0.0.1", headers={"X-Forwarded-For": "203.0.113.9"})
    assert locked.status_code == 429
    other_reader = sign_in(Client(), ip="10.0.0.1", headers={"X-Forwarded-For": "203.0.113.10"})
    assert other_reader.status_code == 302
    assert AccessAttempt.objects.get().ip_address == "203.0.113.9"


def test_the_pause_ends_after_the_cool_off(admin_user, time_machine):
    time_machine.move_to("2026-03-02 09:00Z")
    for _ in range(5):
        sign_in(Client(), password="wrong")
    time_machine.move_to("2026-03-02 09:16Z")
    assert sign_in(Client()).status_code == 302


def test_a_right_password_clears_earlier_failures(admin_user):
    for _ in range(4):
        sign_in(Client(), password="wrong")
    assert sign_in(Client()).status_code == 302
    for _ in range(4):
        assert sign_in(Client(), password="wrong").status_code == 200


@pytest.fixture
def two_factor(settings):
    settings.NEWSROOM_ADMIN_2FA = True
    # django-otp makes each try after a wrong code wait longer; these tests retry at once.
    settings.OTP_TOTP_THROTTLE_FACTOR = 0
    settings.OTP_STATIC_THROTTLE_FACTOR = 0


@pytest.fixture
def device(admin_user):
    return TOTPDevice.objects.create(user=admin_user, name="Phone", confirmed=True)


def test_with_two_factor_on_the_code_is_needed_after_the_password(two_factor, device):
    client = Client()
    missing = sign_in(client)
    assert missing.status_code == 200
    assert CODE_MISSING in missing.text
    wrong = sign_in(client, otp_token="000000")
    assert CODE_WRONG in wrong.text
    assert "_auth_user_id" not in client.session
    right = sign_in(client, otp_token=current_code(device))
    assert right.status_code == 302
    assert client.get("/admin/").status_code == 200


def error_note(response):
    return BeautifulSoup(response.content, "html.parser").select_one(".errornote").text.strip()


def test_with_two_factor_on_a_wrong_password_is_answered_as_a_wrong_code(two_factor, device):
    """The first step gives nothing away: the answer depends on whether a code was typed."""
    no_code = [sign_in(Client(), password=password) for password in (PASSWORD, "wrong")]
    assert [r.status_code for r in no_code] == [200, 200]
    assert error_note(no_code[0]) == error_note(no_code[1])
    assert CODE_MISSING in no_code[1].text
    with_code = [
        sign_in(Client(), otp_token="000000"),
        sign_in(Client(), password="wrong", otp_token=current_code(device)),
        sign_in(Client(), username="nobody", password="wrong", otp_token="000000"),
    ]
    assert {r.status_code for r in with_code} == {200}
    assert len({error_note(r) for r in with_code}) == 1
    assert CODE_WRONG in with_code[1].text
    assert 'name="otp_token"' in with_code[1].text


def test_with_two_factor_on_staff_without_a_device_sign_in_with_the_password(two_factor, editor):
    editor.set_password(PASSWORD)
    editor.save()
    assert sign_in(Client(), username=editor.username).status_code == 302
    wrong = sign_in(Client(), username=editor.username, password="wrong")
    assert CODE_MISSING in wrong.text


def test_wrong_codes_count_towards_the_lockout(two_factor, device):
    for _ in range(5):
        sign_in(Client(), otp_token="000000")
    assert sign_in(Client(), otp_token=current_code(device)).status_code == 429


def test_a_backup_code_signs_in_once(two_factor, device, admin_user):
    code = new_backup_codes(admin_user)[0]
    assert sign_in(Client(), otp_token=code).status_code == 302
    assert CODE_WRONG in sign_in(Client(), otp_token=code).text
    assert StaticToken.objects.filter(device__user=admin_user).count() == 9


def test_a_superuser_without_a_device_must_set_it_up_first(two_factor, admin_user):
    client = Client()
    assert sign_in(client).status_code == 302
    response = client.get("/admin/")
    assert response.status_code == 302
    assert response["Location"] == "/admin/two-step/"
    page = client.get("/admin/two-step/")
    assert "Administrators must set up two-step sign-in" in page.text
    assert "<svg" in page.text
    device = TOTPDevice.objects.get(user=admin_user, confirmed=False)
    done = client.post("/admin/two-step/", {"code": current_code(device)})
    assert done.status_code == 200
    assert "Your backup codes" in done.text
    assert StaticToken.objects.filter(device__user=admin_user).count() == 10
    device.refresh_from_db()
    assert device.confirmed
    assert client.get("/admin/").status_code == 200


def test_a_wrong_first_code_leaves_two_factor_off(two_factor, admin_user):
    client = Client()
    client.force_login(admin_user)
    client.get("/admin/two-step/")
    response = client.post("/admin/two-step/", {"code": "123456"})
    assert FIRST_CODE_WRONG in response.text
    assert not TOTPDevice.objects.filter(user=admin_user, confirmed=True).exists()


def test_editors_may_use_the_admin_without_two_factor(two_factor, editor):
    client = Client()
    client.force_login(editor)
    assert client.get("/admin/").status_code == 200


def test_a_session_from_before_two_factor_must_sign_in_again(two_factor, device, admin_user):
    client = Client()
    client.force_login(admin_user)
    response = client.get("/admin/")
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")


def test_with_two_factor_off_the_password_is_enough(device):
    assert sign_in(Client()).status_code == 302
