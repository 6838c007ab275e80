import datetime

import pytest
import time_machine
from bs4 import BeautifulSoup
from django.test import Client
from django.utils import timezone

from newsroom.newsletter.models import Subscriber
from newsroom.newsletter.tokens import confirm_token, unsubscribe_token
from tests.newsletter.conftest import link_in

pytestmark = pytest.mark.django_db
Status = Subscriber.Status


@pytest.fixture
def sign_up(django_capture_on_commit_callbacks):
    """Post the sign-up form; the confirmation mail goes once the transaction commits."""

    def post(client, email="reader@example.com", headers=None, ip="127.0.0.1", **fields):
        with django_capture_on_commit_callbacks(execute=True):
            return client.post(
                "/newsletter/subscribe/",
                {"email": email, "page": "/", **fields},
                headers=headers or {},
                REMOTE_ADDR=ip,
            )

    return post


def test_every_page_offers_the_form_and_a_story_once(client, article):
    """One newsletter box a page: a story's own, under it, stands for the footer's band."""
    home = BeautifulSoup(client.get("/").content, "html.parser")
    assert home.select_one("footer, .newsletter-band").select_one("form input[name=email]")
    story = BeautifulSoup(client.get(article.get_absolute_url()).content, "html.parser")
    forms = story.select("form[action='/newsletter/subscribe/']")
    assert len(forms) == 1
    assert forms[0].find_parent(class_="newsletter-box")
    assert not story.select(".newsletter-band")
    ids = [field["id"] for field in story.select("[id]")]
    assert len(ids) == len(set(ids))
    for form in forms:
        label = form.select_one("label.newsletter-form__label")
        assert form.select_one(f"#{label['for']}")["name"] == "email"
        assert not form.select("input[name=csrfmiddlewaretoken]")


def test_signing_up_sends_only_a_confirmation_and_keeps_the_reader_pending(
    client, mailoutbox, sign_up
):
    response = sign_up(client, "Reader@Example.com")
    assert response.status_code == 302
    assert response["Location"] == "/newsletter/check-your-inbox/"
    subscriber = Subscriber.objects.get()
    assert (subscriber.email, subscriber.status, subscriber.consent_at) == (
        "reader@example.com",
        Status.PENDING,
        None,
    )
    assert subscriber.consent_page == "/"
    [message] = mailoutbox
    assert message.to == ["reader@example.com"]
    assert "Confirm your subscription" in message.subject
    assert "/newsletter/confirm/" in message.body
    assert message.alternatives[0].mimetype == "text/html"


def test_the_form_posts_from_a_cached_page_without_a_csrf_token(mailoutbox, sign_up):
    client = Client(enforce_csrf_checks=True)
    response = sign_up(client, headers={"Origin": "http://testserver"})
    assert response.status_code == 302
    assert len(mailoutbox) == 1


def test_a_post_from_another_site_is_refused(client, mailoutbox, sign_up):
    response = sign_up(client, headers={"Origin": "https://evil.example"})
    assert response.status_code == 403
    assert not Subscriber.objects.exists()
    assert not mailoutbox


@pytest.mark.parametrize(
    "email, message",
    [
        ("", "Please enter your email address."),
        ("not an address", "That doesn't look like an email address. Please check it."),
        ("reader@", "That doesn't look like an email address. Please check it."),
    ],
)
def test_a_bad_address_is_explained_and_what_was_typed_kept(client, email, message, sign_up):
    response = sign_up(client, email)
    assert response.status_code == 400
    soup = BeautifulSoup(response.content, "html.parser")
    form = soup.select_one("main form")
    assert form.select_one(".newsletter-form__error").get_text() == message
    assert form.select_one("input[name=email]").get("value", "") == email
    assert len(soup.find_all("h1")) == 1
    assert not Subscriber.objects.exists()


def test_robots_filling_the_hidden_field_are_thanked_and_ignored(client, mailoutbox, sign_up):
    response = sign_up(client, website="http://spam.example")
    assert response.status_code == 302
    assert not Subscriber.objects.exists()
    assert not mailoutbox


def test_signing_up_twice_quickly_sends_one_confirmation(client, mailoutbox, sign_up):
    sign_up(client)
    sign_up(client)
    assert len(mailoutbox) == 1
    with time_machine.travel(timezone.now() + datetime.timedelta(minutes=11)):
        sign_up(client)
    assert len(mailoutbox) == 2


def test_a_subscribed_reader_signing_up_again_gets_nothing_new(
    client, subscriber, mailoutbox, sign_up
):
    subscriber()
    response = sign_up(client)
    assert response["Location"] == "/newsletter/check-your-inbox/"
    assert not mailoutbox
    assert Subscriber.objects.get().status == Status.ACTIVE


def test_confirming_from_the_mail_makes_the_subscription_active(client, mailoutbox, sign_up):
    sign_up(client)
    confirm_path = link_in(mailoutbox[0], "/newsletter/confirm/")
    page = client.get(confirm_path)
    assert b"Yes, subscribe me" in page.content
    assert Subscriber.objects.get().status == Status.PENDING  # a link scanner confirms nothing
    response = Client(enforce_csrf_checks=True).post(confirm_path)
    assert b"You're subscribed" in response.content
    subscriber = Subscriber.objects.get()
    assert subscriber.status == Status.ACTIVE
    assert subscriber.consent_at is not None
    assert len(mailoutbox) == 1


