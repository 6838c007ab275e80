"""Response headers and the Content-Security-Policy every page must satisfy."""

import os
import re
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from django.test import Client

from comments.models import Comment
from tests.comments.factories import CommentFactory
from tests.factories import ArticleFactory, AuthorFactory
from tests.helpers import client_for

ROOT = Path(__file__).resolve().parents[2]
EVENT_HANDLER = re.compile(r"^on", re.IGNORECASE)


def policy(response, header="Content-Security-Policy"):
    directives = {}
    for part in response[header].split(";"):
        name, *values = part.split()
        directives[name] = values
    return directives


def assert_page_satisfies_policy(response):
    """No inline script, style or event handler, and every asset from this site."""
    directives = policy(response)
    soup = BeautifulSoup(response.content, "html.parser")
    nonces = {value[len("'nonce-") : -1] for value in directives["script-src"] if "nonce" in value}
    for script in soup.find_all("script"):
        if script.get("type") == "application/ld+json":
            continue  # a data block: never run, and not subject to script-src
        if script.get("src"):
            assert not re.match(r"^(https?:)?//", script["src"]), script["src"]
        else:
            assert script.get("nonce") in nonces, f"inline script without the nonce: {script}"
    assert soup.find_all("style") == []
    for tag in soup.find_all(True):
        attributes = list(tag.attrs)
        if "style" in attributes:
            assert "'unsafe-inline'" in directives["style-src"], f"style attribute on {tag.name}"
        assert not [name for name in attributes if EVENT_HANDLER.match(name)], str(tag)[:200]
    for link in soup.find_all("link", rel="stylesheet"):
        assert link["href"].startswith("/"), link["href"]


@pytest.fixture
def story(db):
    article = ArticleFactory(headline="Council approves the new bridge", slug="bridge")
    article.authors.add(AuthorFactory(name="Rita Reporter", slug="rita-reporter"))
    article.tags.add("transport")
    CommentFactory(article=article, status=Comment.Status.APPROVED)
    return article


def reader_pages(story):
    day = story.published_at
    return [
        "/",
        story.get_absolute_url(),
        f"/{story.section.slug}/",
        "/tag/transport/",
        "/author/rita-reporter/",
        "/search/?q=bridge",
        "/search/?q=",
        f"/{day:%Y}/",
        f"/{day:%Y}/{day.month}/",
        "/no-such-page/",
    ]


def test_every_reader_page_satisfies_the_policy_without_a_nonce(client, story):
    for url in reader_pages(story):
        response = client.get(url)
        assert response.status_code in (200, 404), url
        directives = policy(response)
        assert directives["default-src"] == ["'self'"]
        assert directives["script-src"] == ["'self'"], url
        assert "'unsafe-inline'" not in response["Content-Security-Policy"], url
        assert_page_satisfies_policy(response)


def test_the_comment_error_page_satisfies_the_policy(post, story):
    response = post(story, comment="")
    assert response.status_code == 400
    assert_page_satisfies_policy(response)


def test_the_article_form_gives_the_editors_importmap_a_nonce(editor, story):
    response = client_for(editor).get(f"/admin/articles/article/{story.pk}/change/")
    assert response.status_code == 200
    directives = policy(response)
    nonce = next(value for value in directives["script-src"] if value.startswith("'nonce-"))
    importmap = BeautifulSoup(response.content, "html.parser").find("script", type="importmap")
    assert f"'nonce-{importmap['nonce']}'" == nonce
    assert_page_satisfies_policy(response)
    # What a strict style policy would block is reported, not enforced.
    assert policy(response, "Content-Security-Policy-Report-Only")["style-src"] == ["'self'"]


@pytest.mark.parametrize(
    "url", ["/admin/", "/admin/articles/article/", "/admin/comments/comment/", "/admin/two-step/"]
)
def test_admin_pages_satisfy_the_policy(editor, story, url):
    response = client_for(editor).get(url)
    assert response.status_code == 200
    assert_page_satisfies_policy(response)


def test_the_home_page_sends_the_security_headers(client, db):
    response = client.get("/")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["X-Frame-Options"] == "DENY"
    assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
    assert response["Cross-Origin-Resource-Policy"] == "same-origin"
    assert "camera=()" in response["Permissions-Policy"]
    assert policy(response)["frame-ancestors"] == ["'none'"]
    assert policy(response)["object-src"] == ["'none'"]


def test_production_redirects_to_https_and_sends_hsts(settings, db):
    settings.SECURE_SSL_REDIRECT = True
    settings.SECURE_HSTS_SECONDS = 31_536_000
    settings.SECURE_HSTS_PRELOAD = True
    plain = Client().get("/")
    assert plain.status_code == 301
    assert plain["Location"] == "https://testserver/"
    secure = Client().get("/", secure=True)
    assert secure["Strict-Transport-Security"] == ("max-age=31536000; includeSubDomains; preload")
    # The load balancer's health checks stay on plain HTTP.
    assert Client().get("/healthz").status_code == 200


def test_check_deploy_is_clean_with_the_documented_production_settings():
    """`manage.py check --deploy` with .env.example's values (and a real secret): no warnings."""
    documented = {}
    for line in (ROOT / ".env.example").read_text().splitlines():
        if line.strip() and not line.startswith("#"):
            name, _, value = line.partition("=")
            documented[name] = value
    # The browser tests' event loop needs DJANGO_ALLOW_ASYNC_UNSAFE; no deployment sets it.
    inherited = {k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"}
    environment = {
        **inherited,
        **documented,
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
        "DATABASE_URL": os.environ["DATABASE_URL"],
        "REDIS_URL": "",
    }
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues (0 silenced)." in result.stdout
