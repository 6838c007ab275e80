"""Pages, menus and standards in the admin, by role: editors edit and publish, reporters draft."""

import pytest

from newsroom.pages.models import Menu, MenuItem, Page
from tests.factories import SectionFactory
from tests.helpers import client_for
from tests.pages.factories import PageFactory

pytestmark = pytest.mark.django_db


def page_form(**overrides):
    data = {
        "title": "About us", "slug": "about", "parent": "", "standfirst": "", "body": "<p>Hi</p>",
        "featured_image": "", "status": "published", "position": "0", "seo_title": "",
        "seo_description": "",
    }  # fmt: skip
    return {**data, **overrides}


def test_editor_writes_and_publishes_a_page(editor):
    """An editor's page goes out at once when they choose Published."""
    response = client_for(editor).post("/admin/pages/page/add/", page_form())
    assert response.status_code == 302
    assert Page.objects.get(slug="about").is_published()


def test_reporter_drafts_a_page_but_cannot_publish_it(reporter):
    """A reporter's page stays a draft whatever the form says, and published pages are
    read-only to them."""
    client = client_for(reporter)
    assert client.post("/admin/pages/page/add/", page_form()).status_code == 302
    page = Page.objects.get(slug="about")
    assert page.status == Page.Status.DRAFT
    published = PageFactory(slug="ethics")
    response = client.post(f"/admin/pages/page/{published.pk}/change/", page_form(slug="ethics"))
    assert response.status_code == 403
    assert client.get("/admin/pages/menu/").status_code == 403
    assert client.get("/admin/pages/standards/").status_code == 403


def test_a_clashing_slug_gets_a_message_not_an_error(editor):
    """A top-level page at a section's address is refused with a message on the form."""
    SectionFactory(slug="world", name="World")
    response = client_for(editor).post("/admin/pages/page/add/", page_form(slug="world"))
    assert response.status_code == 200
    assert "is the address of a section" in response.content.decode()


def menu_form(rows, **fields):
    data = {
        "name": "Footer", "place": "footer",
        "items-TOTAL_FORMS": str(len(rows)), "items-INITIAL_FORMS": "0",
        "items-MIN_NUM_FORMS": "0", "items-MAX_NUM_FORMS": "1000", **fields,
    }  # fmt: skip
    for number, row in enumerate(rows):
        for name in ("label", "section", "page", "tag", "url", "position"):
            data[f"items-{number}-{name}"] = row.get(name, "")
        if row.get("nested"):
            data[f"items-{number}-nested"] = "on"
    return data


def test_editor_builds_a_menu_in_order_nested_one_level(editor):
    """Rows are saved in their positions, the nested one under the item above."""
    about = PageFactory(title="About us", slug="about")
    rows = [
        {"label": "Corrections", "url": "/corrections/", "position": "2"},
        {"page": str(about.pk), "position": "1"},
        {"label": "Mastodon", "url": "https://mastodon.example/@ledger", "position": "3",
         "nested": True},
    ]  # fmt: skip
    response = client_for(editor).post("/admin/pages/menu/add/", menu_form(rows))
    assert response.status_code == 302, response.content
    items = MenuItem.objects.filter(menu__place="footer").order_by("position")
    assert [str(item) for item in items] == ["About us", "Corrections", "Mastodon"]


@pytest.mark.parametrize(
    ("row", "message"),
    [
        ({"url": "javascript:alert(1)"}, "Write a full address"),
        ({}, "Choose what this link leads to"),
        ({"url": "/a/", "section": "SECTION"}, "Choose one thing to link to"),
    ],
)
def test_a_bad_menu_link_gets_a_clear_message(editor, row, message):
    """A link to nowhere, two targets or a script address: a message, nothing saved."""
    section = SectionFactory(slug="world", name="World")
    row = {k: (str(section.pk) if v == "SECTION" else v) for k, v in row.items()}
    response = client_for(editor).post("/admin/pages/menu/add/", menu_form([row]))
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Menu.objects.exists()


def test_editor_chooses_the_standards_on_one_page(editor):
    """The standards' list opens the one set of standards."""
    response = client_for(editor).get("/admin/pages/standards/")
    assert response.status_code == 302
    assert client_for(editor).get(response["Location"]).status_code == 200
