import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import call_command

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.django_db
def test_no_model_change_lacks_a_migration():
    """Every model change has a checked-in migration."""
    out = io.StringIO()
    try:
        call_command("makemigrations", "--check", "--dry-run", stdout=out)
    except SystemExit:
        pytest.fail(f"Missing migrations:\n{out.getvalue()}")


@pytest.mark.parametrize(
    "missing, environment",
    [
        ("DJANGO_SECRET_KEY", {"DJANGO_ALLOWED_HOSTS": "news.example"}),
        ("DJANGO_ALLOWED_HOSTS", {"DJANGO_SECRET_KEY": "s3cret"}),
        (
            "DATABASE_URL",
            {"DJANGO_SECRET_KEY": "s3cret", "DJANGO_ALLOWED_HOSTS": "news.example"},
        ),
    ],
)
def test_production_refuses_to_start_without_required_variable(missing, environment):
    """With DJANGO_DEBUG off, a missing variable is one readable line, not a traceback.

    A missing DATABASE_URL never falls back to a private embedded database in production.
    """
    env = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_") and k != missing}
    env.update(environment, DJANGO_DEBUG="0", DJANGO_SETTINGS_MODULE="newsroom.settings")
    result = subprocess.run(
        [sys.executable, "manage.py", "check"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 1
    assert result.stderr.strip() == (
        f"Refusing to start: set {missing} (required when DJANGO_DEBUG is off)."
    )
    assert "Traceback" not in result.stderr


def test_django_messages_are_printed_once():
    """A message of Django's own (such as runserver's) shows once in the console, not twice."""
    env = {**os.environ, "DJANGO_DEBUG": "1", "DJANGO_SETTINGS_MODULE": "newsroom.settings"}
    script = (
        "import django, logging; django.setup(); "
        "logging.getLogger('django.utils.autoreload').info('Watching for file changes')"
    )
    result = subprocess.run(
        [sys.executable, "-c", script],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.stderr.count("Watching for file changes") == 1


@pytest.mark.parametrize(
    "url, expected",
    [
        ("", {"EMAIL_BACKEND": "django.core.mail.backends.console.EmailBackend"}),
        (
            "smtp+tls://desk%40news.example:p%40ss@mail.example:587",
            {
                "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
                "EMAIL_HOST": "mail.example",
                "EMAIL_PORT": 587,
                "EMAIL_HOST_USER": "desk@news.example",
                "EMAIL_HOST_PASSWORD": "p@ss",
                "EMAIL_USE_TLS": True,
            },
        ),
        ("smtp+ssl://mail.example:465", {"EMAIL_PORT": 465, "EMAIL_USE_SSL": True}),
    ],
)
def test_email_url_configures_outgoing_mail(url, expected):
    """EMAIL_URL sets Django's mail settings; left empty, mail goes to the console."""
    env = {**os.environ, "DJANGO_DEBUG": "1", "EMAIL_URL": url}
    script = (
        "import json, django; from django.conf import settings; django.setup(); "
        f"print(json.dumps({{k: getattr(settings, k) for k in {sorted(expected)!r}}}))"
    )
    result = subprocess.run(
        [sys.executable, "-c", script], cwd=ROOT, env=env, capture_output=True, text=True
    )
    assert json.loads(result.stdout) == expected, result.stderr
