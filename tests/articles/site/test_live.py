"""Live coverage as readers see it: the updates on the page (all of them, without JavaScript),
the endpoint the script polls, the structured data, the feed, and the end of the coverage."""

import datetime
import json
from xml.etree import ElementTree

import pytest
import time_machine
from bs4 import BeautifulSoup
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from articles.models import Article
from articles.models.live import cut_at_word
from articles.signals import article_changed
from articles.site import live
from tests.factories import ArticleFactory, ImageFactory, LiveUpdateFactory

pytestmark = pytest.mark.django_db

START = datetime.datetime(2025, 11, 3, 8, 0, tzinfo=datetime.UTC)
NOW = datetime.datetime(2025, 11, 3, 10, 0, 7, tzinfo=datetime.UTC)


@pytest.fixture(autouse=True)
def _at_ten(settings):
    cache.clear()
    with time_machine.travel(NOW, tick=False):
        yield
    cache.clear()


@pytest.fixture
def story():
    return ArticleFactory(
        headline="Storm makes landfall",
        slug="storm",
        published_at=START - datetime.timedelta(minutes=5),
        live_coverage_start=START,
    )


def post(story, minutes, **fields):
    return LiveUpdateFactory(
        article=story, posted_at=START + datetime.timedelta(minutes=minutes), **fields
    )


def soup_of(client, path):
    response = client.get(path)
    assert response.status_code == 200, path
    return BeautifulSoup(response.content, "html.parser")


def story_schema(soup):
    blocks = [json.loads(s.string) for s in soup.find_all("script", type="application/ld+json")]
    return next(block for block in blocks if block["@type"] != "BreadcrumbList")


def update_ids(soup):
    return [li["id"] for li in soup.select(".live__updates > li.live-update")]


def poll(client, story, bucket=None):
    return client.get(
        live.bucket_url(story.pk, live.current_bucket() if bucket is None else bucket)
    )


def test_the_page_shows_every_update_newest_first_with_the_pinned_one_on_top(client, story):
    """Without JavaScript the page is complete: all updates, times, pinned first."""
    updates = [post(story, minutes) for minutes in range(30)]
    pinned = post(story, -10, is_pinned=True, text="Where to find shelters.")
    soup = soup_of(client, story.get_absolute_url())
    expected = [pinned, *reversed(updates)]
    assert update_ids(soup) == [f"update-{u.pk}" for u in expected]
    newest = soup.find(id=f"update-{updates[-1].pk}")
    assert newest.find("time")["datetime"] == "2025-11-03T08:29:00+00:00"
    assert newest.find("time").text == "8:29 a.m."


def test_key_events_are_summed_up_in_a_box_linking_to_each(client, story):
    post(story, 1)
    landfall = post(story, 2, is_key_event=True, text="The storm makes landfall at Busan.")
    box = soup_of(client, story.get_absolute_url()).find("nav", attrs={"aria-label": "Key events"})
    assert [a["href"] for a in box.find_all("a")] == [f"#update-{landfall.pk}"]
    assert "landfall at Busan" in box.get_text()


def test_a_long_key_event_is_cut_after_a_whole_word(client, story):
    text = (
        "The storm makes landfall at Busan with winds of 160 km/h, and the coastguard closes "
        "every harbour between Ulsan and Mokpo until further notice."
    )
    post(story, 1, is_key_event=True, text=text)
    box = soup_of(client, story.get_absolute_url()).find("nav", attrs={"aria-label": "Key events"})
    shown = box.a.get_text(" ", strip=True).removeprefix(box.a.time.get_text()).strip()
    assert shown == (
        "The storm makes landfall at Busan with winds of 160 km/h, and the coastguard closes every…"
    )
    assert len(shown) <= 90


@pytest.mark.parametrize(
    ("text", "limit", "expected"),
    [
        ("Short update.", 20, "Short update."),
        ("Ferries   stop\nat noon", 30, "Ferries stop at noon"),
        ("The council votes tonight", 20, "The council votes…"),
        ("The council, tonight", 14, "The council…"),
        ("Unbreakablewordwithoutspaces", 10, "Unbreakab…"),
    ],
)
def test_cut_at_word(text, limit, expected):
    assert cut_at_word(text, limit) == expected


def test_a_live_story_has_a_live_badge_on_the_page_and_on_its_cards(client, story):
    post(story, 1)
    page = soup_of(client, story.get_absolute_url())
    assert page.find("header", class_="article__header").find(class_="live-badge").text == "Live"
    card = soup_of(client, "/").find("a", href=story.get_absolute_url(), string=True)
    assert card.find_previous_sibling(class_="live-badge").text == "Live"


