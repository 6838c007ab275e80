"""The stories endpoints: every field a partner reads, each filter, the cursor, search."""

import datetime
from urllib.parse import urlencode

import pytest
from django.utils import timezone

from articles.models import Article
from tests.factories import (
    ArticleFactory,
    AuthorFactory,
    CorrectionFactory,
    ImageFactory,
    LiveUpdateFactory,
    SectionFactory,
)

pytestmark = pytest.mark.django_db


def headlines(response):
    assert response.status_code == 200, response.content
    return [story["headline"] for story in response.json()["results"]]


@pytest.fixture
def story():
    return ArticleFactory(
        headline="Council approves the new bridge",
        slug="bridge",
        dek="A 1.2 km span across the river.",
        excerpt="The vote was 7 to 2.",
        dateline="Riverton, Nov 2025",
        body="<p>The council voted on <em>Tuesday</em> &amp; the mayor spoke.</p>"
        "<h2>What next</h2><ul><li>Tenders</li><li>Works</li></ul>",
        section=SectionFactory(name="City", slug="city"),
        authors=[AuthorFactory(name="Rita Reporter", slug="rita"), AuthorFactory(name="Pat")],
        tags=["bridges", "council"],
        featured_image=ImageFactory(small=True, caption="The old bridge", credit="Jo Lens"),
    )


def test_a_story_in_the_list_has_every_summary_field(api, story):
    """Headline, dek, teaser, dateline, section, bylines in order, topics, picture, times and
    both addresses."""
    found = api("stories").json()["results"][0]
    assert found["headline"] == "Council approves the new bridge"
    assert found["dek"] == "A 1.2 km span across the river."
    assert found["teaser"] == "The vote was 7 to 2."
    assert found["dateline"] == "Riverton, Nov 2025"
    assert found["section"] == {"id": story.section.pk, "name": "City", "slug": "city"}
    assert [b["name"] for b in found["bylines"]] == ["Rita Reporter", "Pat"]
    assert found["bylines"][0]["url"] == "http://testserver/author/rita/"
    assert [t["slug"] for t in found["tags"]] == ["bridges", "council"]
    assert found["picture"]["credit"] == "Jo Lens"
    assert found["url"] == "http://testserver/city/bridge/"
    assert found["api_url"] == f"http://testserver/api/v1/stories/{story.pk}"
    published = datetime.datetime.fromisoformat(found["published_at"])
    assert abs(published - story.published_at) < datetime.timedelta(seconds=1)
    assert "body_html" not in found


def test_a_story_whole_has_body_as_html_and_text_pictures_corrections_and_updates(api, story):
    """The detail adds the body both ways, every picture with its renditions and credit, the
    published corrections (not the drafts) and the live updates."""
    story.live_coverage_start = timezone.now() - datetime.timedelta(hours=1)
    story.save()
    CorrectionFactory(article=story, text="The span is 1.2 km, not 2.1 km.")
    CorrectionFactory(article=story, text="Draft note nobody saw.", draft=True)
    LiveUpdateFactory(
        article=story, text="Tenders open.", image=ImageFactory(small=True, credit="Al Cam")
    )
    found = api(f"stories/{story.pk}").json()
    assert found["body_html"].startswith("<p>The council voted on <em>Tuesday</em>")
    assert found["body_text"] == (
        "The council voted on Tuesday & the mayor spoke.\n\nWhat next\n\nTenders\n\nWorks"
    )
    featured, update_picture = found["pictures"]
    assert featured["alt_text"] and featured["caption"] == "The old bridge"
    assert featured["credit"] == "Jo Lens"
    assert update_picture["credit"] == "Al Cam"
    renditions = featured["renditions"]
    assert {r["format"] for r in renditions} == {"webp", "jpeg"}
    assert all(r["url"].startswith("http://testserver/media/renditions/") for r in renditions)
    assert [r["width"] for r in renditions] == sorted(r["width"] for r in renditions)
    assert [c["text"] for c in found["corrections"]] == ["The span is 1.2 km, not 2.1 km."]
    assert found["corrections"][0]["kind"] == "correction"
    assert [u["text"] for u in found["live_updates"]] == ["Tenders open."]
    assert found["live_coverage"]["ends_at"] is None
    assert found["url"] == "http://testserver/city/bridge/"


def test_an_unknown_story_is_a_404_with_a_reason(api):
    response = api("stories/999999")
    assert response.status_code == 404
    assert response.json()["detail"]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("section=city", ["City story"]),
        ("section=nowhere", []),
        ("tag=ferries", ["World story, old"]),
        ("author=pat", ["City story", "World story, old"]),
        ("date=2025-11-02", ["World story, old"]),
        ("section=world&tag=ferries", ["World story, old"]),
    ],
)
def test_filters(api, query, expected):
    """Section, topic, byline and day narrow the list; an unknown value gives an empty one."""
    pat = AuthorFactory(name="Pat", slug="pat")
    ArticleFactory(headline="City story", section=SectionFactory(name="City"), authors=[pat])
    ArticleFactory(
        headline="World story, old",
        authors=[pat],
        tags=["ferries"],
        published_at=datetime.datetime(2025, 11, 2, 9, 30, tzinfo=datetime.UTC),
    )
    ArticleFactory(headline="World story, other", tags=["trains"])
    assert sorted(headlines(api(f"stories?{query}"))) == sorted(expected)


