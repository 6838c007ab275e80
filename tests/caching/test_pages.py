"""The page cache: what it keeps, what empties it, and what never passes between readers."""

import datetime

import pytest
import time_machine
from bs4 import BeautifulSoup
from django.test import Client
from django.utils import timezone

from articles.models import Article
from comments.models import Comment
from comments.signals import announce_comments_changed
from newsroom.caching.invalidation import bump
from newsroom.caching.state import state
from tests.comments.factories import CommentFactory
from tests.factories import ArticleFactory, AuthorFactory, SectionFactory
from tests.helpers import client_for, reply_form_data


def soup(response):
    return BeautifulSoup(response.content, "html.parser")


pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("page_cache")]


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """Run a block's after-commit work (article_changed, comments_changed) as a commit does."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


@pytest.fixture
def stories(committed):
    """Two stories in different sections, neither shown on the other's page."""
    with committed():
        old = ArticleFactory(
            headline="Harbour dredging begins",
            slug="dredging",
            section=SectionFactory(name="Local", slug="local"),
            published_at=timezone.now() - datetime.timedelta(days=30),
        )
        for n in range(6):
            ArticleFactory(slug=f"filler-{n}", headline=f"Filler story {n}")
        new = ArticleFactory(headline="Council approves the new bridge", slug="bridge")
    return old, new


def cache_state(client, url, **headers):
    response = client.get(url, **headers)
    assert response.status_code == 200, url
    return response["X-Page-Cache"]


def test_an_anonymous_reader_is_answered_from_the_cache(client, stories):
    """Built once, then served whole, with headers a CDN can use, and a 304 when unchanged."""
    old, _ = stories
    url = old.get_absolute_url()
    first = client.get(url)
    second = client.get(url)
    assert (first["X-Page-Cache"], second["X-Page-Cache"]) == ("miss", "hit")
    assert second.content == first.content
    assert second["Cache-Control"] == ("public, max-age=0, s-maxage=60, stale-while-revalidate=30")
    keys = second["Surrogate-Key"].split()
    assert {f"story-{old.pk}", f"section-{old.section_id}", "listings"} <= set(keys)
    assert second["Cache-Tag"] == ",".join(keys)
    assert second["Last-Modified"]
    again = client.get(url, HTTP_IF_NONE_MATCH=second["ETag"])
    assert again.status_code == 304
    assert again.content == b""
    assert client.head(url)["X-Page-Cache"] == "hit"


@pytest.mark.parametrize(
    "url",
    ["/", "/local/", "/tag/harbour/", "/author/kim/", "/feed/", "/feed/atom/", "/sitemap.xml",
     "/sitemap-articles.xml", "/news-sitemap.xml", "/local/dredging/"],
)  # fmt: skip
def test_every_kind_of_reader_page_is_kept(client, committed, url):
    """Home, section, topic, byline, archive, story, feeds and sitemaps are all kept."""
    with committed():
        ArticleFactory(
            slug="dredging",
            section=SectionFactory(name="Local", slug="local"),
            tags=["Harbour"],
            authors=[AuthorFactory(slug="kim")],
        )
    assert cache_state(client, url) == "miss"
    assert cache_state(client, url) == "hit"


def test_forms_search_preview_and_the_back_office_are_never_kept(client, stories, editor):
    """Only reader pages are kept: search results, previews and the admin are built each time."""
    draft = ArticleFactory(draft=True, slug="secret-draft")
    staff = client_for(editor)
    for url in ("/search/?q=bridge", f"/preview/{draft.pk}/", "/admin/"):
        for reader in (client, staff):
            reader.get(url)
            assert "X-Page-Cache" not in reader.get(url)


def test_a_published_edit_shows_on_the_next_request_and_only_where_shown(client, committed,
                                                                      stories):  # fmt: skip
    """The story's page and the pages listing it are emptied; a page not showing it is not."""
    old, new = stories
    pages = [old.get_absolute_url(), "/local/", new.get_absolute_url()]
    for url in pages:
        client.get(url)
    assert f"story-{old.pk}" not in client.get(new.get_absolute_url())["Surrogate-Key"]
    with committed():
        old.headline = "Harbour dredging halted"
        old.save()
    assert "Harbour dredging halted" in client.get(old.get_absolute_url()).content.decode()
    assert "Harbour dredging halted" in client.get("/local/").content.decode()
    assert cache_state(client, new.get_absolute_url()) == "hit"


