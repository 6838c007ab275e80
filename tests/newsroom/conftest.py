"""An S3-compatible server for the tests that keep pictures in a bucket (moto's server mode)."""

import itertools
import json
import logging

import boto3
import pytest

CREDENTIALS = {"aws_access_key_id": "testing", "aws_secret_access_key": "testing"}
REGION = "us-east-1"
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
    client.create_bucket(Bucket=name)
    client.put_bucket_policy(Bucket=name, Policy=json.dumps(public_read_policy(name)))
    return s3_endpoint, name, client


def s3_storages(endpoint, bucket):
    """STORAGES as settings.py makes them for NEWSROOM_S3_BUCKET and NEWSROOM_S3_ENDPOINT_URL."""
    from django.conf import settings

    return {
        **settings.STORAGES,
        "default": {
            "BACKEND": "storages.backends.s3.S3Storage",
            "OPTIONS": {
                "bucket_name": bucket,
                "endpoint_url": endpoint,
                "region_name": REGION,
                "access_key": CREDENTIALS["aws_access_key_id"],
                "secret_key": CREDENTIALS["aws_secret_access_key"],
                "querystring_auth": False,
                "file_overwrite": False,
            },
        },
    }


def public_read_policy(bucket):
    """The bucket policy the README gives: anyone may read the pictures, only the app write."""
    return {
        "Version": "2012-10-17",
        "Statement": [
            {
                "Sid": "ReadersSeePictures",
                "Effect": "Allow",
                "Principal": "*",
                "Action": "s3:GetObject",
                "Resource": f"arn:aws:s3:::{bucket}/*",
            }
        ],
    }
