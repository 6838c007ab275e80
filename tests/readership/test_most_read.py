import datetime

import pytest
from bs4 import BeautifulSoup
from django.utils import timezone

from newsroom.readership.admin import day_label, hour_label, hour_mark
from newsroom.readership.charts import bar_chart, nice_ceiling
from newsroom.readership.models import DailyViews, HourlyViews
from newsroom.readership.ranking import daily_series, hourly_series, most_read
from tests.factories import ArticleFactory
from tests.helpers import client_for

pytestmark = pytest.mark.django_db


def reads(article, days_ago, visitors, views=None):
    DailyViews.objects.create(
        article=article,
        date=timezone.localdate() - datetime.timedelta(days=days_ago),
        visitors=visitors,
        views=views or visitors,
    )


@pytest.fixture
def stories():
    ferry = ArticleFactory(headline="Ferry service returns to the island")
    bridge = ArticleFactory(headline="Council approves the new bridge")
    market = ArticleFactory(headline="Farmers' market moves indoors")
    draft = ArticleFactory(headline="Unpublished scoop", draft=True)
    reads(ferry, 0, 30)
    reads(bridge, 0, 50)
    reads(market, 3, 400)
    reads(ferry, 10, 900)  # last month, not this week
    reads(draft, 0, 999)
    return ferry, bridge, market


def headlines(soup, selector):
    return [a.get_text() for a in soup.select(selector)]


def test_most_read_ranks_published_stories_by_readers_in_the_period(stories):
    ferry, bridge, market = stories
    assert [row["article"] for row in most_read(1)] == [bridge, ferry]
    assert [row["article"] for row in most_read(7)] == [market, bridge, ferry]
    assert [(row["article"], row["readers"]) for row in most_read(30)] == [
        (ferry, 930),
        (market, 400),
        (bridge, 50),
    ]


def test_home_page_shows_todays_and_this_weeks_most_read(client, stories):
    soup = BeautifulSoup(client.get("/").content, "html.parser")
    box = soup.select_one(".most-read-box")
    assert box.select_one("h2").get_text() == "Most read"
    lists = box.select("ol")
    assert [a.get_text() for a in lists[0].select("a")] == [
        "Council approves the new bridge",
        "Ferry service returns to the island",
    ]
    assert lists[1].select_one("a").get_text() == "Farmers' market moves indoors"
    assert "Unpublished scoop" not in box.get_text()
    assert len(soup.find_all("h1")) == 1


def test_story_page_shows_most_read_in_its_sidebar(client, stories):
    ferry, *_ = stories
    soup = BeautifulSoup(client.get(ferry.get_absolute_url()).content, "html.parser")
    assert "Council approves the new bridge" in headlines(soup, "aside .most-read-box a")


def test_the_box_is_computed_once_for_every_reader(
    redis_state, client, stories, django_assert_num_queries
):
    client.get("/")
    from newsroom.readership.templatetags.readership import most_read_box

    with django_assert_num_queries(0):
        most_read_box()


def test_no_box_before_anything_was_read(client, article):
    soup = BeautifulSoup(client.get("/").content, "html.parser")
    assert soup.select_one(".most-read-box") is None


def test_privacy_note_explains_what_is_counted(client):
    response = client.get("/readership/")
    soup = BeautifulSoup(response.content, "html.parser")
    assert soup.find("h1").get_text() == "What we count, and what we don't"
    text = soup.get_text()
    assert "no cookies" in text
    assert "deleted after midnight" in text


def test_daily_series_has_every_day_since_publication_with_known_counts():
    today = timezone.localdate()
    article = ArticleFactory(published_at=timezone.now() - datetime.timedelta(days=3))
    reads(article, 3, 10, views=12)
    reads(article, 1, 4, views=5)
    series = daily_series(article, today)
    assert [views for _, views in series] == [12, 0, 5, 0]
    assert series[0][0] == today - datetime.timedelta(days=3)


def test_hourly_series_counts_each_hour_since_publication():
    now = timezone.now().replace(minute=30, second=0, microsecond=0)
    article = ArticleFactory(published_at=now - datetime.timedelta(hours=3))
    hour = now.astimezone(datetime.UTC).replace(minute=0)
    HourlyViews.objects.create(article=article, hour=hour - datetime.timedelta(hours=3), views=7)
    HourlyViews.objects.create(article=article, hour=hour, views=2)
    assert [views for _, views in hourly_series(article, now)] == [7, 0, 0, 2]


