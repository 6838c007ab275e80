import datetime
import threading
import time

import pytest
import time_machine
from bs4 import BeautifulSoup
from django.db import connection, transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from comments.models import Comment, CommenterBlock
from comments.moderation import Submission
from comments.posting import CLOSED_MESSAGE, DUPLICATE_MESSAGE, FLOOD_MESSAGE, Record, record_of
from tests.comments.factories import CommentFactory
from tests.helpers import reply_form_data

pytestmark = pytest.mark.django_db


def soup(response):
    return BeautifulSoup(response.content, "html.parser")


def test_a_new_comment_redirects_to_it_and_waits_for_moderation(article, post):
    """A first comment is stored as pending and the reader lands on it (POST-redirect-GET)."""
    response = post(article)
    comment = Comment.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"{article.get_absolute_url()}#comment-{comment.pk}"
    assert comment.status == Comment.Status.PENDING
    assert comment.author_name == "Jane Reader"
    assert comment.ip_address == "198.51.100.7"
    assert "first comment" in comment.moderation_reasons


def test_the_author_alone_sees_the_pending_comment(article, post, client):
    """The commenter's browser shows the comment awaiting moderation; another reader's not."""
    post(article)
    mine = soup(client.get(article.get_absolute_url()))
    comment = Comment.objects.get()
    item = mine.select_one(f"#comment-{comment.pk}")
    assert item is not None
    assert "Your comment is awaiting moderation." in item.get_text()
    assert item.select_one(".comment-reply-link") is None
    theirs = Client().get(article.get_absolute_url())
    assert b"The bridge will cut my commute" not in theirs.content
    assert b"awaiting moderation" not in theirs.content


def test_an_approved_comment_is_seen_by_every_reader(article):
    """Approved comments show name, date, text and a Reply link, to anyone."""
    comment = CommentFactory(article=article, author_name="Sam", text="Good news.")
    page = soup(Client().get(article.get_absolute_url()))
    item = page.select_one(f"#comment-{comment.pk}")
    assert item.select_one(".fn").get_text(strip=True) == "Sam"
    assert item.select_one("time")["datetime"]
    assert item.select_one(".comment-content").get_text(strip=True) == "Good news."
    reply = item.select_one(".comment-reply-link")
    assert reply["href"] == f"?replytocom={comment.pk}#respond"
    assert page.select_one("#comments-title").get_text() == (
        "One thought on “Council approves the new bridge”"
    )


def test_the_heading_counts_approved_comments_only(article):
    """“2 thoughts on …”: pending, spam and trash do not count."""
    CommentFactory.create_batch(2, article=article)
    for status in ("pending", "spam", "trash"):
        CommentFactory(article=article, status=status)
    page = soup(Client().get(article.get_absolute_url()))
    assert page.select_one("#comments-title").get_text() == (
        "2 thoughts on “Council approves the new bridge”"
    )
    assert len(page.select(".comment")) == 2


def test_a_known_author_is_approved_at_once(article, post):
    """Same name and email as an earlier approved comment: published without waiting."""
    CommentFactory(article=article, author_name="Jane Reader", author_email="JANE@example.com")
    response = post(article)
    comment = Comment.objects.latest("pk")
    assert comment.status == Comment.Status.APPROVED
    assert response["Location"].endswith(f"#comment-{comment.pk}")


def test_approving_known_authors_can_be_switched_off(article, post, rules):
    """With the switch off, even a known author waits for a moderator."""
    rules.approve_known_authors = False
    rules.save()
    CommentFactory(article=article, author_name="Jane Reader", author_email="jane@example.com")
    post(article)
    assert Comment.objects.latest("pk").status == Comment.Status.PENDING


def test_a_filled_honeypot_is_stored_as_spam(article, post):
    """Robots fill every field; the hidden one sends their comment to spam."""
    post(article, honeypot="http://cheap.example")
    comment = Comment.objects.get()
    assert comment.status == Comment.Status.SPAM
    assert "anti-spam field" in comment.moderation_reasons


