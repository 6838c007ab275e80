"""Stripe, locally: localstripe (a stateful fake of Stripe's API, from PyPI) and, in front of
it, a small fake of what localstripe lacks: Checkout sessions and Customer Portal sessions.

`stripe.api_base` points at the fake in front; it answers /v1/checkout/sessions and
/v1/billing_portal/sessions itself, and passes every other request to localstripe. The
sessions' addresses are on Stripe's hosts, as real ones are; browser tests answer them with
`hosted_page` (Playwright's routing), so nothing leaves the machine.
"""

import hashlib
import hmac
import itertools
import json
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qsl

import pytest
import stripe

# localstripe binds every interface and saves its state to /tmp: run it on loopback, in memory.
LAUNCH_LOCALSTRIPE = """
import socket
from aiohttp import web
from localstripe import resources, server
resources.Store.dump_to_disk = lambda self: None
sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
sock.bind(("127.0.0.1", 0))
print(sock.getsockname()[1], flush=True)
web.run_app(server.app, sock=sock, print=None, access_log=None)
"""

WEBHOOK_SECRET = "whsec_test_newsroom"
CHECKOUT = "https://checkout.stripe.com/c/pay"
PORTAL = "https://billing.stripe.com/p/session"
SECRET_KEY = "sk_test_newsroom"


def start_localstripe():
    process = subprocess.Popen(
        [sys.executable, "-c", LAUNCH_LOCALSTRIPE], stdout=subprocess.PIPE, text=True
    )
    port = int(process.stdout.readline())
    url = f"http://127.0.0.1:{port}"
    for _ in range(100):
        try:
            urllib.request.urlopen(f"{url}/v1/customers", timeout=1)
        except urllib.error.HTTPError:
            break  # 401 without a key: it answers
        except OSError:
            time.sleep(0.1)
    return process, url


def nested(pairs):
    """Stripe's form encoding (line_items[0][price_data][unit_amount]=500) as a dict."""
    result = {}
    for key, value in pairs:
        parts = key.replace("]", "").split("[")
        target = result
        for part in parts[:-1]:
            target = target.setdefault(part, {})
        target[parts[-1]] = value
    return result


class FakeStripe:
    def __init__(self, localstripe_url):
        self.localstripe = localstripe_url
        self.sessions = {}
        self.checkout_requests = []
        self.portal_requests = []
        self.numbers = itertools.count(1)
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):
                pass

            def do_GET(self):
                fake.answer(self, "GET")

            def do_POST(self):
                fake.answer(self, "POST")

            def do_DELETE(self):
                fake.answer(self, "DELETE")

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def close(self):
        self.server.shutdown()
        self.server.server_close()

    def answer(self, handler, method):
        length = int(handler.headers.get("Content-Length") or 0)
        body = handler.rfile.read(length) if length else b""
        path = handler.path.split("?")[0]
        if method == "POST" and path == "/v1/checkout/sessions":
            return self.json(handler, self.create_session(body))
        if method == "GET" and path.startswith("/v1/checkout/sessions/"):
            session = self.sessions.get(path.rsplit("/", 1)[1])
            return self.json(handler, session) if session else self.json(handler, {}, 404)
        if method == "POST" and path == "/v1/billing_portal/sessions":
            params = nested(parse_qsl(body.decode()))
            self.portal_requests.append(params)
            number = next(self.numbers)
            return self.json(
                handler,
                {
                    "id": f"bps_test_{number}",
                    "object": "billing_portal.session",
                    "customer": params["customer"],
                    "return_url": params.get("return_url"),
                    "url": f"{PORTAL}/bps_test_{number}",
                },
            )
        return self.forward(handler, method, body)

    def create_session(self, body):
        params = nested(parse_qsl(body.decode()))
        self.checkout_requests.append(params)
        number = next(self.numbers)
        session_id = f"cs_test_{number}"
        item = params["line_items"]["0"]
        session = {
            "id": session_id,
            "object": "checkout.session",
            "mode": params["mode"],
            "url": f"{CHECKOUT}/{session_id}",
            "status": "open",
            "payment_status": "unpaid",
            "amount_total": int(item["price_data"]["unit_amount"]),
            "currency": item["price_data"]["currency"],
            "customer": None,
            "customer_email": params.get("customer_email"),
            "customer_details": None,
            "subscription": None,
            "payment_intent": None,
            "metadata": params.get("metadata", {}),
            "success_url": params["success_url"],
            "cancel_url": params["cancel_url"],
            "created": int(time.time()),
        }
        self.sessions[session_id] = session
        return session

    def complete(self, session_id, customer, *, payment_intent=None, subscription=None):
        """What Stripe does when the reader pays: the session is complete and paid."""
        session = self.sessions[session_id]
        session.update(
            status="complete",
            payment_status="paid",
            customer=customer.id,
            customer_details={"email": customer.email, "name": customer.name},
            payment_intent=payment_intent,
            subscription=subscription,
        )
        return session

    def forward(self, handler, method, body):
        request = urllib.request.Request(
            self.localstripe + handler.path,
            data=body if method != "GET" else None,
            method=method,
            headers={
                key: value
                for key, value in handler.headers.items()
                if key.lower() in ("authorization", "content-type", "stripe-version")
            },
        )
        try:
            with urllib.request.urlopen(request, timeout=10) as response:
                status, content = response.status, response.read()
        except urllib.error.HTTPError as error:
            status, content = error.code, error.read()
        handler.send_response(status)
        handler.send_header("Content-Type", "application/json")
        handler.send_header("Content-Length", str(len(content)))
        handler.end_headers()
        handler.wfile.write(content)
        return None

    def json(self, handler, data, status=200):
        content = json.dumps(data).encode()
        handler.send_response(status)
        handler.send_header("Content-Type", "application/json")
        handler.send_header("Content-Length", str(len(content)))
        handler.end_headers()
        handler.wfile.write(content)


