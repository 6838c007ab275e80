"""Settings for running on several machines: the media bucket, the connection pool, PgBouncer.

Each case starts a fresh interpreter with the variables set, as a server's process manager
would, and reads the settings Django ends up with.
"""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SCALING_VARIABLES = (
    "DATABASE_POOL",
    "DATABASE_PGBOUNCER",
    "NEWSROOM_S3_BUCKET",
    "NEWSROOM_S3_ENDPOINT_URL",
    "NEWSROOM_S3_REGION",
    "NEWSROOM_MEDIA_URL",
    "NEWSROOM_SERVE_MEDIA",
)
READ_SETTINGS = """
import json, django
from django.conf import settings
django.setup()
from django.core.files.storage import default_storage
from django.db import connection
from django.urls import NoReverseMatch, reverse
try:
    reverse("media", args=["x.jpg"])
    media_view = True
except NoReverseMatch:
    media_view = False
with connection.cursor() as cursor:
    cursor.execute("SELECT 1")
db = settings.DATABASES["default"]
print(json.dumps({
    "storage": settings.STORAGES["default"]["BACKEND"].rsplit(".", 1)[-1],
    "options": settings.STORAGES["default"].get("OPTIONS", {}),
    "picture_url": default_storage.url("images/2026/12/harbour.jpg"),
    "serve_media": settings.NEWSROOM_SERVE_MEDIA,
    "media_view": media_view,
    "conn_max_age": db["CONN_MAX_AGE"],
    "pool": db.get("OPTIONS", {}).get("pool"),
    "pooled": connection.pool is not None,
    "server_side_cursors": not db["DISABLE_SERVER_SIDE_CURSORS"],
}))
"""


def settings_with(**variables):
    env = {k: v for k, v in os.environ.items() if k not in SCALING_VARIABLES}
    env.update({"DJANGO_DEBUG": "1"}, **variables)
    result = subprocess.run(
        [sys.executable, "-c", READ_SETTINGS],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_without_a_bucket_pictures_stay_on_this_machines_disk():
    """No NEWSROOM_S3_BUCKET: files under MEDIA_ROOT, served at /media/ in development."""
    found = settings_with()
    assert found["storage"] == "FileSystemStorage"
    assert found["picture_url"] == "/media/images/2026/12/harbour.jpg"
    assert found["serve_media"] and found["media_view"]


def test_a_bucket_takes_the_pictures_and_django_stops_serving_media():
    """With a bucket, pages link to it and no app server looks for pictures on its own disk."""
    found = settings_with(
        NEWSROOM_S3_BUCKET="ledger-pictures",
        NEWSROOM_S3_ENDPOINT_URL="http://minio.internal:9000",
        NEWSROOM_S3_REGION="eu-west-1",
        NEWSROOM_SERVE_MEDIA="1",
    )
    assert found["storage"] == "S3Storage"
    assert found["options"]["bucket_name"] == "ledger-pictures"
    assert found["options"]["region_name"] == "eu-west-1"
    assert found["options"]["file_overwrite"] is False
    assert (
        found["picture_url"]
        == "http://minio.internal:9000/ledger-pictures/images/2026/12/harbour.jpg"
    )
    assert not found["serve_media"] and not found["media_view"]


def test_a_cdn_address_for_media_is_where_pages_link_pictures():
    """NEWSROOM_MEDIA_URL puts a CDN (or the bucket's public host) in the pages' addresses."""
    found = settings_with(
        NEWSROOM_S3_BUCKET="ledger-pictures", NEWSROOM_MEDIA_URL="https://cdn.example.com/media/"
    )
    assert found["picture_url"] == "https://cdn.example.com/media/images/2026/12/harbour.jpg"
    assert "?" not in found["picture_url"]


def test_a_cdn_in_front_of_media_on_disk_is_linked_too():
    """Without a bucket, NEWSROOM_MEDIA_URL is where nginx or a CDN serves MEDIA_ROOT."""
    found = settings_with(NEWSROOM_MEDIA_URL="https://media.example.com/")
    assert found["picture_url"] == "https://media.example.com/images/2026/12/harbour.jpg"
    assert not found["media_view"]


def test_database_pool_turns_on_psycopgs_pool_without_persistent_connections():
    """DATABASE_POOL=1: each process keeps a psycopg pool; CONN_MAX_AGE must then be 0."""
    found = settings_with(DATABASE_POOL="1", DATABASE_POOL_MAX_SIZE="8")
    assert found["pool"] == {"min_size": 1, "max_size": 8, "timeout": 10}
    assert found["pooled"]
    assert found["conn_max_age"] == 0
    assert found["server_side_cursors"]


def test_pgbouncer_mode_keeps_cursors_inside_transactions():
    """DATABASE_PGBOUNCER=1: no server-side cursors (transaction pooling), no pool of our own."""
    found = settings_with(DATABASE_PGBOUNCER="1")
    assert not found["server_side_cursors"]
    assert found["pool"] is None and not found["pooled"]
    default = settings_with()
    assert default["server_side_cursors"] and default["conn_max_age"] == 60


@pytest.mark.parametrize("debug", ["0", "1"])
def test_pool_and_pgbouncer_together_is_one_readable_line(debug):
    """Two poolers stacked is a mistake: start-up stops and says which variables clash."""
    env = {k: v for k, v in os.environ.items() if k not in SCALING_VARIABLES}
    env.update(
        DJANGO_DEBUG=debug,
        DJANGO_SECRET_KEY="s3cret",
        DJANGO_ALLOWED_HOSTS="news.example",
        DATABASE_POOL="1",
        DATABASE_PGBOUNCER="1",
    )
    result = subprocess.run(
        [sys.executable, "manage.py", "check"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 1
    assert result.stderr.strip() == (
        "Refusing to start: set DATABASE_POOL or DATABASE_PGBOUNCER, not both."
    )