def test_a_form_sent_within_three_seconds_comes_back_with_a_message(article, post):
    """A quick person is asked to take a moment, keeps their text, and nothing is stored."""
    from comments.forms import form_token

    response = post(article, comment_token=form_token(article, now=time.time() - 1))
    assert response.status_code == 429
    page = BeautifulSoup(response.content, "html.parser")
    assert page.select_one("h1").text == "Council approves the new bridge"
    assert "Please take a moment before posting" in page.select_one("#comment-errors").text
    assert page.select_one("textarea#comment").text == "The bridge will cut my commute in half."
    assert Comment.objects.count() == 0


def test_sent_again_after_a_moment_the_quick_comment_is_taken(article, post, time_machine):
    """The retry is no duplicate, and the form shown again kept the time it was first shown."""
    from comments.forms import form_token

    time_machine.move_to(timezone.now(), tick=False)
    response = post(article, comment_token=form_token(article))
    assert response.status_code == 429
    token = BeautifulSoup(response.content, "html.parser").find("input", {"name": "comment_token"})
    time_machine.shift(4)
    retry = post(article, comment_token=token["value"])
    assert retry.status_code == 302
    comment = Comment.objects.get()
    assert comment.status != Comment.Status.SPAM


def test_correcting_a_field_on_the_error_page_at_once_is_not_too_fast(article, post, time_machine):
    """The error page's form keeps the first display time, so a quick fix is not refused."""
    from comments.forms import form_token

    time_machine.move_to(timezone.now(), tick=False)
    shown = form_token(article)
    time_machine.shift(30)
    error = post(article, comment_token=shown, email="not an address")
    assert error.status_code == 400
    token = BeautifulSoup(error.content, "html.parser").find("input", {"name": "comment_token"})
    time_machine.shift(1)
    fixed = post(article, comment_token=token["value"])
    assert fixed.status_code == 302
    assert Comment.objects.get().status != Comment.Status.SPAM


def test_a_robot_filling_the_honeypot_quickly_is_stored_as_spam_silently(article, post):
    """No message for robots to learn from: the honeypot verdict stays silent."""
    from comments.forms import form_token

    response = post(article, honeypot="x", comment_token=form_token(article, now=time.time()))
    assert response.status_code == 302
    assert Comment.objects.get().status == Comment.Status.SPAM


def test_a_forged_timestamp_is_spam(article, post):
    """A post without the form's signed timestamp did not come from our page."""
    post(article, comment_token="forged")
    assert Comment.objects.get().status == Comment.Status.SPAM


def test_two_links_hold_a_known_authors_comment(article, post):
    """Links are how spam pays: two of them send even a known author to the queue."""
    CommentFactory(article=article, author_name="Jane Reader", author_email="jane@example.com")
    post(article, comment="See https://a.example and http://b.example today")
    comment = Comment.objects.latest("pk")
    assert comment.status == Comment.Status.PENDING
    assert "2 links" in comment.moderation_reasons


@pytest.mark.parametrize(
    "field, value, setting",
    [
        ("comment", "Buy cheap pills now", {"disallowed_words": "cheap pills"}),
        ("email", "bot@spam.example", {"disallowed_emails": "@spam.example"}),
        ("ip", "192.0.2.55", {"disallowed_ips": "192.0.2.0/24"}),
    ],
)
def test_disallowed_words_emails_and_ips_are_spam(article, post, rules, field, value, setting):
    """The disallowed lists in the settings send a comment straight to spam."""
    for name, entry in setting.items():
        setattr(rules, name, entry)
    rules.save()
    if field == "ip":
        post(article, ip=value)
    else:
        post(article, **{field: value})
    assert Comment.objects.get().status == Comment.Status.SPAM


def test_a_moderation_word_holds_the_comment(article, post, rules):
    """A word on the moderation list holds a comment, whoever wrote it."""
    rules.moderation_words = "lawsuit"
    rules.save()
    CommentFactory(article=article, author_name="Jane Reader", author_email="jane@example.com")
    post(article, comment="Expect a Lawsuit over this.")
    assert Comment.objects.latest("pk").status == Comment.Status.PENDING


def test_a_second_comment_within_fifteen_seconds_is_refused(article, post):
    """Flood: the same IP address posting again at once gets a 429 and nothing is stored."""
    post(article)
    response = post(article, email="other@example.com", comment="And another thing.")
    assert response.status_code == 429
    assert FLOOD_MESSAGE in response.content.decode()
    assert Comment.objects.count() == 1
    page = soup(response)
    assert page.select_one("#comment").get_text() == "And another thing."


