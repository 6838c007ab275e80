import datetime
import re

import pytest
from bs4 import BeautifulSoup
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from comments.models import Comment
from tests.comments.factories import CommentFactory
from tests.factories import ArticleFactory, SectionFactory

pytestmark = pytest.mark.django_db

HOSTILE = [
    "<script>alert('x')</script>",
    '<img src=x onerror="alert(1)">',
    '"><svg onload=alert(1)>',
    '<a href="javascript:alert(1)">click</a>',
    "javascript:alert(document.cookie)",
    "<iframe src=//evil.example></iframe>",
    "<style>body{display:none}</style>",
]


def soup(response):
    return BeautifulSoup(response.content, "html.parser")


def active_content(page):
    """Elements and attributes that would run or load something a commenter chose."""
    found = [tag.name for tag in page.find_all(["iframe", "svg", "img", "style"])]
    found += [
        f"{tag.name}[{name}]"
        for tag in page.find_all(True)
        for name in tag.attrs
        if name.lower().startswith("on")
    ]
    found += [
        tag["href"]
        for tag in page.find_all(href=True)
        if tag["href"].strip().lower().startswith(("javascript:", "data:"))
    ]
    return found


def test_the_article_page_runs_the_same_queries_with_0_or_200_comments(
    article, django_assert_num_queries, settings
):
    """The thread is built from one query: 200 comments cost what none do."""
    settings.NEWSROOM_CACHE = False  # what building the page costs, each time
    client = Client()
    client.get(article.get_absolute_url())
    with CaptureQueriesContext(connection) as empty:
        client.get(article.get_absolute_url())
    tops = CommentFactory.create_batch(100, article=article)
    for top in tops:
        CommentFactory(article=article, parent=top)
    with django_assert_num_queries(len(empty.captured_queries)):
        response = client.get(article.get_absolute_url())
    assert "200 thoughts on" in response.content.decode()


def test_long_threads_split_into_pages_of_fifty(article):
    """Fifty top-level comments a page, with their replies, and page links that need no JS."""
    tops = CommentFactory.create_batch(51, article=article)
    reply = CommentFactory(article=article, parent=tops[-1], text="Reply on page two.")
    first = soup(Client().get(article.get_absolute_url()))
    assert len(first.select(".comment-list > .comment")) == 50
    links = first.select(".comment-navigation a.pagination__link")
    assert "?cpage=2#comments" in [link["href"] for link in links]
    second = soup(Client().get(f"{article.get_absolute_url()}?cpage=2"))
    assert [li["id"] for li in second.select(".comment-list > .comment")] == [
        f"comment-{tops[-1].pk}"
    ]
    assert second.select_one(f"#comment-{reply.pk}")
    assert second.select_one(".comment-reply-link")["href"].startswith("?cpage=2&replytocom=")


def test_a_page_number_out_of_range_shows_the_nearest_page(article):
    """A mistyped comment page is no error for the reader."""
    CommentFactory(article=article)
    for value in ("99", "abc", "0"):
        response = Client().get(f"{article.get_absolute_url()}?cpage={value}")
        assert response.status_code == 200
        assert len(soup(response).select(".comment")) == 1


def test_an_approved_comment_on_page_two_is_redirected_to_its_page(article, post):
    """After posting, the reader lands on the page where the comment appears."""
    CommentFactory.create_batch(50, article=article)
    CommentFactory(article=article, author_name="Jane Reader", author_email="jane@example.com")
    response = post(article)
    comment = Comment.objects.latest("pk")
    assert response["Location"] == f"{article.get_absolute_url()}?cpage=2#comment-{comment.pk}"


def test_the_form_has_wordpress_strings_fields_and_order(article):
    """Leave a Reply: heading, note, fields in order with labels, the checkbox and the button."""
    page = soup(Client().get(article.get_absolute_url()))
    form = page.select_one("form#commentform")
    assert page.select_one("#reply-title .comment-reply-title__text").get_text() == "Leave a Reply"
    assert page.select_one("#cancel-comment-reply-link").has_attr("hidden")
    assert form.select_one(".comment-notes").get_text(" ", strip=True) == (
        "Your email address will not be published. Required fields are marked *"
    )
    names = [field["name"] for field in form.select("textarea, input:not([type=hidden])")]
    assert names[:5] == ["comment", "author", "email", "url", "wp-comment-cookies-consent"]
    labels = {label["for"]: label.get_text(" ", strip=True) for label in form.select("label")}
    assert labels["comment"] == "Comment *"
    assert labels["author"] == "Name *"
    assert labels["email"] == "Email *"
    assert labels["url"] == "Website"
    assert labels["wp-comment-cookies-consent"] == (
        "Save my name, email, and website in this browser for the next time I comment."
    )
    for name in ("comment", "author", "email"):
        assert form.select_one(f"#{name}").has_attr("required")
    assert not form.select_one("#url").has_attr("required")
    assert form.select_one("#submit")["value"] == "Post Comment"
    assert form.select_one("#comment_parent")["value"] == "0"
    assert form.select_one("#honeypot")
    assert form.select_one("input[name=comment_token]")["value"]
    assert not form.select("[maxlength]")


