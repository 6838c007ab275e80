"""An editor gives a partner an API key and registers the partner's webhook address, on a
phone and on a desktop."""

import pytest
from playwright.sync_api import expect

from newsroom.api.models import ApiKey
from newsroom.webhooks.models import Endpoint
from tests.browser.axe import violations
from tests.conftest import PHONE
from tests.helpers import browser_log_in, staff

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# The width the issue names for desktops (the project's DESKTOP is 1280).
WIDE = {"width": 1366, "height": 900}


def sideways_overflow(page):
    page.wait_for_load_state("load")
    return page.evaluate("document.documentElement.scrollWidth - window.innerWidth")


@pytest.mark.parametrize(("label", "viewport"), [("phone", PHONE), ("desktop", WIDE)])
def test_an_editor_makes_a_key_and_registers_an_endpoint(page, roles, screenshot, label, viewport):
    staff("Editor", "edna")
    page.set_viewport_size(viewport)
    browser_log_in(page, "edna")

    page.get_by_role("link", name="API keys").first.click()
    page.get_by_role("link", name="Add API key").click()
    page.get_by_label("Name").fill("Regional Radio")
    page.get_by_label("Requests per minute").fill("120")
    page.get_by_role("button", name="Save", exact=True).click()
    key = page.get_by_label("The key").input_value()
    assert key.startswith(ApiKey.objects.get().prefix)
    assert sideways_overflow(page) <= 0
    screenshot(page, f"{label}-key-shown-once")
    answer = page.request.get("/api/v1/sections", headers={"X-API-Key": key})
    assert answer.status == 200
    page.get_by_role("link", name="Done, back to the keys").click()
    expect(page.locator("#result_list")).to_contain_text("Regional Radio")
    expect(page.locator("#result_list")).to_contain_text("Active")

    page.goto("/admin/")
    page.get_by_role("link", name="Webhook endpoints").first.click()
    page.get_by_role("link", name="Add webhook endpoint").click()
    page.get_by_label("Name").fill("Regional Radio")
    page.get_by_label("Address").fill("https://radio.example.com/hooks")
    page.get_by_label("story.published:").check()
    page.get_by_label("correction.published:").check()
    page.get_by_role("button", name="Save", exact=True).click()
    endpoint = Endpoint.objects.get()
    expect(page.locator(".messagelist")).to_contain_text("Give the partner the signing secret")
    expect(page.locator(".field-secret")).to_contain_text(endpoint.secret)
    assert endpoint.events == ["story.published", "correction.published"]
    screenshot(page, f"{label}-endpoint-registered")


@pytest.mark.parametrize(("label", "viewport"), [("phone", PHONE), ("desktop", WIDE)])
def test_the_api_documentation_reads_under_the_sites_policy(page, screenshot, label, viewport):
    """/api/v1/docs: nothing the Content-Security-Policy refuses, nothing for axe to fix,
    nothing wider than a phone."""
    refused = []
    page.on("console", lambda message: refused.append(message.text))
    page.set_viewport_size(viewport)
    page.goto("/api/v1/docs")
    expect(page.get_by_role("heading", level=1)).to_have_text("Newsroom content API")
    expect(page.locator("#stories_story_detail, [id$=story_detail]")).to_contain_text(
        "GET /api/v1/stories/{story_id}"
    )
    assert sideways_overflow(page) <= 0
    assert violations(page) == []
    assert not [text for text in refused if "Content Security Policy" in text]
    screenshot(page, f"{label}-api-docs")
