"""Partners' keys: stored hashed, sent in a header, refused when missing, wrong or revoked,
limited per minute in state every server shares; anonymous access is a setting."""

import time

import pytest

from newsroom.api import usage
from newsroom.api.models import ApiKey, digest
from tests.api.conftest import make_key
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db


def test_only_the_keys_digest_is_stored(partner):
    key, secret = partner
    stored = ApiKey.objects.values_list("key_digest", "prefix").get(pk=key.pk)
    assert stored == (digest(secret), secret[:11])
    assert secret not in str(ApiKey.objects.values().get(pk=key.pk))


@pytest.mark.parametrize(
    ("sent", "words"),
    [
        (None, "Send your API key in the X-API-Key header"),
        ("nr_not-a-key", "not known"),
        ("", "Send your API key"),
    ],
)
def test_a_missing_or_wrong_key_is_refused_with_a_reason(api, sent, words):
    response = api("stories", key=sent)
    assert response.status_code == 401
    assert words in response.json()["detail"]


def test_a_revoked_key_is_refused_even_for_an_answer_kept_for_it(api, partner):
    ArticleFactory()
    assert api("stories").status_code == 200
    partner[0].revoke()
    response = api("stories")
    assert response.status_code == 401
    assert "revoked" in response.json()["detail"]


def test_over_its_limit_a_key_waits_with_retry_after(api, partner):
    key, _secret = partner
    key.rate_limit = 3
    key.save()
    answers = [api("sections") for _ in range(4)]
    assert [a.status_code for a in answers] == [200, 200, 200, 429]
    refused = answers[-1]
    assert 1 <= int(refused["Retry-After"]) <= 60
    assert "wait" in refused.json()["detail"]
    # Another partner's allowance is its own.
    _other, other_secret = make_key("Other partner")
    assert api("sections", key=other_secret).status_code == 200


def test_the_limit_is_counted_where_every_server_sees_it(redis_state, partner):
    """In Redis when it is configured (and in PostgreSQL without it): two servers' requests
    add up, and a new minute starts afresh."""
    subject = usage.key_subject(partner[0].pk)
    start = (time.time() // 60) * 60
    assert usage.over_limit(subject, 2, now=start + 1) is None
    # As another app server would, through its own connection.
    usage._store_for.cache_clear()
    assert usage.over_limit(subject, 2, now=start + 2) is None
    assert usage.over_limit(subject, 2, now=start + 3) == 57
    assert usage.over_limit(subject, 2, now=start + 61) is None


def test_in_postgresql_the_count_is_one_row_per_key(partner):
    subject = usage.key_subject(partner[0].pk)
    start = (time.time() // 60) * 60
    counts = [usage.store().count(subject, start + n) for n in range(3)]
    assert counts == [1, 2, 3]
    assert usage.store().count(subject, start + 60) == 1


def test_last_use_is_recorded(api, partner):
    assert usage.last_used([partner[0]]) == {}
    api("sections")
    assert partner[0].pk in usage.last_used([partner[0]])


def test_anonymous_access_is_off_by_default_and_a_setting(api, settings):
    ArticleFactory()
    assert api("stories", key=None).status_code == 401
    settings.NEWSROOM_API_ANONYMOUS = True
    settings.NEWSROOM_API_ANONYMOUS_RATE_LIMIT = 2
    answers = [api("stories", key=None, REMOTE_ADDR="203.0.113.9") for _ in range(3)]
    assert [a.status_code for a in answers] == [200, 200, 429]
    assert api("stories", key=None, REMOTE_ADDR="203.0.113.10").status_code == 200
    # A key that is sent must still be a good one.
    assert api("stories", key="nr_wrong").status_code == 401
