"""Two app servers on one PostgreSQL, one Redis and one picture bucket behave as one site.

Readers and editors land on either server, request by request (a load balancer in front);
what one server does, the other must show at once. Marked `multiserver`; `make test` runs it.
A new check follows the same shape: act through `site.a` with a `Visitor` (log_in, submit),
then look through `site.b`; data the test makes itself goes to the servers' database, cache
and bucket (the `site` fixture).
"""

import time
from datetime import timedelta
from urllib.parse import urljoin

import pytest
import requests
from bs4 import BeautifulSoup
from django.utils import timezone

from articles.models import Image
from tests.comments.factories import CommentFactory
from tests.factories import ArticleFactory, uploaded_image
from tests.helpers import staff
from tests.newsroom.servers import Visitor

pytestmark = [pytest.mark.multiserver, pytest.mark.django_db(transaction=True)]
PASSWORD = "a-long-desk-password"


@pytest.fixture
def desk_editor(site, editor):
    """An editor who logs in with a password, as people do in production."""
    editor.set_password(PASSWORD)
    editor.save()
    return editor


def page_pictures(html):
    """Every picture address in the page's <main>: src and srcset candidates."""
    urls = []
    for element in BeautifulSoup(html, "html.parser").select("main img, main source"):
        if element.get("src"):
            urls.append(element["src"])
        for candidate in element.get("srcset", "").split(","):
            if candidate.strip():
                urls.append(candidate.split()[0])
    return urls


def test_a_staff_login_on_one_server_holds_on_the_other(site, desk_editor):
    """Sessions live in the database: logged in through A, the editor's desk opens on B, and
    logging out on B logs out everywhere."""
    visitor = Visitor()
    visitor.log_in(site.a, desk_editor.username, PASSWORD)
    desk = visitor.get(urljoin(site.b.url, "/admin/"))
    assert desk.status_code == 200, site.b.log_tail()
    assert desk_editor.username in desk.text or desk_editor.first_name in desk.text
    logout_form = BeautifulSoup(desk.text, "html.parser").select_one("#logout-form")
    token = logout_form.find("input", {"name": "csrfmiddlewaretoken"})["value"]
    visitor.http.post(urljoin(site.b.url, "/admin/logout/"), {"csrfmiddlewaretoken": token})
    after = visitor.get(urljoin(site.a.url, "/admin/"))
    assert after.status_code == 302 and "/admin/login/" in after.headers["Location"]


def test_an_editor_on_one_server_sees_who_has_the_story_open_on_the_other(site, desk_editor):
    """The "also editing" note lives in the shared cache, so it crosses servers."""
    colleague = staff("Editor", "olga", first_name="Olga", last_name="Desk")
    colleague.set_password(PASSWORD)
    colleague.save()
    article = ArticleFactory()
    change = f"/admin/articles/article/{article.pk}/change/"
    olga, edna = Visitor(), Visitor()
    olga.log_in(site.a, colleague.username, PASSWORD)
    assert olga.get(urljoin(site.a.url, change)).status_code == 200
    edna.log_in(site.b, desk_editor.username, PASSWORD)
    form = edna.get(urljoin(site.b.url, change))
    assert "Olga Desk is also editing this article." in form.text


def test_a_picture_uploaded_through_one_server_is_shown_by_the_other(site, desk_editor):
    """An upload through A's admin lands in the bucket; B's article page links every copy of
    it there, and readers can load them."""
    editor = Visitor()
    editor.log_in(site.a, desk_editor.username, PASSWORD)
    upload = editor.submit(
        urljoin(site.a.url, "/admin/articles/image/add/"),
        {"alt_text": "The lifeboat crew on the slipway", "caption": "Launch day"},
        files={"file": ("lifeboat.jpg", uploaded_image(width=900, height=600).read())},
        selector="#image_form",
    )
    assert upload.status_code == 302, site.a.log_tail()
    image = Image.objects.get()
    assert image.renditions
    article = ArticleFactory(featured_image=image, headline="New lifeboat enters service")

    reader = Visitor()
    page = reader.get(urljoin(site.b.url, article.get_absolute_url()))
    assert page.status_code == 200, site.b.log_tail()
    pictures = page_pictures(page.text)
    assert len(pictures) > 1
    for url in pictures:
        assert url.startswith(site.bucket_url), url
        answer = requests.get(url, timeout=10)
        assert answer.status_code == 200
        assert answer.headers["Content-Type"].startswith("image/")


