import datetime

import pytest
import time_machine
from bs4 import BeautifulSoup

from comments import blocking
from comments.models import Comment, CommenterBlock
from tests.comments.factories import CommentFactory
from tests.factories import ArticleFactory, UserFactory
from tests.helpers import client_for

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
    """By email (any case): their visible comments become spam; lifting restores them."""
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
    assert "Blocked 1 commenter by email; 2 comments hidden as spam." in response.text
    assert "Others on the same IP address can still comment." in response.text
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


def test_an_email_block_catches_nobody_else_on_the_same_address(troll, moderator, post):
    """A second reader on the blocked commenter's IP address still posts, and is shown."""
    made, _ = blocking.block(troll, moderator)
    assert (made.email, made.ip_address, made.expires_at) == ("troll@example.com", None, None)
    post(troll.article, email="neighbour@example.com", ip=troll.ip_address, comment="Hello.")
    assert Comment.objects.get(text="Hello.").status != Status.SPAM
    assert Comment.objects.get(author_email="kind@example.com").status == Status.APPROVED


def test_an_address_block_catches_everyone_on_it_until_it_ends(troll, moderator, post):
    """Blocking the address is its own choice: it hides nothing posted, and it ends."""
    made = blocking.block_address(troll.ip_address, moderator, days=1, reason="A flood.")
    assert made.email == "" and made.expires_at is not None
    assert Comment.objects.filter(status=Status.SPAM).count() == 0
    post(troll.article, email="neighbour@example.com", ip=troll.ip_address, comment="Hi there.")
    assert Comment.objects.get(text="Hi there.").status == Status.SPAM
    with time_machine.travel(made.expires_at + datetime.timedelta(seconds=1)):
        assert not CommenterBlock.objects.active().exists()
        post(troll.article, email="later@example.com", ip=troll.ip_address, comment="Next day.")
    assert Comment.objects.get(text="Next day.").status != Status.SPAM


def test_the_address_action_warns_and_asks_how_long_before_blocking(troll, moderator_client):
    queue = "/admin/comments/comment/?status=all"
    chosen = {"action": "block_addresses", "_selected_action": [troll.pk]}
    page = moderator_client.post(queue, chosen)
    soup = BeautifulSoup(page.content, "html.parser")
    warning = soup.select_one(".address-block__warning").get_text(" ", strip=True)
    assert "This blocks everyone who comments from this address" in warning
    assert "203.0.113.66: used by 2 commenters" in soup.select_one(".address-block__list").text
    assert [i["value"] for i in soup.select("input[name=days]")] == ["1", "7", "30"]
    assert not CommenterBlock.objects.exists()

    done = moderator_client.post(queue, {**chosen, "confirm": "yes", "days": "7"}, follow=True)
    assert "Blocked 1 IP address for 7 days" in done.text
    block = CommenterBlock.objects.get()
    assert block.ip_address == "203.0.113.66" and block.email == ""
    assert block.expires_at - block.blocked_at > datetime.timedelta(days=6, hours=23)


def test_the_blocked_list_lifts_and_never_deletes(troll, moderator, moderator_client):
    """No choice loses hidden comments quietly: "Delete" is gone, "Lift" puts them back."""
    made, _ = blocking.block(troll, moderator)
    admin = client_for(UserFactory(username="root", is_staff=True, is_superuser=True))
    for client in (moderator_client, admin):
        listing = client.get("/admin/comments/commenterblock/").text
        assert "lift_blocks" in listing and "delete_selected" not in listing
        form = client.get(f"/admin/comments/commenterblock/{made.pk}/change/").text
        assert "/delete/" not in form
    assert admin.post(f"/admin/comments/commenterblock/{made.pk}/delete/").status_code == 403
    assert CommenterBlock.objects.filter(pk=made.pk).exists()
