"""The first `make run`, as a newcomer reads it: what is happening, no socket path that looks
like a network address, and last, in plain words, where the site and the admin are and how
to sign in, with a password that copies cleanly."""

import io
import re
from pathlib import Path

import pytest
from django.core.management import call_command

from newsroom.devtools import embedded_db
from newsroom.management.commands.serve import Command as Serve
from tests.factories import UserFactory

ROOT = Path(__file__).resolve().parents[2]
# Typographic quotes, which a triple-click copies with the password, and plain ones.
QUOTES = (
    "\N{LEFT DOUBLE QUOTATION MARK}\N{RIGHT DOUBLE QUOTATION MARK}"
    "\N{RIGHT SINGLE QUOTATION MARK}\"'"
)


def run(command, **options):
    out = io.StringIO()
    call_command(command, stdout=out, **options)
    return out.getvalue()


@pytest.mark.django_db
def test_a_new_admin_account_is_announced_with_a_password_that_copies_cleanly(settings):
    settings.NEWSROOM_ADMIN_PASSWORD = ""
    said = run("ensure_admin")
    lines = dict(line.split(":  ", 1) for line in said.splitlines() if ":  " in line)
    assert lines["The admin"].strip() == "http://127.0.0.1:8000/admin/"
    assert lines["User name"].strip() == "admin"
    password = lines["Password"].strip()
    assert re.fullmatch(r"[A-Za-z0-9]{16}", password)
    assert not set(QUOTES) & set(said)


@pytest.mark.django_db
def test_an_existing_admin_is_told_how_to_sign_in_without_a_password():
    UserFactory(username="edna", is_superuser=True, is_staff=True)
    said = run("ensure_admin")
    assert "User name:  edna" in said
    assert "changepassword edna" in said
    assert not set(QUOTES) & set(said)


def test_the_server_says_where_things_are_after_its_own_banner(monkeypatch):
    monkeypatch.setenv("WAY_IN", "The admin:  http://127.0.0.1:8000/admin/\nUser name:  admin")
    server = Serve(stdout=io.StringIO(), no_color=True)
    server.addr, server._raw_ipv6, server.protocol = "127.0.0.1", False, "http"
    server.on_bind(8000)
    said = server.stdout.getvalue().rstrip().splitlines()
    assert said[-5:] == [
        "Newsroom is running.",
        "The site:   http://127.0.0.1:8000/",
        "The admin:  http://127.0.0.1:8000/admin/",
        "User name:  admin",
        "Stop it with Ctrl-C; `make run` starts it again in seconds.",
    ]
    assert any("Starting development server" in line for line in said[:-5])


def test_the_database_is_announced_in_words_not_as_an_encoded_url(monkeypatch, capsys):
    monkeypatch.setattr(
        embedded_db, "ensure_running", lambda: "postgresql://postgres@%2Ftmp%2Fpg:5432/newsroom"
    )
    assert embedded_db.main(["embedded_db", "start"]) == 0
    said = capsys.readouterr().out
    assert "%2F" not in said and ":5432" not in said
    assert said.strip() == (
        "The database is running: PostgreSQL with its data in var/postgres/, on a local socket"
    )


def test_make_says_what_it_installs_before_the_long_silence():
    makefile = (ROOT / "Makefile").read_text()
    install = makefile.split("$(VENV)/.installed: pyproject.toml", 1)[1].split("\n\n", 1)[0]
    first_pip = install.index("pip install")
    assert "takes about two minutes" in install[:first_pip]
    assert "manage.py serve" in makefile.split("\nrun:", 1)[1]
