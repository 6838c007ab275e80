import datetime
import json

import pytest
import time_machine
from bs4 import BeautifulSoup
from django.test import Client
from django.urls import reverse

from articles.desk.preview import create_link
from articles.models import PreviewLink
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


def share_url(article):
    return create_link(article, None).get_absolute_url()


def test_shared_link_shows_the_draft_to_a_colleague_without_an_account():
    """A preview link works without logging in."""
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
    with time_machine.travel(start, tick=False):
        short = share_url(article)
    with time_machine.travel(start + datetime.timedelta(hours=2), tick=False):
        assert Client().get(short).status_code == 404


@pytest.mark.parametrize(
    "tamper",
    [lambda key: key[:-2] + ("AA" if not key.endswith("AA") else "BB"), lambda key: "not-a-key"],
    ids=["changed", "garbage"],
)
def test_tampered_shared_link_is_a_404(tamper):
    """A link whose key was altered shows nothing."""
    article = ArticleFactory(draft=True)
    key = share_url(article).rstrip("/").rsplit("/", 1)[-1]
    url = reverse("articles:shared_preview", kwargs={"token": tamper(key)})
    assert Client().get(url).status_code == 404


def test_change_form_offers_preview_and_makes_a_shareable_link(editor):
    """The change form has a Preview button; a shared link is made, listed with its expiry."""
    article = ArticleFactory(draft=True)
    client = client_for(editor)
    change = reverse("admin:articles_article_change", args=[article.pk])
    soup = BeautifulSoup(client.get(change).content, "html.parser")
    assert soup.select_one("a.previewlink")["href"] == reverse(
        "articles:preview", args=[article.pk]
    )
    assert "No preview link works for this draft now." in soup.select_one(".share-preview").text
    made = client.post(reverse("admin:articles_article_new_preview_link", args=[article.pk]))
    assert made.status_code == 302
    soup = BeautifulSoup(client.get(change).content, "html.parser")
    link = PreviewLink.objects.get(article=article)
    assert soup.select_one(".share-preview__expiry").text.startswith("Works until ")
    assert link.created_by == editor
    shared = soup.select_one(f"#share-preview-url-{link.pk}")["value"]
    assert Client().get(shared).status_code == 200


def test_a_revoked_link_no_longer_opens_the_draft(editor):
    article = ArticleFactory(draft=True)
    link = create_link(article, editor)
    client = client_for(editor)
    response = client.post(
        reverse("admin:articles_article_revoke_preview_link", args=[article.pk, link.pk])
    )
    assert response.status_code == 302
    link.refresh_from_db()
    assert link.revoked_at is not None
    assert Client().get(link.get_absolute_url()).status_code == 404
    change = client.get(reverse("admin:articles_article_change", args=[article.pk]))
    assert f"share-preview-url-{link.pk}" not in change.text


@pytest.mark.parametrize("transition", ["publish", "unpublish"])
def test_links_die_when_the_story_is_published_or_unpublished(editor, transition):
    """Published, the story has its own address; unpublished, it must not leak through a link."""
    from articles.desk import workflow

    article = ArticleFactory(draft=True)
    link = create_link(article, editor)
    workflow.publish_now(article, editor)
    if transition == "unpublish":
        workflow.unpublish(article, editor)
    assert Client().get(link.get_absolute_url()).status_code == 404
    # Back to draft after unpublishing, the old link stays dead.
    if transition == "unpublish":
        workflow.submit_for_review(article, editor)
        assert Client().get(link.get_absolute_url()).status_code == 404


def test_a_reporter_cannot_make_links_for_someone_elses_story(reporter, other_reporter):
    article = ArticleFactory(draft=True, created_by=other_reporter)
    response = client_for(reporter).post(
        reverse("admin:articles_article_new_preview_link", args=[article.pk])
    )
    assert response.status_code == 404
    assert not PreviewLink.objects.exists()


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
