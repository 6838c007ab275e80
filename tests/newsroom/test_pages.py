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
    nav = [a.get_text() for a in soup.select("nav[aria-label=Main] a:not([data-menu-close])")]
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
    assert home.select_one("nav[aria-label=Main] [aria-current=page]").get_text() == "Home"
    world = BeautifulSoup(client.get("/world/").content, "html.parser")
    assert world.select_one("nav[aria-label=Main] [aria-current=page]").get_text() == "World"


@pytest.mark.django_db
def test_phone_menu_button_is_a_link_to_the_sections_that_works_without_javascript(client):
    """The Menu button targets the section navigation, which CSS opens as its :target."""
    soup = BeautifulSoup(client.get("/").content, "html.parser")
    toggle = soup.select_one(".site-header__menu-toggle")
    assert toggle.get_text() == "Menu"
    assert toggle["href"] == "#site-menu"
    assert soup.select_one("#site-menu")["aria-label"] == "Main"


@pytest.mark.django_db
def test_every_page_shows_a_visible_subscribe_link_to_its_feeds(client, settings):
    """The footer lists the RSS feeds; a section page also links its own feed in its header."""
    from tests.factories import ArticleFactory

    world = SectionFactory(name="World", slug="world")
    ArticleFactory(section=world)
    soup = BeautifulSoup(client.get("/world/").content, "html.parser")
    footer = {a.get_text(): a["href"] for a in soup.select(".site-footer__subscribe a")}
    assert footer == {
        f"{settings.NEWSROOM_SITE_NAME}: World (RSS)": "http://testserver/feed/section/world/",
        f"{settings.NEWSROOM_SITE_NAME} (RSS)": "http://testserver/feed/",
    }
    own = soup.select_one(".page-header .feed-link")
    assert own.get_text() == "Subscribe to World (RSS)"
    assert own["href"] == "http://testserver/feed/section/world/"


@pytest.mark.django_db
def test_a_missing_page_in_development_is_the_readers_404_page(client, settings):
    """With DEBUG on, a 404 shows the site's own page, not Django's technical one."""
    settings.DEBUG = True
    response = client.get("/no-such-section/at-all/")
    assert response.status_code == 404
    soup = BeautifulSoup(response.content, "html.parser")
    assert soup.h1.get_text() == "Page not found"
