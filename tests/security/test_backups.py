"""`manage.py backup` and `restore`: the database and the media files, there and back."""

import io
import tarfile
from pathlib import Path

import psycopg
import pytest
from django.core.management import CommandError, call_command
from django.db import connection

from articles.models import Article
from newsroom.backups import BackupError, _major_of, find_tool, server_major
from tests.factories import ArticleFactory, ImageFactory


@pytest.fixture
def scratch_database(transactional_db):
    """An empty database beside the test one, dropped afterwards."""
    settings = dict(connection.settings_dict)
    name = f"{settings['NAME']}_restore"
    keys = {"host": "HOST", "port": "PORT", "user": "USER", "password": "PASSWORD"}
    options = {option: settings[key] for option, key in keys.items() if settings.get(key)}
    with psycopg.connect(dbname="postgres", autocommit=True, **options) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}"')
        admin.execute(f'CREATE DATABASE "{name}"')
    yield {**settings, "NAME": name}, options
    with psycopg.connect(dbname="postgres", autocommit=True, **options) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def test_a_backup_restores_into_an_empty_database_with_its_media(
    scratch_database, settings, tmp_path
):
    from newsroom.backups import restore

    image = ImageFactory()
    ArticleFactory(headline="Harbour reopens after storm", featured_image=image)
    stored = Path(settings.MEDIA_ROOT) / image.file.name
    assert stored.is_file()
    out = io.StringIO()
    archive = tmp_path / "newsroom.tar.gz"
    call_command("backup", output=str(archive), stdout=out)
    assert f"Backup written: {archive}" in out.getvalue()
    with tarfile.open(archive) as contents:
        names = contents.getnames()
    assert {"manifest.json", "database.dump", f"media/{image.file.name}"} <= set(names)

    database, options = scratch_database
    restored_media = tmp_path / "restored-media"
    manifest = restore(database, restored_media, archive)
    assert manifest["server_major"] == server_major(connection.settings_dict)
    with psycopg.connect(dbname=database["NAME"], **options) as restored:
        headlines = [row[0] for row in restored.execute("SELECT headline FROM articles_article")]
    assert headlines == ["Harbour reopens after storm"]
    assert (restored_media / image.file.name).read_bytes() == stored.read_bytes()
    assert Article.objects.count() == 1  # the live database was only read


def test_restore_asks_first_and_a_no_changes_nothing(transactional_db, monkeypatch, tmp_path):
    monkeypatch.setattr("builtins.input", lambda prompt: "no")
    with pytest.raises(CommandError, match="nothing was changed"):
        call_command("restore", str(tmp_path / "x.tar.gz"))


def test_restore_refuses_a_file_that_is_not_a_backup(transactional_db, tmp_path):
    bogus = tmp_path / "holiday.tar.gz"
    bogus.write_bytes(b"not an archive")
    with pytest.raises(CommandError, match="not a readable backup"):
        call_command("restore", str(bogus), interactive=False)


def test_the_tools_match_the_server_version(db):
    major = server_major(connection.settings_dict)
    for name in ("pg_dump", "pg_restore"):
        assert _major_of(find_tool(name, major)) == major


def test_a_missing_tool_version_is_named(db):
    with pytest.raises(BackupError, match="No pg_dump for PostgreSQL 99"):
        find_tool("pg_dump", 99)
