"""No request a client can make is answered with a 500: each gets a 400 or a form message."""

from io import BytesIO
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from PIL import Image as PILImage

from articles.models import Image
from comments.models import Comment
from tests.factories import ArticleFactory, image_bytes, uploaded_image
from tests.helpers import client_for, reply_form_data

FORM = "application/x-www-form-urlencoded"


@pytest.fixture
def reader(settings):
    """A browser against the production error handling: responses, not tracebacks."""
    settings.DEBUG = False
    return Client(raise_request_exception=False, enforce_csrf_checks=True)


@pytest.fixture
def story(db):
    return ArticleFactory(headline="Council approves the new bridge", slug="bridge")


def csrf_cookie(reader, story):
    # Cached story pages hand out no token; the admin's sign-in page still sets the cookie.
    reader.get("/admin/login/")
    return reader.cookies["csrftoken"].value


@pytest.mark.parametrize(
    "charset", ["bogus", "x-user-defined", "rot13", "idna", "utf-16", "utf-32", "latin-1", "cp037"]
)
def test_a_form_in_a_charset_no_browser_sends_is_a_400(reader, story, charset):
    token = csrf_cookie(reader, story)
    # Bytes, as a client would send them: the test client cannot encode to a bogus charset.
    body = f"csrfmiddlewaretoken={token}&comment=Hello&comment_post_ID={story.pk}".encode()
    response = reader.generic(
        "POST", "/comments/post/", body, content_type=f"{FORM}; charset={charset}"
    )
    assert response.status_code == 400
    assert "We could not read that request" in response.text
    assert Comment.objects.count() == 0


def test_a_utf8_form_that_says_so_is_taken(reader, story):
    token = csrf_cookie(reader, story)
    data = reply_form_data(story, csrfmiddlewaretoken=token)
    body = "&".join(f"{key}={value}" for key, value in data.items())
    response = reader.post("/comments/post/", body, content_type=f"{FORM}; charset=UTF-8")
    assert response.status_code == 302
    assert Comment.objects.count() == 1


@pytest.mark.parametrize("story_id", ["²", "١٢", "1e3", "-1", " 1", "99999999999999999999", ""])
def test_a_story_number_that_is_not_one_is_refused_plainly(post, story, story_id):
    response = post(story, comment_post_ID=story_id)
    assert response.status_code in (400, 404)
    assert Comment.objects.count() == 0


@pytest.mark.parametrize(
    "url",
    [
        "/search/?q=%00",
        "/search/?q=bridge%00",
        "/search/?q=%FF%FE",
        "/search/?q=" + "a" * 5000,
        "/search/?q=%27%29%3B--",
        "/search/?page=%00",
        "/search/?page=-1&q=bridge",
        "/search/?page=99999999999999999999&q=bridge",
        "/tag/%00/",
        "/%00/",
        "/world/%FF/",
        "/2026/13/",
        "/2026/02/31/",
        "/99999/",
        "/preview/shared/not-a-token/",
        "/preview/shared/" + "a" * 3000 + "/",
        "/?p=%00",
        "/?p=%C2%B2",
        "/?s=%00",
        "/?feed=%00",
        "/world/bridge/?cpage=%C2%B2",
        "/world/bridge/?cpage=-5",
        "/world/bridge/?replytocom=%C2%B2",
    ],
)
def test_hostile_addresses_never_answer_500(reader, story, url):
    response = reader.get(url)
    assert response.status_code < 500, (url, response.status_code)


@pytest.mark.parametrize(
    "headers",
    [
        {"X-Forwarded-For": "not-an-ip, \x00"},
        {"Cookie": "comment_author=%FF%FE; csrftoken=\x01"},
        {"Cookie": "sessionid=" + "x" * 4000},
        {"Accept-Language": "\x00" * 50},
        {"User-Agent": "😀" * 1000},
        {"Referer": "javascript:alert(1)"},
        {"If-Modified-Since": "yesterday"},
        {"Range": "bytes=99999999999999999999-"},
    ],
)
def test_hostile_headers_never_answer_500(reader, story, headers):
    assert reader.get(story.get_absolute_url(), headers=headers).status_code < 500


def test_a_bad_host_header_is_a_400(reader, db):
    assert reader.get("/", headers={"Host": "evil.example<script>"}).status_code == 400


@pytest.mark.parametrize(
    "field, value",
    [
        ("comment", "\x00"),
        ("author", "A\x00B"),
        ("email", "é" * 300 + "@example.com"),
        ("url", "javascript:alert(1)"),
        ("url", "http://[::1"),
        ("comment_parent", "²"),
        ("comment_parent", "-1"),
        ("comment_token", "é" * 5000),
        ("wp-comment-cookies-consent", "\x00"),
    ],
)
def test_hostile_form_values_get_a_message_or_a_400(post, story, field, value):
    response = post(story, **{field: value})
    assert response.status_code in (302, 400)
    if response.status_code == 400:
        assert Comment.objects.count() == 0


def gif_js_polyglot():
    """A GIF whose width bytes open a script comment, with a script after the picture."""
    buffer = BytesIO()
    PILImage.new("P", (10, 10)).save(buffer, "GIF")
    gif = bytearray(buffer.getvalue())
    gif[6:8] = b"/*"
    return bytes(gif) + b"*/=1;alert(document.domain);//"


def gif_with_a_script_after_it():
    return image_bytes(40, 40, "GIF") + b"\n/*\n*/alert(document.domain)//"


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("strip.png", image_bytes(3000, 1, "PNG"), "3000 x 1 pixels: too long and thin"),
        ("tower.jpg", image_bytes(1, 3000), "1 x 3000 pixels: too long and thin"),
        ("polyglot.gif", gif_js_polyglot(), "too long and thin"),
        ("hidden.gif", gif_with_a_script_after_it(), "something else hidden after the picture"),
        ("hidden.png", image_bytes(40, 40, "PNG") + b"<script>alert(1)</script>", "hidden"),
    ],
)
def test_a_refused_upload_says_why_and_leaves_no_file(editor, settings, name, content, message):
    response = client_for(editor).post(
        reverse("admin:articles_image_add"),
        {"file": SimpleUploadedFile(name, content), "alt_text": "Ferry at the pier"},
    )
    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "html.parser")
    assert message in soup.select_one(".field-file .errorlist").get_text()
    assert not Image.objects.exists()
    media = Path(settings.MEDIA_ROOT)
    assert not media.exists() or [path for path in media.rglob("*") if path.is_file()] == []


def test_a_long_panorama_within_the_limit_gets_its_renditions(editor):
    response = client_for(editor).post(
        reverse("admin:articles_image_add"),
        {"file": uploaded_image("pano.jpg", width=4000, height=201), "alt_text": "The bay"},
    )
    assert response.status_code == 302
    assert {rendition["height"] for rendition in Image.objects.get().renditions} >= {20}