def test_comment_text_is_paragraphs_with_links_that_carry_nofollow_ugc(article):
    """Blank lines make paragraphs; web addresses become links marked as user content."""
    comment = CommentFactory(
        article=article,
        text="First point.\n\nSee https://example.org/report for details.",
        author_url="https://sam.example",
    )
    item = soup(Client().get(article.get_absolute_url())).select_one(f"#comment-{comment.pk}")
    paragraphs = item.select(".comment-content p")
    assert [p.get_text() for p in paragraphs] == [
        "First point.",
        "See https://example.org/report for details.",
    ]
    link = paragraphs[1].select_one("a")
    assert link["href"] == "https://example.org/report"
    assert link["rel"] == ["nofollow", "ugc"]
    author = item.select_one(".fn a")
    assert author["href"] == "https://sam.example"
    assert set(author["rel"]) == {"external", "nofollow", "ugc"}


@pytest.mark.parametrize("hostile", HOSTILE)
def test_hostile_input_leaves_nothing_active_on_the_article_page(article, post, hostile):
    """Script tags, event attributes and javascript: addresses are shown as text only."""
    CommentFactory(article=article, author_name="Jane Reader", author_email="jane@example.com")
    baseline = active_content(soup(Client().get(article.get_absolute_url())))
    response = post(article, comment=f"Look: {hostile}", author=f"Jane Reader {hostile}"[:245])
    assert response.status_code == 302
    Comment.objects.update(status=Comment.Status.APPROVED)
    page = soup(Client().get(article.get_absolute_url()))
    assert active_content(page) == baseline
    assert hostile in page.get_text()


def test_a_javascript_website_stored_somehow_is_never_linked(article):
    """Even a bad website that got into the database is not made a link."""
    comment = CommentFactory(article=article, author_url="javascript:alert(1)")
    item = soup(Client().get(article.get_absolute_url())).select_one(f"#comment-{comment.pk}")
    assert item.select_one(".fn a") is None


def test_emails_and_ips_appear_on_no_public_page(article):
    """Commenters' email addresses and IP addresses are never shown to readers."""
    article.tags.add("Bridges")
    CommentFactory(
        article=article, author_email="secret.person@example.com", ip_address="192.0.2.77"
    )
    CommentFactory(
        article=article, text="Me too", author_email="other.person@example.com",
        ip_address="2001:db8::77", status=Comment.Status.PENDING,
    )  # fmt: skip
    author = article.authors.first()
    urls = [
        "/", article.get_absolute_url(), article.section.get_absolute_url(), "/tag/bridges/",
        "/feed/", "/feed/atom/", f"/feed/section/{article.section.slug}/", "/feed/tag/bridges/",
        "/sitemap.xml", "/sitemap-articles.xml", "/news-sitemap.xml",
        "/search/?q=bridge",
    ]  # fmt: skip
    if author:
        urls += [author.get_absolute_url(), f"/feed/author/{author.slug}/"]
    for url in urls:
        response = Client().get(url)
        assert response.status_code == 200, url
        text = response.content.decode()
        for secret in ("secret.person", "other.person", "192.0.2.77", "2001:db8::77"):
            assert secret not in text, (url, secret)
        assert not re.search(r"gravatar|[0-9a-f]{32}", text, re.IGNORECASE), url
    for query in ("secret.person@example.com", "192.0.2.77"):
        found = soup(Client().get("/search/", {"q": query}))
        assert not found.select(".search-result"), f"searching {query} finds the story"
    page = soup(Client().get(article.get_absolute_url()))
    json_ld = " ".join(
        script.get_text() for script in page.select('script[type="application/ld+json"]')
    )
    assert json_ld, "the article page has its JSON-LD"
    assert "example.com" not in json_ld


def test_story_lists_show_comment_counts_in_a_constant_number_of_queries():
    """Counts come with the listing's own query, however many stories have comments."""
    section = SectionFactory(name="City", slug="city")
    client = Client()

    def queries_for_section_page():
        client.get(section.get_absolute_url())
        with CaptureQueriesContext(connection) as counted:
            response = client.get(section.get_absolute_url())
        return len(counted.captured_queries), response

    ArticleFactory(section=section)
    few, _ = queries_for_section_page()
    for article in ArticleFactory.create_batch(6, section=section):
        CommentFactory.create_batch(2, article=article)
    many, response = queries_for_section_page()
    assert few == many
    counts = [p.get_text(strip=True) for p in soup(response).select(".story-card__comments")]
    assert counts == ["2 comments"] * 6


def test_the_home_page_shows_comment_counts():
    """The front page's cards show their comment counts too."""
    lead, other = ArticleFactory.create_batch(2)
    CommentFactory(article=lead)
    CommentFactory.create_batch(3, article=other)
    CommentFactory(article=other, status=Comment.Status.PENDING)
    page = soup(Client().get("/"))
    counts = sorted(p.get_text(strip=True) for p in page.select(".story-card__comments"))
    assert counts == ["1 comment", "3 comments"]


def test_section_fronts_tag_and_author_pages_show_comment_counts():
    """Every listing built from the story-card query shows approved comments only."""
    section = SectionFactory(name="City", slug="city")
    stories = ArticleFactory.create_batch(13, section=section)
    oldest = stories[0]  # past the home page's top 12: it appears in the City front
    oldest.published_at -= datetime.timedelta(days=1)
    oldest.save()
    oldest.tags.add("Bridges")
    CommentFactory.create_batch(2, article=oldest)
    CommentFactory(article=oldest, status=Comment.Status.SPAM)
    author = oldest.authors.first()
    pages = ["/", "/tag/bridges/", section.get_absolute_url()]
    if author:
        pages.append(author.get_absolute_url())
    for url in pages:
        page = soup(Client().get(url))
        card = page.find("a", string=oldest.headline).find_parent(class_="story-card")
        assert card.select_one(".story-card__comments").get_text(strip=True) == "2 comments", url
