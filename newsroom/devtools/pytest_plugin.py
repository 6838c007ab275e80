"""Runs the suite on the embedded PostgreSQL when DATABASE_URL is not set, as manage.py does.

Loaded with `-p newsroom.devtools.pytest_plugin` (pyproject.toml), so it acts before
pytest-django reads the settings.
"""

import pytest


@pytest.hookimpl(tryfirst=True)
def pytest_load_initial_conftests(early_config, parser, args):
    from newsroom.devtools.embedded_db import use_for_development

    use_for_development()
