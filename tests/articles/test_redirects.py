import pytest

from articles.models import Redirect
from tests.factories import ArticleFactory, AuthorFactory, SectionFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def story():
    return ArticleFactory(slug="old-slug", section=SectionFactory(name="World", slug="world"))


def test_changed_slug_answers_the_old_address_with_a_301(client, story):
    """Links shared before the change still reach the story."""
    story.slug = "new-slug"
    story.save()
    response = client.get("/world/old-slug/")
    assert response.status_code == 301
    assert response["Location"] == "/world/new-slug/"
    assert client.get("/world/new-slug/").status_code == 200


def test_old_address_keeps_the_links_campaign_tags(client, story):
    """?utm_source=... on a shared link survives the redirect, for the outlet's statistics."""
    story.slug = "new-slug"
    story.save()
    response = client.get("/world/old-slug/?utm_source=newsletter&utm_medium=email")
    assert response.status_code == 301
    assert response["Location"] == "/world/new-slug/?utm_source=newsletter&utm_medium=email"


def test_changed_section_answers_the_old_address_with_a_301(client, story):
    """Moving a story to another section keeps its old address working."""
    story.section = SectionFactory(name="Business", slug="business")
    story.save()
    response = client.get("/world/old-slug/")
    assert response.status_code == 301
    assert response["Location"] == "/business/old-slug/"


def test_every_old_address_leads_to_the_current_one(client, story):
    """After two renames, both earlier addresses go straight to the newest, in one hop."""
    story.slug = "second"
    story.save()
    story.slug = "third"
    story.save()
    for old in ("/world/old-slug/", "/world/second/"):
        response = client.get(old)
        assert (response.status_code, response["Location"]) == (301, "/world/third/")


def test_renaming_back_does_not_redirect_a_page_to_itself(client, story):
    """Going back to an old slug serves the story, not a redirect loop."""
    story.slug = "temporary"
    story.save()
    story.slug = "old-slug"
    story.save()
    assert client.get("/world/old-slug/").status_code == 200
    assert client.get("/world/temporary/")["Location"] == "/world/old-slug/"


def test_draft_slug_changes_leave_no_redirect(client):
    """Nobody could have linked to a draft, so renaming one records nothing."""
    draft = ArticleFactory(slug="draft-slug", draft=True)
    draft.slug = "better-slug"
    draft.save()
    assert not Redirect.objects.exists()
    assert client.get("/world/draft-slug/").status_code == 404


def test_renamed_section_keeps_its_page_and_its_stories_addresses(client, story):
    """After a section's slug changes, its old page and old story addresses answer with a 301."""
    section = story.section
    section.slug = "world-news"
    section.save()
    response = client.get("/world/")
    assert (response.status_code, response["Location"]) == (301, "/world-news/")
    response = client.get("/world/old-slug/")
    assert (response.status_code, response["Location"]) == (301, "/world-news/old-slug/")
    assert client.get("/world-news/old-slug/").status_code == 200


def test_story_under_a_wrong_section_address_goes_to_its_own(client, story):
    """A story's slug with another section's address leads to the story, not a 404."""
    SectionFactory(name="Business", slug="business")
    response = client.get("/business/old-slug/")
    assert (response.status_code, response["Location"]) == (301, "/world/old-slug/")


def test_renamed_byline_keeps_its_author_page_address(client):
    """An author page whose slug changed answers its old address with a 301."""
    author = AuthorFactory(slug="jane-doe")
    ArticleFactory(authors=[author])
    author.slug = "jane-doe-smith"
    author.save()
    response = client.get("/author/jane-doe/")
    assert (response.status_code, response["Location"]) == (301, "/author/jane-doe-smith/")


def test_unpublished_story_under_another_section_stays_hidden(client):
    """Only stories readers may see are redirected to; a draft's slug is still a 404."""
    ArticleFactory(slug="secret-plan", draft=True)
    SectionFactory(name="Business", slug="business")
    assert client.get("/business/secret-plan/").status_code == 404
