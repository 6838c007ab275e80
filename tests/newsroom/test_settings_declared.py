"""Every NEWSROOM_* setting is declared once, in settings.py's block, and documented."""

import re
from pathlib import Path

from newsroom import settings as settings_module

ROOT = Path(__file__).resolve().parents[2]
SETTINGS = ROOT / "newsroom" / "settings.py"
NAME = re.compile(r"\bNEWSROOM_[A-Z0-9_]*[A-Z0-9]\b")
BLOCK_START = "# --- Newsroom's settings"
BLOCK_END = "# --- end of Newsroom's settings"
# Variables of a test run (README's Tests table) or of the bench's own servers, not of a site.
NOT_SETTINGS = {
    "NEWSROOM_BENCH_FLOOR_PAGE",
    "NEWSROOM_BENCH_TIMINGS",
    "NEWSROOM_CHROMIUM",
    "NEWSROOM_SCREENSHOTS",
    "NEWSROOM_TEST_READERSHIP_REDIS_URL",
    "NEWSROOM_TEST_REDIS_URL",
}
CODE = ("articles", "comments", "newsroom", "templates", "static", "tests")
SUFFIXES = {".py", ".html", ".txt", ".js", ".toml", ".cfg"}


def block():
    """{name: its statement, with the comment above it} of settings.py's NEWSROOM_* block."""
    lines = SETTINGS.read_text().splitlines()
    start = next(n for n, line in enumerate(lines) if line.startswith(BLOCK_START))
    end = next(n for n, line in enumerate(lines) if line.startswith(BLOCK_END))
    statements, current = {}, None
    for number in range(start + 1, end):
        line = lines[number]
        if match := re.match(r"(NEWSROOM_\w+) = ", line):
            current = match.group(1)
            statements[current] = {"comment": lines[number - 1], "code": line}
        elif current and line.startswith((" ", ")")):
            statements[current]["code"] += line
        else:
            current = None
    return statements


def code_files():
    for folder in CODE:
        for path in (ROOT / folder).rglob("*"):
            if path.suffix in SUFFIXES and "__pycache__" not in path.parts:
                yield path
    yield from (ROOT / name for name in ("manage.py", "pyproject.toml", "Makefile"))


def test_the_block_is_alphabetised_with_a_comment_above_each_setting():
    declared = block()
    assert list(declared) == sorted(declared)
    uncommented = [name for name, found in declared.items() if not found["comment"].startswith("#")]
    assert uncommented == []


def test_each_setting_reads_the_environment_variable_of_its_name():
    elsewhere = [name for name, found in block().items() if f'"{name}"' not in found["code"]]
    assert elsewhere == []


def test_settings_declares_no_newsroom_setting_outside_the_block():
    declared = {name for name in vars(settings_module) if name.startswith("NEWSROOM_")}
    assert declared == set(block())


def test_every_newsroom_name_in_the_code_is_a_declared_setting():
    """A misspelt or undeclared name, read as a setting or as a variable, fails."""
    found = {}
    for path in code_files():
        for name in NAME.findall(path.read_text(errors="replace")):
            found.setdefault(name, str(path.relative_to(ROOT)))
    undeclared = {
        name: where
        for name, where in found.items()
        if name not in block() and name not in NOT_SETTINGS
    }
    assert undeclared == {}


def test_every_setting_is_in_the_readme_configuration_table_and_env_example():
    readme = (ROOT / "README.md").read_text()
    table = readme.split("## Configuration", 1)[1].split("\n## ", 1)[0]
    example = (ROOT / ".env.example").read_text()
    missing_in_readme = [name for name in block() if f"`{name}`" not in table]
    missing_in_example = [
        name for name in block() if not re.search(rf"^(# )?{name}=", example, re.MULTILINE)
    ]
    assert missing_in_readme == []
    assert missing_in_example == []
