import contextlib
import fcntl
import os
import shutil
import threading
import uuid
from pathlib import Path

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.db import transaction
from django.http import HttpResponse
from django.test import Client, RequestFactory, override_settings

from articles.models import PublishingChecks
from comments.models import ModerationSettings
from newsroom.caching.hits import recent_answers
from newsroom.caching.invalidation import sweeper
from newsroom.caching.pages import recent_pages
from newsroom.caching.pieces import pieces, shown_pieces
from newsroom.newsletter import lists
from newsroom.readers.cookies import COOKIE, HINT, sign_in
from newsroom.readers.models import Reader
from newsroom.staff.roles import MODERATOR_ROLE, setup_roles
from tests.factories import ArticleFactory, AuthorFactory, SectionFactory
from tests.helpers import client_for, moderator_group, reply_form_data, staff

CHROMIUM = os.environ.get("NEWSROOM_CHROMIUM", "/usr/bin/chromium")
SCREENSHOTS = Path(__file__).resolve().parent.parent / "var" / "screenshots"
# A full-page screenshot costs a second or more: the steps tests name are saved only when asked.
SCREENSHOTS_ASKED = os.environ.get("NEWSROOM_SCREENSHOTS") == "1"
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(config, items):
    """Under pytest-xdist (`make test`), tests that share one thing run on one worker:

    - the two-server tests, one pair of app servers for all of them (started once);
    - the view-counter tests on Redis, whose keys have fixed names (readership:*);
    - the tests of the demo outlet, which one worker draws (demo_dump) while the other, with
      none of them to run, goes on with the rest rather than waiting for it.
    """
    for item in items:
        if "app_servers" in item.fixturenames:
            item.add_marker(pytest.mark.xdist_group("app-servers"))
        if "redis_store" in item.fixturenames:
            item.add_marker(pytest.mark.xdist_group("readership-redis"))
        if "demo_dump" in item.fixturenames:
            item.add_marker(pytest.mark.xdist_group("demo"))


class SlowFirst:
    # Last, after pytest-django's own order; the groups above are marked first, before
    # pytest-xdist reads them.
    @pytest.hookimpl(trylast=True)
    def pytest_collection_modifyitems(self, items):
        items.sort(key=_order)


def pytest_configure(config):
    config.pluginmanager.register(SlowFirst(), "newsroom-slow-first")


def _order(item):
    """The slowest first, so that no long test handed out last keeps one worker busy alone:
    those that need no test database before everything, the others first among their kind
    (pytest-django's order: database tests, then those that empty it, then the rest)."""
    slow = item.get_closest_marker("slow") is not None
    if _empties_the_database(item):
        kind = 1
    elif item.get_closest_marker("django_db") is not None or "db" in item.fixturenames:
        kind = 0
    else:
        kind = 2
    return (not (slow and kind == 2), kind, not slow)


def _empties_the_database(item):
    """A test whose changes are committed, and removed after it by emptying every table."""
    marker = item.get_closest_marker("django_db")
    return (
        (
            marker is not None
            and any(marker.kwargs.get(k) for k in ("transaction", "reset_sequences"))
        )
        or "transactional_db" in item.fixturenames
        or "live_server" in item.fixturenames
    )


@pytest.fixture(autouse=True)
def _built_in_lists(request):
    """The built-in newsletter lists, as every migrated database has them: a test that empties
    the database (browser and two-server tests) takes them with it, and a group of tests run
    together on one worker may hold tests of both kinds. The role groups: the `roles` fixture."""
    uses_database = (
        request.node.get_closest_marker("django_db") is not None or "db" in request.fixturenames
    )
    if _empties_the_database(request.node):
        request.getfixturevalue("transactional_db")
    elif uses_database:
        request.getfixturevalue("db")
    else:
        return
    lists.daily()
    lists.breaking()


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    """A browser test that fails leaves a screenshot of every page it had open."""
    report = yield
    browser = item.funcargs.get("browser") if report.when == "call" else None
    if report.failed and browser is not None:
        from playwright.sync_api import Error

        pages = [page for context in browser.contexts for page in context.pages]
        saved = []
        for number, page in enumerate(pages, start=1):
            # A page that crashed or closed has nothing to show; the failure stands as is.
            with contextlib.suppress(Error):
                saved.append(str(save_screenshot(page, f"{item.name}-failed-{number}")))
        if saved:
            report.sections.append(("screenshots", "\n".join(saved)))
    return report


