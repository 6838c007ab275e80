"""The editors' side of reader comments: counts in the article list and the front-page panel."""

import pytest
from bs4 import BeautifulSoup

from comments.models import Comment
from tests.comments.factories import CommentFactory
from tests.factories import ArticleFactory
from tests.helpers import client_for

pytestmark = pytest.mark.django_db


def test_article_list_shows_comment_counts_with_pending_highlighted(editor):
    """Approved comments are a number; held ones a highlighted link to the filtered queue."""
    article = ArticleFactory(headline="Council votes on the budget")
    CommentFactory.create_batch(3, article=article, status=Comment.Status.APPROVED)
    CommentFactory.create_batch(2, article=article, status=Comment.Status.PENDING)
    CommentFactory(article=article, status=Comment.Status.SPAM)
    response = client_for(editor).get("/admin/articles/article/")
    soup = BeautifulSoup(response.content, "html.parser")
    row = soup.find("a", string="Council votes on the budget").find_parent("tr")
    cell = row.select_one("td.field-article_comments")
    assert cell.get_text(" ", strip=True) == "3 2 pending"
    assert cell.a["href"] == f"/admin/comments/comment/?article__id__exact={article.pk}"


def test_comment_counts_cost_no_query_per_article(editor, django_assert_max_num_queries):
    """The counts come with the list's own query, however many stories it shows."""
    client = client_for(editor)
    for _ in range(3):
        CommentFactory(article=ArticleFactory(), status=Comment.Status.PENDING)
    client.get("/admin/articles/article/")
    with django_assert_max_num_queries(20) as few:
        client.get("/admin/articles/article/")
    for _ in range(12):
        CommentFactory(article=ArticleFactory(), status=Comment.Status.PENDING)
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get("/admin/articles/article/")


@pytest.mark.parametrize("role", ["editor", "moderator"])
def test_front_page_counts_comments_awaiting_moderation(request, role):
    """Editors and moderators see how many comments wait, linked to the queue."""
    user = request.getfixturevalue(role)
    CommentFactory.create_batch(4, status=Comment.Status.PENDING)
    soup = BeautifulSoup(client_for(user).get("/admin/").content, "html.parser")
    link = soup.find("a", href="/admin/comments/comment/?status=pending")
    assert link is not None
    assert "Comments awaiting moderation" in link.find_parent("li").get_text(" ", strip=True)
    assert "4" in link.find_parent("li").get_text(" ", strip=True)


def test_reporters_do_not_see_the_comment_queue_panel(reporter):
    """Moderation is not a reporter's job."""
    CommentFactory(status=Comment.Status.PENDING)
    response = client_for(reporter).get("/admin/")
    assert "Comments awaiting moderation" not in response.content.decode()


@pytest.mark.parametrize(
    "pending, notice, title",
    [
        (1, "1 comment awaiting moderation", "Comment awaiting moderation"),
        (2, "2 comments awaiting moderation", "Comments awaiting moderation"),
    ],
)
def test_counts_of_comments_and_stories_waiting_read_as_words(editor, pending, notice, title):
    """The notice on every admin page and the desk's panel say "1 comment", "2 comments"."""
    CommentFactory.create_batch(pending, status=Comment.Status.PENDING)
    ArticleFactory.create_batch(pending, in_review=True)
    client = client_for(editor)
    page = BeautifulSoup(client.get("/admin/articles/article/").content, "html.parser")
    notices = [li.a.get_text(strip=True) for li in page.select(".desk-notice")]
    stories = "1 story needs review" if pending == 1 else "2 stories need review"
    assert notices == [stories, notice]
    desk = BeautifulSoup(client.get("/admin/").content, "html.parser")
    titles = [span.get_text(strip=True) for span in desk.select(".desk-panel__title")]
    assert title in titles