def test_the_live_page_loads_the_polling_script_from_a_file(client, story):
    soup = soup_of(client, story.get_absolute_url())
    section = soup.find("section", class_="live")
    assert section["data-live-url"] == f"/live/{story.pk}/0/"
    scripts = [s["src"] for s in soup.find_all("script", src=True)]
    assert any(src.endswith("js/live.js") for src in scripts)
    button = section.find("button", class_="live__show")
    assert button.has_attr("hidden")


def test_an_update_text_keeps_links_and_escapes_markup_and_shows_its_picture(client, story):
    post(
        story,
        1,
        text="Shelters: https://example.org/shelters <b>now</b>",
        image=ImageFactory(small=True, alt_text="Flooded street in Busan"),
    )
    update = soup_of(client, story.get_absolute_url()).find("li", class_="live-update")
    assert update.find("a", href="https://example.org/shelters")
    assert update.find("b") is None
    assert update.find("img")["alt"] == "Flooded street in Busan"


def test_the_endpoint_answers_with_the_newest_updates_for_every_reader_alike(client, story):
    """JSON, cacheable by anyone for one slice, with no cookie and no per-reader data."""
    first, second = post(story, 1), post(story, 2, is_key_event=True)
    response = poll(client, story)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert response["Cache-Control"] == "public, max-age=15"
    assert "Cookie" not in response.get("Vary", "")
    assert not response.cookies
    data = response.json()
    assert data["live"] is True
    assert data["bucket"] == live.current_bucket()
    assert data["seconds"] == 15
    assert [u["id"] for u in data["updates"]] == [second.pk, first.pk]
    assert data["updates"][0]["posted"] == "2025-11-03T08:02:00+00:00"
    html = BeautifulSoup(data["updates"][0]["html"], "html.parser")
    assert html.li["id"] == f"update-{second.pk}"
    assert "live-update--key" in html.li["class"]
    key = BeautifulSoup(data["updates"][0]["key_html"], "html.parser")
    assert key.a["href"] == f"#update-{second.pk}"
    assert data["updates"][1]["key_html"] == ""


def test_readers_of_one_slice_share_one_cached_answer(
    redis_state, client, story, django_assert_num_queries
):
    """The database is asked once per story and slice, however many readers poll."""
    post(story, 1)
    poll(client, story)
    with django_assert_num_queries(0):
        for _ in range(5):
            assert poll(client, story).status_code == 200


def test_a_new_update_is_in_the_next_answer_at_once(
    client, story, django_capture_on_commit_callbacks
):
    """Posting drops the story's cached answers (article_changed), so no reader waits."""
    post(story, 1)
    assert len(poll(client, story).json()["updates"]) == 1
    with django_capture_on_commit_callbacks(execute=True):
        post(story, 2)
    assert len(poll(client, story).json()["updates"]) == 2


def test_a_far_off_slice_is_sent_to_the_current_one(client, story):
    """A wrong clock or an old tab cannot fill the cache with slices of its own."""
    response = poll(client, story, bucket=12)
    assert response.status_code == 302
    assert response["Location"] == live.bucket_url(story.pk, live.current_bucket())
    assert "no-cache" in response["Cache-Control"]


@pytest.mark.parametrize(
    "fields",
    [
        {"live_coverage_start": None},
        {"status": Article.Status.DRAFT},
        {"published_at": NOW + datetime.timedelta(hours=1)},
    ],
    ids=["never live", "draft", "scheduled"],
)
def test_the_endpoint_knows_nothing_of_stories_readers_cannot_follow(client, story, fields):
    Article.objects.filter(pk=story.pk).update(**fields)
    assert poll(client, story).status_code == 404


def test_structured_data_is_a_live_blog_posting_with_the_latest_updates(client, story, settings):
    """LiveBlogPosting, field by field: coverage times and the latest ten updates."""
    updates = [post(story, minutes) for minutes in range(12)]
    updates[-1].image = ImageFactory(small=True)
    updates[-1].save()
    schema = story_schema(soup_of(client, story.get_absolute_url()))
    assert schema["@type"] == "LiveBlogPosting"
    assert schema["coverageStartTime"] == "2025-11-03T08:00:00+00:00"
    assert "coverageEndTime" not in schema
    assert schema["headline"] == "Storm makes landfall"
    assert schema["dateModified"] == "2025-11-03T08:11:00+00:00"
    entries = schema["liveBlogUpdate"]
    assert len(entries) == 10
    newest = updates[-1]
    url = f"http://testserver{story.get_absolute_url()}#update-{newest.pk}"
    assert entries[0]["@type"] == "BlogPosting"
    assert entries[0]["headline"] == newest.text
    assert entries[0]["articleBody"] == newest.text
    assert entries[0]["datePublished"] == "2025-11-03T08:11:00+00:00"
    assert entries[0]["url"] == url
    assert entries[0]["image"][0].startswith("http://testserver/")
    assert "image" not in entries[1]
    assert [e["datePublished"][11:16] for e in entries] == [f"08:{m:02d}" for m in range(11, 1, -1)]


