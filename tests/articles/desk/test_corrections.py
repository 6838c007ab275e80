"""Corrections in the admin, role by role: reporters draft, editors publish and remove, and
every publication and removal is on record."""

import pytest
from bs4 import BeautifulSoup
from django.contrib.admin.models import LogEntry
from django.urls import reverse

from articles.models import Correction
from tests.factories import ArticleFactory, CorrectionFactory
from tests.helpers import admin_form_data, client_for

pytestmark = pytest.mark.django_db

ADD_URL = reverse("admin:articles_correction_add")


def change_url(obj):
    return reverse(f"admin:articles_{obj._meta.model_name}_change", args=[obj.pk])


def delete_url(correction):
    return reverse("admin:articles_correction_delete", args=[correction.pk])


def history_messages(article):
    return [entry.get_change_message() for entry in LogEntry.objects.filter(object_id=article.pk)]


def correction_data(article, **overrides):
    return {
        "article": str(article.pk),
        "kind": "correction",
        "placement": "end",
        "text": "The bridge is 1.2 km long, not 12 km.",
        "status": "published",
        "published_at_0": "",
        "published_at_1": "",
        **overrides,
    }


def test_an_editor_adds_and_publishes_a_correction_in_the_article_form(editor, article):
    """The change form's inline: the note is saved, published, and in the story's history."""
    client = client_for(editor)
    data = admin_form_data(client, change_url(article))
    data.update(
        {
            "corrections-TOTAL_FORMS": "1",
            "corrections-0-kind": "correction",
            "corrections-0-placement": "top",
            "corrections-0-text": "The bridge is 1.2 km long, not 12 km.",
            "corrections-0-status": "published",
        }
    )
    response = client.post(change_url(article), data)
    assert response.status_code == 302, response.context["errors"]
    correction = article.corrections.get()
    assert correction.is_published()
    assert correction.created_by == editor
    assert correction.history.first().history_user == editor
    assert "Published correction: The bridge is 1.2 km long, not 12 km." in history_messages(
        article
    )
    assert "1.2 km" in client.get(article.get_absolute_url()).content.decode()


def test_a_reporter_drafts_a_correction_but_cannot_publish_it(reporter, article):
    """A reporter's “Published” is not theirs to choose: the note stays a draft."""
    client = client_for(reporter)
    form = client.get(f"{ADD_URL}?article={article.pk}")
    assert form.status_code == 200
    assert 'name="status"' not in form.content.decode()
    response = client.post(ADD_URL, correction_data(article))
    assert response.status_code == 302
    correction = Correction.objects.get()
    assert correction.status == Correction.Status.DRAFT
    assert correction.created_by == reporter
    assert "1.2 km" not in client.get(article.get_absolute_url()).content.decode()


def test_the_article_form_offers_reporters_a_draft_correction_link(reporter, article):
    """A reporter cannot change a published story, so its form links to a new draft."""
    page = client_for(reporter).get(change_url(article)).content.decode()
    assert f"{ADD_URL}?article={article.pk}" in page


def test_an_editor_publishes_a_reporters_draft(editor, reporter, article):
    draft = CorrectionFactory(article=article, draft=True, created_by=reporter)
    client = client_for(editor)
    response = client.post(
        reverse("admin:articles_correction_changelist"),
        {"action": "publish_selected", "_selected_action": [draft.pk]},
    )
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.is_published()
    assert any(m.startswith("Published correction") for m in history_messages(article))


def test_a_reporter_edits_their_draft_but_not_a_published_correction(reporter, article):
    draft = CorrectionFactory(article=article, draft=True, created_by=reporter)
    published = CorrectionFactory(article=article, created_by=reporter)
    client = client_for(reporter)
    response = client.post(change_url(draft), correction_data(article, text="Better wording."))
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.text == "Better wording."
    response = client.post(change_url(published), correction_data(article, text="Rewritten."))
    assert response.status_code == 403
    published.refresh_from_db()
    assert published.text != "Rewritten."


def test_only_editors_remove_a_correction_and_the_removal_is_recorded(editor, reporter, article):
    correction = CorrectionFactory(article=article, created_by=reporter)
    assert client_for(reporter).post(delete_url(correction), {"post": "yes"}).status_code == 403
    assert Correction.objects.filter(pk=correction.pk).exists()

    response = client_for(editor).post(delete_url(correction), {"post": "yes"})
    assert response.status_code == 302
    assert not Correction.objects.filter(pk=correction.pk).exists()
    assert any(m.startswith("Removed correction") for m in history_messages(article))
    removal = Correction.history.filter(id=correction.pk).first()
    assert removal.history_type == "-"
    assert removal.history_user == editor


def test_an_editor_removing_one_in_the_article_form_leaves_a_record(editor, article):
    correction = CorrectionFactory(article=article)
    client = client_for(editor)
    data = admin_form_data(client, change_url(article))
    data["corrections-0-DELETE"] = "on"
    assert client.post(change_url(article), data).status_code == 302
    assert not article.corrections.exists()
    assert any(m.startswith("Removed correction") for m in history_messages(article))
    assert Correction.history.filter(id=correction.pk, history_type="-").exists()


def test_reporters_do_not_get_the_inline_delete_box(reporter):
    article = ArticleFactory(draft=True, created_by=reporter)
    CorrectionFactory(article=article, draft=True)
    page = client_for(reporter).get(change_url(article)).content.decode()
    assert "corrections-0-DELETE" not in page


def test_moderators_have_no_corrections(moderator, article):
    correction = CorrectionFactory(article=article)
    client = client_for(moderator)
    assert client.get(ADD_URL).status_code == 403
    assert client.get(change_url(correction)).status_code == 403


def test_a_correction_time_in_the_future_is_refused_with_the_text_kept(editor, article):
    client = client_for(editor)
    data = correction_data(article, published_at_0="2999-01-01", published_at_1="10:00:00")
    response = client.post(ADD_URL, data)
    assert response.status_code == 200
    assert "in the future" in response.content.decode()
    assert "The bridge is 1.2 km long, not 12 km." in response.content.decode()
    assert not Correction.objects.exists()


def test_a_published_correction_cannot_be_taken_back_to_draft(editor, article):
    """Append-only for readers: once out, a note changes wording but never quietly vanishes."""
    correction = CorrectionFactory(article=article)
    response = client_for(editor).post(
        change_url(correction), correction_data(article, status="draft")
    )
    assert response.status_code == 200
    assert "stays published" in response.content.decode()
    correction.refresh_from_db()
    assert correction.is_published()


def test_an_editors_new_correction_is_published_unless_they_choose_draft(editor, article):
    """The add page and the article form's blank row start at "Published" for an editor."""
    client = client_for(editor)
    for url, name in ((f"{ADD_URL}?article={article.pk}", "status"),
                      (change_url(article), "corrections-__prefix__-status")):  # fmt: skip
        soup = BeautifulSoup(client.get(url).content, "html.parser")
        chosen = soup.find("select", {"name": name}).find("option", selected=True)
        assert chosen["value"] == "published", url
    rows = BeautifulSoup(client.get(change_url(article)).content, "html.parser").select(
        "#corrections-group .inline-related:not(.empty-form)"
    )
    # No blank correction waits in every story form: "Add another" adds one row at a time.
    assert rows == []
