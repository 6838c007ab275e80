import json

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth.models import Permission
from django.test import Client

from comments.models import Comment, ModerationSettings
from tests.comments.factories import CommentFactory
from tests.comments.test_thread import HOSTILE, active_content
from tests.factories import ArticleFactory, UserFactory

pytestmark = pytest.mark.django_db

QUEUE = "/admin/comments/comment/"


def soup(response):
    return BeautifulSoup(response.content, "html.parser")


def row_ids(page):
    return [int(box["value"]) for box in page.select("input[name=_selected_action]")]


def test_the_queue_opens_on_pending_comments_newest_first(moderator_client, article):
    """Pending only, newest first, with a count beside every status."""
    older = CommentFactory(article=article, status="pending")
    newer = CommentFactory(article=article, status="pending")
    CommentFactory(article=article, status="approved")
    CommentFactory.create_batch(2, article=article, status="spam")
    page = soup(moderator_client.get(QUEUE))
    assert row_ids(page) == [newer.pk, older.pk]
    filters = [a.get_text(strip=True) for a in page.select("#changelist-filter a")]
    for label in ("Pending (2)", "Approved (1)", "Spam (2)", "Trash (0)", "All (5)"):
        assert label in filters
    selected = page.select_one("#changelist-filter li.selected a").get_text(strip=True)
    assert selected == "Pending (2)"


def test_each_row_shows_text_author_email_ip_article_and_reasons(moderator_client, article):
    """What a moderator needs to judge a comment is on its row."""
    CommentFactory(
        article=article, status="pending", text="Is this spam?", author_name="Pat",
        author_email="pat@example.com", ip_address="192.0.2.9",
        moderation_reasons="Contains 3 links; comments with 2 or more are held.",
    )  # fmt: skip
    row = soup(moderator_client.get(QUEUE)).select_one("#result_list tbody tr")
    text = row.get_text(" ", strip=True)
    for expected in ("Is this spam?", "Pat", "pat@example.com", "192.0.2.9", article.headline,
                     "Contains 3 links"):  # fmt: skip
        assert expected in text
    assert row.select_one(f"a[href='{article.get_absolute_url()}']")


@pytest.mark.parametrize(
    "action, status",
    [("approve", "approved"), ("unapprove", "pending"), ("mark_spam", "spam"),
     ("trash", "trash")],
)  # fmt: skip
def test_bulk_actions_change_the_status(moderator_client, moderator, article, action, status):
    """Approve, unapprove, spam and trash work on many comments at once and record who."""
    comments = CommentFactory.create_batch(2, article=article, status="approved"
                                           if action == "unapprove" else "pending")  # fmt: skip
    response = moderator_client.post(
        f"{QUEUE}?status=all",
        {"action": action, "_selected_action": [c.pk for c in comments]},
    )
    assert response.status_code == 302
    for comment in comments:
        comment.refresh_from_db()
        assert comment.status == status
        assert comment.moderated_by == moderator
        assert comment.moderated_at


def test_delete_permanently_removes_the_rows(moderator_client, article):
    """The bulk delete, renamed for what it does, asks and then removes."""
    comments = CommentFactory.create_batch(2, article=article, status="spam")
    data = {"action": "delete_selected", "_selected_action": [c.pk for c in comments]}
    confirm = moderator_client.post(f"{QUEUE}?status=spam", data)
    assert confirm.status_code == 200
    moderator_client.post(f"{QUEUE}?status=spam", {**data, "post": "yes"})
    assert Comment.objects.count() == 0
    CommentFactory(article=article, status="pending")
    actions = soup(moderator_client.get(QUEUE)).select("select[name=action] option")
    assert "Delete permanently" in [option.get_text() for option in actions]


def test_a_row_button_approves_one_comment_and_it_appears_on_the_article(moderator_client, article):
    """Approve on a row: the comment is visible to readers at once."""
    comment = CommentFactory(article=article, status="pending", text="Hold then show me.")
    page = soup(moderator_client.get(QUEUE))
    button = page.select_one(f"button[aria-label='Approve comment {comment.pk}']")
    assert button.get_text() == "Approve"
    assert b"Hold then show me." not in Client().get(article.get_absolute_url()).content
    response = moderator_client.post(button["formaction"], HTTP_REFERER=f"http://testserver{QUEUE}")
    assert response.status_code == 302
    comment.refresh_from_db()
    assert comment.status == "approved"
    assert b"Hold then show me." in Client().get(article.get_absolute_url()).content


