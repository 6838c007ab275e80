import datetime
import json
from io import StringIO

import pytest
import time_machine
from django.core.management import call_command
from django.utils import timezone

from comments.models import Comment
from comments.privacy import cut_ip
from tests.comments.factories import CommentFactory

pytestmark = pytest.mark.django_db


def test_the_export_command_prints_every_comment_of_an_email(article):
    """A reader's data request: all their comments as JSON, whatever their status."""
    CommentFactory(article=article, author_email="pat@example.com", text="One")
    CommentFactory(article=article, author_email="Pat@Example.com", text="Two", status="spam")
    CommentFactory(article=article, author_email="other@example.com")
    out = StringIO()
    call_command("comments_export", "pat@example.com", stdout=out)
    data = json.loads(out.getvalue())
    assert [row["text"] for row in data] == ["One", "Two"]
    assert data[0]["article_url"] == article.get_absolute_url()


def test_the_erase_command_anonymises_a_commenter(article):
    """Name Anonymous, email, website and browser cleared, IP cut; the text stays."""
    comment = CommentFactory(
        article=article, author_email="pat@example.com", author_url="https://pat.example",
        user_agent="Firefox", ip_address="192.0.2.77", text="Keep my words.",
    )  # fmt: skip
    untouched = CommentFactory(article=article)
    out = StringIO()
    call_command("comments_erase", "PAT@example.com", stdout=out)
    assert "1 comment sent as" in out.getvalue()
    comment.refresh_from_db()
    assert (comment.author_name, comment.author_email, comment.author_url, comment.user_agent) == (
        "Anonymous",
        "",
        "",
        "",
    )
    assert comment.ip_address == "192.0.2.0"
    assert comment.text == "Keep my words."
    untouched.refresh_from_db()
    assert untouched.author_email


def test_erasing_two_identical_comments_keeps_the_duplicate_rule_happy(article):
    """Erased comments no longer count for duplicate detection, so erasing never fails."""
    CommentFactory(article=article, author_email="a@example.com", text="Same")
    CommentFactory(article=article, author_email="b@example.com", text="Same")
    call_command("comments_erase", "a@example.com", stdout=StringIO())
    call_command("comments_erase", "b@example.com", stdout=StringIO())
    assert Comment.objects.filter(author_name="Anonymous").count() == 2


@pytest.mark.parametrize(
    "address, cut",
    [("192.0.2.77", "192.0.2.0"), ("2001:db8:85a3:8d3:1319:8a2e:370:7348", "2001:db8:85a3::"),
     (None, None)],
)  # fmt: skip
def test_cutting_an_ip_keeps_only_the_network(address, cut):
    """The last byte of IPv4 and the last 80 bits of IPv6 are zeroed."""
    assert cut_ip(address) == cut


def test_the_purge_job_removes_ips_older_than_the_setting(article, rules):
    """IPs older than the retention days are deleted; newer ones stay."""
    rules.ip_retention_days = 30
    rules.save()
    now = timezone.now()
    old = CommentFactory(article=article, submitted_at=now - datetime.timedelta(days=31))
    recent = CommentFactory(article=article, submitted_at=now - datetime.timedelta(days=29))
    out = StringIO()
    with time_machine.travel(now):
        call_command("comments_purge_ips", stdout=out)
    assert "Removed 1 old IP address(es)." in out.getvalue()
    old.refresh_from_db()
    recent.refresh_from_db()
    assert old.ip_address is None
    assert recent.ip_address == "203.0.113.9"


def test_a_retention_of_zero_keeps_ips(article, rules):
    """0 days switches the purge off."""
    rules.ip_retention_days = 0
    rules.save()
    CommentFactory(article=article, submitted_at=timezone.now() - datetime.timedelta(days=900))
    call_command("comments_purge_ips", stdout=StringIO())
    assert Comment.objects.filter(ip_address__isnull=True).count() == 0
