"""Editors make, name and revoke partners' keys in the admin and register webhook endpoints;
a new key is shown once; reporters see neither."""

import pytest
from bs4 import BeautifulSoup

from newsroom.api.keys import HEADER
from newsroom.api.models import ApiKey, digest
from newsroom.webhooks.models import Endpoint
from tests.api.conftest import make_key
from tests.helpers import client_for

pytestmark = pytest.mark.django_db


def test_an_editor_makes_a_key_and_sees_it_once(editor, client):
    editor_client = client_for(editor)
    answer = editor_client.post(
        "/admin/api/apikey/add/", {"name": "Regional Radio", "rate_limit": "120"}
    )
    assert answer.status_code == 200
    shown = BeautifulSoup(answer.content, "html.parser").select_one("#new-api-key")["value"]
    key = ApiKey.objects.get()
    assert (key.name, key.rate_limit, key.created_by) == ("Regional Radio", 120, editor)
    assert key.key_digest == digest(shown) and shown.startswith(key.prefix)
    # The key works, and is nowhere on the key's own page afterwards.
    assert client.get("/api/v1/sections", headers={HEADER: shown}).status_code == 200
    page = editor_client.get(f"/admin/api/apikey/{key.pk}/change/").content.decode()
    assert shown not in page and key.prefix in page


def test_the_list_shows_state_and_last_use_and_revoking_stops_the_key(editor, client):
    key, secret = make_key("Regional Radio")
    make_key("Unused partner")
    client.get("/api/v1/sections", headers={HEADER: secret})
    editor_client = client_for(editor)
    rows = {
        row.select_one("th").get_text(strip=True): row.get_text(" ", strip=True)
        for row in BeautifulSoup(
            editor_client.get("/admin/api/apikey/").content, "html.parser"
        ).select("#result_list tbody tr")
    }
    assert "Active" in rows["Regional Radio"] and "Never" not in rows["Regional Radio"]
    assert "Never" in rows["Unused partner"]
    answer = editor_client.post(
        "/admin/api/apikey/",
        {"action": "revoke", "_selected_action": [key.pk]},
        follow=True,
    )
    assert "Revoked 1 key(s)" in answer.content.decode()
    key.refresh_from_db()
    assert key.is_revoked
    assert client.get("/api/v1/sections", headers={HEADER: secret}).status_code == 401


def test_an_editor_registers_an_endpoint_and_gets_its_signing_secret(editor):
    editor_client = client_for(editor)
    answer = editor_client.post(
        "/admin/webhooks/endpoint/add/",
        {
            "name": "Regional Radio",
            "url": "https://radio.example.com/hooks",
            "events": ["story.published", "correction.published"],
            "active": "on",
        },
        follow=True,
    )
    endpoint = Endpoint.objects.get()
    assert endpoint.events == ["story.published", "correction.published"]
    assert endpoint.secret.startswith("whsec_")
    page = answer.content.decode()
    assert "Give the partner the signing secret" in page and endpoint.secret in page


@pytest.mark.parametrize("url", ["ftp://radio.example.com/", "not an address", ""])
def test_an_endpoint_address_must_be_http_or_https(editor, url):
    answer = client_for(editor).post(
        "/admin/webhooks/endpoint/add/",
        {"name": "Radio", "url": url, "events": ["story.published"], "active": "on"},
    )
    assert answer.status_code == 200 and not Endpoint.objects.exists()
    assert "errorlist" in answer.content.decode()


def test_an_endpoint_needs_at_least_one_event(editor):
    answer = client_for(editor).post(
        "/admin/webhooks/endpoint/add/",
        {"name": "Radio", "url": "https://radio.example.com/", "active": "on"},
    )
    assert answer.status_code == 200 and not Endpoint.objects.exists()


@pytest.mark.parametrize(
    "address",
    [
        "/admin/api/apikey/",
        "/admin/api/apikey/add/",
        "/admin/webhooks/endpoint/",
        "/admin/webhooks/delivery/",
    ],
)
def test_reporters_see_no_keys_nor_webhooks(reporter, address):
    assert client_for(reporter).get(address).status_code == 403
