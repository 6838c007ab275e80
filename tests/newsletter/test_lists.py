"""Several newsletters: chosen at sign-up, each confirmed and each left on its own."""

import pytest
from bs4 import BeautifulSoup

from newsroom.newsletter import lists
from newsroom.newsletter.models import NewsletterList, Subscriber, Subscription
from newsroom.newsletter.tokens import unsubscribe_token
from tests.newsletter.conftest import link_in

pytestmark = pytest.mark.django_db
Status = Subscription.Status


@pytest.fixture
def sign_up(django_capture_on_commit_callbacks):
    def post(client, email="reader@example.com", **fields):
        with django_capture_on_commit_callbacks(execute=True):
            return client.post("/newsletter/subscribe/", {"email": email, "page": "/", **fields})

    return post


def statuses(email="reader@example.com"):
    return dict(
        Subscription.objects.filter(subscriber__email=email).values_list(
            "newsletter__slug", "status"
        )
    )


def test_the_sign_up_page_offers_every_list_offered(client):
    NewsletterList.objects.create(name="Hidden", slug="hidden", offered=False)
    page = BeautifulSoup(client.get("/newsletter/").content, "html.parser")
    boxes = {box["value"] for box in page.select("input[type=checkbox][name=lists]")}
    assert boxes == {"daily", "breaking"}
    for box in page.select("input[type=checkbox][name=lists]"):
        assert page.select_one(f"label[for={box['id']}]")


def test_the_lists_chosen_wait_for_the_confirmation_link(client, sign_up, mailoutbox):
    """Double opt-in per list: nothing is received before the link is followed."""
    sign_up(client, lists=["breaking"])
    assert statuses() == {"breaking": Status.PENDING}
    assert lists.readers_of(lists.breaking()).count() == 0
    client.post(link_in(mailoutbox[-1], "/newsletter/confirm/"))
    assert statuses() == {"breaking": Status.ACTIVE}
    assert lists.chosen_by("reader@example.com") == ["breaking"]


def test_no_choice_means_the_daily_newsletter(client, sign_up):
    """The small forms under stories carry no choice."""
    sign_up(client)
    assert statuses() == {"daily": Status.PENDING}


def test_a_subscriber_adding_a_list_confirms_that_list(client, sign_up, subscriber, mailoutbox):
    """Already receiving the daily one, a new list waits for its own confirmation, and the
    daily newsletter keeps coming meanwhile."""
    subscriber("reader@example.com")
    mailoutbox.clear()
    sign_up(client, lists=["daily", "breaking"])
    assert statuses() == {"daily": Status.ACTIVE, "breaking": Status.PENDING}
    assert len(mailoutbox) == 1
    client.post(link_in(mailoutbox[-1], "/newsletter/confirm/"))
    assert statuses() == {"daily": Status.ACTIVE, "breaking": Status.ACTIVE}


def test_one_click_leaves_one_list_only(client, subscriber):
    reader = subscriber("reader@example.com")
    lists.choose(reader.email, [lists.daily(), lists.breaking()])
    page = client.get(f"/newsletter/unsubscribe/{unsubscribe_token(reader, lists.breaking())}/")
    assert "Breaking news" in page.content.decode()
    client.post(
        f"/newsletter/unsubscribe/{unsubscribe_token(reader, lists.breaking())}/",
        {"List-Unsubscribe": "One-Click"},
    )
    assert statuses() == {"daily": Status.ACTIVE, "breaking": Status.UNSUBSCRIBED}
    assert Subscriber.objects.get().status == Subscriber.Status.ACTIVE


def test_an_old_link_without_a_list_leaves_every_list(client, subscriber):
    """Links in mail sent before there were lists name no list: they leave everything."""
    reader = subscriber("reader@example.com")
    lists.choose(reader.email, [lists.daily(), lists.breaking()])
    client.post(f"/newsletter/unsubscribe/{unsubscribe_token(reader)}/")
    assert set(statuses().values()) == {Status.UNSUBSCRIBED}
    assert Subscriber.objects.get().status == Subscriber.Status.UNSUBSCRIBED


def test_the_admin_counts_each_lists_subscribers(admin_client, subscriber):
    ana, ben = subscriber("ana@example.com"), subscriber("ben@example.com")
    lists.choose(ana.email, [lists.breaking()])
    lists.choose(ben.email, [lists.daily()])
    page = BeautifulSoup(
        admin_client.get("/admin/newsletter/newsletterlist/").content, "html.parser"
    )
    rows = {
        row.select_one("th").get_text(strip=True): [
            cell.get_text(strip=True) for cell in row.select("td")
        ]
        for row in page.select("#result_list tbody tr")
    }
    # subscribers, waiting, unsubscribed, alerts: the columns after kind, section, offered.
    assert rows["The daily newsletter"][-4:] == ["1", "0", "1", "0"]
    assert rows["Breaking news"][-4:] == ["1", "0", "0", "0"]
