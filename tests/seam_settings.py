"""Settings for `articles` alone: Django and the libraries it needs, neither `comments` nor any
app of the project package (tests/newsroom/test_seam.py).

SEAM_DATABASE_URL names a scratch database on the test database's server.
"""

import os

import dj_database_url

SECRET_KEY = "seam-test-only-not-secret"
USE_TZ = True
INSTALLED_APPS = [
    # No autodiscovery at start-up: the test imports each admin module itself, and says which
    # ones fail.
    "django.contrib.admin.apps.SimpleAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.messages",
    "django.contrib.postgres",
    "django.contrib.sessions",
    "django.contrib.sitemaps",
    "django.contrib.staticfiles",
    "django_prose_editor",
    "django_tasks",
    "simple_history",
    "taggit",
    "articles",
]
DATABASES = {"default": dj_database_url.parse(os.environ["SEAM_DATABASE_URL"])}
TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]
STATIC_URL = "/static/"
# What articles expects of the project's settings: the search trigger's language (read by
# `migrate`), and the three editor extensions of the story body's editor (the scripts are in
# static/js/, so no allow-list of their own).
NEWSROOM_SEARCH_CONFIG = "english"
DJANGO_PROSE_EDITOR_EXTENSIONS = [
    {"js": [], "extensions": {"WordProcessorPaste": lambda config, allowlist: None}},
    {"js": [], "extensions": {"PictureUpload": lambda config, allowlist: None}},
    {"js": [], "extensions": {"EmbedLink": lambda config, allowlist: None}},
]
