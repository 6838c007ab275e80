"""Guard: every kept reader page is, after any change, the page that would be built fresh.

For each kind of change an editor, a moderator or the clock makes, every cached reader page
(home, section, topic, byline, date archives, story, feeds, sitemaps) is first kept, then the
change is saved the plain way (no signal sent by hand, no commit to wait for), and the page the
next reader gets must be, byte for byte, the page built with the cache switched off, apart from
the tokens signed for each request.
"""

import datetime
import re

import pytest
import time_machine
from django.test import override_settings
from django.utils import timezone
from taggit.models import Tag

from articles.models import Article
from tests.comments.factories import CommentFactory
from tests.factories import (
    ArticleFactory,
    AuthorFactory,
    CorrectionFactory,
    ImageFactory,
    LiveUpdateFactory,
    SectionFactory,
)

pytestmark = pytest.mark.django_db

NOON = datetime.datetime(2026, 12, 7, 12, 0, tzinfo=datetime.UTC)
# Signed anew for each request: the comment form's timestamp token, the readership beacon's.
PER_REQUEST = [
    re.compile(rb'(name="comment_token" value=")[^"]*(")'),
    re.compile(rb'(data-token=")[^"]*(")'),
]


def without_tokens(content):
    for pattern in PER_REQUEST:
        content = pattern.sub(rb"\1\2", content)
    return content


@pytest.fixture
def newsroom():
    """Two sections, a byline, a topic, a picture, a story with comments and the rest."""
    with time_machine.travel(NOON - datetime.timedelta(hours=3), tick=False):
        harbour = SectionFactory(name="Harbour", slug="harbour")
        SectionFactory(name="Council", slug="council")
        kim = AuthorFactory(name="Kim Lee", slug="kim")
        picture = ImageFactory(small=True, alt_text="Cranes at dawn", caption="Cranes")
        story = ArticleFactory(
            headline="Dredging begins",
            slug="dredging",
            section=harbour,
            authors=[kim],
            tags=["Ships"],
            featured_image=picture,
        )
        ArticleFactory(headline="Ferry changes", slug="ferry", section=harbour, tags=["Ships"])
        draft = ArticleFactory(draft=True, headline="Tolls rise", slug="tolls", section=harbour)
        held = CommentFactory(article=story, status="pending", text="Held for a moderator.")
    return {"story": story, "draft": draft, "held": held, "kim": kim, "picture": picture}


def pages(story):
    day = timezone.localtime(story.published_at)
    return [
        "/",
        "/harbour/",
        "/tag/ships/",
        "/author/kim/",
        f"/{day:%Y}/",
        f"/{day:%Y/%m}/",
        f"/{day:%Y/%m/%d}/",
        story.get_absolute_url(),
        "/feed/",
        "/feed/atom/",
        "/feed/section/harbour/",
        "/feed/tag/ships/",
        "/feed/author/kim/",
        "/sitemap.xml",
        "/sitemap-articles.xml",
        "/news-sitemap.xml",
    ]


def publish(world):
    draft = world["draft"]
    draft.status, draft.published_at = Article.Status.PUBLISHED, timezone.now()
    draft.save()


def edit(world):
    world["story"].headline = "Dredging halted"
    world["story"].save()


def unpublish(world):
    world["story"].status = Article.Status.UNPUBLISHED
    world["story"].save()


def schedule_comes_due(world):
    draft = world["draft"]
    draft.status = Article.Status.PUBLISHED
    draft.published_at = timezone.now() + datetime.timedelta(minutes=5)
    draft.save()
    return datetime.timedelta(minutes=6)


def approve_comment(world):
    world["held"].status = "approved"
    world["held"].save()


def rename_byline(world):
    world["kim"].name = "Kim Lee-Park"
    world["kim"].save()


def rename_section(world):
    section = world["story"].section
    section.name = "Harbour & Port"
    section.save()


def change_picture(world):
    world["picture"].alt_text = "Two cranes over the water"
    world["picture"].caption = "The cranes, at dawn"
    world["picture"].save()


def rename_topic(world):
    topic = Tag.objects.get(name="Ships")
    topic.name = "Shipping"
    topic.save()


def add_correction(world):
    CorrectionFactory(article=world["story"], text="An earlier version gave the wrong depth.")


def post_live_update(world):
    story = world["story"]
    story.live_coverage_start = timezone.now() - datetime.timedelta(hours=1)
    story.save()
    LiveUpdateFactory(article=story, text="The first crane is in place.")


CHANGES = [
    publish,
    edit,
    unpublish,
    schedule_comes_due,
    approve_comment,
    rename_byline,
    rename_section,
    change_picture,
    rename_topic,
    add_correction,
    post_live_update,
]


@pytest.mark.parametrize("change", CHANGES, ids=[change.__name__ for change in CHANGES])
def test_every_kept_page_is_the_fresh_page_after_each_change(client, newsroom, change):
    urls = pages(newsroom["story"])
    with time_machine.travel(NOON, tick=False) as clock:
        for url in urls:
            client.get(url)
            assert client.get(url)["X-Page-Cache"] == "hit", url
        later = change(newsroom)
        if later:
            clock.shift(later)
        for url in urls:
            kept = client.get(url)
            with override_settings(NEWSROOM_CACHE=False):
                fresh = client.get(url)
            assert kept.status_code == fresh.status_code, url
            assert without_tokens(kept.content) == without_tokens(fresh.content), url
            # And the next reader, served what was just kept, gets the same.
            again = client.get(url)
            assert without_tokens(again.content) == without_tokens(fresh.content), url
