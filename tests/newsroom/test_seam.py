"""The seam between the apps: articles know nothing of comments; newsroom/ joins them."""

import re
from pathlib import Path

from django.db.migrations.loader import MigrationLoader

ROOT = Path(__file__).resolve().parents[2]


def test_no_module_of_articles_imports_comments():
    imports = re.compile(r"^\s*(from|import)\s+comments\b", re.MULTILINE)
    offenders = [
        str(path.relative_to(ROOT))
        for path in (ROOT / "articles").rglob("*.py")
        if imports.search(path.read_text())
    ]
    assert offenders == []


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