def test_the_same_email_from_another_ip_is_also_a_flood(article, post):
    """Flood is per IP address or per email address."""
    post(article)
    response = post(article, ip="192.0.2.200", comment="Again.")
    assert response.status_code == 429
    assert Comment.objects.count() == 1


def test_posting_again_after_fifteen_seconds_is_fine(article, post):
    """The flood window is 15 seconds."""
    post(article)
    with time_machine.travel(timezone.now() + datetime.timedelta(seconds=16)):
        response = post(article, comment="A second thought.")
    assert response.status_code == 302
    assert Comment.objects.count() == 2


def test_a_duplicate_comment_is_refused(article, post):
    """Same story, email and text: 409 with WordPress's message, nothing stored."""
    post(article)
    with time_machine.travel(timezone.now() + datetime.timedelta(minutes=5)):
        response = post(article, author="Jane R.")
    assert response.status_code == 409
    assert DUPLICATE_MESSAGE in response.content.decode()
    assert Comment.objects.count() == 1


def test_the_database_refuses_a_duplicate_that_slipped_past_the_checks(article, post, monkeypatch):
    """When two identical posts pass the checks together, the unique constraint turns one away."""
    post(article)
    nothing_known = Record(duplicate=False, flooding=False, known_author=False, blocked=False)
    monkeypatch.setattr("comments.posting.record_of", lambda *args: nothing_known)
    response = post(article)
    assert response.status_code == 409
    assert Comment.objects.count() == 1


def wait_for_a_lock_wait(seconds=10):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT count(*) FROM pg_stat_activity "
                "WHERE datname = current_database() AND wait_event_type = 'Lock'"
            )
            if cursor.fetchone()[0]:
                return True
        time.sleep(0.02)
    return False


@pytest.mark.django_db(transaction=True)
def test_two_identical_posts_racing_store_one_comment(article):
    """Two transactions inserting the same comment at once: one commits, the other gets a 409."""
    held = threading.Event()
    release = threading.Event()
    results = {}

    def first():
        try:
            with transaction.atomic():
                CommentFactory(
                    article=article, author_email="jane@example.com", status="pending",
                    text="The bridge will cut my commute in half.",
                    submitted_at=timezone.now() - datetime.timedelta(minutes=1),
                    ip_address="192.0.2.1",
                )  # fmt: skip
                held.set()
                release.wait(10)
        finally:
            connection.close()

    def second():
        try:
            results["response"] = Client().post(
                "/comments/post/", reply_form_data(article), REMOTE_ADDR="198.51.100.7"
            )
        finally:
            connection.close()

    one = threading.Thread(target=first)
    one.start()
    held.wait(10)
    two = threading.Thread(target=second)
    two.start()
    # Release the first only once the second insert waits on its uncommitted row in the unique
    # index: both posts have passed the duplicate and flood checks, as in a real race.
    assert wait_for_a_lock_wait(), "the second post never waited on the first"
    release.set()
    one.join(10)
    two.join(10)
    assert results["response"].status_code == 409
    assert Comment.objects.count() == 1


def test_closed_comments_replace_the_form_and_refuse_posts(article, post):
    """An editor's closing hides the form and a post gets 403, storing nothing."""
    CommentFactory(article=article)
    article.comments_open = False
    article.save()
    page = soup(Client().get(article.get_absolute_url()))
    assert page.select_one("#commentform") is None
    assert len(page.select(".comment")) == 1
    assert page.select_one(".comment-reply-link") is None
    assert page.select_one(".no-comments").get_text() == "Comments are closed."
    response = post(article)
    assert response.status_code == 403
    refused = soup(response)
    assert refused.select_one(".comment-refusal-note").get_text().startswith(CLOSED_MESSAGE)
    assert refused.select_one("#commentform") is None
    kept = refused.select_one("#respond textarea#typed-comment[readonly]")
    assert kept.get_text() == "The bridge will cut my commute in half."
    assert Comment.objects.count() == 1


def test_comments_close_automatically_after_the_set_days(article, post, rules):
    """With close-after set, a story older than that takes no more comments."""
    rules.close_after_days = 14
    rules.save()
    assert post(article).status_code == 302
    with time_machine.travel(timezone.now() + datetime.timedelta(days=15)):
        response = post(article, comment="Late to the party.", email="late@example.com")
    assert response.status_code == 403
    assert Comment.objects.count() == 1


