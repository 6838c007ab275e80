"""Signing in with a code from the mail: right, wrong, expired, reused; limits; never staff."""

import datetime

import pytest
import time_machine
from django.core import mail
from django.utils import timezone

from newsroom.clock import tick
from newsroom.readers.cookies import COOKIE
from newsroom.readers.models import Reader, SignInCode
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_a_reader_signs_up_with_the_code_from_the_mail(client, ask_code):
    """The code page's form takes the code, creates the account and signs the browser in."""
    code_page, code = ask_code(client, "New.Reader@Example.com")
    assert mail.outbox[-1].to == ["new.reader@example.com"]
    assert "sign in" in mail.outbox[-1].subject
    page = client.get(code_page)
    assert "new.reader@example.com" in page.content.decode()
    response = client.post(code_page, {"code": code})
    assert response.status_code == 302 and response["Location"] == "/account/"
    assert Reader.objects.get(email="new.reader@example.com").last_signed_in_at
    account = client.get("/account/")
    assert account.status_code == 200
    assert "Signed in as" in account.content.decode()


def test_the_link_in_the_mail_signs_in_only_when_its_button_is_pressed(client, ask_code):
    """A mail scanner opening the link (GET) spends nothing; the button (POST) signs in."""
    ask_code(client)
    body = mail.outbox[-1].body
    link = next(line for line in body.splitlines() if "/account/sign-in/link/" in line)
    path = link[link.index("/account/") :].strip()
    assert client.get(path).status_code == 200
    assert COOKIE not in client.cookies
    response = client.post(path)
    assert response.status_code == 302
    assert client.cookies[COOKIE].value
    assert client.post(path).status_code == 400  # used


@pytest.mark.parametrize("kind", ["wrong", "expired", "reused", "older"])
def test_a_code_that_is_not_good_signs_nobody_in(client, kind, ask_code):
    """Wrong, past its 15 minutes, used once already, or replaced by a newer one: refused
    with a message, and the form is shown again."""
    code_page, code = ask_code(client)
    if kind == "wrong":
        code = "000000" if code != "000000" else "111111"
    elif kind == "reused":
        assert client.post(code_page, {"code": code}).status_code == 302
        client.cookies.clear()
    elif kind == "older":
        ask_code(client)
    if kind == "expired":
        with time_machine.travel(timezone.now() + datetime.timedelta(minutes=16)):
            response = client.post(code_page, {"code": code})
    else:
        response = client.post(code_page, {"code": code})
    assert response.status_code == 400
    assert "That code is not right, or no longer good" in response.content.decode()
    assert not client.cookies.get(COOKIE) or not client.cookies[COOKIE].value


def test_a_code_is_good_for_five_tries_only(client, ask_code):
    """After five wrong tries even the right code is refused: six digits hold only while
    guesses are few."""
    code_page, code = ask_code(client)
    wrong = "000000" if code != "000000" else "111111"
    for _ in range(5):
        assert client.post(code_page, {"code": wrong}).status_code == 400
    assert client.post(code_page, {"code": code}).status_code == 400


def test_codes_asked_for_one_address_are_limited(client, settings, ask_code):
    """Past NEWSROOM_READER_CODES_PER_EMAIL the reader is told to wait (429, Retry-After),
    what they typed stays in the form, and no mail goes out."""
    settings.NEWSROOM_READER_CODES_PER_EMAIL = "2/3600"
    ask_code(client)
    ask_code(client)
    mail.outbox.clear()
    response = client.post("/account/sign-in/", {"email": "reader@example.com"})
    assert response.status_code == 429 and int(response["Retry-After"]) > 0
    assert 'value="reader@example.com"' in response.content.decode()
    assert mail.outbox == []


def test_code_tries_from_one_address_are_limited(client, settings, ask_code):
    """Past NEWSROOM_READER_CODE_TRIES, tries from one address wait, whichever email."""
    settings.NEWSROOM_READER_CODE_TRIES = "3/600"
    code_page, code = ask_code(client)
    for _ in range(3):
        client.post(code_page, {"code": "12345x"})  # not even counted: the form refuses it
        client.post(code_page, {"code": "000001" if code != "000001" else "000002"})
    response = client.post(code_page, {"code": code})
    assert response.status_code == 429


def test_a_bad_email_is_shown_again_with_a_message(client):
    response = client.post("/account/sign-in/", {"email": "not an address"})
    assert response.status_code == 400
    assert "look like an email address" in response.content.decode()
    assert 'value="not an address"' in response.content.decode()


def test_a_staff_member_signed_in_as_a_reader_does_not_enter_the_admin(client, ask_code):
    """The code proves an email only: with staff's own address it opens no admin page."""
    UserFactory(username="editor", email="editor@example.com", is_staff=True, is_superuser=True)
    code_page, code = ask_code(client, "editor@example.com")
    assert client.post(code_page, {"code": code}).status_code == 302
    response = client.get("/admin/")
    assert response.status_code == 302 and "/admin/login/" in response["Location"]


def test_a_next_address_elsewhere_is_not_followed(client, ask_code):
    code_page, code = ask_code(client, next_url="https://evil.example/")
    assert client.post(code_page, {"code": code})["Location"] == "/account/"


def test_signing_out_signs_out_every_browser(reader_client, reader):
    """Signing out moves the account's number: a copied cookie stops working too."""
    stolen = reader_client.cookies[COOKIE].value
    assert reader_client.get("/account/").status_code == 200
    reader_client.post("/account/sign-out/")
    reader_client.cookies[COOKIE] = stolen
    assert reader_client.get("/account/").status_code == 302


def test_signing_in_from_a_story_leaves_no_message_to_keep_it_from_the_cache(
    client, ask_code, article
):
    """Messages show on the account only: one waiting would make every page personal."""
    code_page, code = ask_code(client, next_url=article.get_absolute_url())
    response = client.post(code_page, {"code": code})
    assert response["Location"] == article.get_absolute_url()
    assert "messages" not in response.cookies


def test_the_clock_forgets_codes_whose_time_is_over(client, ask_code):
    """A code names an address: once it can no longer sign anyone in it is deleted."""
    ask_code(client, "old@example.com")
    with time_machine.travel(timezone.now() + datetime.timedelta(minutes=16), tick=False):
        ask_code(client, "new@example.com")
        tick()
    assert list(SignInCode.objects.values_list("email", flat=True)) == ["new@example.com"]