def save_screenshot(page, name):
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True, timeout=10_000)
    return path


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path):
    """Uploads from one test never leak into another, nor into the developer's media/."""
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture(scope="session")
def browser():
    if not shutil.which(CHROMIUM) and not Path(CHROMIUM).exists():
        if os.environ.get("CI") == "true":
            pytest.fail(f"CI=true but no Chromium at {CHROMIUM}: install Debian's chromium.")
        pytest.skip(f"No Chromium at {CHROMIUM}")
    # Playwright's sync API runs an event loop in this thread; Django must not treat the test
    # code as async because of it.
    os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            headless=True,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-dev-shm-usage",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
            ],
        )
        yield browser
        browser.close()


class _BetweenTestsGate:
    """Lets requests reach the live server only while a test runs.

    Pages a browser test leaves open keep talking to the server (the admin's autosave sends a
    last copy when a page closes). A request arriving while the database is emptied for the
    next test deadlocked PostgreSQL's flush, so the flush waits for requests in flight and
    later ones are told to come back.
    """

    def __init__(self, app):
        self.app = app
        self.state = threading.Condition()
        self.open = False
        self.in_flight = 0

    def __call__(self, environ, start_response):
        with self.state:
            if not self.open:
                start_response("503 Service Unavailable", [("Retry-After", "1")])
                return [b"Between tests."]
            self.in_flight += 1
        try:
            response = self.app(environ, start_response)
            try:
                return [b"".join(response)]
            finally:
                if hasattr(response, "close"):
                    response.close()
        finally:
            with self.state:
                self.in_flight -= 1
                self.state.notify_all()

    def close(self, timeout=30):
        with self.state:
            self.open = False
            self.state.wait_for(lambda: self.in_flight == 0, timeout=timeout)


@pytest.fixture(autouse=True)
def _live_server_gate(request):
    """Requests from a test's pages are answered during the test, never during the flush."""
    if "live_server" not in request.fixturenames:
        yield
        return
    # Asked for here, the database fixture is set up before this one and so emptied after it.
    request.getfixturevalue("transactional_db")
    httpd = request.getfixturevalue("live_server").thread.httpd
    gate = httpd.get_app()
    if not isinstance(gate, _BetweenTestsGate):
        gate = _BetweenTestsGate(gate)
        httpd.set_app(gate)
    with gate.state:
        gate.open = True
    yield
    gate.close()


@pytest.fixture
def page(browser, live_server):
    """A desktop-sized page; tests may resize it with page.set_viewport_size(PHONE)."""
    context = browser.new_context(viewport=DESKTOP, base_url=live_server.url)
    context.set_default_timeout(10_000)
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture
def screenshot(request):
    """With NEWSROOM_SCREENSHOTS=1, save a full-page screenshot under
    var/screenshots/<test name>-<label>.png; otherwise do nothing (a failing test's pages are
    saved all the same)."""

    def take(page, label):
        if SCREENSHOTS_ASKED:
            return save_screenshot(page, f"{request.node.name}-{label}")
        return None

    return take