def test_a_scheduled_story_goes_live_on_both_servers_at_its_second(site):
    """Every answer given before the story's time is a 404 on both servers; every request made
    from its second on shows it, on both, with the story on the front page too."""
    due = timezone.now().replace(microsecond=0) + timedelta(seconds=3)
    article = ArticleFactory(published_at=due, headline="Polls close across the region")
    path = article.get_absolute_url()
    reader = Visitor()
    answers = {server.name: set() for server in site.servers}
    while timezone.now() < due + timedelta(milliseconds=1500):
        for server in site.servers:
            asked = timezone.now()
            status = reader.get(urljoin(server.url, path)).status_code
            answered = timezone.now()
            if answered < due:
                assert status == 404, f"{server.name} showed the story before its time"
            elif asked >= due:
                assert status == 200, f"{server.name} hid the story {asked - due} after its time"
                if 200 not in answers[server.name]:
                    home = reader.get(urljoin(server.url, "/"))
                    assert "Polls close across the region" in home.text
            answers[server.name].add(status)
        time.sleep(0.1)
    assert answers == {"server A": {404, 200}, "server B": {404, 200}}


def test_a_comment_approved_through_one_server_shows_on_the_others_cached_page(site, desk_editor):
    """The page cache is shared Redis: B's cached story page is emptied when A approves."""
    story = ArticleFactory(headline="Bridge opens to traffic", slug="bridge-opens")
    comment = CommentFactory(article=story, status="pending", text="Took my bike across today.")
    reader = Visitor()
    address = urljoin(site.b.url, story.get_absolute_url())
    reader.get(address)
    cached = reader.get(address)
    assert cached.headers.get("X-Page-Cache") == "hit", site.b.log_tail()
    assert comment.text not in cached.text

    moderator = Visitor()
    moderator.log_in(site.a, desk_editor.username, PASSWORD)
    queue = urljoin(site.a.url, "/admin/comments/comment/")
    token = moderator.http.cookies["csrftoken"]
    approved = moderator.http.post(
        urljoin(queue, f"{comment.pk}/moderate/approve/"),
        {"csrfmiddlewaretoken": token},
        headers={"Referer": queue},
        timeout=15,
        allow_redirects=False,
    )
    assert approved.status_code == 302, site.a.log_tail()

    after = reader.get(address)
    assert after.status_code == 200
    assert comment.text in after.text


def test_a_login_lockout_on_one_server_holds_on_the_other(site, desk_editor):
    """Failed sign-ins are counted in the shared database: five wrong passwords through A,
    and the right one through B is refused too, with the reason."""
    intruder = Visitor()
    for _ in range(5):
        attempt = intruder.submit(
            urljoin(site.a.url, "/admin/login/?next=/admin/"),
            {"username": desk_editor.username, "password": "wrong-guess"},
        )
        assert attempt.status_code in (200, 429), site.a.log_tail()
    owner = Visitor()
    refused = owner.submit(
        urljoin(site.b.url, "/admin/login/?next=/admin/"),
        {"username": desk_editor.username, "password": PASSWORD},
    )
    assert refused.status_code == 429, site.b.log_tail()
    assert "Sign-in paused" in refused.text
    desk = owner.get(urljoin(site.b.url, "/admin/"))
    assert desk.status_code == 302 and "/admin/login/" in desk.headers["Location"]
