"""Rate limits and sign-in counts are shared by every process: Redis, or PostgreSQL without it."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

from newsroom.caching.models import State
from newsroom.caching.state import DatabaseState
from newsroom.security import ratelimit
from tests.newsroom.conftest import shared_database_url

ROOT = Path(__file__).resolve().parents[2]


def count_in_another_process(name, rate, times):
    """Count `times` requests from a separate Python process on the same database."""
    url = shared_database_url()
    code = (
        "import django; django.setup()\n"
        "from newsroom.security import ratelimit\n"
        f"print([ratelimit.count({name!r}, {rate!r}).count for _ in range({times})])\n"
    )
    env = {**os.environ, "DATABASE_URL": url, "DJANGO_SETTINGS_MODULE": "newsroom.settings",
           "REDIS_URL": "", "DJANGO_DEBUG": "1"}  # fmt: skip
    done = subprocess.run(
        [sys.executable, "-c", code], env=env, cwd=ROOT, capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 0, done.stderr
    return done.stdout.strip()


@pytest.mark.django_db(transaction=True)
def test_without_redis_two_processes_count_against_one_limit():
    """The searches of one address sent to two app server processes add up."""
    assert count_in_another_process("search:203.0.113.7", "5/60", 3) == "[1, 2, 3]"
    counted = [ratelimit.count("search:203.0.113.7", "5/60") for _ in range(3)]
    assert [c.count for c in counted] == [4, 5, 6]
    assert [c.over for c in counted] == [False, False, True]
    assert State.objects.filter(key__startswith="limit:search:203.0.113.7:").count() == 1


def test_with_redis_the_count_is_kept_in_redis(db, redis_state):
    counted = [ratelimit.count("search:203.0.113.7", "2/60") for _ in range(3)]
    assert [c.over for c in counted] == [False, False, True]
    assert not State.objects.exists()


def test_with_the_shared_state_unreachable_nothing_is_limited(db, settings):
    settings.REDIS_URL = "redis://127.0.0.1:1/0"
    counted = [ratelimit.count("search:203.0.113.7", "1/60") for _ in range(3)]
    assert {c.over for c in counted} == {False}


def test_an_expired_counter_starts_again_and_is_forgotten(db, time_machine):
    time_machine.move_to("2026-03-02 09:00:00Z", tick=False)
    shared = DatabaseState()
    assert [shared.count("limit:x", 10) for _ in range(3)] == [1, 2, 3]
    time_machine.shift(11)
    assert shared.count("limit:x", 10) == 1
    time_machine.shift(11)
    shared.forget_expired()
    assert not State.objects.filter(key="limit:x").exists()