def test_a_planned_end_is_in_the_structured_data(client, story):
    Article.objects.filter(pk=story.pk).update(live_coverage_end=NOW + datetime.timedelta(hours=2))
    schema = story_schema(soup_of(client, story.get_absolute_url()))
    assert schema["coverageEndTime"] == "2025-11-03T12:00:07+00:00"


def test_ending_the_coverage_makes_a_normal_article_that_keeps_its_updates(client, story):
    """No badge, no script, NewsArticle again; the updates stay, under a new heading."""
    update = post(story, 1)
    Article.objects.filter(pk=story.pk).update(
        live_coverage_end=NOW - datetime.timedelta(minutes=1)
    )
    soup = soup_of(client, story.get_absolute_url())
    assert soup.find(class_="live-badge") is None
    assert not any("live.js" in s["src"] for s in soup.find_all("script", src=True))
    section = soup.find("section", class_="live")
    assert not section.has_attr("data-live-url")
    assert section.find("h2").text == "How the story unfolded"
    assert update_ids(soup) == [f"update-{update.pk}"]
    assert story_schema(soup)["@type"] == "NewsArticle"
    assert poll(client, story).json()["live"] is False


def test_a_live_story_without_key_events_keeps_a_hidden_box_for_them(client, story):
    """The script fills it when the first key event arrives; readers see no empty box."""
    post(story, 1)
    box = soup_of(client, story.get_absolute_url()).find("nav", attrs={"aria-label": "Key events"})
    assert box.has_attr("hidden")
    assert box.find("li") is None


def test_a_story_that_was_never_live_shows_no_live_section(client):
    story = ArticleFactory()
    soup = soup_of(client, story.get_absolute_url())
    assert soup.find("section", class_="live") is None
    assert story_schema(soup)["@type"] == "NewsArticle"


def test_the_feed_of_a_storys_updates(client, story):
    first, second = post(story, 1), post(story, 2)
    soup = soup_of(client, story.get_absolute_url())
    link = soup.find("link", rel="alternate", title="Storm makes landfall: live updates")
    feed_path = f"{story.get_absolute_url()}updates/feed/"
    assert link["href"] == f"http://testserver{feed_path}"
    channel = ElementTree.fromstring(client.get(feed_path).content).find("channel")
    items = channel.findall("item")
    assert [i.findtext("description") for i in items] == [second.text, first.text]
    assert items[0].findtext("link").endswith(f"#update-{second.pk}")
    assert client.get(f"{ArticleFactory().get_absolute_url()}updates/feed/").status_code == 404


def test_posting_editing_and_removing_an_update_announce_the_story(
    story, django_capture_on_commit_callbacks
):
    """The page cache refreshes on each update: every change is announced after commit."""
    received = []

    def listener(sender, article_ids, **kwargs):
        received.append(article_ids)

    article_changed.connect(listener)
    try:
        with django_capture_on_commit_callbacks(execute=True):
            update = post(story, 1)
        with django_capture_on_commit_callbacks(execute=True):
            update.text = "Corrected figures."
            update.save()
        with django_capture_on_commit_callbacks(execute=True):
            update.delete()
    finally:
        article_changed.disconnect(listener)
    assert received == [{story.pk}] * 3


def test_the_live_story_page_runs_a_fixed_number_of_queries(client, story):
    """Ten updates or thirty, with pictures: the same number of queries."""

    def count():
        client.get(story.get_absolute_url())
        with CaptureQueriesContext(connection) as captured:
            client.get(story.get_absolute_url())
        return len(captured)

    for minutes in range(10):
        post(story, minutes, image=ImageFactory(small=True) if minutes % 3 == 0 else None)
    few = count()
    for minutes in range(10, 30):
        post(story, minutes)
    assert count() == few


def test_coverage_start_is_shown_in_the_reader_time_zone(client, story, settings):
    settings.TIME_ZONE = "Asia/Seoul"
    timezone.activate("Asia/Seoul")
    try:
        schema = story_schema(soup_of(client, story.get_absolute_url()))
    finally:
        timezone.deactivate()
    assert schema["coverageStartTime"] == "2025-11-03T17:00:00+09:00"
