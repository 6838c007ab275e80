import pytest
from bs4 import BeautifulSoup
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from taggit.models import Tag

from articles.models import Article
from tests.factories import (
    ArticleFactory,
    AuthorFactory,
    ImageFactory,
    SectionFactory,
    uploaded_image,
)
from tests.helpers import admin_form_data, client_for, staff

pytestmark = pytest.mark.django_db


def change_url(article):
    return reverse("admin:articles_article_change", args=[article.pk])


def test_second_save_based_on_an_older_version_is_refused_and_keeps_the_text(editor):
    """Two editors open the article; the one who saves second is refused, told who saved in
    between, and finds everything they typed still in the form."""
    other = staff("Editor", "olga", first_name="Olga", last_name="Desk")
    article = ArticleFactory(headline="First headline", body="<p>Original text.</p>")
    mine = admin_form_data(client_for(editor), change_url(article))
    theirs = admin_form_data(client_for(other), change_url(article))

    theirs["headline"] = "Olga's headline"
    assert client_for(other).post(change_url(article), theirs).status_code == 302

    mine["headline"] = "Edna's headline"
    mine["body"] = "<p>Edna rewrote the whole story.</p>"
    response = client_for(editor).post(change_url(article), mine)

    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "html.parser")
    errors = soup.select_one(".errornote, .errorlist.nonfield").get_text(" ", strip=True)
    assert "Olga Desk saved this article at" in " ".join(
        e.get_text(" ", strip=True) for e in soup.select(".errorlist.nonfield")
    ), errors
    assert soup.find("input", {"name": "headline"})["value"] == "Edna's headline"
    assert "Edna rewrote the whole story." in soup.find("textarea", {"name": "body"}).text
    article.refresh_from_db()
    assert article.headline == "Olga's headline"


def test_others_editing_the_article_are_named_on_the_form(editor):
    """While a colleague has the article open, the form says so."""
    other = staff("Editor", "olga", first_name="Olga", last_name="Desk")
    article = ArticleFactory()
    client_for(other).get(change_url(article))
    html = client_for(editor).get(change_url(article)).content.decode()
    assert "Olga Desk is also editing this article." in html


def test_headline_and_search_description_have_limits_and_counters(editor):
    """Headline ≤ 110 and search description ≤ 160 characters, with counters to help."""
    article = ArticleFactory()
    data = admin_form_data(client_for(editor), change_url(article))
    soup = BeautifulSoup(client_for(editor).get(change_url(article)).content, "html.parser")
    assert soup.find("input", {"name": "headline"})["maxlength"] == "110"
    assert soup.find("input", {"name": "seo_description"})["data-counter"] == "160"
    data.update(headline="x" * 111, seo_description="y" * 161)
    response = client_for(editor).post(change_url(article), data)
    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "html.parser")
    assert "at most 110 characters" in soup.select_one(".field-headline").get_text()
    assert "at most 160 characters" in soup.select_one(".field-seo_description").get_text()
    assert soup.find("input", {"name": "headline"})["value"] == "x" * 111


def test_pasted_hostile_html_is_sanitized_on_save(editor):
    """Scripts, event handlers and javascript: links never reach the stored body; headings,
    paragraphs, links and emphasis survive."""
    article = ArticleFactory()
    data = admin_form_data(client_for(editor), change_url(article))
    data["body"] = (
        '<p class="MsoNormal" style="margin:0"><span style="font-family:Calibri">Council '
        "<em>votes</em> today</span></p><h2>Budget</h2><script>alert(1)</script>"
        '<p><a href="https://example.org/report" onclick="steal()">the report</a> '
        '<a href="javascript:alert(1)">click</a><img src="x" onerror="alert(1)"></p>'
        "<o:p></o:p><style>p{color:red}</style>"
    )
    assert client_for(editor).post(change_url(article), data).status_code == 302
    body = Article.objects.get(pk=article.pk).body
    for forbidden in ("script", "onerror", "onclick", "javascript:", "style", "class=", "o:p"):
        assert forbidden not in body
    soup = BeautifulSoup(body, "html.parser")
    assert soup.find("h2").get_text() == "Budget"
    assert soup.find("em").get_text() == "votes"
    assert soup.find("a", href="https://example.org/report").get_text() == "the report"


def test_changing_the_slug_of_a_published_article_redirects_the_old_address(editor):
    """Editing a live story's slug in the admin leaves a 301 from its old address."""
    article = ArticleFactory(slug="old-slug")
    old_url = article.get_absolute_url()
    data = admin_form_data(client_for(editor), change_url(article)) | {"slug": "new-slug"}
    assert client_for(editor).post(change_url(article), data).status_code == 302
    response = Client().get(old_url)
    assert response.status_code == 301
    assert response["Location"] == Article.objects.get(pk=article.pk).get_absolute_url()


