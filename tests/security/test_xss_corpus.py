"""A corpus of hostile input (tests/data/xss/payloads.txt) through every comment field and the
story body: the HTML we serve holds no script, handler or script address, and Chromium runs
none of it."""

from pathlib import Path
from urllib.parse import urlsplit

import pytest
from bs4 import BeautifulSoup
from django.test import Client

from articles.models import Article
from comments.models import Comment, ModerationSettings
from tests.comments.factories import CommentFactory
from tests.factories import ArticleFactory
from tests.helpers import reply_form_data

CORPUS = Path(__file__).resolve().parents[1] / "data" / "xss" / "payloads.txt"
PAYLOADS = [
    line for line in CORPUS.read_text().splitlines() if line.strip() and not line.startswith("#")
]
DANGEROUS_TAGS = {"iframe", "object", "embed", "base", "frame", "frameset", "applet", "portal",
                  "svg", "math", "template", "noscript", "xss", "isindex", "keygen", "marquee",
                  "bgsound", "link", "style", "meta"}  # fmt: skip
SAFE_SCHEMES = {"", "http", "https", "mailto", "tel"}
# Our own pages: their scripts are files under /static/, JSON-LD data blocks, nothing else.
OUR_LINKS = {"stylesheet", "icon", "alternate", "canonical", "preload", "apple-touch-icon",
             "manifest", "search", "next", "prev"}  # fmt: skip
# Records every way a payload could show it ran, in the page and in every frame.
TRAP = """
window.__ran = [];
for (const name of ["alert", "confirm", "prompt", "print"]) {
  window[name] = (...args) => { window.__ran.push(name + "(" + args.join(",") + ")"); };
}
"""


def test_the_corpus_is_large_enough():
    assert len(PAYLOADS) >= 200
    assert len(set(PAYLOADS)) == len(PAYLOADS)


def assert_inert(html, where):
    """Nothing in the page runs script but our own files."""
    soup = BeautifulSoup(html, "html.parser")
    for script in soup.find_all("script"):
        src = script.get("src", "")
        assert script.get("type") == "application/ld+json" or src.startswith("/static/"), (
            where,
            str(script)[:200],
        )
    for tag in soup.find_all(True):
        assert tag.name not in DANGEROUS_TAGS or (
            tag.name in ("link", "meta", "style")
            and tag.parent
            and tag.parent.name == "head"
            and not tag.get("http-equiv")
        ), (where, str(tag)[:200])
        handlers = [name for name in tag.attrs if name.lower().startswith("on")]
        assert not handlers, (where, str(tag)[:200])
        for attribute in ("href", "src", "action", "formaction", "data", "srcdoc", "background"):
            value = tag.get(attribute)
            if value is None:
                continue
            assert attribute != "srcdoc", (where, str(tag)[:200])
            scheme = urlsplit(value.strip()).scheme.lower()
            assert scheme in SAFE_SCHEMES, (where, attribute, value[:120])


@pytest.fixture
def corpus_story(db):
    """A story whose body holds every payload, with a comment per payload in each field."""
    body = "".join(
        f"<p>Paragraph {number}.</p>{payload}" for number, payload in enumerate(PAYLOADS)
    )
    article = ArticleFactory(headline="Corpus", slug="corpus", body=body)
    rules = ModerationSettings.load()
    rules.per_page = len(PAYLOADS)  # every comment on one page
    rules.save()
    CommentFactory.create_batch(
        len(PAYLOADS),
        article=article,
        text=factory_iter(PAYLOADS),
        author_name=factory_iter(payload[:245] for payload in PAYLOADS),
        author_url=factory_iter(payload[:200] for payload in PAYLOADS),
    )
    return article


def factory_iter(values):
    import factory

    return factory.Iterator(list(values), cycle=False)


def test_the_stored_body_and_every_comment_render_inert(client, corpus_story):
    stored = Article.objects.get(pk=corpus_story.pk).body
    assert stored.count("Paragraph ") == len(PAYLOADS)  # the cleaner dropped no text
    response = client.get(corpus_story.get_absolute_url())
    assert response.status_code == 200
    html = response.content.decode()
    assert html.count('class="comment-content"') == len(PAYLOADS)
    assert_inert(html, "article page")


@pytest.mark.slow
@pytest.mark.parametrize("field", ["comment", "author", "email", "url"])
def test_every_payload_in_every_form_field_comes_back_inert(article, field):
    """The error page shows what was sent again: each payload, in each field, escaped."""
    client = Client()
    for number, payload in enumerate(PAYLOADS):
        # An invalid email keeps every post on the error page, which echoes the fields.
        data = reply_form_data(article, **{"email": "not an address", field: payload})
        response = client.post("/comments/post/", data, REMOTE_ADDR=f"198.51.100.{number % 250}")
        assert response.status_code == 400, (field, payload)
        assert_inert(response.content.decode(), f"{field}: {payload}")
    assert Comment.objects.count() == 0


def _run_in_chromium(page, html, base_url):
    page.set_content(html, wait_until="load")
    page.wait_for_timeout(150)  # onerror/onload of broken pictures fire just after load
    return page.evaluate("window.__ran")


@pytest.mark.browser
def test_chromium_runs_no_payload_from_the_article_page_or_the_error_pages(
    browser, live_server, corpus_story
):
    """Rendered without our CSP (set_content), so the markup alone must be harmless."""
    context = browser.new_context(java_script_enabled=True)
    context.add_init_script(TRAP)
    dialogs = []
    page = context.new_page()
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    client = Client()
    pages = {"article": client.get(corpus_story.get_absolute_url()).content.decode()}
    for field in ("comment", "author", "url"):
        batch = "\n".join(PAYLOADS)
        data = reply_form_data(corpus_story, **{"email": "not an address", field: batch[:60000]})
        pages[f"error page, {field}"] = client.post("/comments/post/", data).content.decode()
    ran = {where: _run_in_chromium(page, html, live_server.url) for where, html in pages.items()}
    # Our own comments.js is not loaded by set_content: nothing at all may have run.
    assert ran == {where: [] for where in pages}
    # The live page, with its CSP, too.
    page.goto(f"{live_server.url}{corpus_story.get_absolute_url()}", wait_until="load")
    page.wait_for_timeout(300)
    assert page.evaluate("window.__ran") == []
    assert dialogs == []
    context.close()


@pytest.mark.browser
def test_a_payload_would_be_caught(browser):
    """The trap works: an unsafe page is seen to run script."""
    context = browser.new_context()
    context.add_init_script(TRAP)
    page = context.new_page()
    assert _run_in_chromium(page, "<img src=x onerror=alert(7)>", "") == ["alert(7)"]
    context.close()