def test_updated_since_finds_edits_publications_and_live_updates(api):
    """updated_since lists what changed after the moment: an edit, a scheduled story that came
    out by itself, a live update; not what stayed as it was."""
    long_ago = timezone.now() - datetime.timedelta(days=3)
    edited = ArticleFactory(headline="Edited", published_at=long_ago)
    ArticleFactory(headline="Untouched", published_at=long_ago)
    live = ArticleFactory(headline="Live", published_at=long_ago, live_coverage_start=long_ago)
    came_out = ArticleFactory(headline="Came out", scheduled=True)
    Article.objects.filter(pk__in=[edited.pk, live.pk, came_out.pk]).update(updated_at=long_ago)
    Article.objects.filter(headline="Untouched").update(updated_at=long_ago)
    since = timezone.now()
    Article.objects.filter(pk=edited.pk).update(updated_at=since + datetime.timedelta(minutes=1))
    LiveUpdateFactory(article=live, posted_at=since + datetime.timedelta(minutes=2))
    Article.objects.filter(pk=came_out.pk).update(published_at=since)
    response = api(f"stories?{urlencode({'updated_since': since.isoformat()})}")
    assert sorted(headlines(response)) == ["Came out", "Edited", "Live"]


def test_the_cursor_pages_through_every_story_once_newest_first(api):
    """limit=2 over five stories (two at the same second): three pages, no story twice."""
    moment = timezone.now() - datetime.timedelta(hours=2)
    for n in range(5):
        ArticleFactory(
            headline=f"Story {n}",
            published_at=moment + datetime.timedelta(minutes=0 if n < 2 else n),
        )
    seen, address, pages = [], "stories?limit=2", 0
    while address:
        answer = api(address).json()
        seen += [story["headline"] for story in answer["results"]]
        address, pages = answer["next"], pages + 1
    assert pages == 3
    assert seen == ["Story 4", "Story 3", "Story 2", "Story 1", "Story 0"]


@pytest.mark.parametrize("cursor", ["garbage", "W10", "WyJ4IiwgMV0", "Wzld"])
def test_a_made_up_cursor_is_refused_with_a_reason(api, cursor):
    ArticleFactory()
    response = api(f"stories?cursor={cursor}")
    assert response.status_code == 400
    assert "cursor" in response.json()["detail"]


@pytest.mark.parametrize("query", ["limit=0", "limit=101", "date=2025-13-01", "updated_since=x"])
def test_bad_parameters_are_refused_not_a_500(api, query):
    assert api(f"stories?{query}").status_code == 422


def test_search_finds_published_stories_best_first(api):
    ArticleFactory(headline="Ferry strike ends", body="<p>Boats run again.</p>")
    ArticleFactory(headline="Budget", body="<p>The ferry subsidy grows.</p>")
    ArticleFactory(headline="Ferry strike draft", draft=True)
    assert headlines(api("search?q=ferry")) == ["Ferry strike ends", "Budget"]
    assert headlines(api("search?q=ferry&section=nowhere")) == []
    assert api("search?q=the").status_code == 400
    assert api("search").status_code == 422


def test_search_pages_with_its_cursor(api):
    for n in range(3):
        ArticleFactory(headline=f"Harbour {n}")
    first = api("search?q=harbour&limit=2").json()
    second = api(first["next"]).json()
    assert len(first["results"]) == 2 and len(second["results"]) == 1
    assert second["next"] is None
    shown = {s["id"] for s in first["results"]} | {s["id"] for s in second["results"]}
    assert len(shown) == 3


def test_a_gallery_reaches_partners_as_plain_pictures_listed_with_the_others(api):
    """The body's gallery becomes its pictures (absolute addresses, captions and credits), and
    each picture is also in `pictures` with its renditions."""
    harbour = ImageFactory(small=True, alt_text="Cranes at dawn", caption="The harbour.")
    ferry = ImageFactory(small=True, alt_text="A ferry leaving", credit="Ana Lee")
    story = ArticleFactory(
        body=f'<p>Lead.</p><figure class="gallery" data-pictures="{harbour.pk} {ferry.pk}">'
        "</figure>"
    )
    found = api(f"stories/{story.pk}").json()
    assert "data-pictures" not in found["body_html"]
    assert 'alt="Cranes at dawn"' in found["body_html"]
    assert 'src="http://testserver/media/renditions/' in found["body_html"]
    assert "Photo: Ana Lee" in found["body_html"]
    assert [p["alt_text"] for p in found["pictures"]][-2:] == ["Cranes at dawn", "A ferry leaving"]
