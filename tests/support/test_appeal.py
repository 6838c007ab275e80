"""The appeal under stories: static, the same for every reader, fresh after an editor's edit,
and absent (the page byte for byte as before) without Stripe's keys."""

import pytest
from bs4 import BeautifulSoup
from django.core.cache import cache

from articles.extensions import extensions
from newsroom.caching import release
from newsroom.caching.pages import recent_pages
from newsroom.caching.pieces import pieces
from newsroom.support.models import SupportSettings
from tests.factories import ArticleFactory
from tests.support.stripe_servers import SECRET_KEY, WEBHOOK_SECRET

pytestmark = pytest.mark.django_db


@pytest.fixture
def keys(settings):
    def switch(on):
        settings.NEWSROOM_STRIPE_SECRET_KEY = SECRET_KEY if on else ""
        settings.NEWSROOM_STRIPE_WEBHOOK_SECRET = WEBHOOK_SECRET if on else ""
        # What a restart with other settings does: a new release (newsroom.caching.release).
        release.release.cache_clear()

    yield switch
    release.release.cache_clear()


def appeal(client, path):
    response = client.get(path)
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser").select_one(".support-box")


def test_the_appeal_follows_the_story_with_the_editors_words(client, keys):
    """Heading, text and button as the editor wrote them, linking to /support/."""
    keys(True)
    SupportSettings.objects.create(
        pk=1, heading="Fund the Ledger", appeal="We need you.", button_label="Join"
    )
    box = appeal(client, ArticleFactory().get_absolute_url())
    assert box.select_one("h2").get_text() == "Fund the Ledger"
    assert "We need you." in box.get_text()
    assert box.select_one(".support-box__button").get_text() == "Join"
    assert box.select_one(".support-box__button")["href"] == "/support/?period=month"
    assert box.find("a", string="Manage my support")["href"] == "/support/manage/"


def test_an_edited_appeal_shows_on_the_next_request_of_a_kept_page(client, keys):
    """The story page is kept whole; saving the settings makes it stale at once, as the
    admin does, by the queryset's update() too."""
    keys(True)
    path = ArticleFactory().get_absolute_url()
    assert appeal(client, path).select_one("h2").get_text() == "Support independent local news"
    first = client.get(path)
    assert first.content == client.get(path).content
    settings_row = SupportSettings.objects.create(pk=1, heading="Become a member")
    assert appeal(client, path).select_one("h2").get_text() == "Become a member"
    SupportSettings.objects.filter(pk=settings_row.pk).update(heading="Chip in")
    assert appeal(client, path).select_one("h2").get_text() == "Chip in"


def test_the_appeal_is_the_same_for_every_reader(client, keys, django_user_model):
    """Nothing per reader in it: a reader with a session and one without get the same box."""
    keys(True)
    path = ArticleFactory().get_absolute_url()
    anonymous = str(appeal(client, path))
    client.cookies["sessionid"] = "someone"
    assert str(appeal(client, path)) == anonymous


def test_without_keys_the_story_page_is_byte_for_byte_the_page_without_the_app(
    client, keys, monkeypatch, time_machine
):
    """Payments off: the story page is exactly what it was before this app existed (its slot
    taken out), not one byte more."""
    # The comment form's signed token carries the second it was made.
    time_machine.move_to("2026-12-07 12:00:00+00:00", tick=False)
    keys(False)
    path = ArticleFactory().get_absolute_url()
    with_app = client.get(path).content
    assert b"support" not in with_app.lower().replace(b"support-box", b"")
    monkeypatch.setitem(
        extensions.template_slots,
        "article_end",
        [
            name
            for name in extensions.template_slots["article_end"]
            if not name.startswith("support/")
        ],
    )
    recent_pages.clear()
    pieces.clear()
    cache.clear()
    without_app = client.get(path).content
    assert with_app == without_app


def test_turning_the_keys_on_or_off_leaves_no_stale_page(client, keys):
    """The keys are among the settings in the release every kept page is keyed by: a restart
    with them set shows the appeal on the very next request, and without them hides it."""
    keys(False)
    off_release = release.release()
    path = ArticleFactory().get_absolute_url()
    assert appeal(client, path) is None
    keys(True)
    assert release.release() != off_release
    assert appeal(client, path) is not None
    keys(False)
    assert appeal(client, path) is None
