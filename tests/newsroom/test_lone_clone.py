import os
import shutil
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import pytest

ROOT = Path(__file__).resolve().parents[2]


def other_database(url):
    """The same server, another database name: the clone's run must not share our test DB."""
    parts = urlsplit(url)
    return urlunsplit(parts._replace(path=parts.path.rstrip("/") + "_lone_clone"))


@pytest.mark.slow
@pytest.mark.skipif(not (ROOT / ".git").exists(), reason="not a git checkout")
def test_the_vendored_exports_are_read_in_a_lone_clone(tmp_path):
    """A clone with nothing beside it (no ../shared) has the WordPress exports the tests read:
    the parser's tests, which open every one of them, pass there. (Every test reads them from
    tests/data through tests/wordpress/exports.py.)"""
    clone = tmp_path / "newsroom"
    subprocess.run(
        ["git", "clone", "--quiet", "--no-hardlinks", str(ROOT), str(clone)],
        check=True,
        timeout=120,
    )
    assert not (clone.parent / "shared").exists()
    env = {**os.environ, "DATABASE_URL": other_database(os.environ["DATABASE_URL"])}
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            "-q",
            "-p",
            "no:randomly",
            "--create-db",
            "tests/wordpress/test_parser.py",
        ],
        cwd=clone,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    summary = result.stdout.strip().splitlines()[-1]
    shutil.rmtree(clone, ignore_errors=True)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-2000:]
    assert "passed" in summary and "skipped" not in summary, summary
