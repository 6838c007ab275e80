"""Sections, bylines and topics: their fields, their order, and topics only of published
stories."""

import pytest

from tests.factories import ArticleFactory, AuthorFactory, ImageFactory, SectionFactory

pytestmark = pytest.mark.django_db


def test_sections_in_the_sites_order_with_their_fields(api):
    SectionFactory(name="World", slug="world", position=2, description="Abroad.")
    SectionFactory(name="City", slug="city", position=1, show_in_navigation=False)
    found = api("sections").json()["results"]
    assert [s["slug"] for s in found] == ["city", "world"]
    assert found[1] == {
        "id": found[1]["id"],
        "name": "World",
        "slug": "world",
        "description": "Abroad.",
        "position": 2,
        "in_navigation": True,
        "url": "http://testserver/world/",
    }
    assert found[0]["in_navigation"] is False


def test_bylines_with_their_photo_by_slug_a_page_at_a_time(api):
    AuthorFactory(name="Zoe", slug="zoe", job_title="Courts", photo=ImageFactory(small=True))
    for slug in ("amy", "bob"):
        AuthorFactory(name=slug.title(), slug=slug)
    first = api("authors?limit=2").json()
    assert [a["slug"] for a in first["results"]] == ["amy", "bob"]
    rest = api(first["next"]).json()
    assert [a["slug"] for a in rest["results"]] == ["zoe"]
    assert rest["next"] is None
    zoe = rest["results"][0]
    assert zoe["job_title"] == "Courts" and zoe["url"] == "http://testserver/author/zoe/"
    assert zoe["photo"]["renditions"]


def test_topics_only_of_published_stories(api):
    """A topic only a draft uses would announce the story before it is out."""
    ArticleFactory(tags=["ferries", "harbour"])
    ArticleFactory(tags=["merger-talks"], draft=True)
    ArticleFactory(tags=["secret-deal"], scheduled=True)
    found = api("tags").json()["results"]
    assert [t["slug"] for t in found] == ["ferries", "harbour"]
    assert found[0]["url"] == "http://testserver/tag/ferries/"
