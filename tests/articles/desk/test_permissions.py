"""The permissions matrix: each role by each action, through the admin's own views."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from articles.models import Article
from comments.models import Comment
from tests.comments.factories import CommentFactory
from tests.factories import ArticleFactory, AuthorFactory, SectionFactory, UserFactory
from tests.helpers import admin_form_data, client_for

pytestmark = pytest.mark.django_db

ACTIONS = (
    "create", "edit own draft", "edit other's draft", "edit published", "publish", "schedule",
    "unpublish", "delete", "moderate comment",
)  # fmt: skip
MATRIX = {
    "Reporter": (True, True, False, False, False, False, False, False, False),
    "Editor": (True, True, True, True, True, True, True, True, True),
    "Moderator": (False, False, False, False, False, False, False, False, True),
}
CASES = [
    (role, action, allowed)
    for role, cells in MATRIX.items()
    for action, allowed in zip(ACTIONS, cells, strict=True)
]


@pytest.fixture
def people(reporter, editor, moderator):
    return {"Reporter": reporter, "Editor": editor, "Moderator": moderator}


def change_url(article):
    return reverse("admin:articles_article_change", args=[article.pk])


def post_change(user, editor, article, **changes):
    """Post the article's change form as `user`, with the form data an editor's browser has."""
    data = admin_form_data(client_for(editor), change_url(article))
    data.update(changes)
    return client_for(user).post(change_url(article), data)


def draft_of(user):
    return ArticleFactory(draft=True, created_by=user, headline="Original headline")


def do_create(user, editor):
    data = admin_form_data(client_for(editor), reverse("admin:articles_article_add"))
    data.update(
        headline="A brand new story",
        slug="a-brand-new-story",
        section=str(SectionFactory(name="World", slug="world").pk),
        **{
            "articleauthor_set-TOTAL_FORMS": "1",
            "articleauthor_set-0-author": str(AuthorFactory().pk),
            "articleauthor_set-0-position": "0",
        },
    )
    client_for(user).post(reverse("admin:articles_article_add"), data)
    return Article.objects.filter(slug="a-brand-new-story").exists()


def do_edit(user, editor, article):
    post_change(user, editor, article, headline="Edited headline")
    article.refresh_from_db()
    return article.headline == "Edited headline"


def do_transition(user, editor, name, **changes):
    article = draft_of(user)
    post_change(user, editor, article, _transition=name, **changes)
    article.refresh_from_db()
    return article.status == Article.Status.PUBLISHED


def do_unpublish(user, editor):
    article = ArticleFactory(created_by=user)
    client_for(user).post(
        reverse("admin:articles_article_changelist"),
        {"action": "unpublish_selected", "_selected_action": [article.pk]},
    )
    article.refresh_from_db()
    return article.status == Article.Status.UNPUBLISHED


def do_delete(user, editor):
    article = draft_of(user)
    client_for(user).post(
        reverse("admin:articles_article_delete", args=[article.pk]), {"post": "yes"}
    )
    return not Article.objects.filter(pk=article.pk).exists()


def do_moderate(user, editor):
    comment = CommentFactory(status=Comment.Status.PENDING)
    client_for(user).post(reverse("admin:comments_comment_moderate", args=[comment.pk, "approve"]))
    comment.refresh_from_db()
    return comment.status == Comment.Status.APPROVED


def perform(action, user, editor):
    later = timezone.localtime() + datetime.timedelta(days=2)
    match action:
        case "create":
            return do_create(user, editor)
        case "edit own draft":
            return do_edit(user, editor, draft_of(user))
        case "edit other's draft":
            return do_edit(user, editor, draft_of(UserFactory(username="someone-else")))
        case "edit published":
            return do_edit(user, editor, ArticleFactory(created_by=user))
        case "publish":
            return do_transition(user, editor, "publish")
        case "schedule":
            return do_transition(
                user,
                editor,
                "schedule",
                published_at_0=later.strftime("%Y-%m-%d"),
                published_at_1=later.strftime("%H:%M:%S"),
            )
        case "unpublish":
            return do_unpublish(user, editor)
        case "delete":
            return do_delete(user, editor)
        case "moderate comment":
            return do_moderate(user, editor)


@pytest.mark.parametrize("role, action, allowed", CASES)
@pytest.mark.usefixtures("publishing_checks_off")
def test_role_may_do_exactly_what_the_matrix_says(people, editor, role, action, allowed):
    """Each cell: the action succeeds through the admin for allowed roles, and changes nothing
    for the others."""
    assert perform(action, people[role], editor) is allowed


def test_reporter_crafted_publish_post_is_refused_and_nothing_changes(reporter, editor):
    """A reporter who posts status=published and a publish button by hand changes nothing."""
    article = draft_of(reporter)
    response = post_change(
        reporter,
        editor,
        article,
        headline="Sneaky new headline",
        status="published",
        published_at_0="2020-01-01",
        published_at_1="10:00:00",
        _transition="publish",
    )
    assert response.status_code == 200
    assert "You cannot do that to this article" in response.content.decode()
    article.refresh_from_db()
    assert (article.status, article.headline, article.published_at) == (
        Article.Status.DRAFT,
        "Original headline",
        None,
    )


def test_reporter_posting_status_field_alone_does_not_change_status(reporter, editor):
    """The status is not a form field: a crafted status value is ignored."""
    article = draft_of(reporter)
    post_change(reporter, editor, article, status="published")
    article.refresh_from_db()
    assert article.status == Article.Status.DRAFT


def test_reporter_sees_no_publish_buttons_or_publication_time_field(reporter):
    """The admin hides what a reporter may not do."""
    article = draft_of(reporter)
    html = client_for(reporter).get(change_url(article)).content.decode()
    assert 'value="submit"' in html
    assert 'value="publish"' not in html and 'value="schedule"' not in html
    assert 'name="published_at_0"' not in html


def test_reporter_sees_no_bulk_publish_actions(reporter):
    """The Publish now and Unpublish actions are for editors only."""
    html = client_for(reporter).get(reverse("admin:articles_article_changelist")).content.decode()
    assert "publish_selected" not in html and "unpublish_selected" not in html


def test_moderator_cannot_open_the_articles_admin(moderator):
    """A moderator's admin has no articles in it."""
    response = client_for(moderator).get(reverse("admin:articles_article_changelist"))
    assert response.status_code == 403


def test_reporter_crafted_bulk_publish_is_refused(reporter):
    """Posting the editors' "Publish now" action by hand leaves a reporter's draft a draft."""
    article = draft_of(reporter)
    client_for(reporter).post(
        reverse("admin:articles_article_changelist"),
        {"action": "publish_selected", "_selected_action": [article.pk]},
    )
    article.refresh_from_db()
    assert (article.status, article.published_at) == (Article.Status.DRAFT, None)


def test_reporter_cannot_restore_a_revision_by_posting_to_it(reporter, editor):
    """Restoring is for editors: a reporter's POST to the restore address changes nothing."""
    article = draft_of(reporter)
    post_change(editor, editor, article, headline="Newer headline")
    oldest = article.history.last()
    response = client_for(reporter).post(
        reverse("admin:articles_article_restore", args=[article.pk, oldest.pk])
    )
    assert response.status_code == 403
    article.refresh_from_db()
    assert article.headline == "Newer headline"
