"""article_changed: what keeps copies of pages hears of every change readers would see."""

from datetime import timedelta

import pytest
import time_machine
from django.core.cache import cache
from django.utils import timezone

from articles.desk import workflow
from articles.models import Article
from articles.signals import article_changed
from tests.factories import ArticleFactory, AuthorFactory, SectionFactory


@pytest.fixture
def received():
    calls = []

    def listener(sender, article_ids, **kwargs):
        calls.append(article_ids)

    article_changed.connect(listener)
    yield calls
    article_changed.disconnect(listener)


@pytest.fixture(autouse=True)
def _fresh_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.mark.django_db
def test_publish_edit_unpublish_each_announce_the_story_after_commit(
    received, editor, django_capture_on_commit_callbacks
):
    """Nothing is announced before commit; then each change names the story."""
    article = ArticleFactory(status=Article.Status.DRAFT, published_at=None)
    with django_capture_on_commit_callbacks(execute=False) as pending:
        workflow.publish_now(article, editor)
    assert received == []
    for callback in pending:
        callback()
    assert received == [{article.pk}]

    with django_capture_on_commit_callbacks(execute=True):
        article.headline = "A corrected headline"
        article.save()
        workflow.unpublish(article, editor)
    assert received[1:] == [{article.pk}, {article.pk}]


@pytest.mark.django_db
def test_renaming_a_section_or_byline_announces_every_story_it_shows_on(
    received, django_capture_on_commit_callbacks
):
    section = SectionFactory()
    author = AuthorFactory()
    first, second = ArticleFactory.create_batch(2, section=section)
    first.authors.add(author)
    received.clear()
    with django_capture_on_commit_callbacks(execute=True):
        section.name = "World news"
        section.save()
        author.name = "R. Reporter"
        author.save()
    assert received == [{first.pk, second.pk}, {first.pk}]


@pytest.mark.django_db
def test_a_scheduled_story_is_announced_by_the_first_request_after_its_time(client, received):
    """No cron: a request at or after the publication time sends article_changed once."""
    now = timezone.now().replace(microsecond=0)
    with time_machine.travel(now, tick=False):
        story = ArticleFactory(status=Article.Status.PUBLISHED, published_at=now + timedelta(60))
        story_at = story.published_at
        client.get("/")
        received.clear()
    with time_machine.travel(story_at - timedelta(seconds=1), tick=False):
        client.get("/")
    assert received == []
    with time_machine.travel(story_at, tick=False):
        client.get("/")
        client.get("/")
    assert received == [{story.pk}]