def test_row_buttons_need_post(moderator_client, article):
    """A link followed by accident changes nothing."""
    comment = CommentFactory(article=article, status="pending")
    response = moderator_client.get(f"{QUEUE}{comment.pk}/moderate/approve/")
    assert response.status_code == 405
    comment.refresh_from_db()
    assert comment.status == "pending"


def test_a_staff_member_without_change_permission_cannot_moderate(article):
    """Row buttons and bulk actions need comments.change_comment."""
    viewer = UserFactory(username="viewer", is_staff=True)
    viewer.user_permissions.add(Permission.objects.get(codename="view_comment"))
    client = Client()
    client.force_login(viewer)
    comment = CommentFactory(article=article, status="pending")
    page = soup(client.get(QUEUE))
    assert row_ids(page) == [] or not page.select("button.comment-action")
    assert client.post(f"{QUEUE}{comment.pk}/moderate/approve/").status_code == 403
    client.post(QUEUE, {"action": "approve", "_selected_action": [comment.pk]})
    comment.refresh_from_db()
    assert comment.status == "pending"


@pytest.mark.parametrize(
    "query, expected",
    [("Pat", True), ("pat@example.com", True), ("192.0.2.9", True), ("bridge tolls", True),
     ("nobody", False)],
)  # fmt: skip
def test_search_by_name_email_ip_and_text(moderator_client, article, query, expected):
    """The search box finds comments by name, email, IP address and text."""
    comment = CommentFactory(
        article=article, status="pending", author_name="Pat", author_email="pat@example.com",
        ip_address="192.0.2.9", text="The bridge tolls are too high.",
    )  # fmt: skip
    page = soup(moderator_client.get(QUEUE, {"q": query}))
    assert (comment.pk in row_ids(page)) is expected


def test_filter_by_article(moderator_client, article):
    """The article filter narrows the queue to one story."""
    mine = CommentFactory(article=article, status="pending")
    CommentFactory(article=ArticleFactory(), status="pending")
    page = soup(moderator_client.get(QUEUE, {"article__id__exact": article.pk}))
    assert row_ids(page) == [mine.pk]


@pytest.mark.parametrize("hostile", HOSTILE)
def test_hostile_input_leaves_nothing_active_in_the_admin(moderator_client, article, hostile):
    """The queue and the change form show commenters' markup as text."""
    baseline = active_content(soup(moderator_client.get(QUEUE)))
    comment = CommentFactory(
        article=article, status="pending", text=hostile, author_name=hostile,
        author_url="javascript:alert(1)",
    )  # fmt: skip
    queue = soup(moderator_client.get(QUEUE))
    assert active_content(queue) == baseline
    assert hostile in queue.get_text()
    change = moderator_client.get(f"{QUEUE}{comment.pk}/change/")
    assert change.status_code == 200
    assert not [
        found for found in active_content(soup(change)) if "javascript" in found or "[on" in found
    ]


def test_moderators_cannot_add_comments(moderator_client):
    """Comments come from readers only."""
    assert moderator_client.get(f"{QUEUE}add/").status_code == 403


def test_the_settings_page_is_one_row_that_staff_edit(moderator_client):
    """The settings list opens the single settings form; saving changes what load() reads."""
    response = moderator_client.get("/admin/comments/moderationsettings/")
    assert response.status_code == 302
    form_url = response["Location"]
    page = soup(moderator_client.get(form_url))
    data = {
        field["name"]: field.get("value", "")
        for field in page.select("form input[name]")
        if field.get("type") != "checkbox"
    }
    data.update(
        {name: tag.get_text() for name, tag in
         ((t["name"], t) for t in page.select("form textarea"))}
    )  # fmt: skip
    data.update(disallowed_words="casino", max_depth="3", approve_known_authors="on")
    assert moderator_client.post(form_url, data).status_code == 302
    rules = ModerationSettings.load()
    assert rules.disallowed_words == "casino"
    assert rules.max_depth == 3
    assert ModerationSettings.objects.count() == 1


