"""Admin sign-in: limits per username across addresses and per address across usernames."""

from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command
from django.test import Client

from newsroom.caching.models import State
from tests.factories import UserFactory

LOGIN = "/admin/login/?next=/admin/"
PASSWORD = "correct horse battery staple"


@pytest.fixture
def chief(db):
    user = UserFactory(username="chief", email="chief@example.com", is_staff=True)
    user.set_password(PASSWORD)
    user.save()
    return user


@pytest.fixture
def clock(time_machine):
    time_machine.move_to("2026-03-02 09:00:00Z", tick=False)
    return time_machine


def sign_in(username="chief", password=PASSWORD, ip="203.0.113.5"):
    return Client().post(LOGIN, {"username": username, "password": password}, REMOTE_ADDR=ip)


def test_wrong_passwords_from_many_addresses_slow_down_then_pause_and_mail_the_owner(chief, clock):
    """30 addresses, one wrong password each: slowed after 10, paused at 20, owner mailed."""
    answers = []
    for number in range(30):
        response = sign_in(password="wrong", ip=f"198.51.100.{number}")
        answers.append(response)
        if response.status_code == 429 and "Please wait" in response.text:
            # An attacker who waits as told, as a patient one would.
            clock.shift(int(response["Retry-After"]))
    statuses = [response.status_code for response in answers]
    assert statuses[:9] == [200] * 9
    assert statuses[9] == 429
    assert "Please wait" in answers[9].text
    assert answers[9]["Retry-After"] == "2"
    paused = answers[-1]
    assert paused.status_code == 429
    assert "Signing in as “chief” is paused everywhere" in paused.text
    assert 890 <= int(paused["Retry-After"]) <= 900
    # The right password, from an address never used, is refused unchecked.
    right = sign_in(ip="192.0.2.44")
    assert right.status_code == 429
    assert "Sign-in paused" in right.text
    assert len(mail.outbox) == 1
    notice = mail.outbox[0]
    assert notice.to == ["chief@example.com"]
    assert notice.subject == "Signing in to The Daily Ledger as chief is paused"
    assert "20 wrong attempts" in notice.body
    assert "paused until 09:" in notice.body
    assert "python manage.py lift_sign_in_pause chief" in notice.body
    clock.shift(16 * 60)
    assert sign_in(ip="192.0.2.44").status_code == 302


def test_a_slowed_username_waits_longer_after_each_wrong_try(chief, clock, settings):
    settings.NEWSROOM_LOGIN_USERNAME_SLOWDOWN = 2
    sign_in(password="wrong", ip="198.51.100.1")
    waits = []
    for number in range(2, 7):
        response = sign_in(password="wrong", ip=f"198.51.100.{number}")
        waits.append(int(response["Retry-After"]))
        early = sign_in(ip="198.51.100.99")
        assert early.status_code == 429
        clock.shift(waits[-1])
    assert waits == [2, 4, 8, 16, 32]


def test_wrong_passwords_for_many_usernames_from_one_address_pause_the_address(chief, clock):
    """12 usernames from one address: 9 wrong answers, then the address is paused."""
    statuses = [sign_in(username=f"user{n}", password="wrong").status_code for n in range(12)]
    assert statuses == [200] * 9 + [429] * 3
    refused = sign_in()
    assert refused.status_code == 429
    assert "from this address" in refused.text
    assert 890 <= int(refused["Retry-After"]) <= 900
    # Colleagues elsewhere are not held up; nobody was mailed (no username reached its limit).
    assert sign_in(ip="198.51.100.7").status_code == 302
    assert mail.outbox == []
    clock.shift(16 * 60)
    assert sign_in().status_code == 302


def test_the_counts_are_kept_in_the_shared_state(chief, clock):
    """Without Redis, in PostgreSQL: every app server process reads the same counts."""
    sign_in(password="wrong")
    keys = set(State.objects.values_list("key", flat=True))
    assert any(key.startswith("signin:fails:user:") for key in keys)
    assert any(key.startswith("signin:fails:address:203.0.113.5:") for key in keys)


def test_the_counts_are_kept_in_redis_when_it_is_set(chief, clock, redis_state):
    import redis
    from django.conf import settings

    for number in range(10):
        sign_in(username=f"user{number}", password="wrong")
    assert sign_in().status_code == 429
    client = redis.Redis.from_url(redis_state)
    prefix = f"{settings.NEWSROOM_CACHE_KEY_PREFIX}:caching:signin:pause:address:"
    assert client.exists(prefix + "203.0.113.5")
    assert not State.objects.filter(key__startswith="signin:").exists()


def test_an_administrator_lifts_a_pause_at_once(chief, clock, settings):
    settings.NEWSROOM_LOGIN_USERNAME_SLOWDOWN = 100
    settings.NEWSROOM_LOGIN_USERNAME_LIMIT = 3
    for number in range(3):
        sign_in(password="wrong", ip=f"198.51.100.{number}")
    assert sign_in().status_code == 429
    out = StringIO()
    call_command("lift_sign_in_pause", "chief", stdout=out)
    assert out.getvalue() == "Sign-in pauses lifted for “chief”.\n"
    assert sign_in().status_code == 302
