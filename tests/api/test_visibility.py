"""Nothing readers cannot see ever leaves the API: no draft, story in review, scheduled story
before its time, unpublished story, draft correction, autosaved text, preview link or
internal field, through any endpoint, with any filter that names it. The endpoints come from
the OpenAPI schema, so a new one is checked without editing this test."""

import datetime
from urllib.parse import urlencode

import pytest
from django.utils import timezone

from articles.desk import preview
from articles.models import Autosave
from newsroom.api.endpoints import api as content_api
from tests.factories import (
    ArticleFactory,
    AuthorFactory,
    CorrectionFactory,
    LiveUpdateFactory,
    SectionFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

SECRET = "zebracrossing"


@pytest.fixture
def hidden():
    """A published story beside hidden ones, each carrying the secret word in every field."""
    insider = UserFactory(username="insider", email=f"{SECRET}@example.com")
    section = SectionFactory(name="World", slug="world")
    out = ArticleFactory(
        headline="Harbour reopens", section=section, tags=["harbour"], created_by=insider
    )
    stories = {
        state: ArticleFactory(
            headline=f"{SECRET} {state} headline",
            slug=f"{SECRET}-{state}",
            dek=f"{SECRET} dek",
            body=f"<p>{SECRET} body harbour</p>",
            excerpt=f"{SECRET} excerpt",
            section=section,
            authors=[AuthorFactory(name="Pat", slug=f"pat-{state}")],
            tags=[f"{SECRET}-{state}"],
            **traits,
        )
        for state, traits in {
            "draft": {"draft": True},
            "review": {"in_review": True},
            "scheduled": {"scheduled": True},
            "unpublished": {"unpublished": True},
        }.items()
    }
    LiveUpdateFactory(article=stories["scheduled"], text=f"{SECRET} live update")
    CorrectionFactory(article=out, text=f"{SECRET} draft correction", draft=True)
    CorrectionFactory(
        article=out,
        text=f"{SECRET} correction to come",
        published_at=timezone.now() + datetime.timedelta(hours=1),
    )
    Autosave.objects.create(
        user=insider,
        article=out,
        key=f"article-{out.pk}",
        data={"headline": f"{SECRET} autosaved headline"},
        saved_at=timezone.now(),
    )
    link = preview.create_link(stories["draft"], insider)
    out.seo_title, out.planned_for = "Harbour", timezone.localdate()
    out.save()
    return out, stories, link


def addresses(out, stories):
    """Every GET of the schema, filled with the hidden stories' ids, slugs and words."""
    schema = content_api.get_openapi_schema(path_prefix="/api/v1")
    hidden_ids = [str(story.pk) for story in stories.values()]
    queries = [
        {},
        {"section": "world"},
        {"tag": f"{SECRET}-draft"},
        {"author": "pat-scheduled"},
        {"q": SECRET},
        {"q": "harbour"},
        {"updated_since": (timezone.now() - datetime.timedelta(days=30)).isoformat()},
        {"date": timezone.localdate().isoformat()},
    ]
    for path, methods in schema["paths"].items():
        assert list(methods) == ["get"], f"{path}: the API is read-only"
        names = {p["name"] for p in methods["get"].get("parameters", []) if p["in"] == "query"}
        ids = [*hidden_ids, str(out.pk)] if "{story_id}" in path else [None]
        for story_id in ids:
            address = path.replace("{story_id}", story_id) if story_id else path
            for query in queries:
                usable = {name: value for name, value in query.items() if name in names}
                if "q" in names and "q" not in usable:
                    usable["q"] = "harbour"
                yield f"{address}?{urlencode(usable)}" if usable else address


def test_nothing_hidden_leaves_any_endpoint(api, hidden):
    out, stories, link = hidden
    visited = 0
    for address in addresses(out, stories):
        response = api(address)
        assert response.status_code in (200, 404), (address, response.content)
        text = response.content.decode()
        for secret in (SECRET, link.key, "seo_title", "planned_for", "created_by", "status"):
            assert secret not in text, (address, secret)
        visited += 1
    assert visited > 30
    found = api(f"stories/{out.pk}").json()
    assert found["headline"] == "Harbour reopens"
    assert found["corrections"] == []
    for story in stories.values():
        assert api(f"stories/{story.pk}").status_code == 404