@pytest.mark.parametrize(
    "headers",
    [
        {"HTTP_SEC_FETCH_SITE": "cross-site", "HTTP_ORIGIN": "https://evil.example"},
        {"HTTP_SEC_FETCH_SITE": "same-site", "HTTP_ORIGIN": "http://shop.testserver"},
        {"HTTP_ORIGIN": "https://evil.example"},
        {"HTTP_ORIGIN": "null"},
    ],
)
def test_a_post_from_another_site_is_forbidden(article, headers):
    """Forgery is refused by origin (cached pages carry no token): a 403 keeping the text."""
    client = Client(enforce_csrf_checks=True)
    response = client.post("/comments/post/", reply_form_data(article), **headers)
    assert response.status_code == 403
    page = soup(response)
    assert page.select_one("h1").get_text() == "Your comment was not sent"
    assert page.select_one("#typed-comment").get_text() == "The bridge will cut my commute in half."
    assert Comment.objects.count() == 0


@pytest.mark.parametrize(
    "headers",
    [
        {"HTTP_SEC_FETCH_SITE": "same-origin", "HTTP_ORIGIN": "http://testserver"},
        {"HTTP_ORIGIN": "http://testserver"},
        # Not a browser sent by another site's page: nothing of the reader's to forge.
        {},
    ],
)
def test_a_post_from_our_own_page_is_accepted_without_a_csrf_token(article, headers):
    """The article page's form, as browsers send it, gets through with CSRF checks on."""
    client = Client(enforce_csrf_checks=True)
    response = client.post("/comments/post/", reply_form_data(article), **headers)
    assert response.status_code == 302
    assert Comment.objects.count() == 1


def test_a_trusted_origin_may_post(article, settings):
    """A proxy's public address listed in DJANGO_CSRF_TRUSTED_ORIGINS counts as ours."""
    settings.CSRF_TRUSTED_ORIGINS = ["https://news.example"]
    response = Client().post(
        "/comments/post/", reply_form_data(article), HTTP_ORIGIN="https://news.example"
    )
    assert response.status_code == 302


def test_the_article_page_carries_no_csrf_token_or_cookie(client, article):
    """Nothing per reader on the page: it can be cached whole."""
    response = client.get(article.get_absolute_url())
    assert "csrfmiddlewaretoken" not in response.content.decode()
    assert not response.cookies


@pytest.mark.parametrize(
    "field, value, message",
    [
        ("comment", "", "Please type your comment text."),
        ("author", "", "Please enter your name."),
        ("email", "", "Please enter your email address."),
        ("email", "not-an-address", "Please enter a valid email address."),
        ("email", "jane@example.com\r\nBcc: x@example.com", "Please enter a valid email address."),
        ("author", "Jane\r\nBcc: x@example.com", "Please enter your name on one line."),
        ("url", "javascript:alert(1)", "Please enter a web address starting with http"),
        ("comment", "x" * 65526, "Your comment is too long"),
        ("author", "n" * 246, "Your name is too long"),
        ("email", "e" * 95 + "@example.com", "Your email address is too long"),
        ("url", "https://example.com/" + "p" * 190, "The web address is too long"),
    ],
)
def test_bad_input_is_a_form_error_that_keeps_everything_typed(article, post, field, value,
                                                                message):  # fmt: skip
    """Each problem gets a message by its field; every value comes back; nothing is stored."""
    response = post(article, **{field: value})
    assert response.status_code == 400
    page = soup(response)
    error = page.select_one(f"#{field}-error")
    assert message in error.get_text()
    kept = page.select_one("#comment").get_text()
    expected_comment = value if field == "comment" else "The bridge will cut my commute in half."
    assert kept == expected_comment
    if field != "author":
        assert page.select_one("#author")["value"] == "Jane Reader"
    assert page.select_one("#comment_post_ID")["value"] == str(article.pk)
    assert Comment.objects.count() == 0


def test_limits_are_inclusive(article, post):
    """Text of exactly 65,525 characters and a 245-character name are accepted in full."""
    response = post(article, comment="y" * 65525, author="n" * 245)
    assert response.status_code == 302
    comment = Comment.objects.get()
    assert len(comment.text) == 65525
    assert len(comment.author_name) == 245


