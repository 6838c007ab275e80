"""Fetching a page, an oEmbed answer or a picture from another site, safely.

Editors paste any address; the server must not be made to fetch its own network on their
behalf (server-side request forgery): a name is resolved once, every address it resolves to
must be public, and the connection goes to the address that was checked (so a second, different
DNS answer cannot slip in). Each redirect is checked the same way. Answers are cut off at a
size and a time limit.
"""

import http.client
import ipaddress
import socket
import ssl
import time
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit

from django.conf import settings

# Seconds to connect and between two reads; and for the whole answer.
TIMEOUT = 3
DEADLINE = 6
MAX_REDIRECTS = 3
CHUNK = 16384
USER_AGENT = "Newsroom-embeds/1.0 (+oEmbed and OpenGraph; fetched once when a story is saved)"


class FetchError(Exception):
    """Why an address could not be fetched, in words an editor can act on."""


@dataclass(frozen=True)
class Answer:
    url: str
    content_type: str
    charset: str
    body: bytes

    def text(self):
        try:
            return self.body.decode(self.charset or "utf-8", errors="replace")
        except LookupError:
            return self.body.decode("utf-8", errors="replace")


def is_public(address):
    """True for an address on the public internet: not private, loopback, link-local (the
    cloud's metadata service at 169.254.169.254), shared, reserved or multicast."""
    ip = ipaddress.ip_address(address.split("%")[0])
    if ip.version == 6 and ip.ipv4_mapped:
        ip = ip.ipv4_mapped
    return ip.is_global and not ip.is_multicast


def checked_addresses(host, port):
    """The addresses `host` resolves to, all of them public, or FetchError."""
    try:
        answers = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError) as error:
        raise FetchError(f"the site {host} could not be found") from error
    addresses = list(dict.fromkeys(answer[4][0] for answer in answers))
    if not addresses:
        raise FetchError(f"the site {host} could not be found")
    if not settings.NEWSROOM_EMBED_PRIVATE_ADDRESSES and not all(map(is_public, addresses)):
        raise FetchError(
            f"{host} is an address inside a private network, which we never fetch from"
        )
    return addresses


class _PinnedHTTP(http.client.HTTPConnection):
    """An HTTP connection to an address checked beforehand, speaking to the site's name."""

    def __init__(self, host, port, address, timeout):
        super().__init__(host, port, timeout=timeout)
        self.address = address

    def connect(self):
        self.sock = socket.create_connection((self.address, self.port), self.timeout)


class _PinnedHTTPS(http.client.HTTPSConnection):
    def __init__(self, host, port, address, timeout):
        super().__init__(host, port, timeout=timeout, context=ssl.create_default_context())
        self.address = address

    def connect(self):
        sock = socket.create_connection((self.address, self.port), self.timeout)
        # The certificate is checked against the site's name, not the address.
        self.sock = self._context.wrap_socket(sock, server_hostname=self.host)


def fetch(url, *, accept, max_bytes):
    """The answer to a GET of `url` (redirects followed, each checked), or FetchError."""
    deadline = time.monotonic() + DEADLINE
    for _ in range(MAX_REDIRECTS + 1):
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise FetchError("only http and https addresses can be fetched")
        try:
            port = parts.port or (443 if parts.scheme == "https" else 80)
        except ValueError as error:
            raise FetchError("the address has an impossible port number") from error
        address = checked_addresses(parts.hostname, port)[0]
        kind = _PinnedHTTPS if parts.scheme == "https" else _PinnedHTTP
        connection = kind(parts.hostname, port, address, TIMEOUT)
        path = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
        try:
            connection.request("GET", path, headers={"User-Agent": USER_AGENT, "Accept": accept})
            response = connection.getresponse()
            if response.status in (301, 302, 303, 307, 308) and response.getheader("Location"):
                url = urljoin(url, response.getheader("Location"))
                continue
            if response.status != 200:
                raise FetchError(f"{parts.hostname} answered with an error ({response.status})")
            body = _read(response, max_bytes, deadline)
        except TimeoutError as error:
            raise FetchError(f"{parts.hostname} did not answer in time") from error
        except (OSError, http.client.HTTPException) as error:
            raise FetchError(f"{parts.hostname} could not be reached") from error
        finally:
            connection.close()
        content_type = response.getheader("Content-Type", "")
        charset = response.headers.get_content_charset() or ""
        return Answer(url, content_type.split(";")[0].strip().lower(), charset, body)
    raise FetchError("the address sends us on through too many redirects")


def _read(response, max_bytes, deadline):
    length = response.getheader("Content-Length")
    if length and length.isdigit() and int(length) > max_bytes:
        raise FetchError("the answer is too large")
    chunks, size = [], 0
    while chunk := response.read(CHUNK):
        size += len(chunk)
        if size > max_bytes:
            raise FetchError("the answer is too large")
        if time.monotonic() > deadline:
            raise TimeoutError
        chunks.append(chunk)
    return b"".join(chunks)
