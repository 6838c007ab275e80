import datetime
import json

import pytest
import time_machine
from bs4 import BeautifulSoup
from django.test import Client
from django.urls import reverse

from articles.preview import share_url
from tests.factories import ArticleFactory
from tests.helpers import client_for

pytestmark = pytest.mark.django_db
BANNER = "Preview \N{EN DASH} not published"


def banner(response):
    found = BeautifulSoup(response.content, "html.parser").select_one(".preview-banner")
    return found.get_text(" ", strip=True) if found else None


def test_editor_previews_a_draft_with_a_banner(editor):
    """A draft looks as it will look, under the preview banner."""
    article = ArticleFactory(draft=True, headline="Harbour deal nears")
    response = client_for(editor).get(reverse("articles:preview", args=[article.pk]))
    assert response.status_code == 200
    assert BANNER in banner(response)
    soup = BeautifulSoup(response.content, "html.parser")
    assert soup.find("h1").get_text(strip=True) == "Harbour deal nears"
    assert response["X-Robots-Tag"] == "noindex, nofollow"


def test_reporter_previews_own_draft_but_not_a_colleagues(reporter, other_reporter):
    """A reporter previews the articles they write, and no one else's."""
    own = ArticleFactory(draft=True, created_by=reporter)
    theirs = ArticleFactory(draft=True, created_by=other_reporter)
    client = client_for(reporter)
    assert client.get(reverse("articles:preview", args=[own.pk])).status_code == 200
    assert client.get(reverse("articles:preview", args=[theirs.pk])).status_code == 404


def test_reader_without_account_cannot_use_the_staff_preview():
    """The staff preview sends anonymous visitors to the login page."""
    article = ArticleFactory(draft=True)
    response = Client().get(reverse("articles:preview", args=[article.pk]))
    assert response.status_code == 302 and "/admin/login/" in response["Location"]


def test_shared_link_shows_the_draft_to_a_colleague_without_an_account():
    """A signed preview link works without logging in."""
    article = ArticleFactory(draft=True, headline="Embargoed budget story")
    response = Client().get(share_url(article))
    assert response.status_code == 200
    assert "Embargoed budget story" in response.content.decode()
    assert BANNER in banner(response)


def test_shared_link_expires_after_the_configured_hours(settings):
    """An expired link is a 404; the expiry comes from NEWSROOM_PREVIEW_LINK_HOURS."""
    article = ArticleFactory(draft=True)
    start = datetime.datetime(2025, 11, 2, 9, 0, tzinfo=datetime.UTC)
    with time_machine.travel(start, tick=False):
        url = share_url(article)
    with time_machine.travel(start + datetime.timedelta(hours=47), tick=False):
        assert Client().get(url).status_code == 200
    with time_machine.travel(start + datetime.timedelta(hours=49), tick=False):
        assert Client().get(url).status_code == 404
    settings.NEWSROOM_PREVIEW_LINK_HOURS = 1
    with time_machine.travel(start + datetime.timedelta(hours=2), tick=False):
        assert Client().get(url).status_code == 404


@pytest.mark.parametrize(
    "tamper",
    [
        lambda token: token.replace(token.split(":")[0], "999999", 1),
        lambda token: token[:-2] + ("AA" if not token.endswith("AA") else "BB"),
        lambda token: "not-a-token",
    ],
    ids=["other article", "changed signature", "garbage"],
)
def test_tampered_shared_link_is_a_404(tamper):
    """A link whose article or signature was altered shows nothing."""
    article = ArticleFactory(draft=True)
    token = share_url(article).rstrip("/").rsplit("/", 1)[-1]
    url = reverse("articles:shared_preview", kwargs={"token": tamper(token)})
    assert Client().get(url).status_code == 404


def test_change_form_offers_preview_and_a_shareable_link(editor):
    """The admin's change form has a Preview button and the signed link to copy."""
    article = ArticleFactory(draft=True)
    html = client_for(editor).get(reverse("admin:articles_article_change", args=[article.pk]))
    soup = BeautifulSoup(html.content, "html.parser")
    assert soup.select_one("a.previewlink")["href"] == reverse(
        "articles:preview", args=[article.pk]
    )
    shared = soup.select_one("#share-preview-url")["value"]
    assert Client().get(shared).status_code == 200


def test_preview_shows_the_check_also_box_as_readers_will(editor):
    """The preview has the reader page's parts, the editor's related stories included."""
    related = ArticleFactory(headline="Earlier: harbour plan unveiled")
    article = ArticleFactory(draft=True, related=[related])
    response = client_for(editor).get(reverse("articles:preview", args=[article.pk]))
    assert "Earlier: harbour plan unveiled" in response.content.decode()


def test_preview_of_a_draft_without_a_publication_time_shows_no_dangling_date(editor):
    """A draft that has no publication time yet shows its section alone, not "Business -"."""
    article = ArticleFactory(draft=True, published_at=None, section__name="Business")
    response = client_for(editor).get(reverse("articles:preview", args=[article.pk]))
    meta = BeautifulSoup(response.content, "html.parser").select_one(".article__meta")
    assert meta.get_text(" ", strip=True) == "Business"
    assert meta.find("time") is None
    soup = BeautifulSoup(response.content, "html.parser")
    assert not soup.select('meta[property^="article:"][content=""]')
    schemas = [json.loads(s.string) for s in soup.select('script[type="application/ld+json"]')]
    story = next(schema for schema in schemas if schema["@type"] == "NewsArticle")
    assert "datePublished" not in story and "dateModified" not in story
