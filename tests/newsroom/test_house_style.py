"""One house style for dates and times (NEWSROOM_DATE_STYLE) on reader pages, live updates,
corrections, the admin and mail; and the dateline's form (NEWSROOM_DATELINE_STYLE)."""

import contextlib
import datetime

import pytest
from bs4 import BeautifulSoup
from django.conf import settings as django_settings
from django.core import mail
from django.test import override_settings
from django.utils.formats import reset_format_cache

from articles.templatetags.news import article_body
from comments.notifications import notify_moderators
from newsroom.formats import STYLES
from tests.comments.factories import CommentFactory
from tests.factories import ArticleFactory, CorrectionFactory, LiveUpdateFactory
from tests.helpers import client_for

pytestmark = pytest.mark.django_db
MOMENT = datetime.datetime(2026, 12, 7, 14, 14, tzinfo=datetime.UTC)


@contextlib.contextmanager
def house_style(style):
    """The site as NEWSROOM_DATE_STYLE=style starts it (Django keeps formats it has read)."""
    try:
        with override_settings(NEWSROOM_DATE_STYLE=style, FORMAT_MODULE_PATH=STYLES[style]):
            reset_format_cache()
            yield
    finally:
        reset_format_cache()


def story_page(client, article):
    return BeautifulSoup(client.get(article.get_absolute_url()).content, "html.parser")


@pytest.fixture
def story():
    return ArticleFactory(published_at=MOMENT, live_coverage_start=MOMENT)


def shown(client, story):
    LiveUpdateFactory(article=story, posted_at=MOMENT, is_key_event=True, text="Landfall.")
    CorrectionFactory(article=story, published_at=MOMENT)
    page = story_page(client, story)
    return {
        "story": page.select_one(".article__meta time").get_text(),
        "update": page.select_one(".live-update__meta").get_text(" ", strip=True),
        "key event": page.select_one(".live__key-events time").get_text(),
        "correction": page.select_one(".correction__label time").get_text(),
    }


def test_the_default_house_style_is_the_outlets_own(client, story):
    assert shown(client, story) == {
        "story": "December 7, 2026",
        "update": "Key event 2:14 p.m. December 7",
        "key event": "2:14 p.m.",
        "correction": "December 7, 2026, 2:14 p.m.",
    }


def test_the_associated_press_style_is_one_setting_away(client, story):
    with house_style("ap"):
        found = shown(client, story)
    assert found == {
        "story": "Dec. 7, 2026",
        "update": "Key event 2:14 p.m. Dec. 7",
        "key event": "2:14 p.m.",
        "correction": "Dec. 7, 2026, 2:14 p.m.",
    }


def test_the_24_hour_style_is_one_setting_away(client, story):
    with house_style("24h"):
        found = shown(client, story)
    assert found == {
        "story": "7 December 2026",
        "update": "Key event 14:14 7 December",
        "key event": "14:14",
        "correction": "7 December 2026, 14:14",
    }


@pytest.mark.parametrize(
    ("style", "expected"),
    [("ap", "Posted: Dec. 7, 2026, 2:14 p.m."), ("24h", "Posted: 7 December 2026, 14:14")],
)
def test_the_moderators_mail_says_when_in_the_house_style(moderator, style, expected):
    comment = CommentFactory(status="pending", submitted_at=MOMENT)
    with house_style(style):
        notify_moderators.call(comment.pk, "http://x/story/", "http://x/queue/")
    assert expected in mail.outbox[-1].body


def test_the_admin_lists_stories_in_the_house_style(editor):
    ArticleFactory(published_at=MOMENT)
    with house_style("24h"):
        html = client_for(editor).get("/admin/articles/article/").content.decode()
    assert "7 December 2026, 14:14" in html
    html = client_for(editor).get("/admin/articles/article/").content.decode()
    assert "December 7, 2026, 2:14 p.m." in html


@pytest.mark.parametrize(
    ("style", "opening"),
    [
        ("colon", "<p><strong>Gyeongju, Nov 2025</strong> : The summit"),
        ("dash", "<p><strong>Gyeongju, Nov 2025</strong> \N{EM DASH} The summit"),
        ("ap", "<p><strong>GYEONGJU, Nov 2025</strong> \N{EM DASH} The summit"),
    ],
)
def test_the_dateline_follows_the_house_style(settings, style, opening):
    settings.NEWSROOM_DATELINE_STYLE = style
    assert article_body("<p>The summit ended.</p>", "Gyeongju, Nov 2025").startswith(opening)


def test_the_default_dateline_is_todays_colon():
    assert django_settings.NEWSROOM_DATELINE_STYLE == "colon"
