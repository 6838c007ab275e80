"""The demo outlet `make run` loads: believable stories, pictures, threads and a moderation queue.

Loading draws a picture for every story, which takes a while, so the test run loads the demo
once (demo_dump, tests/conftest.py); this module reads it back, loads the demo again to show
that a second run changes nothing, and its tests read what it made; it is all rolled back
afterwards.
"""

import datetime
import hashlib
from io import StringIO

import pytest
from bs4 import BeautifulSoup
from django.core.management import call_command
from django.db import transaction
from django.test import override_settings
from django.utils import timezone

from articles.models import (
    Article,
    Author,
    Correction,
    Image,
    LiveUpdate,
    RelatedArticle,
    Section,
)
from comments.models import Comment

pytestmark = [pytest.mark.django_db, pytest.mark.slow]
COUNTED = (Section, Author, Article, Image, RelatedArticle, Correction, LiveUpdate, Comment)


def snapshot():
    return {
        "sections": list(Section.objects.values_list("slug", "name", "position")),
        "authors": list(Author.objects.values_list("slug", "photo_id")),
        "articles": list(
            Article.objects.order_by("pk").values_list(
                "slug", "status", "published_at", "updated_at", "revised_at", "featured_image_id"
            )
        ),
        "images": list(Image.objects.order_by("pk").values_list("file", "renditions")),
        "related": list(RelatedArticle.objects.values_list("article_id", "related_article_id")),
        "corrections": list(Correction.objects.values_list("article_id", "text", "published_at")),
        "live updates": list(LiveUpdate.objects.values_list("article_id", "text", "posted_at")),
        "comments": list(
            Comment.objects.order_by("pk").values_list("article_id", "parent_id", "status", "text")
        ),
        "counts": {model.__name__: model.objects.count() for model in COUNTED},
    }


@pytest.fixture(scope="module")
def loaded_demo(demo_dump, django_db_blocker):
    """The demo as the run loaded it, then loaded again: what the first load made, what the
    second left, its output.

    Rolled back when the module's tests are done."""
    dump, media = demo_dump
    output = StringIO()
    with (
        django_db_blocker.unblock(),
        override_settings(MEDIA_ROOT=media),
        transaction.atomic(),
    ):
        call_command("loaddata", str(dump), verbosity=0)
        first = snapshot()
        call_command("load_demo", stdout=output)
        yield first, snapshot(), output.getvalue(), media
        transaction.set_rollback(True)


@pytest.fixture
def demo(loaded_demo, settings):
    *runs, media = loaded_demo
    settings.MEDIA_ROOT = media
    return runs


def test_a_second_run_changes_nothing(demo):
    first, second, output = demo
    assert second == first
    assert "0 new" in output and "0 new reader comments" in output


def test_demo_builds_a_believable_outlet(demo, client):
    """6 sections, 4 authors (one photographed), about 45 stories; every reader page works."""
    assert Section.objects.count() == 6
    assert Author.objects.count() == 4
    assert Author.objects.filter(photo__isnull=False).count() == 1
    assert 40 <= Article.objects.count() <= 50
    assert Article.objects.filter(status=Article.Status.DRAFT).count() >= 2
    assert RelatedArticle.objects.count() >= 10
    published = Article.objects.published().prefetch_related("tags", "authors")
    assert published.count() >= 35
    for article in published:
        assert article.dateline and article.authors.all() and article.tags.all()
        soup = BeautifulSoup(article.body, "html.parser")
        assert soup.find("h2") and len(soup.find_all("p")) >= 3
        assert article.featured_image.renditions

    story = published.first()
    author = Author.objects.filter(photo__isnull=False).get()
    day = story.published_at
    for url in ("/", "/world/", story.get_absolute_url(), "/tag/trade/",
                author.get_absolute_url(), f"/{day:%Y}/{day.month}/"):  # fmt: skip
        assert client.get(url).status_code == 200, url


def test_every_story_with_text_has_a_picture_of_its_own(demo):
    """No two stories share a picture, or even a picture that looks the same."""
    stories = Article.objects.exclude(body="").select_related("featured_image")
    pictures = [story.featured_image for story in stories]
    assert all(pictures)
    assert len({picture.pk for picture in pictures}) == len(pictures)
    contents = {hashlib.sha256(picture.file.read()).hexdigest() for picture in pictures}
    assert len(contents) == len(pictures)
    for picture in pictures:
        assert (picture.width, picture.height) == (1200, 750)
        assert {rendition["width"] for rendition in picture.renditions} >= {400, 800, 1200}


def test_captions_describe_the_picture_and_credit_a_photographer(demo):
    """Captions are not the standfirst again; alt text says what the picture shows."""
    stories = Article.objects.exclude(body="").select_related("featured_image")
    captions = [story.caption for story in stories]
    assert len(set(captions)) == len(captions)
    for story in stories:
        picture = story.featured_image
        assert story.caption and story.dek.rstrip(".") not in story.caption
        assert picture.alt_text and picture.alt_text != story.caption
        assert " / " in picture.credit


def test_readers_see_threads_with_replies_three_deep(demo, client):
    approved = Comment.objects.approved()
    assert approved.filter(depth=3).exists()
    deepest = approved.filter(depth=3).select_related("parent__parent", "article").first()
    assert deepest.parent.parent.is_approved
    page = client.get(deepest.article.get_absolute_url()).content.decode()
    for comment in (deepest, deepest.parent, deepest.parent.parent):
        assert comment.text.split(".")[0] in page
    held = Comment.objects.exclude(status=Comment.Status.APPROVED)
    for comment in held.filter(article=deepest.article):
        assert comment.text.split(".")[0] not in page


def test_the_moderation_queue_has_pending_spam_and_trash(demo, moderator_client):
    counts = {status: Comment.objects.filter(status=status).count() for status in Comment.Status}
    assert counts[Comment.Status.APPROVED] >= 20
    assert counts[Comment.Status.PENDING] >= 4
    assert counts[Comment.Status.SPAM] >= 3
    assert counts[Comment.Status.TRASH] >= 1
    assert (
        Comment.objects.in_moderation().exclude(moderation_reasons="").count()
        == (counts[Comment.Status.PENDING])
    )
    queue = moderator_client.get("/admin/comments/comment/")
    assert queue.status_code == 200
    for comment in Comment.objects.in_moderation():
        assert comment.author_name in queue.content.decode()


def test_a_story_carries_a_published_correction(demo, client):
    correction = Correction.objects.published().get()
    story = correction.article
    assert story.is_published() and story.revised_at == correction.published_at
    assert correction.text.split(".")[0] in client.get(story.get_absolute_url()).content.decode()


def test_one_story_is_scheduled_for_nine_tomorrow_morning(demo):
    scheduled = Article.objects.scheduled().get()
    goes_live = timezone.localtime(scheduled.published_at)
    assert goes_live.date() == timezone.localdate() + datetime.timedelta(days=1)
    assert (goes_live.hour, goes_live.minute) == (9, 0)


def test_a_live_story_has_updates_and_key_events(demo, client):
    story = Article.objects.published().get(live_coverage_start__isnull=False)
    assert story.is_live()
    updates = story.live_updates.all()
    assert updates.count() >= 5 and updates.filter(is_key_event=True).count() >= 2
    assert all(update.posted_at <= timezone.now() for update in updates)
    assert client.get(story.get_absolute_url()).status_code == 200


def test_planned_stories_have_a_target_date_and_no_text(demo):
    planned = Article.objects.planned()
    assert planned.count() == 2
    for story in planned:
        assert story.body == "" and story.planned_for > timezone.localdate()
