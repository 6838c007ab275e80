import pytest
from django.db import connection


@pytest.mark.django_db
def test_healthz_answers_without_the_database(client, django_assert_num_queries):
    """The liveness probe never touches the database."""
    # The first request of an empty cache looks up the next scheduled story once (for the
    # whole site, articles.scheduling); from then on nothing reads the database.
    client.get("/healthz")
    with django_assert_num_queries(0):
        response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}


@pytest.mark.django_db(transaction=True)
def test_readyz_reports_an_unreachable_database_then_recovers(client, monkeypatch):
    """503 with a JSON reason while the database is down, 200 once it is back."""
    assert client.get("/readyz").status_code == 200

    connection.close()
    monkeypatch.setitem(connection.settings_dict, "HOST", "127.0.0.1")
    monkeypatch.setitem(connection.settings_dict, "PORT", "9")
    response = client.get("/readyz")
    assert response.status_code == 503
    assert response.json()["status"] == "unavailable"
    assert response.json()["database"]

    monkeypatch.undo()
    connection.close()
    response = client.get("/readyz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok"}
