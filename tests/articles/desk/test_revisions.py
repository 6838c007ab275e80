import pytest
from bs4 import BeautifulSoup
from django.contrib.admin.models import LogEntry
from django.urls import reverse

from articles.models import ArticleAuthor, RelatedArticle
from tests.factories import ArticleFactory, AuthorFactory, LiveUpdateFactory
from tests.helpers import admin_form_data, client_for

pytestmark = pytest.mark.django_db


def change_url(article):
    return reverse("admin:articles_article_change", args=[article.pk])


def save_with(client, article, **changes):
    data = admin_form_data(client, change_url(article)) | changes
    response = client.post(change_url(article), data)
    assert response.status_code == 302, response.content.decode()[:2000]


@pytest.fixture
def edited(editor):
    """An article saved twice in the admin: tags, a related story and the headline changed."""
    first_related, second_related = (
        ArticleFactory(headline="Old related"),
        ArticleFactory(headline="New related"),
    )
    article = ArticleFactory(headline="Original", tags=["port", "trade"], related=[first_related])
    client = client_for(editor)
    save_with(client, article, body="<p>The first version.</p>")
    save_with(
        client,
        article,
        headline="Rewritten",
        body="<p>The second version.</p>",
        tags="trade, weather",
        **{"related_links-0-related_article": str(second_related.pk)},
    )
    return article


def test_every_admin_save_keeps_a_revision_with_who_and_what(edited):
    """Each save is a revision with the person who made it, bylines, related stories, tags."""
    newest, previous = edited.history.all()[:2]
    assert newest.history_user.username == "edna"
    assert (previous.headline, newest.headline) == ("Original", "Rewritten")
    assert (previous.tag_names, newest.tag_names) == (["port", "trade"], ["trade", "weather"])
    assert [r.related_article.headline for r in newest.related.all()] == ["New related"]
    assert [r.author_id for r in newest.authors.all()] == list(
        ArticleAuthor.objects.filter(article=edited).values_list("author_id", flat=True)
    )


def test_compare_shows_what_changed_field_by_field(editor, edited):
    """Comparing two revisions lists the changed fields with before and after."""
    newest, previous = edited.history.all()[:2]
    url = reverse("admin:articles_article_compare", args=[edited.pk])
    response = client_for(editor).get(url, {"a": previous.pk, "b": newest.pk})
    soup = BeautifulSoup(response.content, "html.parser")
    rows = {
        row.th.get_text(strip=True): row.get_text(" ", strip=True)
        for row in soup.select(".revision-changes tbody tr")
    }
    assert set(rows) == {"Headline", "Body", "Related stories", "Tags"}
    assert "Original" in rows["Headline"] and "Rewritten" in rows["Headline"]
    body_row = soup.select(".revision-changes tbody tr")[1]
    assert body_row.th.get_text(strip=True) == "Body"
    assert (body_row.select_one("del").get_text(), body_row.select_one("ins").get_text()) == (
        "removed: first",
        "added: second",
    )
    tags = soup.select(".revision-changes tbody tr")[-1]
    assert [t.get_text() for t in tags.select("del, ins")] == ["removed: port", "added: weather"]


def test_restore_brings_back_text_tags_and_related_stories_as_a_new_revision(editor, edited):
    """Restoring a revision restores its content, tags and related stories, and is itself a
    revision and an entry in the admin history."""
    previous = edited.history.all()[1]
    count = edited.history.count()
    url = reverse("admin:articles_article_restore", args=[edited.pk, previous.pk])
    client = client_for(editor)
    assert "Rewritten" in client.get(url).content.decode()
    assert client.post(url).status_code == 302
    edited.refresh_from_db()
    assert edited.headline == "Original"
    assert sorted(edited.tags.names()) == ["port", "trade"]
    related = RelatedArticle.objects.filter(article=edited).select_related("related_article")
    assert [r.related_article.headline for r in related] == ["Old related"]
    assert edited.history.count() == count + 1
    assert edited.history.first().history_change_reason.startswith("Restored the revision of")
    entry = LogEntry.objects.filter(object_id=str(edited.pk)).latest("action_time")
    assert entry.user == editor and entry.change_message.startswith("Restored the revision")


