"""Comments of a WordPress export: statuses, threads, idempotence, and no notification mail."""

import pytest
import time_machine
from bs4 import BeautifulSoup
from django.utils import timezone

from articles.models import Article
from comments.models import Comment, ModerationSettings
from comments.privacy import erase_commenter, purge_old_ips
from tests.wordpress.exports import export, post, run, wp_comment, write

pytestmark = pytest.mark.django_db


def import_post_with(tmp_path, *comments):
    return run(write(tmp_path, export(post(1, comments="".join(comments)))))


@pytest.mark.parametrize(
    "approved, status",
    [("1", "approved"), ("0", "pending"), ("spam", "spam"), ("trash", "trash")],
)
def test_each_wordpress_comment_status_maps_to_ours(tmp_path, approved, status):
    """1 → approved, 0 → pending, spam → spam, trash → trash."""
    import_post_with(tmp_path, wp_comment(5, approved=approved))
    comment = Comment.objects.get(wp_comment_id=5)
    assert comment.status == status
    assert comment.moderation_reasons.startswith("Imported from WordPress, where it was ")


def test_comments_keep_author_email_website_ip_and_date(tmp_path):
    """Everything WordPress knew about a commenter comes across."""
    import_post_with(
        tmp_path, wp_comment(5, author="Ann Lee", url="https://ann.example.com", ip="2001:db8::1")
    )
    comment = Comment.objects.get()
    assert (comment.author_name, comment.author_email) == ("Ann Lee", "reader@example.com")
    assert comment.author_url == "https://ann.example.com"
    assert comment.ip_address == "2001:db8::1"
    assert comment.submitted_at.isoformat() == "2024-03-02T09:00:00+00:00"
    assert comment.article == Article.objects.get(wp_post_id=1)


def test_replies_keep_their_thread_and_deeper_ones_hang_from_the_deepest_allowed(tmp_path):
    """A chain deeper than the reply depth attaches its tail to the deepest allowed parent."""
    rules = ModerationSettings.load()
    rules.max_depth = 3
    rules.save()
    chain = [wp_comment(1)] + [wp_comment(n, parent=n - 1) for n in range(2, 7)]
    import_post_with(tmp_path, *reversed(chain))  # children listed before their parents
    depth = dict(Comment.objects.values_list("wp_comment_id", "depth"))
    parent = dict(Comment.objects.values_list("wp_comment_id", "parent__wp_comment_id"))
    assert depth == {1: 1, 2: 2, 3: 3, 4: 3, 5: 3, 6: 3}
    assert parent == {1: None, 2: 1, 3: 2, 4: 2, 5: 2, 6: 2}


def test_importing_twice_changes_no_comment_and_a_changed_export_updates_one(tmp_path):
    """Matched by WordPress comment ID: no duplicates; an edited comment is updated."""
    first = import_post_with(tmp_path, wp_comment(5), wp_comment(6, parent=5))
    assert first.counts["comment", "created"] == 2
    again = import_post_with(tmp_path, wp_comment(5), wp_comment(6, parent=5))
    assert (again.counts["comment", "created"], again.counts["comment", "updated"]) == (0, 0)
    assert again.total("updated") == 0
    changed = import_post_with(tmp_path, wp_comment(5, approved="spam"), wp_comment(6, parent=5))
    assert (changed.counts["comment", "updated"], changed.counts["comment", "unchanged"]) == (1, 1)
    assert Comment.objects.count() == 2
    assert Comment.objects.get(wp_comment_id=5).status == "spam"


