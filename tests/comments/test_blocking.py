import pytest

from comments import blocking
from comments.models import Comment, CommenterBlock
from tests.comments.factories import CommentFactory
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db
Status = Comment.Status


@pytest.fixture
def troll(article):
    """Three comments by one commenter (two addresses of theirs) and one by someone else."""
    first = CommentFactory(
        article=article, author_email="troll@example.com", ip_address="203.0.113.66"
    )
    CommentFactory(article=article, author_email="TROLL@example.com", ip_address="198.51.100.1",
                   status=Status.PENDING)  # fmt: skip
    CommentFactory(article=ArticleFactory(), author_email="other@example.com",
                   ip_address="203.0.113.66", status=Status.TRASH)  # fmt: skip
    CommentFactory(article=article, author_email="kind@example.com", ip_address="192.0.2.5")
    return first


def test_blocking_hides_all_their_comments_and_lifting_puts_them_back(troll, moderator):
    """By email (any case) and IP: their visible comments become spam; lifting restores them."""
    made, hidden = blocking.block(troll, moderator)
    assert hidden == 2
    statuses = dict(Comment.objects.values_list("author_email", "status"))
    assert statuses["troll@example.com"] == statuses["TROLL@example.com"] == Status.SPAM
    assert statuses["other@example.com"] == Status.TRASH  # already out of sight: left alone
    assert statuses["kind@example.com"] == Status.APPROVED
    assert blocking.lift(made, moderator) == 2
    statuses = dict(Comment.objects.values_list("author_email", "status"))
    assert statuses["troll@example.com"] == Status.APPROVED
    assert statuses["TROLL@example.com"] == Status.PENDING
    assert not CommenterBlock.objects.active().exists()


def test_a_blocked_commenter_new_comment_goes_to_spam_with_the_reason(troll, moderator, post):
    """A new comment from the blocked email goes straight to spam, saying why."""
    blocking.block(troll, moderator)
    post(troll.article, email="troll@example.com", ip="192.0.2.200", comment="Back again.")
    comment = Comment.objects.get(text="Back again.")
    assert comment.status == Status.SPAM
    assert "blocked this commenter" in comment.moderation_reasons


def test_moderator_blocks_from_the_queue_and_lifts_from_blocked_commenters(troll, moderator_client):
    """The queue's bulk action blocks; the Blocked commenters list's action lifts."""
    response = moderator_client.post(
        "/admin/comments/comment/?status=all",
        {"action": "block_commenters", "_selected_action": [troll.pk]},
        follow=True,
    )
    assert "Blocked 1 commenter by email and IP address; 2 comments hidden as spam." in (
        response.text
    )
    block = CommenterBlock.objects.get()
    page = moderator_client.get("/admin/comments/commenterblock/")
    assert "troll@example.com" in page.text
    response = moderator_client.post(
        "/admin/comments/commenterblock/",
        {"action": "lift_blocks", "_selected_action": [block.pk]},
        follow=True,
    )
    assert "2 hidden comments returned to their status." in response.text
    assert Comment.objects.get(pk=troll.pk).status == Status.APPROVED
