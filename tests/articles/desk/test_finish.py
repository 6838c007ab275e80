"""How the story form ends: one primary action for the person's role and the story's state,
the few beside it, the rest under "More actions"; all plain buttons, so it works without
JavaScript, and Enter in a text box saves, never publishes."""

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse

from articles.desk import workflow
from articles.models import Article
from tests.factories import ArticleFactory
from tests.helpers import admin_form_data, client_for

pytestmark = pytest.mark.django_db

NEW, DRAFT, REVIEW, SCHEDULED, LIVE, UNPUBLISHED = (
    "new", "draft", "review", "scheduled", "live", "unpublished"
)  # fmt: skip


def story(state, owner):
    if state == NEW:
        return Article()
    traits = {
        DRAFT: {"draft": True},
        REVIEW: {"in_review": True},
        SCHEDULED: {"scheduled": True},
        LIVE: {},
        UNPUBLISHED: {"unpublished": True},
    }[state]
    return ArticleFactory(created_by=owner, **traits)


@pytest.mark.parametrize(
    ("state", "primary", "beside", "more"),
    [
        (NEW, "Submit for review", ["Save draft", "Preview"], []),
        (DRAFT, "Submit for review", ["Save draft", "Preview changes"], []),
        (REVIEW, "Save", ["Back to draft", "Preview changes"], []),
    ],
)
def test_a_reporter_finishes_by_submitting_and_saves_beside_it(
    reporter, state, primary, beside, more
):
    finish = workflow.finish(reporter, story(state, reporter))
    assert finish.primary.label == primary
    assert [action.label for action in finish.beside] == beside
    assert [action.label for action in finish.more] == more


@pytest.mark.parametrize(
    ("state", "primary", "beside", "more"),
    [
        (NEW, "Publish now", ["Schedule", "Save draft", "Preview"], ["Submit for review"]),
        (
            DRAFT,
            "Publish now",
            ["Schedule", "Save draft", "Preview changes"],
            ["Submit for review"],
        ),
        (REVIEW, "Publish now", ["Schedule", "Save", "Preview changes"], ["Back to draft"]),
        (SCHEDULED, "Save changes", ["Publish now", "Preview changes"], ["Unpublish"]),
        (LIVE, "Save changes", ["Preview changes"], ["Unpublish"]),
        (
            UNPUBLISHED,
            "Publish now",
            ["Schedule", "Save draft", "Preview changes"],
            ["Submit for review"],
        ),
    ],
)
def test_an_editor_finishes_by_publishing_or_saving_a_story_already_out(
    editor, state, primary, beside, more
):
    finish = workflow.finish(editor, story(state, editor))
    assert finish.primary.label == primary
    assert [action.label for action in finish.beside] == beside
    assert [action.label for action in finish.more] == more


def test_a_reporter_has_no_actions_on_a_published_story(reporter):
    assert workflow.finish(reporter, story(LIVE, reporter)) is None


def buttons(response):
    soup = BeautifulSoup(response.content, "html.parser")
    return soup.select_one(".finish"), [
        (button["name"], button["value"], button.get_text(strip=True))
        for button in soup.select("#article_form button[type=submit]")
    ]


def test_the_form_ends_with_one_primary_and_enter_saves(editor):
    """The first submit button of the form, which Enter presses, saves and stays; the primary
    is marked as such; Django's own Save row is gone; Delete is under More actions."""
    article = ArticleFactory(draft=True)
    response = client_for(editor).get(reverse("admin:articles_article_change", args=[article.pk]))
    finish, sent = buttons(response)
    assert sent[0] == ("_continue", "1", "Save")
    assert finish.select_one(".finish__default")["aria-hidden"] == "true"
    primaries = finish.select(".finish__button--primary")
    assert [button.get_text(strip=True) for button in primaries] == ["Publish now"]
    assert finish.select_one(".finish__more summary").get_text(strip=True) == "More actions"
    assert finish.select_one(".finish__more a").get_text(strip=True) == "Delete…"
    assert response.content.decode().count('name="_save"') == 0
    assert "Save and add another" not in response.content.decode()


def test_save_draft_keeps_the_story_a_draft_and_stays_on_the_form(reporter):
    article = ArticleFactory(draft=True, created_by=reporter)
    url = reverse("admin:articles_article_change", args=[article.pk])
    client = client_for(reporter)
    data = admin_form_data(client, url)
    data.update(headline="Harbour plan approved", _continue="1")
    response = client.post(url, data)
    assert response.status_code == 302 and response["Location"] == url
    article.refresh_from_db()
    assert (article.headline, article.status) == ("Harbour plan approved", Article.Status.DRAFT)
