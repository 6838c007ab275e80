"""S3 buckets for the tests: credentials moto accepts, the public-read policy, STORAGES."""

import json

CREDENTIALS = {"aws_access_key_id": "testing", "aws_secret_access_key": "testing"}
REGION = "us-east-1"


def make_bucket(client, name):
    client.create_bucket(Bucket=name)
    client.put_bucket_policy(Bucket=name, Policy=json.dumps(public_read_policy(name)))


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
