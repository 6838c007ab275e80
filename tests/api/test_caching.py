"""Answers are kept by the one cache like pages: an ETag, 304s, a handful of queries built,
none kept, and stale the moment what they show changes."""

import pytest

from tests.factories import ArticleFactory, AuthorFactory, CorrectionFactory, SectionFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def twenty(committed):
    with committed():
        section = SectionFactory(name="City", slug="city")
        author = AuthorFactory(name="Pat", slug="pat")
        stories = [
            ArticleFactory(section=section, authors=[author], tags=["ferries", f"t{n}"])
            for n in range(20)
        ]
    return stories


def test_an_answer_has_an_etag_and_answers_304_when_unchanged(api, twenty):
    first = api("stories")
    etag = first["ETag"]
    assert etag and first["Cache-Control"] == "private, no-cache"
    again = api("stories", HTTP_IF_NONE_MATCH=etag)
    assert again.status_code == 304 and again["ETag"] == etag
    assert api("stories", HTTP_IF_NONE_MATCH='"other"').status_code == 200


def test_twenty_stories_in_four_queries_built_and_none_kept(
    api, redis_state, twenty, django_assert_max_num_queries, django_assert_num_queries
):
    """With the cache's state in Redis, as in production: a list of 20 stories built afresh
    costs at most 4 queries (the stories, bylines, topics and the key), kept none."""
    api("sections")  # the key's check, kept like any piece
    with django_assert_max_num_queries(4):
        first = api("stories?limit=20")
    assert len(first.json()["results"]) == 20
    with django_assert_num_queries(0):
        again = api("stories?limit=20")
    assert again.content == first.content


def test_each_change_shows_on_the_next_request(api, twenty, committed):
    """The same writes that make pages stale make answers stale: an edit, a byline renamed,
    a correction, an unpublication."""
    story = twenty[0]
    api("stories")
    api(f"stories/{story.pk}")
    with committed():
        story.headline = "Ferry returns"
        story.save()
    listed = {s["id"]: s["headline"] for s in api("stories").json()["results"]}
    assert listed[story.pk] == "Ferry returns"
    with committed():
        AuthorFactory._meta.model.objects.filter(slug="pat").update(name="Patricia")
    assert api(f"stories/{story.pk}").json()["bylines"][0]["name"] == "Patricia"
    with committed():
        CorrectionFactory(article=story, text="The ferry is blue.")
    assert api(f"stories/{story.pk}").json()["corrections"][0]["text"] == "The ferry is blue."
    with committed():
        story.status = story.Status.UNPUBLISHED
        story.save()
    assert api(f"stories/{story.pk}").status_code == 404
    assert story.pk not in [s["id"] for s in api("stories").json()["results"]]


def test_a_new_section_or_byline_shows_in_the_kept_lists_at_once(api):
    """A list kept before a section or byline was created names it on the next request."""
    SectionFactory(name="City", slug="city")
    AuthorFactory(name="Pat", slug="pat")
    for name in ("sections", "authors"):
        api(name)
    SectionFactory(name="Sport", slug="sport")
    AuthorFactory(name="Kim", slug="kim")
    assert [s["slug"] for s in api("sections").json()["results"]] == ["city", "sport"]
    assert [a["slug"] for a in api("authors").json()["results"]] == ["kim", "pat"]