def test_publishing_unpublishing_and_deleting_change_every_listing(client, committed, stories):
    """A story appearing or leaving changes the sidebars, fronts and feeds of every page."""
    old, new = stories
    with committed():
        draft = ArticleFactory(draft=True, headline="Ferry timetable changes", slug="ferry")
    for url in ("/", "/feed/", old.get_absolute_url()):
        assert "Ferry timetable changes" not in client.get(url).content.decode()
    with committed():
        draft.status, draft.published_at = Article.Status.PUBLISHED, timezone.now()
        draft.save()
    for url in ("/", "/feed/", old.get_absolute_url()):
        assert "Ferry timetable changes" in client.get(url).content.decode(), url
    with committed():
        draft.status = Article.Status.UNPUBLISHED
        draft.save()
    for url in ("/", "/feed/", old.get_absolute_url()):
        assert "Ferry timetable changes" not in client.get(url).content.decode(), url
    client.get(new.get_absolute_url())
    with committed():
        new.delete()
    assert client.get(new.get_absolute_url()).status_code in (301, 404)
    assert "Council approves the new bridge" not in client.get("/").content.decode()


def test_a_draft_saved_never_leaks_into_a_kept_page(client, committed, stories, editor):
    """Saving drafts and previewing them changes no reader page."""
    client.get("/")
    with committed():
        draft = ArticleFactory(draft=True, headline="Embargoed budget leak", slug="leak")
    client_for(editor).get(f"/preview/{draft.pk}/")
    for url in ("/", "/feed/", "/sitemap-articles.xml", "/news-sitemap.xml"):
        assert "Embargoed budget leak" not in client.get(url).content.decode()
        assert "leak" not in client.get(url)["Surrogate-Key"]
    assert client.get(f"/{draft.section.slug}/leak/").status_code == 404


def test_a_scheduled_story_appears_at_its_second(client, committed, stories):
    """No cron: the first request after its time, a cache hit or not, shows it."""
    at = timezone.now().replace(microsecond=0) + datetime.timedelta(minutes=10)
    with committed():
        ArticleFactory(headline="Polls open across the region", slug="polls", published_at=at)
    with time_machine.travel(at - datetime.timedelta(seconds=2), tick=False):
        home = client.get("/")
        assert "Polls open" not in home.content.decode()
        assert int(home["Cache-Control"].split("s-maxage=")[1].split(",")[0]) <= 2
        assert cache_state(client, "/") == "hit"
    with time_machine.travel(at, tick=False):
        assert "Polls open across the region" in client.get("/").content.decode()


def test_an_approved_comment_appears_and_a_removed_one_goes(client, committed, stories):
    """comments_changed empties the story's page (its thread) and the cards with its count."""
    old, _ = stories
    url = old.get_absolute_url()
    comment = CommentFactory(article=old, status=Comment.Status.PENDING, text="Finally dredged.")
    assert "Finally dredged." not in client.get(url).content.decode()
    client.get("/local/")
    with committed():
        Comment.objects.filter(pk=comment.pk).update(status=Comment.Status.APPROVED)
        announce_comments_changed({old.pk})
    assert "Finally dredged." in client.get(url).content.decode()
    assert cache_state(client, "/local/") == "miss"
    with committed():
        Comment.objects.filter(pk=comment.pk).update(status=Comment.Status.TRASH)
        announce_comments_changed({old.pk})
    assert "Finally dredged." not in client.get(url).content.decode()


