import pytest
from bs4 import BeautifulSoup

from articles.site.sharing import share_links
from tests.factories import ArticleFactory


def test_share_links_are_plain_addresses_with_the_story_url_and_headline():
    """Each service's own share page, with the address and headline escaped into its query."""
    links = {link.service: link.url for link in share_links("https://n.example/a/b/", "A & B")}
    assert links["email"] == "mailto:?subject=A+%26+B&body=https%3A%2F%2Fn.example%2Fa%2Fb%2F"
    assert links["facebook"] == (
        "https://www.facebook.com/sharer/sharer.php?u=https%3A%2F%2Fn.example%2Fa%2Fb%2F"
    )
    assert set(links) == {"email", "facebook", "x", "linkedin", "whatsapp", "bluesky"}


@pytest.mark.django_db
def test_article_page_offers_share_links_without_third_party_scripts(client):
    """The story page lists share links to its canonical address and loads only our script."""
    story = ArticleFactory(headline="Bridge opens", slug="bridge")
    soup = BeautifulSoup(client.get(story.get_absolute_url()).content, "html.parser")
    box = soup.select_one("section.share")
    assert box.h2.get_text() == "Share this story"
    assert box["data-share-url"] == f"http://testserver{story.get_absolute_url()}"
    assert [a.get_text() for a in box.select("a")][:2] == ["Email", "Facebook (opens a new tab)"]
    assert all(script["src"].startswith("/static/") for script in soup.select("script[src]"))
