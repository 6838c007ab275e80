"""My account: the name on comments, the newsletters, export and erasure; me.json."""

import datetime
import json

import pytest
from bs4 import BeautifulSoup
from django.core.management import call_command
from django.utils import timezone

from comments.models import Comment
from newsroom.newsletter import lists
from newsroom.newsletter.models import NewsletterList, Subscriber, Subscription
from newsroom.readers.cookies import COOKIE, HINT
from newsroom.readers.models import Reader
from newsroom.support.models import Donation, Supporter
from tests.comments.factories import CommentFactory

pytestmark = pytest.mark.django_db


def test_the_account_asks_an_anonymous_reader_to_sign_in(client):
    response = client.get("/account/")
    assert response.status_code == 302
    assert response["Location"] == "/account/sign-in/?next=%2Faccount%2F"


def test_the_reader_changes_their_name_and_chooses_newsletters(reader_client, reader):
    """Chosen in the account, a list is received at once: the code proved the address."""
    page = reader_client.get("/account/").content.decode()
    assert 'value="Ada Reader"' in page
    assert "The daily newsletter" in page and "Breaking news" in page
    response = reader_client.post("/account/", {"name": "Ada L.", "lists": ["daily", "breaking"]})
    assert response.status_code == 302
    reader.refresh_from_db()
    assert reader.name == "Ada L."
    assert lists.chosen_by(reader.email) == ["daily", "breaking"]
    assert Subscriber.objects.get(email=reader.email).status == Subscriber.Status.ACTIVE
    reader_client.post("/account/", {"name": "Ada L.", "lists": ["breaking"]})
    assert lists.chosen_by(reader.email) == ["breaking"]
    page = reader_client.get("/account/").content.decode()
    assert "Your account is saved." in page


def test_the_account_says_nothing_of_money_while_payments_are_off(reader_client):
    page = reader_client.get("/account/").content.decode()
    assert "Your data" in page and "Your support" not in page


@pytest.fixture
def payments_on(settings):
    settings.NEWSROOM_STRIPE_SECRET_KEY = "sk_test_account"
    settings.NEWSROOM_STRIPE_WEBHOOK_SECRET = "whsec_account"


def test_a_reader_who_does_not_give_is_invited_to(reader_client, payments_on):
    page = BeautifulSoup(reader_client.get("/account/").content, "html.parser")
    section = page.find("section", attrs={"aria-labelledby": "account-support"})
    assert "You do not support us with money yet." in section.get_text()
    assert section.find("a", string="Support us")["href"] == "/support/"


def test_a_member_sees_their_membership_and_gifts_and_the_way_to_change_them(
    reader_client, reader, payments_on
):
    member = Supporter.objects.create(
        email=reader.email, amount=500, currency="eur", period="month", status="active",
        stripe_customer_id="cus_account",
    )  # fmt: skip
    Donation.objects.create(
        supporter=member, amount=2500, currency="eur", stripe_payment_intent_id="pi_account"
    )
    page = BeautifulSoup(reader_client.get("/account/").content, "html.parser")
    section = page.find("section", attrs={"aria-labelledby": "account-support"})
    text = " ".join(section.get_text().split())
    assert "Your membership: €5 a month" in text and "Status: active." in text
    assert "€25 from" in text
    portal = section.find("a", string="Change or cancel my support")["href"]
    assert reader_client.get(portal).status_code == 200
    data = json.loads(reader_client.post("/account/export/").content)
    assert data["support"]["amount"] == "€5" and data["support"]["gifts"][0]["amount"] == "€25"


def test_the_export_holds_the_account_comments_and_newsletters(reader_client, reader, article):
    CommentFactory(article=article, author_email=reader.email, text="Well said.")
    lists.choose(reader.email, [lists.daily()])
    response = reader_client.post("/account/export/")
    assert response["Content-Disposition"].startswith("attachment;")
    data = json.loads(response.content)
    assert data["account"]["email"] == reader.email
    assert data["comments"][0]["text"] == "Well said."
    assert data["newsletter"]["lists"][0]["list"] == "The daily newsletter"


def test_the_export_is_a_post_only(reader_client):
    assert reader_client.get("/account/export/").status_code == 405


def test_erasing_removes_the_account_and_everything_stored(reader_client, reader, article):
    comment = CommentFactory(article=article, author_email=reader.email, author_name="Ada")
    lists.choose(reader.email, [lists.daily()])
    assert "cannot be undone" in reader_client.get("/account/erase/").content.decode()
    response = reader_client.post("/account/erase/")
    assert "Your data is erased" in response.content.decode()
    assert not Reader.objects.exists()
    assert not Subscriber.objects.exists()
    comment.refresh_from_db()
    assert (comment.author_name, comment.author_email) == ("Anonymous", "")
    assert response.cookies[COOKIE].value == "" and response.cookies[HINT].value == ""


def test_the_privacy_commands_include_the_account(reader, capsys):
    call_command("privacy_export", reader.email)
    assert json.loads(capsys.readouterr().out)["account"]["name"] == "Ada Reader"
    call_command("privacy_erase", reader.email)
    assert "account" in capsys.readouterr().out
    assert not Reader.objects.exists()


def test_me_json_for_a_reader_nobody_signed_in(client):
    data = client.get("/account/me.json").json()
    assert data["signed_in"] is False and data["email"] is None and data["lists"] == []
    assert data["supporter"] is False


def test_me_json_for_the_signed_in_reader(reader_client, reader):
    lists.choose(reader.email, [lists.breaking()])
    response = reader_client.get("/account/me.json")
    assert "no-store" in response["Cache-Control"]
    data = response.json()
    assert data == {
        **data,
        "signed_in": True,
        "name": "Ada Reader",
        "email": "reader@example.com",
        "supporter": False,
        "lists": ["breaking"],
    }


def test_me_json_tells_a_signed_out_browser_to_stop_asking(reader_client, reader):
    Reader.objects.filter(pk=reader.pk).update(sign_in_generation=5)
    response = reader_client.get("/account/me.json")
    assert response.json()["signed_in"] is False
    assert response.cookies[HINT].value == ""


def test_a_signed_in_reader_comments_under_the_account(reader_client, reader, article, post):
    """Whatever the form says, the comment carries the account's name and email."""
    post(article, client=reader_client, author="Someone Else", email="else@example.com")
    comment = Comment.objects.get()
    assert (comment.author_name, comment.author_email) == ("Ada Reader", "reader@example.com")


def test_a_reader_with_an_approved_comment_is_approved_at_once(
    reader_client, reader, article, post
):
    CommentFactory(
        article=article,
        author_name="Ada Reader",
        author_email=reader.email,
        status=Comment.Status.APPROVED,
        submitted_at=timezone.now() - datetime.timedelta(days=1),
    )
    post(article, client=reader_client, comment="Another thought entirely.")
    assert Comment.objects.latest("pk").status == Comment.Status.APPROVED


def test_a_readers_first_comment_names_the_account(reader_client, reader, article, post):
    Reader.objects.filter(pk=reader.pk).update(name="")
    post(article, client=reader_client, author="Ada from the harbour")
    reader.refresh_from_db()
    assert reader.name == "Ada from the harbour"


def test_a_list_not_offered_is_left_alone_by_the_account(reader_client, reader):
    hidden = NewsletterList.objects.create(name="Staff picks", slug="picks", offered=False)
    subscriber = lists.choose(reader.email, [lists.daily()])
    Subscription.objects.create(subscriber=subscriber, newsletter=hidden, status="active")
    reader_client.post("/account/", {"name": "Ada", "lists": []})
    assert lists.chosen_by(reader.email) == ["picks"]