def test_reporter_creates_an_article_that_is_theirs(reporter, section, author):
    """A reporter's new article is a draft they own and can keep editing."""
    client = client_for(reporter)
    data = admin_form_data(client, reverse("admin:articles_article_add"))
    data.update(
        headline="Ferry timetable changes",
        slug="ferry-timetable-changes",
        section=str(section.pk),
        body="<p>From Monday.</p>",
        **{
            "articleauthor_set-TOTAL_FORMS": "1",
            "articleauthor_set-0-author": str(author.pk),
            "articleauthor_set-0-position": "0",
        },
        _transition="submit",
    )
    response = client.post(reverse("admin:articles_article_add"), data)
    assert response.status_code == 302
    article = Article.objects.get(slug="ferry-timetable-changes")
    assert (article.created_by, article.status) == (reporter, Article.Status.IN_REVIEW)
    assert client.get(change_url(article)).status_code == 200


def test_change_list_shows_status_badges_and_scheduled_time(editor):
    """The list shows each article's state as a badge, scheduled ones as Scheduled."""
    ArticleFactory(headline="Live one")
    ArticleFactory(headline="Later one", scheduled=True)
    ArticleFactory(headline="Draft one", draft=True)
    html = client_for(editor).get(reverse("admin:articles_article_changelist")).content
    soup = BeautifulSoup(html, "html.parser")
    badges = {
        row.select_one(".field-headline").get_text(strip=True): row.select_one(
            ".status-badge"
        ).get_text(strip=True)
        for row in soup.select("#result_list tbody tr")
    }
    assert badges == {"Live one": "Published", "Later one": "Scheduled", "Draft one": "Draft"}


def test_change_list_runs_a_fixed_number_of_queries(editor):
    """The list's query count does not grow with the number of articles and bylines."""
    client = client_for(editor)
    url = reverse("admin:articles_article_changelist")

    def queries():
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url).status_code == 200
        return len(captured)

    ArticleFactory.create_batch(2)
    client.get(url)  # warm up: the first request fills caches (the next scheduled story)
    few = queries()
    ArticleFactory.create_batch(28, authors=[AuthorFactory(), AuthorFactory()])
    assert queries() == few


def test_scheduling_from_the_form_needs_a_time_in_the_future(editor):
    """The Schedule button with a past publication time is refused with a clear message."""
    article = ArticleFactory(draft=True)
    data = admin_form_data(client_for(editor), change_url(article)) | {
        "published_at_0": "2020-01-01",
        "published_at_1": "09:00:00",
        "_transition": "schedule",
    }
    response = client_for(editor).post(change_url(article), data)
    soup = BeautifulSoup(response.content, "html.parser")
    assert (
        "choose a publication time in the future"
        in soup.select_one(".field-published_at").get_text()
    )
    article.refresh_from_db()
    assert (article.status, article.published_at) == (Article.Status.DRAFT, None)


def test_status_filter_finds_scheduled_and_in_review_articles(editor):
    """The status filter's Scheduled and In review choices list exactly those articles."""
    ArticleFactory(headline="Later one", scheduled=True)
    ArticleFactory(headline="Live one")
    ArticleFactory(headline="Waiting one", draft=True, status=Article.Status.IN_REVIEW)
    client = client_for(editor)
    url = reverse("admin:articles_article_changelist")
    for status, expected in (("scheduled", "Later one"), ("review", "Waiting one")):
        soup = BeautifulSoup(client.get(url, {"status": status}).content, "html.parser")
        rows = [r.get_text(strip=True) for r in soup.select("#result_list .field-headline")]
        assert rows == [expected]


def test_dashboard_counts_link_to_the_filtered_lists(editor):
    """The admin's front page counts what needs review and what is scheduled."""
    ArticleFactory.create_batch(2, draft=True, status=Article.Status.IN_REVIEW)
    ArticleFactory(scheduled=True)
    soup = BeautifulSoup(client_for(editor).get(reverse("admin:index")).content, "html.parser")
    panels = {
        p.select_one(".desk-panel__title").get_text(strip=True): (
            p.select_one(".desk-panel__count").get_text(strip=True),
            p.select_one("a")["href"],
        )
        for p in soup.select(".desk-panel")
    }
    changelist = reverse("admin:articles_article_changelist")
    assert panels["Needs review"] == ("2", f"{changelist}?status=review")
    assert panels["Scheduled"] == ("1", f"{changelist}?status=scheduled")


