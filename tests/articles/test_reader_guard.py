"""No reader address answers 500, whatever its query string, for a reader or signed-in staff.

The addresses are every one the sitemaps list, plus every public URL pattern the resolver has
(feeds, search, archives, previews, the newsletter's and readership's pages), filled from sample
rows, plus addresses that do not exist; each is visited as is and with odd query strings.
"""

import itertools
from urllib.parse import urlsplit
from xml.etree import ElementTree

import pytest
from django.urls import reverse
from django.utils import timezone

from articles.desk import preview
from articles.site import live
from comments.models import Comment
from newsroom.newsletter.models import Subscriber
from newsroom.newsletter.tokens import confirm_token, unsubscribe_token
from newsroom.readers import codes
from newsroom.readers.models import SignInCode
from newsroom.security.faults import server_error
from newsroom.support.models import Supporter
from newsroom.support.tokens import manage_token
from tests.comments.factories import CommentFactory
from tests.factories import (
    ArticleFactory,
    AuthorFactory,
    CorrectionFactory,
    EmbedFactory,
    ImageFactory,
    LiveUpdateFactory,
    SectionFactory,
)
from tests.helpers import client_for
from tests.url_guard import Tally, addresses, patterns

pytestmark = pytest.mark.django_db

ODD_QUERIES = [
    "?page=0",
    "?page=x",
    "?page=-1",
    "?page=" + "9" * 400,
    "?cpage=-1",
    "?cpage=x",
    "?cpage=" + "9" * 40,
    "?replytocom=abc",
    "?replytocom=" + "9" * 30,
    "?page=1.5&cpage=1e3",
    "?replytocom=-1&cpage=0",
    "?q=%00",
    "?q=" + "x" * 5000,
    "?s=%F0%9F%92%A9&page=%00",
    "?page=1&page=2&utm_source=" + "y" * 3000,
]
NOT_THERE = [
    "/no-such-section/",
    "/world/no-such-story/",
    "/2026/13/",
    "/2026/2/31/",
    "/99999/",
    "/tag/no-such-topic/",
    "/author/nobody/",
    "/feed/section/nowhere/",
    "/preview/shared/not-a-token/",
    "/newsletter/confirm/garbage/",
    "/newsletter/unsubscribe/garbage/",
    "/account/sign-in/link/garbage/",
    "/support/manage/garbage/",
]
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}loc"


@pytest.fixture
def content(roles, reporter, settings):
    # Payments on (newsroom.support): its pages answer, and the appeal is under every story.
    settings.NEWSROOM_STRIPE_SECRET_KEY = "sk_test_guard"
    settings.NEWSROOM_STRIPE_WEBHOOK_SECRET = "whsec_guard"
    section = SectionFactory(name="World", slug="world")
    author = AuthorFactory(name="Rita Reporter", slug="rita-reporter", user=reporter)
    image = ImageFactory(small=True)
    # The story carries an embed, a link card, and a link alone on its line never fetched.
    video, card = EmbedFactory(), EmbedFactory(url="https://example.org/page", kind="card")
    story = ArticleFactory(
        section=section,
        authors=[author],
        featured_image=image,
        tags=["trade", "Économie"],
        body="".join(
            f'<p><a href="{url}">{url}</a></p>'
            for url in (video.url, card.url, "https://example.org/never-fetched")
        ),
    )
    other = ArticleFactory(section=section, authors=[author], tags=["trade"], related=[story])
    live_story = LiveUpdateFactory(article__section=section).article
    draft = ArticleFactory(draft=True, section=section, authors=[author], created_by=reporter)
    CorrectionFactory(article=story)
    first = CommentFactory(article=story)
    CommentFactory(article=story, parent=first)
    CommentFactory(article=other, status=Comment.Status.PENDING)
    subscriber = Subscriber.objects.create(email="reader@example.com")
    code = SignInCode.objects.create(
        email="reader@example.com",
        digest=codes.digest("reader@example.com", "123456"),
        expires_at=timezone.now() + codes.LIFETIME,
    )
    supporter = Supporter.objects.create(
        email="member@example.com", amount=500, currency="eur", period="month", status="active",
        stripe_customer_id="cus_guard",
    )  # fmt: skip
    published = timezone.localtime(story.published_at)
    return {
        "section": section.slug,
        "author": author.slug,
        "tag": "trade",
        "story": story,
        "live": live_story,
        "draft": draft,
        "link": preview.create_link(draft, reporter),
        "subscriber": subscriber,
        "sign_in_link": codes.link_token(code, "123456"),
        "supporter": supporter,
        "image": image,
        "date": published.date(),
    }


