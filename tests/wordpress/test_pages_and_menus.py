"""The theme unit test data's 21 pages and 6 menus (70 links) come across: hierarchy, old
addresses, menus nested one level; importing again changes nothing; edits here survive."""

import re

import pytest

from articles.models import Redirect
from newsroom.pages.models import Menu, MenuItem, Page
from tests.wordpress.exports import THEME, run

pytestmark = pytest.mark.django_db(transaction=True)


def exported_pages():
    """(post ID, parent ID) of every page in the file, read with regular expressions."""
    text = THEME.read_text(encoding="utf-8")
    pages = []
    for item in re.findall(r"<item>(.*?)</item>", text, re.DOTALL):
        if re.search(r"<wp:post_type>(<!\[CDATA\[)?page(\]\]>)?</wp:post_type>", item):
            post_id = int(re.search(r"<wp:post_id>(\d+)</wp:post_id>", item).group(1))
            parent = int(re.search(r"<wp:post_parent>(\d+)</wp:post_parent>", item).group(1))
            pages.append((post_id, parent))
    return pages


def test_the_theme_unit_test_pages_keep_their_parents_and_old_addresses(client):
    """21 pages, each under the page WordPress had it under, at its old address or led there."""
    report = run(THEME)
    expected = exported_pages()
    assert len(expected) == 21
    assert report.counts["page", "created"] == 21
    pages = {page.wp_post_id: page for page in Page.objects.select_related("parent")}
    for post_id, parent in expected:
        assert (pages[post_id].parent.wp_post_id if pages[post_id].parent else 0) == parent
    assert pages[172].path == "level-1/level-2/level-3"
    assert client.get("/level-1/level-2/level-3/").status_code == 200
    assert client.get("/about/clearing-floats/").status_code == 200
    response = client.get("/?page_id=501")
    assert response.status_code == 301
    assert response["Location"] == "/about/clearing-floats/"
    # The Greek pages' links, percent-encoded (one with a doubled slash), lead to them.
    greek = pages[1811]
    assert Redirect.objects.filter(object_id=greek.pk, old_path__startswith="/greek/").exists()
    assert "Lorem ipsum" in client.get("/lorem-ipsum/").content.decode()


def test_the_menus_come_across_nested_one_level_and_placed_nowhere():
    """Six menus, 70 links in WordPress's order; deeper links go under their top link."""
    report = run(THEME)
    assert Menu.objects.count() == 6
    assert MenuItem.objects.count() == report.counts["menu item", "created"] == 70
    assert not Menu.objects.exclude(place=None).exists()
    short = Menu.objects.get(wp_menu="short")
    links = list(short.items.select_related("page").order_by("position"))
    assert [(link.page.title, link.nested) for link in links] == [
        ("a Blog page", False),
        ("About The Tests", False),
        ("Clearing Floats", True),
        ("Page with comments", True),
        ("Page with comments disabled", True),
        ("Lorem Ipsum", False),
    ]
    testing = Menu.objects.get(wp_menu="testing-menu")
    assert testing.items.filter(section__isnull=False).count() == 3
    assert testing.items.filter(url="https://wordpressfoundation.org/").exists()
    assert "put under their top link" in "\n".join(report.lines())


def test_importing_again_changes_nothing_and_keeps_edits():
    """The second run finds every page and link unchanged; a page edited here keeps it."""
    run(THEME)
    about = Page.objects.get(wp_post_id=2)
    about.title = "About the Ledger"
    about.save()
    before = Redirect.objects.count()
    report = run(THEME)
    assert report.counts["page", "unchanged"] == 21
    assert report.counts["menu item", "unchanged"] == 70
    assert report.counts["menu", "unchanged"] == 6
    assert Page.objects.get(wp_post_id=2).title == "About the Ledger"
    assert Redirect.objects.count() == before