def test_a_post_to_an_unpublished_story_is_not_found(post):
    """Drafts take no comments."""
    from tests.factories import ArticleFactory

    draft = ArticleFactory(draft=True)
    assert post(draft).status_code == 404
    assert Comment.objects.count() == 0


def test_a_get_is_not_allowed(client):
    """The posting address only takes POST."""
    assert client.get("/comments/post/").status_code == 405


def test_reply_link_without_javascript_renders_the_form_as_a_reply(article):
    """?replytocom=ID#respond: “Leave a Reply to <name>”, a Cancel reply link, the parent set."""
    parent = CommentFactory(article=article, author_name="Sam")
    page = soup(Client().get(f"{article.get_absolute_url()}?replytocom={parent.pk}"))
    title = page.select_one("#reply-title")
    assert title.select_one(".comment-reply-title__text").get_text() == "Leave a Reply to Sam"
    cancel = title.select_one("#cancel-comment-reply-link")
    assert cancel.get_text() == "Cancel reply"
    assert not cancel.has_attr("hidden")
    assert page.select_one("#comment_parent")["value"] == str(parent.pk)


def test_a_reply_is_stored_under_its_parent_and_shown_nested(article, post):
    """A reply keeps its parent and appears in the parent's list of children."""
    parent = CommentFactory(article=article)
    CommentFactory(article=article, author_name="Jane Reader", author_email="jane@example.com")
    post(article, comment_parent=str(parent.pk), comment="I agree with you.")
    reply = Comment.objects.latest("pk")
    assert reply.parent == parent
    assert reply.depth == 2
    page = soup(Client().get(article.get_absolute_url()))
    assert page.select_one(f"#comment-{parent.pk} .children #comment-{reply.pk}")


def test_replies_stop_at_the_depth_limit(article, post, rules):
    """At the set depth there is no Reply link and a forged reply is a form error."""
    rules.max_depth = 2
    rules.save()
    top = CommentFactory(article=article)
    child = CommentFactory(article=article, parent=top)
    page = soup(Client().get(article.get_absolute_url()))
    assert page.select_one(f"#div-comment-{top.pk} .comment-reply-link")
    assert page.select_one(f"#div-comment-{child.pk} .comment-reply-link") is None
    response = post(article, comment_parent=str(child.pk))
    assert response.status_code == 400
    assert "cannot be nested" in response.content.decode()


@pytest.mark.parametrize("status", ["pending", "spam", "trash"])
def test_replying_to_a_hidden_comment_is_a_form_error(article, post, status):
    """Replies go to approved comments of the same story only."""
    hidden = CommentFactory(article=article, status=status)
    response = post(article, comment_parent=str(hidden.pk))
    assert response.status_code == 400
    assert Comment.objects.count() == 1


def test_ticking_save_my_name_fills_the_form_next_time(article, post, client):
    """Only with the box ticked are cookies set, and later used to fill the form."""
    post(article, **{"wp-comment-cookies-consent": "yes", "url": "https://jane.example"})
    page = soup(client.get(article.get_absolute_url()))
    assert page.select_one("#author")["value"] == "Jane Reader"
    assert page.select_one("#email")["value"] == "jane@example.com"
    assert page.select_one("#url")["value"] == "https://jane.example"
    assert page.select_one("#wp-comment-cookies-consent").has_attr("checked")


def test_without_the_box_no_cookies_are_set(article, post, client):
    """Unticked: nothing about the commenter is remembered by the browser."""
    response = post(article)
    assert "comment_author" not in response.cookies
    page = soup(client.get(article.get_absolute_url()))
    assert page.select_one("#author")["value"] == ""


def test_unticking_the_box_forgets_the_saved_details(article, post, client):
    """Posting with the box unticked deletes cookies saved earlier."""
    post(article, **{"wp-comment-cookies-consent": "yes"})
    with time_machine.travel(timezone.now() + datetime.timedelta(minutes=1)):
        response = post(article, comment="Second thoughts.")
    assert response.cookies["comment_author"].value == ""
    page = soup(client.get(article.get_absolute_url()))
    assert page.select_one("#author")["value"] == ""


