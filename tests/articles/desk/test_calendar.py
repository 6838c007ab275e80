import datetime
import re

import pytest
import time_machine
from bs4 import BeautifulSoup
from django.utils import timezone
from django.utils.formats import date_format

from articles.models import Article
from tests.factories import ArticleFactory
from tests.helpers import client_for

pytestmark = pytest.mark.django_db
# A Wednesday.
NOW = datetime.datetime(2026, 3, 11, 9, 0, tzinfo=datetime.UTC)


@pytest.fixture
def desk(editor):
    with time_machine.travel(NOW, tick=False):
        ArticleFactory(
            headline="Budget vote", published_at=NOW + datetime.timedelta(days=1, hours=5)
        )
        ArticleFactory(headline="Already out", published_at=NOW - datetime.timedelta(hours=1))
        ArticleFactory(headline="Flood inquiry", status=Article.Status.DRAFT, published_at=None,
                       body="", planned_for=datetime.date(2026, 3, 13))  # fmt: skip
        ArticleFactory(headline="Marathon preview", status=Article.Status.IN_REVIEW,
                       published_at=None, planned_for=datetime.date(2026, 3, 12),
                       body="<p>Runners gather.</p>")  # fmt: skip
        ArticleFactory(headline="Next month", status=Article.Status.DRAFT, published_at=None,
                       body="", planned_for=datetime.date(2026, 4, 2))  # fmt: skip
        yield client_for(editor)


def days(response):
    soup = BeautifulSoup(response.content, "html.parser")
    return {
        day.time["datetime"]: [entry.get_text(" ", strip=True) for entry in day.select("li a")]
        for day in soup.select("td.calendar-day")
    }, soup


def test_week_view_shows_scheduled_planned_and_in_progress_stories_on_their_days(desk):
    """This week: the scheduled story at its time, the plans on their target dates."""
    with time_machine.travel(NOW, tick=False):
        found, soup = days(desk.get("/admin/articles/article/calendar/"))
    assert soup.h1.get_text() == "Editorial calendar: March 9 to March 15, 2026"
    assert len(found) == 7
    assert found["2026-03-12"] == ["2 p.m. Budget vote", "Marathon preview"]
    assert found["2026-03-13"] == ["Flood inquiry"]
    assert "Already out" not in str(found)
    kinds = [li["class"][1] for li in soup.select("td.calendar-day li")]
    assert kinds == ["calendar-entry--scheduled", "calendar-entry--in-progress",
                     "calendar-entry--planned"]  # fmt: skip


def test_month_view_and_its_navigation(desk):
    """The month in whole weeks; Next month shows April's plans; a bad date falls back."""
    with time_machine.travel(NOW, tick=False):
        found, soup = days(desk.get("/admin/articles/article/calendar/?view=month&day=2026-03-11"))
        assert soup.h1.get_text() == "Editorial calendar: March 2026"
        assert found["2026-04-02"] == ["Next month"]  # shown greyed, in the last week
        next_url = soup.find("a", string=re.compile("^Next month"))["href"]
        assert next_url.endswith("?view=month&day=2026-04-01")
        assert desk.get("/admin/articles/article/calendar/?day=garbage").status_code == 200


def test_scheduling_says_when_the_story_goes_live(editor, publishing_checks_off):
    """The message after Schedule names the day and time, not just “done”."""
    from tests.helpers import admin_form_data

    story = ArticleFactory(status=Article.Status.DRAFT, published_at=None)
    url = f"/admin/articles/article/{story.pk}/change/"
    client = client_for(editor)
    when = timezone.now() + datetime.timedelta(days=2)
    data = admin_form_data(client, url)
    data.update(
        published_at_0=when.strftime("%Y-%m-%d"), published_at_1="07:30:00", _transition="schedule"
    )
    response = client.post(url, data, follow=True)
    day = date_format(when, "DATE_FORMAT")
    assert f"goes live on {when:%A}, {day}, 7:30 a.m. UTC" in response.text
