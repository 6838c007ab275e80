"""The seam between the apps: articles know nothing of comments; newsroom/ joins them.

import-linter (`make lint`) follows every import; here Django loads `articles` for real with
neither `comments` nor the project package's apps installed (tests/seam_settings.py).
"""

import json
import os
import re
import subprocess
import sys
from pathlib import Path
from urllib.parse import quote

import psycopg
import pytest
from django.db import connection
from django.db.migrations.loader import MigrationLoader
from psycopg import sql

ROOT = Path(__file__).resolve().parents[2]
# Imports every module of articles, then migrates it; prints what failed, as JSON.
LOAD_ARTICLES_ALONE = """
import importlib, json, pkgutil
import django
django.setup()
from django.core.management import call_command
import articles

failed = {}
def note(name, error):
    failed[name] = f"{type(error).__name__}: {error}"
def walk_failed(name):
    import sys
    note(name, sys.exc_info()[1])
for module in pkgutil.walk_packages(articles.__path__, "articles.", onerror=walk_failed):
    try:
        importlib.import_module(module.name)
    except Exception as error:
        note(module.name, error)
try:
    # Auth first: `migrate articles` alone stops auth at its first migration (the one articles
    # names), whose permission names are too short for the permissions made after it.
    call_command("migrate", "auth", verbosity=0)
    call_command("migrate", "articles", verbosity=0)
    migrate = None
except Exception as error:
    migrate = f"{type(error).__name__}: {error}"
print(json.dumps({"imports failed": failed, "migrate failed": migrate}))
"""


@pytest.fixture
def scratch_database(db):
    """An empty database on the test database's server, dropped afterwards: its URL."""
    db = connection.settings_dict
    name = f"{db['NAME']}_seam"
    server = {
        "host": db["HOST"] or "localhost",
        "port": db["PORT"] or 5432,
        "user": db["USER"],
        "password": db["PASSWORD"] or None,
    }
    with psycopg.connect(dbname="postgres", autocommit=True, **server) as admin:
        admin.execute(sql.SQL("DROP DATABASE IF EXISTS {}").format(sql.Identifier(name)))
        admin.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    credentials = quote(db["USER"] or "", safe="")
    if db["PASSWORD"]:
        credentials += ":" + quote(db["PASSWORD"], safe="")
    yield f"postgresql://{credentials}@{quote(server['host'], safe='')}:{server['port']}/{name}"
    with psycopg.connect(dbname="postgres", autocommit=True, **server) as admin:
        admin.execute(sql.SQL("DROP DATABASE {} WITH (FORCE)").format(sql.Identifier(name)))


def test_articles_loads_and_migrates_without_comments_or_the_project(scratch_database):
    """Every module of articles imports, and `migrate articles` runs on an empty database, in a
    Django that has neither comments nor the project package's apps."""
    env = {
        **{k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "NEWSROOM_"))},
        "DJANGO_SETTINGS_MODULE": "tests.seam_settings",
        "SEAM_DATABASE_URL": scratch_database,
    }
    result = subprocess.run(
        [sys.executable, "-c", LOAD_ARTICLES_ALONE],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    outcome = json.loads(result.stdout.splitlines()[-1])
    assert outcome == {"imports failed": {}, "migrate failed": None}, json.dumps(outcome, indent=1)


def test_no_template_of_articles_loads_or_includes_comments():
    uses = re.compile(r"{%\s*(include|extends)\s+[\"']comments/|{%\s*load\s+[^%]*comments_tags")
    offenders = [
        str(path.relative_to(ROOT))
        for path in (ROOT / "templates" / "articles").rglob("*")
        if path.is_file() and uses.search(path.read_text())
    ]
    assert offenders == []


def test_articles_migrates_on_its_own():
    """No articles migration depends on comments, directly or through another app."""
    loader = MigrationLoader(None, ignore_no_migrations=True)
    plan = loader.graph.forwards_plan(loader.graph.leaf_nodes("articles")[0])
    assert [node for node in plan if node[0] == "comments"] == []
