"""`kundenwert backup` and `kundenwert restore`: a consistent copy of the database, and back.

Both work while the web application runs. SQLite goes through its online backup API
(page by page, under SQLite's own locking, so a writer never leaves a torn copy);
PostgreSQL through pg_dump (one snapshot) and pg_restore, in their custom format. The
connection settings are Django's, that is DATABASE_URL's.
"""

from __future__ import annotations

import argparse
import glob
import os
import shutil
import sqlite3
import subprocess
from pathlib import Path

from kundenwert.commands.base import (
    EXIT_BAD_INPUT,
    CommandError,
    console,
    database_label,
    setup_django,
)


def register(subparsers) -> None:
    parser = subparsers.add_parser(
        "backup",
        help="write a consistent copy of the database to FILE (safe while the app runs)",
        description="SQLite: an SQLite database file. PostgreSQL: a pg_dump custom-format "
        "archive. Restore either with `kundenwert restore FILE`.",
    )
    parser.add_argument("file", type=Path, metavar="FILE")
    parser.set_defaults(handler=run_backup)

    parser = subparsers.add_parser(
        "restore",
        help="replace the database with a backup written by `kundenwert backup`",
        description="Refuses to overwrite a database that holds customers or accounts "
        "unless --force is given.",
    )
    parser.add_argument("file", type=Path, metavar="FILE")
    parser.add_argument(
        "--force", action="store_true", help="replace a database that already holds data"
    )
    parser.set_defaults(handler=run_restore)


def run_backup(args: argparse.Namespace) -> int:
    if not args.file.parent.is_dir():
        raise CommandError(f"{args.file.parent}: no such folder", EXIT_BAD_INPUT)
    setup_django()
    from django.db import connection

    settings = connection.settings_dict
    # Written next to FILE first and renamed at the end, so an interrupted backup never
    # leaves a half-written file under the name the user will later restore from.
    partial = args.file.with_name(args.file.name + ".partial")
    try:
        if connection.vendor == "sqlite":
            _sqlite_copy(source=settings["NAME"], target=partial)
        else:
            _run_pg_tool(args.file, "pg_dump", settings, "--format=custom", f"--file={partial}")
        partial.replace(args.file)
    finally:
        partial.unlink(missing_ok=True)
    console.print(f"Backup of {database_label()} written to {args.file}.")
    return 0


def run_restore(args: argparse.Namespace) -> int:
    if not args.file.is_file():
        raise CommandError(f"{args.file}: no such backup file", EXIT_BAD_INPUT)
    # No migrations before the restore: they would fill an empty target with tables the
    # backup brings anyway, and the next command migrates an older backup's schema.
    setup_django(migrate=False)
    from django.db import connection

    if not args.force and not _target_is_empty():
        raise CommandError(
            f"{database_label()} already holds data. Restoring replaces all of it: "
            "repeat with --force if that is what you want (make a backup first)."
        )
    settings = connection.settings_dict
    connection.close()  # our own connection must not hold locks the restore waits for
    if connection.vendor == "sqlite":
        _check_sqlite_backup(args.file)
        _sqlite_copy(source=args.file, target=settings["NAME"])
    else:
        _run_pg_tool(
            args.file,
            "pg_restore",
            settings,
            "--clean",
            "--if-exists",
            "--no-owner",
            "--no-privileges",
            # All or nothing: a failing restore leaves the database as it was.
            "--single-transaction",
            f"--dbname={settings['NAME']}",
            str(args.file),
        )
    console.print(f"{database_label()} restored from {args.file}.")
    return 0


def _target_is_empty() -> bool:
    """No customers and no accounts, or no tables at all (a brand-new database)."""
    from django.db import DatabaseError

    from kundenwert.workspace.services import database_is_empty

    try:
        return database_is_empty()
    except DatabaseError:
        return True


def _sqlite_copy(source: str | Path, target: str | Path) -> None:
    """Copies one SQLite database into another with the online backup API.

    The target keeps its file (and its WAL mode); other processes with it open see the
    new content at their next transaction instead of a file swapped under them.
    """
    with _sqlite(source) as src, _sqlite(target) as dst:
        src.backup(dst)


def _sqlite(path: str | Path) -> _Closing:
    # The timeout waits out a writer of the running app instead of failing at once.
    return _Closing(sqlite3.connect(path, timeout=20))


class _Closing:
    """sqlite3's own context manager commits but never closes; this one closes."""

    def __init__(self, connection: sqlite3.Connection):
        self.connection = connection

    def __enter__(self) -> sqlite3.Connection:
        return self.connection

    def __exit__(self, *exc) -> None:
        self.connection.close()


def _check_sqlite_backup(path: Path) -> None:
    """Refuses anything but an intact Kundenwert SQLite database before touching the target."""
    try:
        with _Closing(sqlite3.connect(f"file:{path}?mode=ro", uri=True)) as db:
            ok = db.execute("PRAGMA quick_check").fetchone()[0] == "ok"
            tables = {row[0] for row in db.execute("SELECT name FROM sqlite_master")}
    except sqlite3.DatabaseError as error:
        raise CommandError(f"{path}: not an SQLite backup ({error})", EXIT_BAD_INPUT) from None
    if not ok or "django_migrations" not in tables:
        raise CommandError(f"{path}: not an intact Kundenwert backup", EXIT_BAD_INPUT)


def _run_pg_tool(file: Path, name: str, settings: dict, *args: str) -> None:
    # The password goes through the environment, never onto a command line `ps` shows.
    env = {**os.environ, **_pg_environment(settings)}
    result = subprocess.run(
        [_pg_binary(name), "--no-password", *args], env=env, capture_output=True, text=True
    )
    if result.returncode != 0:
        raise CommandError(f"{file}: {name} failed: {result.stderr.strip()}")


def _pg_environment(settings: dict) -> dict[str, str]:
    values = {
        "PGHOST": settings.get("HOST"),
        "PGPORT": settings.get("PORT"),
        "PGUSER": settings.get("USER"),
        "PGPASSWORD": settings.get("PASSWORD"),
        "PGDATABASE": settings.get("NAME"),
        "PGSSLMODE": (settings.get("OPTIONS") or {}).get("sslmode"),
    }
    return {key: str(value) for key, value in values.items() if value}


def _pg_binary(name: str) -> str:
    """On PATH, else Debian's server folder (the newest version, which reads older servers)."""
    found = shutil.which(name)
    if found:
        return found
    candidates = sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"), key=_version_key)
    if not candidates:
        raise CommandError(f"{name} not found: install the PostgreSQL client tools.")
    return candidates[-1]


def _version_key(path: str) -> int:
    version = Path(path).parent.parent.name
    return int(version) if version.isdigit() else 0