def test_section_and_byline_renames_show_at_once(client, committed, stories):
    """A renamed section changes every page's navigation; a renamed byline its stories."""
    old, _ = stories
    author = AuthorFactory(name="Kim Lee", slug="kim")
    with committed():
        old.authors.add(author)
        old.save()
    client.get("/")
    client.get(old.get_absolute_url())
    with committed():
        section = old.section
        section.name = "Harbourside"
        section.save()
    assert "Harbourside" in client.get("/").content.decode()
    with committed():
        author.name = "Kim Lee-Park"
        author.save()
    assert "Kim Lee-Park" in client.get(old.get_absolute_url()).content.decode()


def test_a_page_built_while_its_story_changed_is_not_kept(client, stories):
    """A change committed during the build may be missing from it: the next reader rebuilds."""
    old, _ = stories
    url = old.get_absolute_url()

    def edited_meanwhile(*args, **kwargs):
        bump([f"story-{old.pk}"])

    from django.test.signals import template_rendered

    template_rendered.connect(edited_meanwhile)
    try:
        assert client.get(url)["Cache-Control"] == "no-cache"
    finally:
        template_rendered.disconnect(edited_meanwhile)
    assert cache_state(client, url) == "miss"


def test_the_purge_hook_hears_the_surrogate_keys(client, committed, stories, settings):
    """A CDN's purge-by-tag API gets the keys of each invalidation."""
    purged = []
    settings.NEWSROOM_CACHE_PURGE = "tests.caching.test_pages.remember_purge"
    remember_purge.calls = purged
    old, _ = stories
    with committed():
        old.dek = "A new standfirst."
        old.save()
    # The story's own pages, and the sitemap index, which shows every story's latest change.
    assert purged == [["stories", f"story-{old.pk}"]]


def remember_purge(keys):
    remember_purge.calls.append(keys)


def test_a_failing_purge_hook_never_fails_the_save(client, committed, stories, settings):
    settings.NEWSROOM_CACHE_PURGE = "tests.caching.test_pages.broken_purge"
    old, _ = stories
    client.get(old.get_absolute_url())
    with committed():
        old.dek = "Saved all the same."
        old.save()
    assert "Saved all the same." in client.get(old.get_absolute_url()).content.decode()


def broken_purge(keys):
    raise ConnectionError("CDN unreachable")


# -- one reader's data never reaches another ----------------------------------------------


def test_a_commenter_gets_their_own_page_and_no_one_else_sees_it(client, stories, post):
    """Name cookie and pending comment: shown to the commenter only, never kept."""
    old, _ = stories
    url = old.get_absolute_url()
    client.get(url)
    jane = Client()
    response = post(old, client=jane, **{"wp-comment-cookies-consent": "yes"})
    assert response.status_code == 302
    mine = jane.get(url)
    assert mine["X-Page-Cache"] == "bypass"
    assert "private" in mine["Cache-Control"]
    page = soup(mine)
    assert page.select_one("#author")["value"] == "Jane Reader"
    assert "Your comment is awaiting moderation." in mine.content.decode()
    stranger = Client().get(url)
    assert stranger["X-Page-Cache"] == "hit"
    text = stranger.content.decode()
    assert "Jane Reader" not in text
    assert "jane@example.com" not in text
    assert "awaiting moderation" not in text
    assert soup(stranger).select_one("#author")["value"] == ""


@pytest.mark.parametrize("kept_first", [True, False])
def test_a_refused_comment_shows_on_the_story_for_its_writer_alone(client, stories, post,
                                                                     kept_first):  # fmt: skip
    """The story page answering a refused comment holds the writer's words and name; it is
    never kept, and the page other readers get, kept before or after, has none of it."""
    old, _ = stories
    url = old.get_absolute_url()
    if kept_first:
        client.get(url)
    refused = post(old, client=Client(), author="Zebediah Quill", email="", comment="Quill's view.")
    assert refused.status_code == 400
    assert "X-Page-Cache" not in refused
    page = soup(refused)
    assert page.select_one("h1").get_text() == "Harbour dredging begins"
    assert page.select_one("#author")["value"] == "Zebediah Quill"
    assert "csrfmiddlewaretoken" not in refused.content.decode()
    stranger = Client().get(url)
    assert stranger["X-Page-Cache"] == ("hit" if kept_first else "miss")
    text = stranger.content.decode()
    assert "Zebediah Quill" not in text
    assert "Quill's view." not in text
    assert "comment-errors" not in text
    assert "csrf" not in text.lower()
    assert Client().get(url)["X-Page-Cache"] == "hit"