def value_finder(content):
    story, day = content["story"], content["date"]
    by_pattern = {
        "articles:detail": {"section": content["section"], "slug": story.slug},
        "articles:live_feed": {"section": content["section"], "slug": content["live"].slug},
        "articles:live_updates": {
            "pk": str(content["live"].pk),
            "bucket": [str(live.current_bucket()), "0", "99999999999"],
        },
        "articles:preview": {"pk": str(content["draft"].pk)},
        "api:story": {"story_id": [str(story.pk), str(content["draft"].pk), "0"]},
        "articles:shared_preview": {"token": content["link"].key},
        "newsletter:confirm": {"token": confirm_token(content["subscriber"])},
        "newsletter:unsubscribe": {"token": unsubscribe_token(content["subscriber"])},
        "readers:sign_in_link": {"token": content["sign_in_link"]},
        "support:portal": {"token": manage_token(content["supporter"])},
        "media": {"path": content["image"].file.name},
        # Pages below a story's depth (newsroom.pages); shallower ones answer at /about/.
        "pages:page": {"path": "about/team/history"},
    }
    by_name = {"year": str(day.year), "month": str(day.month), "day": str(day.day)}

    def value_for(pattern, name, position):
        if name in by_pattern.get(pattern.name, {}):
            return by_pattern[pattern.name][name]
        if name in by_name:
            return by_name[name]
        if name in ("slug", "section"):
            for kind in ("section", "tag", "author"):
                if kind in pattern.name:
                    return content[kind]
        return None

    return value_for


def reader_patterns():
    return [pattern for pattern in patterns() if not pattern.route.startswith("admin/")]


def sitemap_addresses(client):
    """Every address the sitemaps list, the sitemap index's own included."""
    found, queue, seen = [], ["/sitemap.xml", "/news-sitemap.xml"], set()
    while queue:
        address = queue.pop()
        if address in seen:
            continue
        seen.add(address)
        found.append(address)
        response = client.get(address)
        assert response.status_code == 200, address
        for loc in ElementTree.fromstring(response.content).iter(SITEMAP):
            path = urlsplit(loc.text).path
            (queue if path.endswith(".xml") else found).append(path)
    return list(dict.fromkeys(found))


def test_no_reader_address_answers_500_with_odd_query_strings(
    client, content, editor, reader_client
):
    """Every address from the sitemaps and the resolver, and some that do not exist, each with
    odd query strings, for a reader, a signed-in editor and a reader signed in to their
    account: no answer is 500 or above."""
    value_for = value_finder(content)
    visits, unfilled = sitemap_addresses(client), []
    for pattern in reader_patterns():
        found, missing = addresses(pattern, value_for)
        if missing:
            unfilled.append(f"{pattern.route} ({', '.join(missing)})")
        visits.extend(found)
    assert not unfilled, f"Patterns the guard cannot fill: {unfilled}"
    visits = list(dict.fromkeys([*visits, *NOT_THERE]))
    # Each request from its own address: the search's rate limit would answer the rest 429.
    readers = (f"198.51.{n // 250}.{n % 250 + 1}" for n in itertools.count())

    tally = Tally()
    browsers = (
        ("reader", client),
        ("editor", client_for(editor)),
        ("signed-in reader", reader_client),
    )
    for who, browser in browsers:
        for address in visits:
            for query in ["", *ODD_QUERIES]:
                tally.visit(browser, who, address + query, REMOTE_ADDR=next(readers))
    print(tally.report())
    assert not tally.failures, "\n".join([tally.report(), *tally.failures])


def test_error_pages_render(client, rf, content):
    """The 404 page and the server error page render themselves without failing."""
    assert client.get("/no-such-section/").status_code == 404
    response = server_error(rf.get(reverse("articles:home")))
    assert response.status_code == 500
    assert b"<h1" in response.content


def test_the_guard_reads_the_addresses_the_sitemaps_list(client, content):
    """The sitemaps the guard starts from list the sample story, its section and its topic."""
    listed = sitemap_addresses(client)
    story = content["story"]
    for address in (story.get_absolute_url(), "/world/", "/tag/trade/", "/author/rita-reporter/"):
        assert address in listed
