"""The OpenAPI 3.1 schema is valid, and the documentation page shows it without a key, a
script or a style of its own (the site's Content-Security-Policy allows neither inline)."""

import json

import pytest
from bs4 import BeautifulSoup
from openapi_spec_validator import validate

pytestmark = pytest.mark.django_db


def test_the_openapi_schema_is_valid_3_1(client):
    response = client.get("/api/v1/openapi.json")
    assert response.status_code == 200
    schema = json.loads(response.content)
    assert schema["openapi"].startswith("3.1")
    validate(schema)
    assert set(schema["paths"]) == {
        "/api/v1/stories",
        "/api/v1/stories/{story_id}",
        "/api/v1/sections",
        "/api/v1/authors",
        "/api/v1/tags",
        "/api/v1/search",
    }
    assert schema["components"]["securitySchemes"]["PartnerKey"] == {
        "type": "apiKey",
        "in": "header",
        "name": "X-API-Key",
    }


def test_the_docs_page_tells_how_to_get_a_key_and_verify_a_webhook(client):
    response = client.get("/api/v1/docs")
    assert response.status_code == 200
    page = BeautifulSoup(response.content, "html.parser")
    assert len(page.find_all("h1")) == 1
    assert not [s for s in page.find_all("script") if not s.get("src")]
    assert not page.find_all("style") and not page.select("[style]")
    text = page.get_text(" ")
    for words in ("Getting a key", "curl -H", "X-API-Key", "Webhook(SECRET).verify", "429"):
        assert words in text
    operations = [h.get_text(" ", strip=True) for h in page.select(".api-docs__operation h3")]
    assert "GET /api/v1/stories/{story_id}" in operations
    assert page.select_one("#schema-Story td code").get_text() == "id"
