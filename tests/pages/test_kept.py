"""Every reader page shows the menus and the standards: changing a menu, a page a menu shows or
the standards makes every kept page stale at once (newsroom.caching)."""

import pytest
from bs4 import BeautifulSoup

from newsroom.pages.models import Menu, MenuItem, Standards
from tests.factories import ArticleFactory, SectionFactory
from tests.pages.factories import PageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def story():
    return ArticleFactory(section=SectionFactory(slug="world", name="World"))


def kept_hit(client, url):
    client.get(url)
    response = client.get(url)
    assert response["X-Page-Cache"] == "hit"
    return response


def test_without_a_menu_the_sections_are_the_menu(client, story):
    """No header or footer menu: the sections, in the header and the footer."""
    content = client.get("/").content.decode()
    assert content.count('href="/world/"') >= 2


def test_a_new_menu_link_reaches_every_kept_page(client, story):
    """Kept home and story pages show a link added to the header menu on the next visit."""
    about = PageFactory(title="About us", slug="about")
    for url in ("/", story.get_absolute_url(), "/about/"):
        kept_hit(client, url)
    menu = Menu.objects.create(name="Main", place=Menu.Place.HEADER)
    MenuItem.objects.create(menu=menu, page=about, position=0)
    for url in ("/", story.get_absolute_url(), "/about/"):
        response = client.get(url)
        assert response["X-Page-Cache"] == "miss", url
        link = BeautifulSoup(response.content, "html.parser").select_one(
            '.site-nav a[href="/about/"]'
        )
        assert link.get_text() == "About us"


def test_renaming_a_page_in_a_menu_reaches_every_kept_page(client, story):
    """The menu shows the page's title: a new title makes the kept pages stale."""
    about = PageFactory(title="About us", slug="about")
    menu = Menu.objects.create(name="Footer", place=Menu.Place.FOOTER)
    MenuItem.objects.create(menu=menu, page=about, position=0)
    kept_hit(client, story.get_absolute_url())
    about.title = "Who we are"
    about.save()
    response = client.get(story.get_absolute_url())
    assert response["X-Page-Cache"] == "miss"
    assert "Who we are" in response.content.decode()


def test_unpublishing_a_page_takes_it_out_of_the_menu_and_off_the_site(client, story):
    """A page made a draft: its kept page and its menu link go."""
    about = PageFactory(title="About us", slug="about")
    menu = Menu.objects.create(name="Main", place=Menu.Place.HEADER)
    MenuItem.objects.create(menu=menu, page=about, position=0)
    kept_hit(client, "/about/")
    about.status = "draft"
    about.save()
    assert client.get("/about/").status_code == 404
    assert 'href="/about/"' not in client.get("/").content.decode()


def test_choosing_a_policy_reaches_every_kept_story(client, story):
    """The corrections policy chosen in the standards shows under a kept story at once."""
    policy = PageFactory(title="How we correct", slug="corrections-policy")
    kept_hit(client, story.get_absolute_url())
    standards = Standards.load()
    standards.corrections_policy = policy
    standards.save()
    response = client.get(story.get_absolute_url())
    assert response["X-Page-Cache"] == "miss"
    assert 'href="/corrections-policy/">Corrections policy</a>' in response.content.decode()


def test_a_new_section_reaches_the_default_menu(client, story):
    """With no menu set, a section added shows in the kept pages' navigation."""
    kept_hit(client, "/")
    SectionFactory(slug="sport", name="Sport")
    assert 'href="/sport/"' in client.get("/").content.decode()
