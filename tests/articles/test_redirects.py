import pytest

from articles.models import Redirect
from tests.factories import ArticleFactory, SectionFactory

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
