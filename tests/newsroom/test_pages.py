import pytest
from bs4 import BeautifulSoup

from tests.factories import SectionFactory


@pytest.mark.django_db
def test_home_page_shows_the_outlet_chrome(client, settings):
    """Header with the site name, section navigation, search box, skip link and footer."""
    SectionFactory(name="World", slug="world", position=0)
    SectionFactory(name="Hidden", slug="hidden", show_in_navigation=False)
    response = client.get("/")
    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "html.parser")
    assert soup.select_one(".site-header__name").get_text() == settings.NEWSROOM_SITE_NAME
    nav = [a.get_text() for a in soup.select("nav[aria-label=Sections] a")]
    assert nav == ["Home", "World"]
    assert soup.select_one("a.skip-link")["href"] == "#main"
    assert soup.select_one("main#main")
    assert soup.select_one("form[role=search] input[name=q]")
    assert soup.select_one("footer")
    assert len(soup.find_all("h1")) == 1


@pytest.mark.django_db
def test_unknown_page_is_a_styled_404(client):
    """A 404 keeps the site's header and offers a way on."""
    response = client.get("/no/such/page/here/")
    assert response.status_code == 404
    soup = BeautifulSoup(response.content, "html.parser")
    assert soup.find("h1").get_text() == "Page not found"
    assert soup.select_one(".site-header")


def test_500_page_renders_without_a_request():
    """The error page must not need the database, which may be what failed."""
    from django.template.loader import render_to_string

    html = render_to_string("500.html")
    assert "Something went wrong" in html


@pytest.mark.django_db
def test_navigation_marks_the_page_the_reader_is_on(client):
    """Home is the current item on the front page; a section on its own page, not Home."""
    SectionFactory(name="World", slug="world")
    home = BeautifulSoup(client.get("/").content, "html.parser")
    assert home.select_one("nav[aria-label=Sections] [aria-current=page]").get_text() == "Home"
    world = BeautifulSoup(client.get("/world/").content, "html.parser")
    assert world.select_one("nav[aria-label=Sections] [aria-current=page]").get_text() == "World"
