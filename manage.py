#!/usr/bin/env python
"""Django's command-line utility for Newsroom."""

import os
import sys


def main():
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsroom.settings")
    # manage.py is the developer's entry point; production sets DJANGO_DEBUG=0 explicitly
    # (gunicorn, through wsgi.py, defaults to production).
    os.environ.setdefault("DJANGO_DEBUG", "1")
    if os.environ["DJANGO_DEBUG"] not in ("", "0") and not os.environ.get("DATABASE_URL"):
        from newsroom.devtools.embedded_db import use_for_development

        use_for_development()
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)


if __name__ == "__main__":
    main()