def hosted_page(route):
    """Stripe's hosted pages as the browser tests' fake (Playwright's route handler)."""
    title = "Checkout" if route.request.url.startswith(CHECKOUT) else "Customer Portal"
    html = f"<!doctype html><title>Fake Stripe {title}</title><h1>Fake Stripe {title}</h1>"
    route.fulfill(status=200, content_type="text/html; charset=utf-8", body=html)


@pytest.fixture(scope="session")
def stripe_servers():
    process, localstripe_url = start_localstripe()
    fake = FakeStripe(localstripe_url)
    yield fake
    fake.close()
    process.terminate()
    process.wait(timeout=10)


@pytest.fixture
def stripe_on(settings, stripe_servers, monkeypatch):
    """Payments on, talking to the local Stripe."""
    settings.NEWSROOM_STRIPE_SECRET_KEY = SECRET_KEY
    settings.NEWSROOM_STRIPE_WEBHOOK_SECRET = WEBHOOK_SECRET
    monkeypatch.setattr(stripe, "api_base", stripe_servers.url)
    monkeypatch.setattr(stripe, "api_key", SECRET_KEY)
    stripe_servers.checkout_requests.clear()
    stripe_servers.portal_requests.clear()
    return stripe_servers


# --- Making things happen in the local Stripe, as readers and Stripe would --------------------


def customer(email="ann@example.org", name="Ann Reader"):
    """A Stripe customer with a card that pays."""
    made = stripe.Customer.create(email=email, name=name)
    card = stripe.PaymentMethod.create(
        type="card",
        card={"number": "4242424242424242", "exp_month": 12, "exp_year": 2040, "cvc": "123"},
    )
    stripe.PaymentMethod.attach(card.id, customer=made.id)
    stripe.Customer.modify(made.id, invoice_settings={"default_payment_method": card.id})
    made.card = card.id
    return made


def subscribe(buyer, amount=1000, interval="month", currency="eur"):
    product = stripe.Product.create(name="Membership")
    plan = stripe.Plan.create(
        product=product.id, amount=amount, currency=currency, interval=interval
    )
    return stripe.Subscription.create(customer=buyer.id, items=[{"plan": plan.id}])


def pay_once(buyer, amount=2500, currency="eur"):
    return stripe.PaymentIntent.create(
        amount=amount, currency=currency, customer=buyer.id, payment_method=buyer.card, confirm=True
    )


def event(kind, obj, *, created=None, event_id=None):
    """An event as Stripe sends it: (payload bytes, its event id)."""
    event_id = event_id or f"evt_test_{next(_event_numbers)}"
    data = obj if isinstance(obj, dict) else obj.to_dict()
    payload = {
        "id": event_id,
        "object": "event",
        "api_version": "2026-01-01",
        "created": created or int(time.time()),
        "livemode": False,
        "pending_webhooks": 1,
        "type": kind,
        "data": {"object": data},
    }
    return json.dumps(payload).encode()


_event_numbers = itertools.count(1)


def signature(payload, secret=WEBHOOK_SECRET, timestamp=None):
    """Stripe's Stripe-Signature header: t=<time>,v1=<HMAC-SHA256 of "<time>.<payload>">."""
    timestamp = timestamp or int(time.time())
    signed = f"{timestamp}.{payload.decode()}".encode()
    mac = hmac.new(secret.encode(), signed, hashlib.sha256).hexdigest()
    return f"t={timestamp},v1={mac}"


def deliver(client, payload, header=None):
    """POST the event to the webhook as Stripe does (signed unless a header is given)."""
    return client.post(
        "/support/stripe/webhook/",
        data=payload,
        content_type="application/json",
        HTTP_STRIPE_SIGNATURE=header if header is not None else signature(payload),
    )