def test_refusals_come_back_on_the_story_page_with_the_words_kept(article, post):
    """Flood, duplicate and form errors: the story itself, one <h1>, the message in the form
    and a note at the top leading to it."""
    post(article)
    flood = soup(post(article, comment="Too quick.", email="q@example.com"))
    with time_machine.travel(timezone.now() + datetime.timedelta(minutes=5)):
        duplicate = soup(post(article))
        invalid = soup(post(article, email="nope", comment="Fresh words."))
    for page, message, typed in (
        (flood, FLOOD_MESSAGE, "Too quick."),
        (duplicate, DUPLICATE_MESSAGE, "The bridge will cut my commute in half."),
        (invalid, "Please enter a valid email address.", "Fresh words."),
    ):
        assert [h1.get_text() for h1 in page.select("h1")] == ["Council approves the new bridge"]
        assert page.select_one(".article__body")
        assert page.select_one("title").get_text().startswith("Error: ")
        assert page.select_one("main .comment-refusal-note a[href='#respond']")
        summary = page.select_one("#respond #commentform #comment-errors")
        assert summary["role"] == "alert"
        assert message in summary.get_text()
        assert page.select_one("#comment").get_text() == typed
        assert page.select_one("script[data-token]") is None, "a second view counted"


def test_the_error_summary_links_each_message_to_its_box(article, post):
    """Each message is listed at the top of the form, linked to its box, and said again by the
    box, which is marked invalid and described by it; the reader's name and address stay."""
    page = soup(post(article, author="", email="not-an-address", url="https://jane.example"))
    links = {a["href"]: a.get_text() for a in page.select("#comment-errors a")}
    assert links == {
        "#author": "Please enter your name.",
        "#email": "Please enter a valid email address.",
    }
    email = page.select_one("#email")
    assert email["aria-invalid"] == "true"
    assert "email-error" in email["aria-describedby"].split()
    assert page.select_one("#email-error").get_text() == "Please enter a valid email address."
    assert email["value"] == "not-an-address"
    assert page.select_one("#url")["value"] == "https://jane.example"
    assert not page.select_one("#comment").has_attr("aria-invalid")
    assert page.select_one("#comment-errors").has_attr("autofocus")


def test_a_refused_reply_stays_a_reply(article, post):
    """A reply with an error comes back as “Leave a Reply to …”, its parent kept."""
    parent = CommentFactory(article=article, author_name="Sam")
    page = soup(post(article, comment_parent=str(parent.pk), email=""))
    title = page.select_one("#reply-title .comment-reply-title__text").get_text()
    assert title == "Leave a Reply to Sam"
    assert page.select_one("#comment_parent")["value"] == str(parent.pk)
    assert page.select_one(f"#comment-{parent.pk}")


def test_a_refused_comment_page_is_never_cached(article, post):
    """The answer holds what one reader typed: no cache may keep it."""
    response = post(article, email="")
    assert {"no-store", "private"} <= {d.strip() for d in response["Cache-Control"].split(",")}


@pytest.mark.parametrize(
    "proxies, forwarded, remote, expected",
    [
        (0, "", "198.51.100.7", "198.51.100.7"),
        (0, "203.0.113.5", "10.0.0.2", "10.0.0.2"),
        (1, "203.0.113.5", "10.0.0.2", "203.0.113.5"),
        (1, "6.6.6.6, 203.0.113.5", "10.0.0.2", "203.0.113.5"),
        (2, "203.0.113.5, 10.0.0.1", "10.0.0.2", "203.0.113.5"),
        (1, "not-an-ip", "10.0.0.2", None),
    ],
)
def test_the_readers_ip_comes_from_the_trusted_proxies_only(
    settings, rf, proxies, forwarded, remote, expected
):
    """Behind N proxies the reader is the Nth address from the right; a forged prefix is ignored."""
    from comments.posting import client_ip

    settings.NEWSROOM_TRUSTED_PROXIES = proxies
    request = rf.post("/", HTTP_X_FORWARDED_FOR=forwarded, REMOTE_ADDR=remote)
    assert client_ip(request) == expected


LIFTED = datetime.datetime(2026, 1, 1, tzinfo=datetime.UTC)
SENDER = Submission(
    name="Jane Reader", email="Jane@Example.com", url="", text="Hello.", ip="198.51.100.7"
)


def earlier(seconds, **fields):
    """An earlier comment, by someone else unless fields say otherwise, `seconds` ago."""
    return {"author_email": "someone@example.org", "ip_address": "203.0.113.1", **fields,
            "seconds_ago": seconds}  # fmt: skip


