"""Real app servers for the tests that prove several of them can share one site.

Each AppServer is gunicorn in production mode (DJANGO_DEBUG=0, collected static files) on its
own port, on the test database, the shared Redis and the shared picture bucket: the parts a
load balancer would spread readers and editors over.
"""

import signal
import socket
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urljoin

import requests
from bs4 import BeautifulSoup

ROOT = Path(__file__).resolve().parents[2]
START_TIMEOUT = 60


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@dataclass
class AppServer:
    name: str
    env: dict
    log_path: Path
    port: int = field(default_factory=free_port)
    process: subprocess.Popen | None = None

    @property
    def url(self):
        return f"http://127.0.0.1:{self.port}"

    def start(self, threads=1, workers=1):
        self.log = self.log_path.open("wb")
        self.process = subprocess.Popen(
            [
                sys.executable, "-m", "gunicorn", "newsroom.wsgi",
                "--bind", f"127.0.0.1:{self.port}",
                "--workers", str(workers), "--threads", str(threads),
                "--access-logfile", "-",
            ],
            cwd=ROOT, env=self.env, stdout=self.log, stderr=subprocess.STDOUT,
        )  # fmt: skip

    def wait_until_up(self):
        deadline = time.monotonic() + START_TIMEOUT
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"{self.name} exited at start-up:\n{self.log_tail()}")
            try:
                if requests.get(f"{self.url}/healthz", timeout=2).status_code == 200:
                    return
            except requests.RequestException:
                # Refused before gunicorn binds; slow while its worker is still importing.
                pass
            time.sleep(0.2)
        raise RuntimeError(f"{self.name} did not answer /healthz:\n{self.log_tail()}")

    def stop(self):
        if self.process and self.process.poll() is None:
            # Quick shutdown: a graceful one would wait for the test's idle keep-alive sockets.
            self.process.send_signal(signal.SIGINT)
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self.log.close()

    def log_tail(self, lines=40):
        self.log.flush()
        return "\n".join(self.log_path.read_text(errors="replace").splitlines()[-lines:])


class Visitor:
    """One person's browser: its cookies go to whichever server the load balancer picks."""

    def __init__(self):
        self.http = requests.Session()

    def get(self, url, **kwargs):
        return self.http.get(url, timeout=15, allow_redirects=False, **kwargs)

    def form(self, url, selector="form"):
        """The text, hidden and textarea fields of the form at url, as the browser would send
        them back (selects and checkboxes are for the caller to add)."""
        response = self.get(url)
        assert response.status_code == 200, (url, response.status_code)
        form = BeautifulSoup(response.text, "html.parser").select_one(selector)
        data = {}
        for field_ in form.find_all(["input", "textarea"]):
            name = field_.get("name")
            if name and field_.get("type") not in ("submit", "button", "file", "checkbox"):
                data[name] = field_.text if field_.name == "textarea" else field_.get("value", "")
        return data

    def submit(self, url, fields=None, files=None, selector="form"):
        """Fill in the form at url (keeping its CSRF token) and send it to the same server."""
        data = {**self.form(url, selector), **(fields or {})}
        return self.http.post(url, data=data, files=files, timeout=30, allow_redirects=False)

    def log_in(self, server, username, password):
        """Log in through one server's admin login page; the session is kept in the database."""
        login = urljoin(server.url, "/admin/login/?next=/admin/")
        response = self.submit(login, {"username": username, "password": password})
        assert response.status_code == 302, server.log_tail()
        return response
