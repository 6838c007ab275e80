import datetime

import pytest
import time_machine
from django.utils import timezone

from articles.models import Article
from tests.factories import ArticleFactory, AuthorFactory, SectionFactory

pytestmark = pytest.mark.django_db

HIDDEN = {
    "draft": {"draft": True},
    "in review": {"in_review": True},
    "unpublished": {"unpublished": True},
    "scheduled": {"scheduled": True},
}


@pytest.fixture
def newsroom():
    """One visible story and one hidden story of each kind, sharing section, tag and author."""
    section = SectionFactory(name="World", slug="world")
    author = AuthorFactory(name="Maren Holt", slug="maren-holt")
    visible = ArticleFactory(
        headline="Visible story", section=section, authors=[author], tags=["Trade"]
    )
    hidden = {
        kind: ArticleFactory(
            headline=f"Hidden {kind} story",
            slug=f"hidden-{kind.replace(' ', '-')}",
            section=section,
            authors=[author],
            tags=["Trade"],
            **traits,
        )
        for kind, traits in HIDDEN.items()
    }
    return visible, hidden


def reader_pages(visible):
    day = timezone.localtime(visible.published_at)
    return [
        "/",
        "/world/",
        "/tag/trade/",
        "/author/maren-holt/",
        f"/{day:%Y}/",
        f"/{day:%Y}/{day.month}/",
        f"/{day:%Y}/{day.month}/{day.day}/",
        visible.get_absolute_url(),
    ]


def test_published_means_published_status_and_time_has_come(newsroom):
    """The one rule: only the visible story passes Article.objects.published()."""
    visible, _ = newsroom
    assert list(Article.objects.published()) == [visible]


@pytest.mark.parametrize("kind", HIDDEN)
def test_hidden_story_page_is_a_404(client, newsroom, kind):
    """Drafts, stories in review, unpublished and scheduled stories are not found by readers."""
    _, hidden = newsroom
    assert client.get(hidden[kind].get_absolute_url()).status_code == 404


@pytest.mark.parametrize("kind", HIDDEN)
def test_hidden_story_appears_on_no_reader_page(client, newsroom, kind):
    """Not on the home page, section, tag, author or archive pages, nor in any sidebar."""
    visible, hidden = newsroom
    for url in reader_pages(visible):
        response = client.get(url)
        assert response.status_code == 200, url
        assert hidden[kind].headline not in response.content.decode(), url
        assert "Visible story" in response.content.decode(), url


@pytest.mark.parametrize("kind", HIDDEN)
def test_hidden_story_chosen_as_related_is_left_out_of_check_also(client, newsroom, kind):
    """An editor's pick that readers cannot see is skipped; the visible picks remain."""
    visible, hidden = newsroom
    shown = ArticleFactory(headline="Shown pick")
    visible.related_links.create(related_article=hidden[kind], position=0)
    visible.related_links.create(related_article=shown, position=1)
    content = client.get(visible.get_absolute_url()).content.decode()
    assert hidden[kind].headline not in content
    assert "Shown pick" in content


def test_check_also_falls_back_when_every_pick_is_hidden(client, newsroom):
    """When none of the picks is visible, stories sharing tags or section fill the box."""
    visible, hidden = newsroom
    for position, story in enumerate(hidden.values()):
        visible.related_links.create(related_article=story, position=position)
    fallback = ArticleFactory(headline="Fallback on trade", tags=["Trade"])
    content = client.get(visible.get_absolute_url()).content.decode()
    assert "Fallback on trade" in content
    assert all(story.headline not in content for story in hidden.values())
    assert fallback.get_absolute_url() in content


def test_check_also_never_shows_the_story_itself(client, newsroom):
    """The fallback excludes the page's own story even though it shares every tag."""
    visible, _ = newsroom
    response = client.get(visible.get_absolute_url())
    assert response.context["check_also"] == []


def test_tag_used_only_by_hidden_stories_is_a_404(client, newsroom):
    """A topic page would otherwise reveal a story before it is out."""
    ArticleFactory(headline="Embargoed", tags=["Secret merger"], draft=True)
    assert client.get("/tag/secret-merger/").status_code == 404


def test_scheduled_story_appears_when_its_time_comes(client, newsroom):
    """No one has to press a button: the story is visible from its publication time."""
    _, hidden = newsroom
    scheduled = hidden["scheduled"]
    assert client.get(scheduled.get_absolute_url()).status_code == 404
    with time_machine.travel(scheduled.published_at + datetime.timedelta(minutes=1)):
        assert client.get(scheduled.get_absolute_url()).status_code == 200
        assert scheduled.headline in client.get("/").content.decode()