def test_bar_heights_are_proportional_to_the_counts():
    day = datetime.date(2026, 3, 1)
    points = [(day + datetime.timedelta(days=n), views) for n, views in enumerate([10, 0, 5, 20])]
    chart = bar_chart(points, day_label)
    heights = [bar.height for bar in chart["bars"]]
    assert heights[1] == 0
    assert heights[0] == pytest.approx(heights[3] / 2)
    assert heights[2] == pytest.approx(heights[3] / 4)
    assert [bar.value for bar in chart["bars"]] == [10, 0, 5, 20]
    assert (chart["total"], chart["peak"]) == (35, 20)
    assert [tick.value for tick in chart["ticks"]] == [0, 10, 20]
    assert [label.text for label in chart["labels"]] == ["March 1", "March 2", "March 3", "March 4"]


def test_a_single_day_is_one_bar_not_a_block_and_the_scale_has_no_repeated_number():
    chart = bar_chart([(datetime.date(2026, 3, 1), 1)], day_label)
    (bar,) = chart["bars"]
    assert bar.width <= 40
    assert bar.x > 56  # centred in the chart, not stretched from its left edge
    assert [tick.value for tick in chart["ticks"]] == [0, 1]
    assert [label.text for label in chart["labels"]] == ["March 1"]


def test_hours_are_marked_every_six_hours_with_the_date_at_midnight():
    start = datetime.datetime(2026, 3, 1, 18)
    hours = [(start + datetime.timedelta(hours=n), n) for n in range(19)]
    chart = bar_chart(hours, hour_label, axis_label=hour_mark, label_if=lambda h: h.hour % 6 == 0)
    assert [label.text for label in chart["labels"]] == ["6 p.m.", "March 2", "6 a.m."]
    assert chart["bars"][0].label == "March 1, 6 p.m."


@pytest.mark.parametrize(
    "value, ceiling", [(0, 1), (1, 1), (3, 4), (7, 8), (11, 20), (541, 600), (801, 1000)]
)
def test_the_scale_ends_on_a_round_number(value, ceiling):
    assert nice_ceiling(value) == ceiling


def test_editor_sees_top_stories_today_this_week_and_this_month(editor, stories):
    response = client_for(editor).get("/admin/readership/dailyviews/")
    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "html.parser")
    periods = soup.select(".most-read__period")
    assert [p.find("h2").get_text() for p in periods] == ["Today", "This week", "This month"]
    month = [a.get_text() for a in periods[2].select("td a")]
    assert month == [
        "Ferry service returns to the island",
        "Farmers' market moves indoors",
        "Council approves the new bridge",
    ]
    assert periods[2].select("td.most-read__num")[0].get_text() == "930"


def test_story_chart_page_draws_views_per_day_and_hour_as_svg(editor):
    article = ArticleFactory(published_at=timezone.now() - datetime.timedelta(days=2))
    reads(article, 2, 8, views=9)
    reads(article, 0, 3, views=3)
    response = client_for(editor).get(f"/admin/readership/dailyviews/story/{article.pk}/")
    soup = BeautifulSoup(response.content, "html.parser")
    daily = soup.select_one("#daily-heading").find_parent("section")
    assert [rect.find("title").get_text().split(": ")[1] for rect in daily.select("svg rect")] == [
        "9",
        "0",
        "3",
    ]
    assert daily.select_one(".chart__summary").get_text() == "12 in all; at most 9."
    assert soup.select_one("#hourly-heading").find_parent("section").select("svg rect")
    assert not soup.select("script:not([src])")
    assert not soup.select("[style]")


def test_reporters_do_not_see_the_readership_pages(reporter, article):
    client = client_for(reporter)
    assert client.get("/admin/readership/dailyviews/").status_code == 403
    assert client.get(f"/admin/readership/dailyviews/story/{article.pk}/").status_code == 403


def test_the_desk_shows_todays_top_five_to_editors(editor, reporter, stories):
    soup = BeautifulSoup(client_for(editor).get("/admin/").content, "html.parser")
    panel = next(p for p in soup.select(".desk-panel") if "Most read today" in p.get_text())
    assert [a.get_text() for a in panel.select(".desk-panel__items a")] == [
        "Council approves the new bridge",
        "Ferry service returns to the island",
    ]
    reporter_desk = client_for(reporter).get("/admin/").content.decode()
    assert "Most read today" not in reporter_desk