def test_a_confirmation_link_expires_after_a_week(client, subscriber):
    reader = subscriber(status=Status.PENDING)
    token = confirm_token(reader)
    with time_machine.travel(timezone.now() + datetime.timedelta(days=8)):
        response = client.post(f"/newsletter/confirm/{token}/")
    assert response.status_code == 400
    assert b"This link is not valid" in response.content
    assert Subscriber.objects.get().status == Status.PENDING


def test_a_forged_link_is_refused(client):
    assert client.get("/newsletter/confirm/forged/").status_code == 400
    assert client.post("/newsletter/unsubscribe/1:forged/").status_code == 400


def test_one_click_unsubscribe_works_without_cookies_or_token(subscriber):
    """RFC 8058: the mailbox provider POSTs List-Unsubscribe=One-Click to the link."""
    reader = subscriber()
    client = Client(enforce_csrf_checks=True)
    response = client.post(
        f"/newsletter/unsubscribe/{unsubscribe_token(reader)}/",
        "List-Unsubscribe=One-Click",
        content_type="application/x-www-form-urlencoded",
    )
    assert response.status_code == 200
    assert b"You're unsubscribed" in response.content
    assert not response.cookies
    reader.refresh_from_db()
    assert reader.status == Status.UNSUBSCRIBED


def test_opening_the_unsubscribe_link_only_asks(client, subscriber):
    reader = subscriber()
    page = client.get(f"/newsletter/unsubscribe/{unsubscribe_token(reader)}/")
    assert b"<button" in page.content
    reader.refresh_from_db()
    assert reader.status == Status.ACTIVE


def test_newsletter_pages_have_one_heading_and_no_inline_code(client):
    for path in ("/newsletter/", "/newsletter/check-your-inbox/"):
        soup = BeautifulSoup(client.get(path).content, "html.parser")
        assert len(soup.find_all("h1")) == 1
        assert not soup.select("script:not([src])")
        assert not soup.select("[style]")


def test_one_address_signing_up_many_readers_is_asked_to_try_later(
    client, mailoutbox, sign_up, settings, caplog
):
    """A burst of 50 from one client: the allowance is mailed, then a calm 429."""
    settings.NEWSROOM_NEWSLETTER_SIGNUPS_PER_ADDRESS = "5/3600"
    answers = [sign_up(client, f"stranger{n}@example.com") for n in range(50)]
    assert [a.status_code for a in answers] == [302] * 5 + [429] * 45
    refused = answers[-1]
    assert 0 < int(refused["Retry-After"]) <= 3600
    page = BeautifulSoup(refused.content, "html.parser")
    assert page.h1.text == "Please try again later"
    assert "Nothing was sent" in page.text
    assert page.select_one("input[name=email]")["value"] == "stranger49@example.com"
    assert len(mailoutbox) == 5
    assert Subscriber.objects.count() == 5
    refusals = [r.getMessage() for r in caplog.records if "sign-up refused" in r.getMessage()]
    assert len(refusals) == 45
    assert refusals[0] == (
        "Newsletter sign-up refused: 6 sign-ups from one address this window (limit 5/3600)"
    )
    assert not any("stranger" in line or "127.0.0.1" in line for line in refusals)
    # Another reader elsewhere signs up as usual.
    assert sign_up(client, "neighbour@example.com", ip="198.51.100.9").status_code == 302


def test_past_the_sites_allowance_of_confirmations_nothing_more_is_sent(
    client, mailoutbox, sign_up, settings, caplog
):
    settings.NEWSROOM_NEWSLETTER_CONFIRMATIONS = "3/3600"
    answers = [sign_up(client, f"reader{n}@example.com", ip=f"198.51.100.{n}") for n in range(6)]
    assert [a.status_code for a in answers] == [302] * 3 + [429] * 3
    assert "Please try again in about" in answers[-1].text
    assert len(mailoutbox) == 3
    assert sorted(Subscriber.objects.values_list("email", flat=True)) == [
        "reader0@example.com",
        "reader1@example.com",
        "reader2@example.com",
    ]
    refusals = [r.getMessage() for r in caplog.records if "sign-up refused" in r.getMessage()]
    assert refusals == [
        "Newsletter sign-up refused: 4 confirmation mails asked for this window (allowance 3/3600)",
        "Newsletter sign-up refused: 4 confirmation mails asked for this window (allowance 3/3600)",
        "Newsletter sign-up refused: 4 confirmation mails asked for this window (allowance 3/3600)",
    ]


def test_a_subscriber_signing_up_again_uses_none_of_the_allowance(
    client, mailoutbox, sign_up, settings, subscriber
):
    settings.NEWSROOM_NEWSLETTER_CONFIRMATIONS = "1/3600"
    subscriber("reader@example.com")
    assert sign_up(client, "reader@example.com").status_code == 302
    assert sign_up(client, "new@example.com", ip="198.51.100.3").status_code == 302
    assert len(mailoutbox) == 1