def test_data_export_and_erase_actions_need_their_own_permission(moderator_client, article):
    """Moderators moderate; exporting and erasing a commenter's data is a separate right."""
    actions = soup(moderator_client.get(QUEUE)).select("select[name=action] option")
    values = [option["value"] for option in actions]
    assert "export_data" not in values
    assert "erase_data" not in values


def test_an_admin_exports_and_erases_a_commenters_data(admin_client, article):
    """The export is a JSON download; erasing anonymises every comment of those emails."""
    comment = CommentFactory(
        article=article, author_email="pat@example.com", ip_address="192.0.2.9"
    )
    other = CommentFactory(article=ArticleFactory(), author_email="PAT@example.com")
    export = admin_client.post(
        f"{QUEUE}?status=all", {"action": "export_data", "_selected_action": [comment.pk]}
    )
    assert export["Content-Disposition"] == 'attachment; filename="commenter-data.json"'
    assert len(json.loads(export.content)["pat@example.com"]) == 2
    admin_client.post(
        f"{QUEUE}?status=all", {"action": "erase_data", "_selected_action": [comment.pk]}
    )
    for row in (comment, other):
        row.refresh_from_db()
        assert row.author_name == "Anonymous"
        assert row.author_email == ""
    assert comment.ip_address == "192.0.2.0"


def test_a_search_looks_through_every_status(moderator_client, article):
    """Searching for a commenter finds their spam and approved comments too."""
    spam = CommentFactory(article=article, status="spam", author_email="pat@example.com")
    approved = CommentFactory(article=article, author_email="pat@example.com")
    page = soup(moderator_client.get(QUEUE, {"q": "pat@example.com"}))
    assert sorted(row_ids(page)) == sorted([spam.pk, approved.pk])
    pending_only = soup(moderator_client.get(QUEUE, {"q": "pat@example.com", "status": "pending"}))
    assert row_ids(pending_only) == []


def test_moderating_tells_page_caches_which_stories_changed(
    moderator_client, article, django_capture_on_commit_callbacks
):
    """Bulk updates send no post_save, so the queue sends comments_changed with the stories."""
    from comments.signals import comments_changed

    comment = CommentFactory(article=article, status="pending")
    received = []

    def listener(sender, article_ids, **kwargs):
        received.append(article_ids)

    comments_changed.connect(listener)
    try:
        with django_capture_on_commit_callbacks(execute=True):
            moderator_client.post(f"{QUEUE}{comment.pk}/moderate/approve/")
    finally:
        comments_changed.disconnect(listener)
    assert received == [{article.pk}]


def test_changing_the_status_in_the_form_records_the_moderator(moderator_client, moderator,
                                                               article):  # fmt: skip
    """Editing a comment's status by hand counts as moderating it."""
    comment = CommentFactory(article=article, status="pending", text="Edit me")
    url = f"{QUEUE}{comment.pk}/change/"
    data = {"author_name": comment.author_name, "author_url": "", "text": "Edited.",
            "status": "approved"}  # fmt: skip
    assert moderator_client.post(url, data).status_code == 302
    comment.refresh_from_db()
    assert (comment.status, comment.text, comment.moderated_by) == ("approved", "Edited.",
                                                                     moderator)  # fmt: skip


def test_a_moderator_made_through_the_roles_moderates_comments_and_nothing_else(
    moderator_client,
):
    """The Moderator role opens the queue and its settings; stories, people and tags stay shut."""
    index = soup(moderator_client.get("/admin/"))
    apps = {caption.get_text(strip=True) for caption in index.select(".module caption")}
    assert apps == {"Reader comments"}
    assert moderator_client.get(QUEUE).status_code == 200
    for url in ("/admin/articles/article/", "/admin/articles/section/", "/admin/auth/user/",
                "/admin/taggit/tag/", "/admin/articles/article/add/"):  # fmt: skip
        assert moderator_client.get(url).status_code == 403, url