def test_importing_again_brings_back_no_erased_data_and_overrules_no_moderator(tmp_path):
    """An erased commenter, a purged IP and a moderator's verdict survive a re-import."""
    import_post_with(
        tmp_path,
        wp_comment(5, email="erase.me@example.com", author="Erin", url="https://erin.example"),
        wp_comment(6, email="old@example.com"),
        wp_comment(7, approved="0", email="held@example.com"),
    )
    erase_commenter("erase.me@example.com")
    with time_machine.travel("2025-01-01"):
        purge_old_ips()
    held = Comment.objects.get(wp_comment_id=7)
    held.status, held.moderated_at = Comment.Status.APPROVED, timezone.now()
    held.save()
    again = import_post_with(
        tmp_path,
        wp_comment(5, email="erase.me@example.com", author="Erin", url="https://erin.example"),
        wp_comment(6, email="old@example.com"),
        wp_comment(7, approved="0", email="held@example.com"),
    )
    assert (again.counts["comment", "updated"], again.counts["comment", "unchanged"]) == (0, 3)
    erased = Comment.objects.get(wp_comment_id=5)
    assert (erased.author_name, erased.author_email, erased.author_url) == ("Anonymous", "", "")
    assert not Comment.objects.filter(ip_address__isnull=False).exists()
    assert Comment.objects.get(wp_comment_id=7).status == Comment.Status.APPROVED


def test_html_in_old_comments_becomes_plain_text(tmp_path):
    """WordPress allowed some tags in comments; ours are plain text, so the words stay."""
    import_post_with(tmp_path, wp_comment(5, text="<strong>Bold</strong> &amp; <em>true</em>"))
    assert Comment.objects.get().text == "Bold & true"


def test_the_same_words_twice_from_one_commenter_are_both_kept(tmp_path):
    """Our duplicate rule guards new posts; history from the old site is kept whole."""
    import_post_with(tmp_path, wp_comment(5, text="Agreed."), wp_comment(6, text="Agreed."))
    assert Comment.objects.count() == 2


def test_pings_are_skipped_and_bad_addresses_are_dropped(tmp_path):
    """Pingbacks and trackbacks are not comments; a junk IP or javascript: website is not kept."""
    report = import_post_with(
        tmp_path,
        wp_comment(5, comment_type="pingback"),
        wp_comment(6, comment_type="trackback"),
        wp_comment(7, ip="not an ip", url="javascript:alert(1)"),
    )
    assert report.skipped["pingbacks and trackbacks"] == 2
    comment = Comment.objects.get()
    assert (comment.ip_address, comment.author_url) == (None, "")


@pytest.mark.parametrize(
    "email, url",
    [
        ("&lt;script&gt;@example.com", "https://x.example/&quot; onmouseover=&quot;alert(1)"),
        ("reader@example.com&#13;&#10;Bcc: all@example.com", "data:text/html,hi"),
        (f"{'a' * 95}@example.com", f"https://example.com/{'a' * 190}"),
    ],
)
def test_invalid_emails_and_websites_of_old_comments_are_dropped_with_a_note(tmp_path, email, url):
    """An address the reader's form would refuse is not stored; the summary says so."""
    report = import_post_with(tmp_path, wp_comment(5, email=email, url=url))
    comment = Comment.objects.get()
    assert (comment.author_email, comment.author_url) == ("", "")
    assert report.notes["Commenters' email addresses that were not valid were dropped"] == 1
    assert report.notes["Commenters' websites that were not valid web addresses were dropped"] == 1


def test_imported_comments_send_no_mail(tmp_path, mailoutbox):
    """Held comments from the old site were moderated there: nobody is notified."""
    rules = ModerationSettings.load()
    rules.notify_emails = "desk@example.com"
    rules.save()
    import_post_with(tmp_path, wp_comment(5, approved="0"), wp_comment(6))
    assert Comment.objects.count() == 2
    assert mailoutbox == []


def test_imported_thread_shows_on_the_article_page(client, tmp_path):
    """Approved imported comments and their replies appear; held ones and emails do not."""
    import_post_with(
        tmp_path,
        wp_comment(5, author="Ann", text="First!"),
        wp_comment(6, parent=5, author="Ben", text="A reply"),
        wp_comment(7, approved="0", author="Cat", text="Held back"),
    )
    response = client.get(Article.objects.get().get_absolute_url())
    soup = BeautifulSoup(response.content, "html.parser")
    thread = soup.select_one("#comments").get_text(" ", strip=True)
    assert "First!" in thread and "A reply" in thread
    assert "Held back" not in thread
    assert "reader@example.com" not in response.content.decode()
    reply = soup.find(string="A reply").find_parent("li")
    assert reply.find_parent("li").find(string="First!")
