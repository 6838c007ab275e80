"""The release: a digest of the code, templates, static files and settings this process serves.

It is part of every key a page or piece is kept under, so a deploy (new code or templates)
starts with nothing kept, on every server, without anyone emptying a cache.
"""

import functools
import hashlib
from pathlib import Path

from django.conf import settings

# What shapes the pages readers get.
SOURCES = ("articles", "comments", "newsroom", "templates", "static")
SUFFIXES = {".py", ".html", ".txt", ".xml", ".css", ".js", ".svg", ".png", ".json"}


@functools.cache
def release():
    if settings.NEWSROOM_RELEASE:
        return settings.NEWSROOM_RELEASE
    digest = hashlib.blake2b(digest_size=8)
    # The outlet's settings show on pages too (its name, its feeds' length...).
    digest.update(repr(sorted(_newsroom_settings())).encode())
    base = Path(settings.BASE_DIR)
    for folder in SOURCES:
        for path in sorted((base / folder).rglob("*")):
            if path.suffix in SUFFIXES and path.is_file() and "__pycache__" not in path.parts:
                digest.update(str(path.relative_to(base)).encode())
                digest.update(path.read_bytes())
    return digest.hexdigest()


def _newsroom_settings():
    return [
        (name, repr(getattr(settings, name)))
        for name in dir(settings)
        if name.startswith("NEWSROOM_")
    ]


def forget_on_file_change(sender, file_path, **kwargs):
    """runserver saw a template change (it restarts for code): a new release."""
    release.cache_clear()
