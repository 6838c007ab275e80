"""The outlet's pages: their addresses beside sections and stories, drafts, moves, search and
the sitemap."""

import pytest
from django.core.exceptions import ValidationError

from articles.models import Redirect
from newsroom.pages.models import Page
from tests.factories import ArticleFactory, SectionFactory
from tests.helpers import client_for
from tests.pages.factories import PageFactory

pytestmark = pytest.mark.django_db


def test_a_page_and_its_child_answer_at_their_addresses(client):
    """/about/ and /about/masthead/ are pages, with a breadcrumb through the parent."""
    about = PageFactory(title="About us", slug="about")
    PageFactory(title="Masthead", slug="masthead", parent=about)
    response = client.get("/about/masthead/")
    assert response.status_code == 200
    assert b'<h1 class="article__headline">Masthead</h1>' in response.content
    assert b'href="/about/"' in response.content
    assert "Masthead" in client.get("/about/").content.decode()  # listed "In this section"


def test_pages_three_levels_deep_answer_too(client):
    """Below a story's depth the pages' own address takes over."""
    one = PageFactory(slug="level-1")
    two = PageFactory(slug="level-2", parent=one)
    PageFactory(slug="level-3", parent=two, title="Deep")
    assert client.get("/level-1/level-2/level-3/").status_code == 200


def test_sections_and_stories_keep_their_addresses_beside_pages(client):
    """A section and its stories still answer; an unknown address is a 404."""
    PageFactory(slug="about")
    story = ArticleFactory(section=SectionFactory(slug="world", name="World"))
    assert client.get("/world/").status_code == 200
    assert client.get(story.get_absolute_url()).status_code == 200
    assert client.get("/about/nothing-here/").status_code == 404
    assert client.get("/nothing-here/").status_code == 404


def test_a_draft_is_seen_by_editors_only_and_never_kept(client, editor):
    """Readers get a 404; an editor sees it under a draft banner, marked private."""
    PageFactory(slug="advertise", status=Page.Status.DRAFT)
    assert client.get("/advertise/").status_code == 404
    response = client_for(editor).get("/advertise/")
    assert response.status_code == 200
    assert b"Draft: readers cannot see this page" in response.content
    assert "private" in response["Cache-Control"]


@pytest.mark.parametrize(
    ("slug", "message"),
    [
        ("search", "one of the site's own addresses"),
        ("2025", "one of the site's own addresses"),
        ("world", "the address of a section"),
    ],
)
def test_a_top_level_page_cannot_take_a_section_or_site_address(slug, message):
    """A clear message names what already lives at /<slug>/."""
    SectionFactory(slug="world", name="World")
    with pytest.raises(ValidationError) as error:
        Page(title="Clash", slug=slug).full_clean()
    assert message in str(error.value.message_dict["slug"])


def test_a_section_cannot_take_a_top_level_page_slug():
    """Both ways: a section named like a page is refused, naming the page."""
    PageFactory(title="About us", slug="about")
    section = SectionFactory.build(name="About", slug="about")
    with pytest.raises(ValidationError) as error:
        section.full_clean()
    assert "the page “About us”" in str(error.value.message_dict["slug"])


def test_a_child_page_may_use_any_slug_and_never_sits_under_itself():
    """Under a page the slug is free; a page cannot be its own ancestor."""
    about = PageFactory(slug="about")
    PageFactory.build(slug="search", parent=about).full_clean()
    child = PageFactory(slug="team", parent=about)
    about.parent = child
    with pytest.raises(ValidationError, match="cannot sit under itself"):
        about.full_clean()


def test_moving_a_page_leaves_301s_for_it_and_its_children(client):
    """Renaming /about/ moves /about/masthead/ too; both old addresses redirect."""
    about = PageFactory(slug="about")
    PageFactory(slug="masthead", parent=about)
    about.slug = "who-we-are"
    about.save()
    assert Page.objects.get(slug="masthead").path == "who-we-are/masthead"
    assert client.get("/about/")["Location"] == "/who-we-are/"
    response = client.get("/about/masthead/")
    assert response.status_code == 301
    assert response["Location"] == "/who-we-are/masthead/"
    assert Redirect.objects.count() == 2


def test_every_save_keeps_a_revision_and_cleans_the_text():
    """The same allow-list as stories: no script survives; each save is a revision."""
    page = PageFactory(body="<p>Hello</p><script>alert(1)</script>")
    assert "<script" not in page.body
    page.title = "Changed"
    page.save()
    assert page.history.count() == 2


def test_search_finds_pages_above_the_stories(client):
    """A search for words of a page lists it under “Pages”."""
    PageFactory(title="Corrections policy", slug="corrections-policy", body="<p>Mistakes</p>")
    PageFactory(
        title="Draft policy", slug="draft", status=Page.Status.DRAFT, body="<p>Mistakes</p>"
    )
    content = client.get("/search/?q=mistakes").content.decode()
    assert 'href="/corrections-policy/"' in content
    assert "Draft policy" not in content


def test_the_sitemap_lists_published_pages(client):
    """/sitemap-pages.xml has the published pages only."""
    PageFactory(slug="about")
    PageFactory(slug="hidden", status=Page.Status.DRAFT)
    content = client.get("/sitemap-pages.xml").content.decode()
    assert "/about/</loc>" in content
    assert "/hidden/" not in content
