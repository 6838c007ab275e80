"""No fetch of our own network: private, loopback and link-local addresses are refused, also
behind a redirect or a DNS name, unless the tests' own setting allows them."""

import socket

import pytest

from articles.embeds import fetch
from articles.embeds.fetch import FetchError, is_public
from articles.embeds.resolve import resolve_links
from tests.embed_servers import Web

pytestmark = pytest.mark.django_db

ADDRESSES = {
    "http://127.0.0.1/": "127.0.0.1",
    "http://10.0.0.5/admin": "10.0.0.5",
    "http://169.254.169.254/latest/meta-data/": "169.254.169.254",
    "http://[::1]/": "::1",
    "http://192.168.1.1/": "192.168.1.1",
    "http://100.64.0.1/": "100.64.0.1",
    "http://[::ffff:10.0.0.1]/": "::ffff:10.0.0.1",
}


@pytest.mark.parametrize("url", ADDRESSES, ids=ADDRESSES.values())
def test_private_addresses_are_refused(url, settings):
    settings.NEWSROOM_EMBED_PRIVATE_ADDRESSES = False
    with pytest.raises(FetchError, match="private network"):
        fetch.fetch(url, accept="text/html", max_bytes=1000)


def test_the_refusal_is_the_default():
    from django.conf import settings

    assert settings.NEWSROOM_EMBED_PRIVATE_ADDRESSES is False


def test_a_test_server_on_127_0_0_1_is_refused_without_the_tests_setting(web, settings):
    page = web.route("/page", "<title>Inside</title>")
    settings.NEWSROOM_EMBED_PRIVATE_ADDRESSES = False
    problems = resolve_links([page])
    assert "private network" in problems[page]
    assert web.requests == []


@pytest.fixture
def outside(monkeypatch):
    """A test server standing for a public site: on 127.0.0.2, which the check (and only for
    this address) takes for public. Everything else is checked for real."""
    real = fetch.is_public
    monkeypatch.setattr(fetch, "is_public", lambda address: address == "127.0.0.2" or real(address))
    server = Web(host="127.0.0.2")
    yield server
    server.close()


@pytest.mark.parametrize(
    "target",
    [
        "http://127.0.0.1:9/",
        "http://10.1.2.3/",
        "http://169.254.169.254/latest/meta-data/",
        "http://localhost/",
    ],
)
def test_a_redirect_to_a_private_address_is_refused(target, outside):
    outside.route("/moved", "", status=302, headers={"Location": target})
    with pytest.raises(FetchError, match="private network"):
        fetch.fetch(outside.base + "/moved", accept="text/html", max_bytes=1000)
    assert outside.requests == ["/moved"]


def test_a_redirect_to_a_public_address_is_followed(outside):
    outside.route("/moved", "", status=301, headers={"Location": "/here"})
    outside.route("/here", "<title>Here</title>")
    assert fetch.fetch(outside.base + "/moved", accept="*/*", max_bytes=99).body == (
        b"<title>Here</title>"
    )


def test_endless_redirects_are_given_up(outside):
    outside.route("/loop", "", status=302, headers={"Location": "/loop"})
    with pytest.raises(FetchError, match="too many redirects"):
        fetch.fetch(outside.base + "/loop", accept="*/*", max_bytes=99)


def test_a_name_that_resolves_to_a_private_address_is_refused(settings):
    settings.NEWSROOM_EMBED_PRIVATE_ADDRESSES = False
    with pytest.raises(FetchError, match="localhost is an address inside a private network"):
        fetch.fetch("http://localhost/", accept="text/html", max_bytes=1000)


def test_one_private_address_among_public_ones_is_enough_to_refuse(settings, monkeypatch):
    settings.NEWSROOM_EMBED_PRIVATE_ADDRESSES = False

    def answers(host, port, **kwargs):
        return [
            (socket.AF_INET, socket.SOCK_STREAM, 6, "", ("93.184.215.14", port)),
            (socket.AF_INET, socket.SOCK_STREAM, 6, "", ("10.0.0.7", port)),
        ]

    monkeypatch.setattr(fetch.socket, "getaddrinfo", answers)
    with pytest.raises(FetchError, match=r"rebind\.example is an address inside a private"):
        fetch.fetch("http://rebind.example/", accept="text/html", max_bytes=1000)


def test_the_connection_goes_to_the_address_that_was_checked(web, monkeypatch):
    """A second DNS answer (rebinding) cannot change where we connect: the name is resolved
    once, checked, and the socket opened to that address."""
    calls = []
    real = fetch.socket.getaddrinfo

    def resolver(host, port, *args, **kwargs):
        calls.append(host)
        # The name's first answer is the test server; any later one would be elsewhere.
        address = "127.0.0.1" if calls.count(host) == 1 else "10.9.9.9"
        return real(address, port, *args, **kwargs)

    monkeypatch.setattr(fetch.socket, "getaddrinfo", resolver)
    page = web.route("/page", "<title>Checked</title>")
    fetched = fetch.fetch(page.replace("127.0.0.1", "news.example"), accept="*/*", max_bytes=99)
    assert fetched.body == b"<title>Checked</title>"
    # The name was looked up once; the socket was opened to the checked address itself.
    assert calls == ["news.example", "127.0.0.1"]


@pytest.mark.parametrize(
    "url", ["file:///etc/passwd", "ftp://example.org/", "gopher://127.0.0.1:25/", "javascript:1"]
)
def test_other_schemes_are_refused(url):
    with pytest.raises(FetchError, match="only http and https"):
        fetch.fetch(url, accept="*/*", max_bytes=10)


@pytest.mark.parametrize(
    ("address", "public"),
    [("93.184.215.14", True), ("2606:4700::1111", True), ("0.0.0.0", False), ("224.0.0.1", False)],
)
def test_public_addresses(address, public):
    assert is_public(address) is public