def test_tag_suggestions_offer_existing_tags_to_staff_only(editor):
    """The tags box suggests existing tags starting with what was typed."""
    ArticleFactory(tags=["Trade", "Transport", "Weather"])
    url = reverse("admin:articles_article_tag_suggestions")
    response = client_for(editor).get(url, {"q": "tr"})
    assert response.json() == {"results": ["Trade", "Transport"]}
    assert Client().get(url, {"q": "tr"}).status_code == 302


def test_view_on_site_is_offered_for_published_articles_only(editor):
    """A live story links to its page; a draft has no page to link to."""
    live, draft = ArticleFactory(), ArticleFactory(draft=True)
    client = client_for(editor)
    assert "View on site" in client.get(change_url(live)).content.decode()
    assert "View on site" not in client.get(change_url(draft)).content.decode()


def test_image_admin_shows_thumbnails_and_requires_alt_text(editor):
    """Pictures are listed with thumbnails; an upload without alt text is refused, kept typed."""
    ImageFactory(alt_text="Cranes over the harbour")
    client = client_for(editor)
    listing = BeautifulSoup(
        client.get(reverse("admin:articles_image_changelist")).content, "html.parser"
    )
    assert listing.select_one("img.admin-thumb")["alt"] == "Cranes over the harbour"
    # A small copy, not the full-size upload, for each thumbnail in the list.
    assert listing.select_one("img.admin-thumb")["src"].endswith("-400w.jpg")
    response = client.post(
        reverse("admin:articles_image_add"),
        {"file": uploaded_image(), "alt_text": "", "caption": "Harbour at dawn"},
    )
    soup = BeautifulSoup(response.content, "html.parser")
    assert (
        "Describe what the picture shows, for readers who cannot see it."
        in soup.select_one(".field-alt_text").get_text()
    )
    assert soup.find("input", {"name": "caption"})["value"] == "Harbour at dawn"


def test_reporter_reads_a_colleagues_article_without_a_form(reporter, other_reporter):
    """Someone else's draft opens read-only, its story shown as text, with nothing to save."""
    article = ArticleFactory(
        draft=True, created_by=other_reporter, body="<p>Quiet <em>news</em></p>"
    )
    soup = BeautifulSoup(client_for(reporter).get(change_url(article)).content, "html.parser")
    assert soup.select_one(".field-story em").get_text() == "news"
    assert soup.find("input", {"name": "headline"}) is None
    assert soup.find("button", {"name": "_transition"}) is None


def test_new_article_starts_with_the_reporters_own_byline(reporter):
    """A reporter with a byline finds it already filled in on a new article."""
    byline = AuthorFactory(name="Rita Reporter", user=reporter)
    response = client_for(reporter).get(reverse("admin:articles_article_add"))
    soup = BeautifulSoup(response.content, "html.parser")
    chosen = soup.select_one("select[name='articleauthor_set-0-author'] option[selected]")
    assert chosen["value"] == str(byline.pk)
    data = admin_form_data(client_for(reporter), reverse("admin:articles_article_add"))
    data.update(headline="Bus lanes", slug="bus-lanes", section=str(SectionFactory().pk))
    assert client_for(reporter).post(reverse("admin:articles_article_add"), data).status_code == 302
    assert list(Article.objects.get(slug="bus-lanes").authors.all()) == [byline]


def test_admin_search_finds_stories_by_the_words_of_their_text_drafts_included(editor):
    """The change list's search box looks words up in the search index: any form of a word,
    in headline, standfirst or story text, whatever the story's status."""
    ArticleFactory(draft=True, headline="Budget talks", body="<p>The ferries were delayed.</p>")
    ArticleFactory(headline="Harbour opens", dek="Ferry services resume.")
    ArticleFactory(headline="Council meets", body="<p>Nothing about boats.</p>")
    client = client_for(editor)
    url = reverse("admin:articles_article_changelist")

    def headlines(q):
        soup = BeautifulSoup(client.get(url, {"q": q}).content, "html.parser")
        return sorted(a.get_text() for a in soup.select("#result_list th.field-headline a"))

    assert headlines("ferry") == ["Budget talks", "Harbour opens"]
    assert headlines("ferry -harbour") == ["Budget talks"]
    assert headlines("the") == []
    assert "whole words" in client.get(url).content.decode()


def test_a_tag_typed_in_another_case_is_the_existing_tag(editor):
    """ "transport" on a new story is the "Transport" other stories have: one topic page."""
    ArticleFactory(tags=["Transport"])
    article = ArticleFactory()
    data = admin_form_data(client_for(editor), change_url(article))
    data["tags"] = "transport, Harbour"
    assert client_for(editor).post(change_url(article), data).status_code == 302
    assert sorted(Tag.objects.values_list("name", flat=True)) == ["Harbour", "Transport"]
    assert sorted(article.tags.names()) == ["Harbour", "Transport"]
