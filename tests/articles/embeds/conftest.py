import pytest

from tests.embed_servers import Web, jpeg, point_providers_at


@pytest.fixture
def web(settings, monkeypatch, tmp_path):
    """The test server, every provider pointed at it, and fetching from 127.0.0.1 allowed."""
    settings.NEWSROOM_EMBED_PRIVATE_ADDRESSES = True
    server = Web()
    server.route("/thumb.jpg", jpeg(), kind="image/jpeg")
    point_providers_at(monkeypatch, server)
    yield server
    server.close()