def test_a_pending_comment_alone_is_a_personal_page(stories, post):
    """Without the name cookies (no consent), the signed pending-comment cookie still counts."""
    old, _ = stories
    jane = Client()
    post(old, client=jane)
    assert "comment_author" not in jane.cookies
    mine = jane.get(old.get_absolute_url())
    assert mine["X-Page-Cache"] == "bypass"
    assert "Your comment is awaiting moderation." in mine.content.decode()


def test_staff_get_fresh_private_pages_and_their_messages(stories, editor):
    """A session means the page is built for the reader and no proxy may keep it."""
    old, _ = stories
    staff = client_for(editor)
    for _ in range(2):
        response = staff.get(old.get_absolute_url())
        assert response["X-Page-Cache"] == "bypass"
        assert response["Cache-Control"] == "private, no-cache"
        assert "Cookie" in response["Vary"]


def test_kept_pages_carry_no_token_cookie_or_vary_on_cookie(client, stories):
    old, _ = stories
    client.get(old.get_absolute_url())
    kept = client.get(old.get_absolute_url())
    assert kept["X-Page-Cache"] == "hit"
    assert not kept.cookies
    assert "csrf" not in kept.content.decode().lower()
    assert "Cookie" not in kept.get("Vary", "")


def test_a_page_that_sets_a_cookie_is_never_kept(client, stories, monkeypatch):
    """Should a page ever ask for a CSRF token (a cookie per reader), it stays out of the cache."""
    from django.middleware.csrf import get_token

    from articles.site import metadata

    old, _ = stories
    original = metadata.article_meta

    def with_a_token(request, article):
        get_token(request)
        return original(request, article)

    monkeypatch.setattr(metadata, "article_meta", with_a_token)
    for _ in range(2):
        response = client.get(old.get_absolute_url())
        assert "X-Page-Cache" not in response
        assert "csrftoken" in response.cookies


def test_a_comment_posted_on_a_cached_page_goes_through(client, stories):
    """The kept page's form posts as it is, with CSRF checks on."""
    old, _ = stories
    client.get(old.get_absolute_url())
    kept = Client(enforce_csrf_checks=True).get(old.get_absolute_url())
    assert kept["X-Page-Cache"] == "hit"
    form = soup(kept).select_one("#commentform")
    data = {field["name"]: field.get("value", "") for field in form.select("input[name]")}
    data.update(reply_form_data(old))
    response = Client(enforce_csrf_checks=True).post(
        form["action"], data, HTTP_ORIGIN="http://testserver", HTTP_SEC_FETCH_SITE="same-origin"
    )
    assert response.status_code == 302
    assert Comment.objects.count() == 1


# -- the uncached path --------------------------------------------------------------------


@pytest.mark.parametrize("comments", [1, 40])
def test_a_story_page_built_afresh_runs_at_most_six_queries(
    client, settings, comments, django_assert_max_num_queries
):
    """Whatever the length of the thread, the page costs the same few queries to build."""
    settings.NEWSROOM_CACHE_WHOLE_PAGES = False
    article = ArticleFactory(slug="bridge", tags=["Bridges", "Council"], with_image=True)
    first = None
    for n in range(comments):
        comment = CommentFactory(article=article, parent=first if n % 4 == 3 else None)
        first = first or comment
    client.get(article.get_absolute_url())
    with django_assert_max_num_queries(6):
        response = client.get(article.get_absolute_url())
    assert len(soup(response).select(".comment")) == comments


def test_a_change_announced_by_another_app_server_is_seen_at_once(client, stories):
    """All state is shared: a version written there by any server empties the page."""
    old, _ = stories
    url = old.get_absolute_url()
    client.get(url)
    assert cache_state(client, url) == "hit"
    state().bump([f"story-{old.pk}"])  # as another server records a change
    assert cache_state(client, url) == "miss"
    assert cache_state(client, url) == "hit"
