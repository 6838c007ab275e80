"""A story corrected hundreds of times still saves from its admin form (the staff field limit)."""

from urllib.parse import urlencode

import pytest
from bs4 import BeautifulSoup
from django.utils import timezone

from articles.models import Correction, LiveUpdate
from tests.factories import ArticleFactory
from tests.helpers import admin_form_data, client_for, reply_form_data

pytestmark = [pytest.mark.django_db, pytest.mark.slow]
URLENCODED = "application/x-www-form-urlencoded"


def test_a_story_with_500_corrections_and_500_live_updates_saves(editor):
    article = ArticleFactory(live_coverage_start=timezone.now())
    now = timezone.now()
    Correction.objects.bulk_create(
        Correction(
            article=article,
            text=f"Correction number {n}: the figure was {n}, not {n + 1}.",
            status=Correction.Status.PUBLISHED,
            published_at=now,
        )
        for n in range(500)
    )
    LiveUpdate.objects.bulk_create(
        LiveUpdate(article=article, text=f"Update {n}", posted_at=now) for n in range(500)
    )
    client = client_for(editor)
    url = f"/admin/articles/article/{article.pk}/change/"
    data = admin_form_data(client, url)
    assert len(data) > 4000  # past Django's 1,000 fields
    first = Correction.objects.order_by("pk").first()
    # The correction's row: its id field, beside its text (a live update may share the number).
    [prefix] = [
        key.removesuffix("-id")
        for key, value in data.items()
        if key.endswith("-id")
        and value == str(first.pk)
        and (data.get(key.removesuffix("-id") + "-text") or "").strip() == first.text
    ]
    data[f"{prefix}-text"] = "Correction number 0: the figure was zero."
    data["headline"] = "A story corrected five hundred times"
    # As the browser sends it: the story's form has no file field, so it is urlencoded.
    page = BeautifulSoup(client.get(url).content, "html.parser")
    assert not page.find("form", id="article_form").get("enctype")
    response = client.post(url, urlencode(data, doseq=True), content_type=URLENCODED)
    assert response.status_code == 302, response.content[:2000]
    article.refresh_from_db()
    assert article.headline == "A story corrected five hundred times"
    assert article.corrections.count() == 500
    assert article.live_updates.count() == 500
    first.refresh_from_db()
    assert first.text == "Correction number 0: the figure was zero."


def test_readers_forms_keep_djangos_limit_on_fields(client, article):
    """The larger limit is for staff in the admin alone: a reader's post of 1,001 is a 400."""
    data = {**reply_form_data(article), **{f"extra{n}": "x" for n in range(1001)}}
    response = client.post("/comments/post/", data)
    assert response.status_code == 400


def test_staff_past_the_larger_limit_get_a_400(editor, article):
    client = client_for(editor)
    data = urlencode({f"field{n}": "x" for n in range(20_001)})
    url = f"/admin/articles/article/{article.pk}/change/"
    response = client.post(url, data, content_type=URLENCODED)
    assert response.status_code == 400
