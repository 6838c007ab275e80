"""Shared parts for the tests of running on several machines: an S3-compatible server (moto's
server mode), a Redis database, and two real app servers on the test database."""

import itertools
import logging
import os
import subprocess
import sys
import uuid
from urllib.parse import quote

import boto3
import pytest
import redis
from django.conf import global_settings

from tests.newsroom.buckets import CREDENTIALS, REGION, make_bucket, s3_storages
from tests.newsroom.servers import ROOT, AppServer

_bucket_numbers = itertools.count(1)


@pytest.fixture(scope="session")
def s3_endpoint():
    """The URL of a local S3 server that lives as long as the test run."""
    from moto.server import ThreadedMotoServer

    # Its request log would fill every failing test's report.
    logging.getLogger("werkzeug").setLevel(logging.WARNING)
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    host, port = server.get_host_and_port()
    yield f"http://{host}:{port}"
    server.stop()


@pytest.fixture
def s3_bucket(s3_endpoint):
    """A new, empty bucket readers may read from: (endpoint URL, bucket name, boto3 client)."""
    client = boto3.client("s3", endpoint_url=s3_endpoint, region_name=REGION, **CREDENTIALS)
    name = f"newsroom-media-{next(_bucket_numbers)}"
    make_bucket(client, name)
    return s3_endpoint, name, client


@pytest.fixture(scope="session")
def shared_redis():
    """(URL, key prefix) in a Redis every app server uses; the run's keys go at the end.

    NEWSROOM_TEST_REDIS_URL picks the server and database (default: database 15 on the local
    Redis); the prefix keeps test runs of several worktrees apart on one Redis.
    """
    url = os.environ.get("NEWSROOM_TEST_REDIS_URL", "redis://127.0.0.1:6379/15")
    client = redis.Redis.from_url(url)
    try:
        client.ping()
    except redis.ConnectionError:
        if os.environ.get("CI") == "true":
            pytest.fail(f"CI=true but no Redis answers at {url}.")
        pytest.skip(f"No Redis at {url}")
    prefix = f"multiserver-{uuid.uuid4().hex[:12]}"
    yield url, prefix
    for key in client.scan_iter(f"{prefix}:*"):
        client.delete(key)


def shared_database_url():
    """DATABASE_URL of the test database pytest-django made, for other processes."""
    from django.db import connection

    db = connection.settings_dict
    credentials = quote(db["USER"] or "", safe="")
    if db["PASSWORD"]:
        credentials += ":" + quote(db["PASSWORD"], safe="")
    host = quote(db["HOST"] or "localhost", safe="")
    return f"postgresql://{credentials}@{host}:{db['PORT'] or 5432}/{db['NAME']}"


@pytest.fixture(scope="session")
def app_servers(django_db_setup, s3_endpoint, shared_redis, tmp_path_factory):
    """Two gunicorn app servers, A and B, as behind a load balancer: one test database, one
    Redis, one picture bucket. A runs threaded workers on psycopg's pool, B a plain worker with
    persistent connections, so both database set-ups are proven."""
    redis_url, prefix = shared_redis
    client = boto3.client("s3", endpoint_url=s3_endpoint, region_name=REGION, **CREDENTIALS)
    bucket = f"newsroom-shared-{prefix}"
    make_bucket(client, bucket)
    folder = tmp_path_factory.mktemp("app-servers")
    env = {
        **{k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "NEWSROOM_"))},
        "DJANGO_DEBUG": "0",
        "DJANGO_SECRET_KEY": "multiserver-test-only-" + uuid.uuid4().hex,
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost",
        # Plain HTTP between the test and the servers, as between a TLS proxy and them.
        "DJANGO_SECURE_COOKIES": "0",
        "DJANGO_SSL_REDIRECT": "0",
        "DATABASE_URL": shared_database_url(),
        "REDIS_URL": redis_url,
        "NEWSROOM_CACHE_KEY_PREFIX": prefix,
        "NEWSROOM_S3_BUCKET": bucket,
        "NEWSROOM_S3_ENDPOINT_URL": s3_endpoint,
        "NEWSROOM_S3_REGION": REGION,
        "AWS_ACCESS_KEY_ID": CREDENTIALS["aws_access_key_id"],
        "AWS_SECRET_ACCESS_KEY": CREDENTIALS["aws_secret_access_key"],
        "NEWSROOM_STATIC_ROOT": str(folder / "static"),
    }
    collected = subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--noinput", "-v", "0"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert collected.returncode == 0, collected.stderr
    a = AppServer("server A", {**env, "DATABASE_POOL": "1"}, folder / "a.log")
    b = AppServer("server B", env, folder / "b.log")
    try:
        a.start(threads=4)
        b.start()
        a.wait_until_up()
        b.wait_until_up()
        yield SharedSite(a, b, env, f"{s3_endpoint}/{bucket}/")
    finally:
        a.stop()
        b.stop()


class SharedSite:
    """What the tests reach: both servers, the environment they share, the bucket's address."""

    def __init__(self, a, b, env, bucket_url):
        self.a, self.b, self.servers = a, b, (a, b)
        self.env, self.bucket_url = env, bucket_url
        prefix = env["NEWSROOM_CACHE_KEY_PREFIX"]
        self.caches = {
            "default": {
                "BACKEND": "django.core.cache.backends.redis.RedisCache",
                "LOCATION": env["REDIS_URL"],
                "KEY_PREFIX": prefix,
            }
        }


@pytest.fixture
def site(app_servers, settings):
    """The two servers, with this test process writing where they read: the same cache and
    bucket, and passwords hashed as production hashes them."""
    settings.CACHES = app_servers.caches
    settings.REDIS_URL = app_servers.env["REDIS_URL"]
    settings.NEWSROOM_CACHE_KEY_PREFIX = app_servers.env["NEWSROOM_CACHE_KEY_PREFIX"]
    settings.STORAGES = s3_storages(
        app_servers.env["NEWSROOM_S3_ENDPOINT_URL"], app_servers.env["NEWSROOM_S3_BUCKET"]
    )
    settings.PASSWORD_HASHERS = global_settings.PASSWORD_HASHERS
    return app_servers
