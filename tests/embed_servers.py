"""A stand-in for the web that embeds fetch from: one small HTTP server on 127.0.0.1, started
by the tests, answering as an oEmbed provider, a web page with OpenGraph tags, a picture, or a
broken site would. Nothing reaches the internet."""

import contextlib
import dataclasses
import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from io import BytesIO
from urllib.parse import parse_qs, urlsplit

from PIL import Image

from articles.embeds import providers

YOUTUBE_LINK = "https://www.youtube.com/watch?v=dQw4w9WgXcQ"


def jpeg(width=480, height=360, colour=(200, 30, 40)):
    out = BytesIO()
    Image.new("RGB", (width, height), colour).save(out, "JPEG")
    return out.getvalue()


class Web:
    """Routes: path -> (status, content type, body or callable, extra headers)."""

    def __init__(self, host="127.0.0.1"):
        self.routes = {}
        self.requests = []
        self.server = ThreadingHTTPServer((host, 0), self._handler())
        self.server.daemon_threads = True
        self.base = f"http://{host}:{self.server.server_address[1]}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def _handler(self):
        web = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self):
                parts = urlsplit(self.path)
                web.requests.append(self.path)
                status, kind, body, headers = web.routes.get(
                    parts.path, (404, "text/plain", b"not here", {})
                )
                if callable(body):
                    body = body(parse_qs(parts.query))
                if isinstance(body, str):
                    body = body.encode()
                self.send_response(status)
                self.send_header("Content-Type", kind)
                self.send_header("Content-Length", str(len(body)))
                for name, value in headers.items():
                    self.send_header(name, value)
                self.end_headers()
                # The client may have given up already (a size or time limit): nothing to say.
                with contextlib.suppress(BrokenPipeError, ConnectionResetError):
                    self.wfile.write(body)

            def log_message(self, *args):
                pass

        return Handler

    def route(self, path, body, status=200, kind="text/html; charset=utf-8", headers=None):
        self.routes[path] = (status, kind, body, headers or {})
        return self.base + path

    def oembed(self, answer, path="/oembed", status=200):
        return self.route(path, json.dumps(answer), status, "application/json")

    def slow(self, path, seconds):
        def answer(query):
            time.sleep(seconds)
            return b"{}"

        return self.route(path, answer, kind="application/json")

    def close(self):
        self.server.shutdown()
        self.server.server_close()


def youtube_answer(web, title="Harbour opening", video="dQw4w9WgXcQ", html=None):
    return {
        "type": "video",
        "version": "1.0",
        "title": title,
        "author_name": "Port Authority",
        "provider_name": "YouTube",
        "width": 640,
        "height": 360,
        "thumbnail_url": web.base + "/thumb.jpg",
        "html": html
        if html is not None
        else f'<iframe width="640" height="360" frameborder="0" allowfullscreen '
        f'src="https://www.youtube.com/embed/{video}?feature=oembed"></iframe>',
    }


def point_providers_at(monkeypatch, web, path="/oembed"):
    """Every provider's oEmbed endpoint becomes the test server's."""
    local = tuple(
        dataclasses.replace(provider, endpoint=web.base + path) if provider.endpoint else provider
        for provider in providers.PROVIDERS
    )
    monkeypatch.setattr(providers, "PROVIDERS", local)
