"""The admin: editors word the appeal and choose the amounts; supporters are listed with this
month's totals, filters and a CSV export. Records are read only: Stripe's webhooks keep them."""

import csv
import datetime
import io

import pytest
from bs4 import BeautifulSoup
from django.utils import timezone

from newsroom.support.models import Donation, Period, Supporter, SupportSettings
from newsroom.support.status import is_supporter
from tests.helpers import admin_form_data, client_for

pytestmark = pytest.mark.django_db
Status = Supporter.Status


def supporter(email, amount, period, status=Status.ACTIVE, currency="eur", **extra):
    return Supporter.objects.create(
        email=email, amount=amount, currency=currency, period=period, status=status, **extra
    )


def test_an_editor_words_the_appeal_and_chooses_the_amounts(editor):
    """One set of settings, opened directly from the list; saved as typed."""
    client = client_for(editor)
    response = client.get("/admin/support/supportsettings/")
    assert response["Location"] == "/admin/support/supportsettings/1/change/"
    url = response["Location"]
    data = admin_form_data(client, url, form_id="supportsettings_form")
    data.update(heading="Keep the Ledger free", monthly_amounts="3, 6, 9")
    assert client.post(url, data).status_code == 302
    saved = SupportSettings.objects.get()
    assert saved.heading == "Keep the Ledger free"
    assert saved.amounts(Period.MONTH) == [3, 6, 9]


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("monthly_amounts", "5, ten, 20", "“ten” is not a whole amount"),
        ("yearly_amounts", "", "This field is required."),
        ("one_off_amounts", "1, 2, 3, 4, 5, 6, 7", "Six amounts at most"),
        ("maximum_amount", "1", "The largest amount must be at least the smallest."),
    ],
)
def test_wrong_settings_are_explained_and_kept_as_typed(editor, field, value, message):
    client = client_for(editor)
    SupportSettings.objects.create(pk=1)
    url = "/admin/support/supportsettings/1/change/"
    data = admin_form_data(client, url, form_id="supportsettings_form")
    data[field] = value
    response = client.post(url, data)
    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "html.parser")
    assert message in soup.select_one(".errorlist").get_text()
    assert soup.select_one(f"#id_{field}").get("value", "") == value


def test_the_settings_page_says_when_payments_are_off(editor, settings):
    settings.NEWSROOM_STRIPE_SECRET_KEY = ""
    client = client_for(editor)
    client.get("/admin/support/supportsettings/")
    page = client.get("/admin/support/supportsettings/1/change/")
    assert "Payments are off" in page.content.decode()


def test_the_supporters_list_shows_this_months_totals(editor):
    """Monthly memberships in full, yearly ones as a twelfth, one-off gifts since the 1st less
    refunds; cancelled memberships count for nothing."""
    supporter("a@example.org", 1000, Period.MONTH)
    supporter("b@example.org", 500, Period.MONTH, status=Status.PAST_DUE)
    supporter("c@example.org", 12000, Period.YEAR)
    supporter("d@example.org", 2000, Period.MONTH, status=Status.CANCELED)
    giver = supporter("e@example.org", 2500, Period.ONE_OFF)
    Donation.objects.create(
        supporter=giver, amount=2500, currency="eur", stripe_payment_intent_id="pi_1"
    )
    Donation.objects.create(
        supporter=giver,
        amount=1000,
        currency="eur",
        refunded_amount=1000,
        stripe_payment_intent_id="pi_2",
    )
    Donation.objects.create(
        supporter=giver,
        amount=9900,
        currency="eur",
        stripe_payment_intent_id="pi_old",
        paid_at=timezone.now() - datetime.timedelta(days=62),
    )
    response = client_for(editor).get("/admin/support/supporter/")
    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "html.parser")
    row = [cell.get_text() for cell in soup.select(".support-totals__table tbody tr > *")]
    assert row == ["EUR", "€25", "€25"]
    emails = [a.get_text() for a in soup.select("#result_list .field-email a, #result_list th a")]
    assert "a@example.org" in emails


def test_the_supporters_list_filters_by_status_and_period(editor):
    supporter("a@example.org", 1000, Period.MONTH)
    supporter("b@example.org", 1000, Period.YEAR, status=Status.CANCELED)
    client = client_for(editor)
    page = client.get("/admin/support/supporter/?status__exact=canceled&period__exact=year")
    text = BeautifulSoup(page.content, "html.parser").select_one("#result_list").get_text()
    assert "b@example.org" in text and "a@example.org" not in text


def test_supporters_export_as_csv(editor):
    first = supporter("a@example.org", 1000, Period.MONTH, name="Ann")
    supporter("b@example.org", 5000, Period.YEAR)
    response = client_for(editor).post(
        "/admin/support/supporter/",
        {"action": "export_csv", "_selected_action": [first.pk], "index": 0},
    )
    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows[0][:6] == ["email", "name", "amount", "currency", "period", "status"]
    assert rows[1][:6] == ["a@example.org", "Ann", "10.00", "EUR", "Monthly", "Active"]
    assert len(rows) == 2


def test_records_are_read_only_in_the_admin(editor):
    """No adding, editing or deleting a supporter or a gift by hand: Stripe holds the truth."""
    record = supporter("a@example.org", 1000, Period.MONTH)
    client = client_for(editor)
    page = client.get(f"/admin/support/supporter/{record.pk}/change/")
    assert page.status_code == 200
    assert not BeautifulSoup(page.content, "html.parser").select("input[name=email]")
    assert client.get("/admin/support/supporter/add/").status_code == 403
    assert client.get("/admin/support/donation/").status_code == 200


def test_one_off_donors_count_as_supporters_for_a_year(db):
    """A year after their last gift kept, a one-off donor no longer counts; members count while
    their membership runs or Stripe retries their payment."""
    now = timezone.now()
    supporter(
        "recent@example.org", 500, Period.ONE_OFF, last_paid_at=now - datetime.timedelta(days=300)
    )
    supporter(
        "old@example.org", 500, Period.ONE_OFF, last_paid_at=now - datetime.timedelta(days=400)
    )
    supporter("late@example.org", 500, Period.MONTH, status=Status.PAST_DUE)
    assert is_supporter("recent@example.org")
    assert not is_supporter("old@example.org")
    assert is_supporter("late@example.org")
    assert not is_supporter("") and not is_supporter("nobody@example.org")