def test_reporter_cannot_see_or_restore_revisions(reporter):
    """Revisions are an editor's tool."""
    article = ArticleFactory(draft=True, created_by=reporter)
    record = article.history.first()
    client = client_for(reporter)
    assert (
        client.get(reverse("admin:articles_article_revisions", args=[article.pk])).status_code
        == 403
    )
    url = reverse("admin:articles_article_restore", args=[article.pk, record.pk])
    assert client.post(url).status_code == 403


def test_restore_keeps_bylines_in_their_order(editor):
    """Bylines come back in the order they were printed."""
    first, second = AuthorFactory(name="Ann"), AuthorFactory(name="Ben")
    article = ArticleFactory(authors=[first, second])
    client = client_for(editor)
    save_with(client, article, body="<p>v1</p>")
    kept = article.history.first()
    ArticleAuthor.objects.filter(article=article).delete()
    ArticleAuthor.objects.create(article=article, author=second, position=0)
    client.post(reverse("admin:articles_article_restore", args=[article.pk, kept.pk]))
    bylines = ArticleAuthor.objects.filter(article=article).select_related("author")
    assert [b.author.name for b in bylines] == ["Ann", "Ben"]


def test_restoring_a_revision_taken_before_the_bylines_keeps_todays_bylines(editor):
    """A story's first revision from an import has no bylines yet; restoring it leaves the
    story with its byline rather than none, and the comparison shows the byline as added."""
    article = ArticleFactory(headline="First wording", authors=[AuthorFactory(name="Ann")])
    client = client_for(editor)
    save_with(client, article, headline="Second wording")
    first, newest = article.history.last(), article.history.first()
    compare = client.get(
        reverse("admin:articles_article_compare", args=[article.pk]),
        {"a": first.pk, "b": newest.pk},
    )
    soup = BeautifulSoup(compare.content, "html.parser")
    bylines = next(
        row for row in soup.select(".revision-changes tbody tr") if row.th.get_text() == "Bylines"
    )
    assert bylines.select_one("del") is None
    assert bylines.select_one("ins").get_text() == "added: Ann"
    client.post(reverse("admin:articles_article_restore", args=[article.pk, first.pk]))
    article.refresh_from_db()
    assert article.headline == "First wording"
    assert [a.name for a in article.authors.all()] == ["Ann"]


def test_the_revisions_page_offers_a_pair_that_differs_and_lists_corrections(editor, edited):
    """A save that changed nothing the compare shows (here, adding a correction) is skipped
    by the default pair; the correction and a live update are listed at their time."""
    client = client_for(editor)
    save_with(
        client,
        edited,
        **{
            "corrections-TOTAL_FORMS": "1",
            "corrections-0-kind": "correction",
            "corrections-0-placement": "end",
            "corrections-0-text": "The port is in the north, not the south.",
            "corrections-0-status": "published",
        },
    )
    LiveUpdateFactory(article=edited, text="Ships are back in the harbour.")
    # The newest revision (the correction's save) reads as the one before it (the rewrite).
    newest, rewrite, first = edited.history.all()[:3]
    page = client.get(reverse("admin:articles_article_revisions", args=[edited.pk]))
    soup = BeautifulSoup(page.content, "html.parser")
    assert soup.select_one("input[name=b][checked]")["value"] == str(newest.pk)
    assert soup.select_one("input[name=a][checked]")["value"] == str(first.pk)
    assert (rewrite.headline, rewrite.body) == (newest.headline, newest.body)
    events = [row.get_text(" ", strip=True) for row in soup.select(".revisions__event")]
    assert any("Correction published: The port is in the north" in row for row in events)
    assert any("Live update posted: Ships are back in the harbour." in row for row in events)
