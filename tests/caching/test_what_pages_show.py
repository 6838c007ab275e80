"""Story cards, the sidebar and Check Also are kept once rendered (newsroom.caching): the next
request must still show every change to what they show, whatever made it."""

import datetime

import pytest
from bs4 import BeautifulSoup
from django.utils import timezone
from django.utils.autoreload import file_changed

from comments.models import Comment
from tests.factories import (
    ArticleFactory,
    AuthorFactory,
    CorrectionFactory,
    ImageFactory,
    LiveUpdateFactory,
    SectionFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """Changes whose transaction commits, so that article_changed is sent, as in production."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


def page(client, path):
    response = client.get(path)
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


def card_texts(client, path="/world/"):
    return [card.get_text(" ", strip=True) for card in page(client, path).select(".story-card")]


def test_a_card_shows_an_edited_headline_and_standfirst_at_once(client):
    """Edits reach the cards of a listing on the next request."""
    article = ArticleFactory(headline="Talks open", dek="Delegates arrive.")
    assert "Talks open" in card_texts(client)[0]
    article.headline, article.dek = "Talks collapse", "Delegates leave early."
    article.save()
    [text] = card_texts(client)
    assert "Talks collapse" in text and "Delegates leave early." in text
    assert "Talks open" not in text


def test_a_card_shows_a_renamed_byline_and_section_at_once(client):
    """A byline or a section renamed elsewhere shows on every card of its stories."""
    author = AuthorFactory(name="Jo Park")
    ArticleFactory(authors=[author])
    [card] = page(client, "/").select(".story-card")
    assert "By Jo Park" in card.get_text(" ", strip=True)
    assert card.select_one(".story-card__section").get_text() == "World"
    author.name = "Jo Park-Lee"
    author.save()
    section = SectionFactory(name="World", slug="world")
    section.name = "Abroad"
    section.save()
    [card] = page(client, "/").select(".story-card")
    assert "By Jo Park-Lee" in card.get_text(" ", strip=True)
    assert card.select_one(".story-card__section").get_text() == "Abroad"


def test_a_card_shows_a_newly_approved_comment_in_its_count(client):
    """The comment count on a card follows approvals at once."""
    article = ArticleFactory()
    comment = article.comments.create(
        author_name="Reader", author_email="r@example.org", text="Good.", depth=1,
        status=Comment.Status.APPROVED, submitted_at=timezone.now(),
    )  # fmt: skip
    assert "1 comment" in card_texts(client)[0]
    article.comments.create(
        author_name="Other", author_email="o@example.org", text="Agreed.", depth=1,
        status=Comment.Status.APPROVED, submitted_at=timezone.now(),
    )  # fmt: skip
    assert "2 comments" in card_texts(client)[0]
    comment.status = Comment.Status.SPAM
    comment.save()
    assert "1 comment" in card_texts(client)[0]


def test_a_card_shows_the_live_badge_from_the_second_coverage_starts(client):
    """The live badge depends on the time, not on an edit: a kept card follows the clock."""
    ArticleFactory(live_coverage_start=timezone.now() + datetime.timedelta(seconds=2))
    assert not page(client, "/world/").select(".story-card .live-badge")
    with pytest.MonkeyPatch.context() as patch:
        later = timezone.now() + datetime.timedelta(seconds=5)
        patch.setattr(timezone, "now", lambda: later)
        assert page(client, "/world/").select(".story-card .live-badge")


def test_a_new_picture_or_headline_shows_in_the_sidebar_and_check_also(client):
    """The sidebar's latest stories and Check Also show a story's new picture at once."""
    other = ArticleFactory(headline="Older talks", tags=["trade"], with_image=True)
    story = ArticleFactory(headline="Trade deal", tags=["trade"])
    path = story.get_absolute_url()
    soup = page(client, path)
    first = soup.select_one(".check-also img")["src"]
    # The sidebar shows the square cut of the same picture.
    square = soup.select_one(".latest-list img")["src"]
    assert square.replace("-1x1-", "-4x3-").rsplit("-", 1)[0] == first.rsplit("-", 1)[0]
    other.featured_image = ImageFactory(small=True)
    other.save()
    soup = page(client, path)
    assert soup.select_one(".check-also img")["src"] != first
    assert soup.select_one(".latest-list img")["src"] != square
    other.headline = "Older talks, revisited"
    other.save()
    soup = page(client, path)
    assert "Older talks, revisited" in soup.select_one(".check-also").get_text()
    assert "Older talks, revisited" in soup.select_one(".latest-list").get_text()


def test_the_home_page_shows_a_story_published_after_it_was_built(client, committed):
    """The home page's kept choice of stories gives way to a publish at once."""
    ArticleFactory(headline="Earlier story")
    assert "Earlier story" in card_texts(client, "/")[0]
    with committed():
        ArticleFactory(headline="Breaking story")
    texts = card_texts(client, "/")
    assert "Breaking story" in texts[0] and "Earlier story" in texts[1]


def test_the_home_page_drops_an_unpublished_story_at_once(client):
    """Unpublishing takes a story off the home page on the next request, even before the
    kept choice gives way (here article_changed is never sent: the test never commits)."""
    story = ArticleFactory(headline="Retracted story")
    assert "Retracted story" in card_texts(client, "/")[0]
    story.status = story.Status.UNPUBLISHED
    story.save()
    assert not any("Retracted story" in text for text in card_texts(client, "/"))


def test_a_scheduled_story_reaches_the_home_page_at_its_second(client):
    """No edit announces a scheduled story: its time coming does, on the next request."""
    ArticleFactory(headline="Standing story")
    ArticleFactory(
        headline="Embargoed story", published_at=timezone.now() + datetime.timedelta(seconds=2)
    )
    assert not any("Embargoed story" in text for text in card_texts(client, "/"))
    with pytest.MonkeyPatch.context() as patch:
        later = timezone.now() + datetime.timedelta(seconds=5)
        patch.setattr(timezone, "now", lambda: later)
        assert "Embargoed story" in card_texts(client, "/")[0]


def test_check_also_follows_the_editor_choosing_a_related_story(client, committed):
    """An editor's new related story replaces the fallback in Check Also at once."""
    story = ArticleFactory(headline="Trade deal", tags=["trade"])
    ArticleFactory(headline="On the same topic", tags=["trade"])
    chosen = ArticleFactory(headline="Chosen by the editor", section=SectionFactory(name="Sport"))
    path = story.get_absolute_url()
    assert "On the same topic" in page(client, path).select_one(".check-also").get_text()
    with committed():
        story.related_links.create(related_article=chosen, position=0)
        story.save()
    box = page(client, path).select_one(".check-also").get_text()
    assert "Chosen by the editor" in box and "On the same topic" not in box


def test_a_story_page_shows_an_edit_a_correction_a_topic_and_a_live_update_at_once(client):
    """The story's own part of its page is kept too: each change shows on the next request."""
    story = ArticleFactory(
        body="<p>The bridge is 2 km long.</p>",
        live_coverage_start=timezone.now() - datetime.timedelta(minutes=5),
    )
    path = story.get_absolute_url()
    assert "The bridge is 2 km long." in page(client, path).select_one("article").get_text()
    story.body = "<p>The bridge is 1.2 km long.</p>"
    story.save()
    assert "1.2 km long" in page(client, path).select_one("article").get_text()
    CorrectionFactory(article=story, text="An earlier version misstated the length.")
    assert "misstated the length" in page(client, path).select_one("article").get_text()
    story.tags.add("Bridges")
    assert "Bridges" in page(client, path).select_one(".article__tags").get_text()
    LiveUpdateFactory(article=story, text="The mayor opens the bridge.")
    assert "The mayor opens the bridge." in page(client, path).select_one(".live").get_text()


def test_the_header_and_footer_follow_the_navigation_and_the_page(client):
    """The kept header and footer show a renamed section at once, and mark the page's own."""
    sport = SectionFactory(name="Sport", slug="sport", position=1)
    ArticleFactory(section=sport)
    soup = page(client, "/")
    assert soup.select_one(".site-nav .is-current").get_text() == "Home"
    assert "Sport" in soup.select_one(".site-footer").get_text()
    sport.name = "Sports"
    sport.save()
    soup = page(client, "/sport/")
    assert soup.select_one(".site-nav .is-current").get_text() == "Sports"
    assert "Sports" in soup.select_one(".site-footer").get_text()
    assert page(client, "/").select_one(".site-nav .is-current").get_text() == "Home"


def test_editing_a_template_under_runserver_starts_a_new_release(settings, tmp_path):
    """A developer's edited template shows at once: nothing kept under the old one is used."""
    from newsroom.caching import release

    settings.BASE_DIR = tmp_path
    (tmp_path / "templates").mkdir()
    card = tmp_path / "templates" / "_story_card.html"
    card.write_text("<article>old markup</article>")
    release.release.cache_clear()
    before = release.release()
    card.write_text("<article>new markup</article>")
    file_changed.send(sender=None, file_path=card)
    assert release.release() != before
    release.release.cache_clear()
