"""Fixtures of the content API's tests: a partner's key and a client that sends it."""

import pytest

from newsroom.api.keys import HEADER
from newsroom.api.models import ApiKey


def make_key(name="Regional Radio", **fields):
    """A saved key and its secret, as the admin makes them."""
    key = ApiKey(name=name, **fields)
    secret = key.issue()
    key.save()
    return key, secret


@pytest.fixture
def partner(db):
    return make_key()


@pytest.fixture
def api(client, partner):
    """GET an API address with the partner's key (or the key given, or none)."""
    _key, secret = partner

    def get(address, key=secret, **headers):
        if key is not None:
            headers[f"HTTP_{HEADER.upper().replace('-', '_')}"] = key
        if address.startswith("http"):
            address = "/" + address.split("/", 3)[3]
        elif not address.startswith("/"):
            address = f"/api/v1/{address}"
        return client.get(address, **headers)

    return get


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """Run a block's after-commit work (article_changed) as a commit does."""
    return lambda: django_capture_on_commit_callbacks(execute=True)