@pytest.mark.parametrize(
    ("comment", "block", "expected"),
    [
        ({}, {}, Record(False, False, False, False)),
        (
            earlier(3600, fingerprint=Comment.make_fingerprint("jane@example.com", "Hello.")),
            {},
            Record(True, False, False, False),
        ),
        (earlier(5, author_email="JANE@example.COM"), {}, Record(False, True, False, False)),
        (earlier(5, ip_address="198.51.100.7"), {}, Record(False, True, False, False)),
        (earlier(20, author_email="jane@example.com"), {}, Record(False, False, False, False)),
        (
            earlier(3600, author_name="Jane Reader", author_email="jane@EXAMPLE.com"),
            {},
            Record(False, False, True, False),
        ),
        (
            earlier(3600, author_name="Jane Reader", author_email="jane@example.com",
                    status=Comment.Status.PENDING),
            {},
            Record(False, False, False, False),
        ),
        (
            earlier(3600, author_name="Jane R.", author_email="jane@example.com"),
            {},
            Record(False, False, False, False),
        ),
        ({}, {"email": "JANE@example.com"}, Record(False, False, False, True)),
        ({}, {"ip_address": "198.51.100.7"}, Record(False, False, False, True)),
        ({}, {"ip_address": "198.51.100.8"}, Record(False, False, False, False)),
        (
            {},
            {"email": "jane@example.com", "lifted_at": LIFTED},
            Record(False, False, False, False),
        ),
    ],
)  # fmt: skip
def test_the_checks_of_a_new_comment_agree_with_the_querysets(article, comment, block, expected):
    """The one-query checks find what Comment.objects.approved(), the flood interval, the
    fingerprint and CommenterBlock.objects.active().matching() say, case and all."""
    if comment:
        fields = dict(comment)
        sent = timezone.now() - datetime.timedelta(seconds=fields.pop("seconds_ago"))
        CommentFactory(article=article, submitted_at=sent, **fields)
    if block:
        CommenterBlock.objects.create(**block)
    fingerprint = Comment.make_fingerprint(SENDER.email, SENDER.text)
    record = record_of(article, SENDER, fingerprint, timezone.now())
    assert record == expected
    assert record.known_author == (
        Comment.objects.approved()
        .filter(author_name=SENDER.name, author_email__iexact=SENDER.email)
        .exists()
    )
    assert record.blocked == (
        CommenterBlock.objects.active().matching(SENDER.email, SENDER.ip).exists()
    )


def test_a_comment_post_checks_the_sender_in_one_query(article, post):
    """The story, the checks, the row and its page: four statements, whatever the thread's
    length (the test's own savepoints and the cache's record of the change aside)."""
    CommentFactory.create_batch(30, article=article)
    CommentFactory(article=article, author_name="Jane Reader", author_email="jane@example.com")
    post(article, ip="192.0.2.1", author="Sam", email="sam@example.com")  # settings now cached
    with CaptureQueriesContext(connection) as captured:
        response = post(article)
    statements = [
        query["sql"]
        for query in captured.captured_queries
        if not query["sql"].startswith(("SAVEPOINT", "RELEASE SAVEPOINT"))
        and "caching_" not in query["sql"]
    ]
    assert response.status_code == 302
    assert Comment.objects.get(author_name="Jane Reader", text__contains="bridge").is_approved
    assert len(statements) == 4, statements


def test_a_new_comment_never_lands_on_an_imported_comments_anchor(article, post):
    """When an imported comment on the story shows the new comment's number, the reader is
    sent to the new one's own anchor."""
    imported = CommentFactory(article=article, wp_comment_id=1, wp_site="https://old.example")
    with connection.cursor() as cursor:
        cursor.execute("SELECT nextval(pg_get_serial_sequence('comments_comment', 'id'))")
        next_pk = cursor.fetchone()[0] + 1
    imported.wp_comment_id = next_pk
    imported.save()
    response = post(article)
    assert Comment.objects.get(text__contains="bridge").pk == next_pk
    assert response["Location"].endswith(f"#comment-here-{next_pk}")


def test_a_new_comment_on_a_story_without_imports_lands_on_its_number(article, post):
    """The usual case, the anchor known without asking the database."""
    response = post(article)
    assert response["Location"].endswith(f"#comment-{Comment.objects.get().pk}")
