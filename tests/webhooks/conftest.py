"""A partner's webhook receiver, started by the tests on 127.0.0.1: it checks each call's
signature with the official standardwebhooks library, as a partner would."""

import json
import socket
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from standardwebhooks.webhooks import Webhook, WebhookVerificationError

from newsroom.webhooks.models import Endpoint, Event


class Receiver:
    def __init__(self):
        self.calls = []
        self.status = 204
        self.secret = None
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                body = self.rfile.read(int(self.headers["Content-Length"]))
                headers = {name.lower(): value for name, value in self.headers.items()}
                try:
                    event = Webhook(receiver.secret).verify(body, headers)
                    verified = True
                except WebhookVerificationError:
                    event, verified = json.loads(body), False
                receiver.calls.append({"event": event, "headers": headers, "verified": verified})
                self.send_response(receiver.status if verified else 401)
                self.end_headers()

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_port}/hooks"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    @property
    def types(self):
        return [call["event"]["type"] for call in self.calls]

    def close(self):
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def receiver():
    receiver = Receiver()
    yield receiver
    receiver.close()


@pytest.fixture
def endpoint(db, receiver):
    """A partner registered for every event, at the receiver's address."""
    endpoint = Endpoint.objects.create(
        name="Regional Radio", url=receiver.url, events=list(Event.values)
    )
    receiver.secret = endpoint.secret
    return endpoint


@pytest.fixture
def closed_port():
    """An address where nothing listens: a partner whose server is down."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    return f"http://127.0.0.1:{port}/hooks"


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """Run a block's after-commit work (article_changed, the tasks) as a commit does."""
    return lambda: django_capture_on_commit_callbacks(execute=True)
