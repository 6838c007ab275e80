"""Old links to WordPress comments (#comment-N, ?replytocom=N, /comment-page-N/) reach them here."""

from collections import Counter

import pytest
from bs4 import BeautifulSoup

from articles.models import Article
from comments.models import Comment, ModerationSettings
from tests.comments.factories import CommentFactory
from tests.wordpress.exports import export, post, run, wp_comment, write

pytestmark = pytest.mark.django_db

OLD_LINK = "https://old.example.com/council-approves-the-budget/"


def thread(*extra):
    return (
        wp_comment(501, author="Ann", text="First!")
        + wp_comment(502, parent=501, author="Ben", text="A reply")
        + wp_comment(503, approved="0", author="Cat", text="Held back")
        + "".join(extra)
    )


@pytest.fixture
def imported(tmp_path):
    """A published story whose WordPress permalink was /council-approves-the-budget/."""
    run(write(tmp_path, export(post(41, link=OLD_LINK, comments=thread()))))
    return Article.objects.get(wp_post_id=41)


def ids_on(client, url):
    soup = BeautifulSoup(client.get(url).content, "html.parser")
    return soup, Counter(tag["id"] for tag in soup.find_all(id=True))


def test_imported_comments_carry_their_wordpress_number_as_their_anchor(client, imported):
    """#comment-501 on our page is WordPress comment 501, and every id on the page is unique."""
    soup, ids = ids_on(client, imported.get_absolute_url())
    assert "First!" in soup.select_one("li#comment-501").get_text()
    assert "A reply" in soup.select_one("#comment-501 .children li#comment-502").get_text()
    assert soup.select_one("#comment-502 a[href='#comment-502'] time")
    reply = soup.select_one("#comment-502 .comment-reply-link")
    assert reply["data-belowelement"] == "div-comment-502"
    assert reply["data-commentid"] == str(Comment.objects.get(wp_comment_id=502).pk)
    assert max(ids.values()) == 1
    assert Comment.objects.get(wp_comment_id=502).get_absolute_url().endswith("#comment-502")


def test_our_own_comment_never_takes_an_imported_comments_anchor(client, imported):
    """A comment posted here whose number an imported one already shows gets another anchor."""
    ours = CommentFactory(pk=501_000, article=imported, text="Posted here")
    clash = Comment.objects.get(wp_comment_id=501)
    clash.wp_comment_id = ours.pk
    clash.save()
    soup, ids = ids_on(client, imported.get_absolute_url())
    assert "First!" in soup.select_one(f"li#comment-{ours.pk}").get_text()
    assert "Posted here" in soup.select_one(f"li#comment-here-{ours.pk}").get_text()
    assert max(ids.values()) == 1
    assert Comment.objects.get(pk=ours.pk).get_absolute_url().endswith(f"#comment-here-{ours.pk}")
    # Everywhere else, ours keep their own number.
    plain = CommentFactory(article=imported)
    assert Comment.objects.get(pk=plain.pk).get_absolute_url().endswith(f"#comment-{plain.pk}")


@pytest.mark.parametrize(
    ("old", "lands_on"),
    [
        ("/council-approves-the-budget/?replytocom=502", "#comment-502"),
        ("/?p=41&replytocom=502", "#comment-502"),
        ("/2024/03/05/council-approves-the-budget/comment-page-1/?replytocom=501", "#comment-501"),
        ("/council-approves-the-budget/comment-page-2/", ""),
        ("/?p=41&cpage=2", ""),
        ("/council-approves-the-budget/?replytocom=502&utm_source=mail",
         "?utm_source=mail#comment-502"),
        # A held comment is not revealed, and an unknown one is no comment of ours.
        ("/council-approves-the-budget/?replytocom=503", ""),
        ("/council-approves-the-budget/?replytocom=999", ""),
    ],
)  # fmt: skip
def test_old_links_into_the_comments_redirect_to_the_story_at_the_comment(
    client, imported, old, lands_on
):
    """WordPress's comment pages and Reply links are not ours: each becomes our address."""
    response = client.get(old)
    assert response.status_code == 301
    assert response["Location"] == f"{imported.get_absolute_url()}{lands_on}"
    assert client.get(response["Location"]).status_code == 200


def test_a_reply_link_to_a_comment_on_a_later_page_opens_that_page(client, tmp_path):
    """With 5 top-level comments a page, the seventh comment is on page 2."""
    rules = ModerationSettings.load()
    rules.per_page = 5
    rules.save()
    comments = "".join(wp_comment(600 + n, text=f"Comment {n}") for n in range(7))
    run(write(tmp_path, export(post(41, link=OLD_LINK, comments=comments))))
    article = Article.objects.get()
    response = client.get("/council-approves-the-budget/?replytocom=606")
    assert response["Location"] == f"{article.get_absolute_url()}?cpage=2#comment-606"
    soup, _ = ids_on(client, response["Location"])
    assert "Comment 6" in soup.select_one("#comment-606").get_text()


def test_a_comment_page_under_our_own_address_leads_to_the_story(client, tmp_path):
    """When the old permalink was the address our story has, /comment-page-2/ still resolves."""
    run(write(tmp_path, export(post(41, comments=thread()))))
    article = Article.objects.get()
    response = client.get(f"{article.get_absolute_url()}comment-page-2/")
    assert (response.status_code, response["Location"]) == (301, article.get_absolute_url())


def test_a_comment_page_of_an_unknown_post_stays_missing(client, imported):
    """Only old posts we imported are redirected."""
    assert client.get("/nowhere/comment-page-2/").status_code == 404
    assert client.get("/nowhere/?replytocom=502").status_code == 404
