import pytest

from tests.factories import ArticleFactory, SectionFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "url",
    ["/tag/%00/", "/world/a%00b/", "/author/a%00/", "/a%00/", "/world/?page=%00", "/%00/%00/"],
)
def test_addresses_with_a_nul_byte_are_404_not_errors(client, url):
    """Junk a scanner sends never reaches the database as an error page."""
    SectionFactory(name="World", slug="world")
    assert client.get(url).status_code == 404


def test_stories_and_topics_with_non_latin_slugs_have_pages(client):
    """Slugs in any script work for stories and tags."""
    story = ArticleFactory(slug="경주-정상회의", tags=["Économie"])
    assert client.get(story.get_absolute_url()).status_code == 200
    assert client.get("/tag/économie/").status_code == 200