@pytest.fixture(scope="session")
def demo_dump(django_db_setup, django_db_blocker, tmp_path_factory):
    """The demo content of `manage.py load_demo`, made once for the whole run: (a fixture file
    of it, the folder of its pictures).

    Loading the demo draws every picture (a quarter of a minute); reading the file back takes
    a second. Under pytest-xdist the first worker to need it makes it, in its own database,
    rolled back after; the others wait for it and read the same file.
    """
    shared = tmp_path_factory.getbasetemp()
    if os.environ.get("PYTEST_XDIST_WORKER"):
        shared = shared.parent
    dump, media = shared / "demo.json", shared / "demo-media"
    with open(shared / "demo.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not dump.exists():
            partial = shared / "demo.json.partial"
            with (
                django_db_blocker.unblock(),
                override_settings(MEDIA_ROOT=media),
                transaction.atomic(),
            ):
                call_command("load_demo", verbosity=0)
                call_command(
                    "dumpdata", "articles", "comments", "taggit", "pages",
                    natural_foreign=True, output=str(partial), verbosity=0,
                )  # fmt: skip
                transaction.set_rollback(True)
            partial.rename(dump)
    return dump, media


@pytest.fixture
def demo_content(demo_dump, settings):
    """The demo outlet in this test's database, its pictures where the site looks for them.

    Ask for it before making anything else: it keeps the primary keys it was made with."""
    dump, media = demo_dump
    call_command("loaddata", str(dump), verbosity=0)
    settings.MEDIA_ROOT = media


@pytest.fixture(autouse=True)
def _empty_cache():
    """What one test kept in the cache (pages, settings, navigation) never reaches another."""
    cache.clear()
    # The rollback between tests changes pages without telling the cache (and a test may
    # change the settings pages were built with): forget them all.
    recent_pages.clear()
    recent_answers.clear()
    pieces.clear()
    # Kept under what they show, but a test may change the settings they were built with
    # (where pictures are stored, for one).
    shown_pieces.clear()
    sweeper.look_again()


@pytest.fixture
def page_cache(settings):
    """Reader pages served through the page cache, built from kept pieces, as in production
    (the default: for tests that are about it, whatever the environment says)."""
    settings.NEWSROOM_CACHE = True
    settings.NEWSROOM_CACHE_WHOLE_PAGES = True


@pytest.fixture(autouse=True)
def _fast_passwords(settings):
    """Tests log in with force_login; hashing passwords slowly buys them nothing."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def publishing_checks_off(db):
    """Every check before publishing switched off, for tests of the workflow itself."""
    fields = [f.name for f in PublishingChecks._meta.fields if f.name != "id"]
    PublishingChecks.objects.update_or_create(pk=1, defaults=dict.fromkeys(fields, False))


@pytest.fixture
def roles(db):
    """The role groups, as the data migration makes them (flushed tables lose them)."""
    setup_roles(note=lambda line: None)


@pytest.fixture
def reporter(roles):
    return staff("Reporter", "rita", first_name="Rita", last_name="Reporter")


@pytest.fixture
def other_reporter(roles):
    return staff("Reporter", "oscar", first_name="Oscar", last_name="Other")


@pytest.fixture
def editor(roles):
    return staff("Editor", "edna", first_name="Edna", last_name="Editor")


@pytest.fixture
def moderators(db):
    return moderator_group()


@pytest.fixture
def moderator(moderators):
    return staff(MODERATOR_ROLE, "mo", first_name="Mo", last_name="Moderator")


@pytest.fixture
def moderator_client(moderator):
    return client_for(moderator)


@pytest.fixture
def section(db):
    return SectionFactory(name="World", slug="world")


@pytest.fixture
def author(db):
    return AuthorFactory(name="Rita Reporter", slug="rita-reporter")


@pytest.fixture
def article(db):
    return ArticleFactory(headline="Council approves the new bridge", slug="bridge")


@pytest.fixture
def rules(db):
    return ModerationSettings.load()


@pytest.fixture
def post(client):
    """Post the comment form as a reader from one IP address."""

    def send(article, client=client, ip="198.51.100.7", **overrides):
        return client.post("/comments/post/", reply_form_data(article, **overrides), REMOTE_ADDR=ip)

    return send


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Rate-limit counters and cached notes from one test never reach the next."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def redis_state(settings, monkeypatch):
    """The cache's shared state in the tests' Redis, under a prefix of this test's own, as
    production runs with REDIS_URL: reading it costs no database query. A change is recorded
    once its transaction commits (django_capture_on_commit_callbacks(execute=True)). The look
    for changes Redis missed (one query a second in production) is made at the test's first
    request only, so the queries a test counts do not depend on the clock."""
    import redis

    from newsroom.caching import invalidation

    url = os.environ.get("NEWSROOM_TEST_REDIS_URL", "redis://127.0.0.1:6379/15")
    try:
        redis.Redis.from_url(url).ping()
    except redis.ConnectionError:
        if os.environ.get("CI") == "true":
            pytest.fail(f"CI=true but no Redis answers at {url}.")
        pytest.skip(f"No Redis at {url}")
    settings.REDIS_URL = url
    settings.NEWSROOM_CACHE_KEY_PREFIX = f"test-{uuid.uuid4().hex[:12]}"
    monkeypatch.setattr(invalidation, "SWEEP_SECONDS", 24 * 3600)
    invalidation.sweeper.look_again()
    yield url
    client = redis.Redis.from_url(url)
    for key in client.scan_iter(f"{settings.NEWSROOM_CACHE_KEY_PREFIX}:*"):
        client.delete(key)


@pytest.fixture
def reader(db):
    """A reader with an account (newsroom/readers)."""
    return Reader.objects.create(email="reader@example.com", name="Ada Reader")


@pytest.fixture
def reader_client(reader):
    """A browser signed in as the reader (the cookies the code page sets)."""
    response = HttpResponse()
    sign_in(RequestFactory().get("/"), response, reader)
    client = Client()
    client.cookies[COOKIE] = response.cookies[COOKIE].value
    client.cookies[HINT] = "1"
    return client
