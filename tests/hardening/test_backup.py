"""`kundenwert backup` and `kundenwert restore` as an owner runs them, in subprocesses.

The same test runs in both suite runs: on SQLite against a file in tmp, in the PostgreSQL
run against a database of its own on the throw-away server (pg_dump and pg_restore need a
committed database, not pytest-django's transaction).
"""

from __future__ import annotations

import os
import subprocess
import sys
import uuid
from pathlib import Path

import pytest

KUNDENWERT = [sys.executable, "-m", "kundenwert"]
AS_OF = "2026-11-23"


@pytest.fixture
def database_url(tmp_path: Path):
    server = os.environ.get("DATABASE_URL", "")
    if not server.startswith("postgres"):
        yield f"sqlite:///{tmp_path / 'kundenwert.sqlite3'}"
        return
    import psycopg

    name = f"kw_backup_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(server, autocommit=True) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    try:
        yield server.rsplit("/", 1)[0] + f"/{name}"
    finally:
        with psycopg.connect(server, autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture
def kundenwert(tmp_path: Path, database_url: str):
    env = {
        **os.environ,
        "KUNDENWERT_DATA_DIR": str(tmp_path / "data"),
        "DATABASE_URL": database_url,
        "DJANGO_SETTINGS_MODULE": "kundenwert.web.settings",
    }

    def run(*args: str, ok: bool = True) -> subprocess.CompletedProcess:
        result = subprocess.run(
            [*KUNDENWERT, *args], env=env, capture_output=True, text=True, timeout=120
        )
        if ok:
            assert result.returncode == 0, result.stdout + result.stderr
        return result

    return run


def analysis(kundenwert) -> str:
    return kundenwert("analyze", "--format", "json", "--as-of", AS_OF).stdout


def test_a_restored_backup_gives_the_same_analysis(kundenwert, tmp_path):
    kundenwert("demo", "--as-of", AS_OF)
    before = analysis(kundenwert)
    backup = tmp_path / "kundenwert.backup"

    kundenwert("backup", str(backup))
    # A mistake to undo: half the invoices are gone.
    kundenwert("manage", "shell", "-c", DELETE_HALF_THE_INVOICES)
    assert analysis(kundenwert) != before

    refused = kundenwert("restore", str(backup), ok=False)
    assert refused.returncode != 0
    assert "--force" in refused.stderr
    assert analysis(kundenwert) != before

    kundenwert("restore", "--force", str(backup))
    assert analysis(kundenwert) == before


def test_a_backup_restores_into_an_empty_database_without_force(kundenwert, tmp_path):
    kundenwert("demo", "--as-of", AS_OF)
    before = analysis(kundenwert)
    backup = tmp_path / "kundenwert.backup"
    kundenwert("backup", str(backup))
    kundenwert("manage", "flush", "--no-input")

    kundenwert("restore", str(backup))

    assert analysis(kundenwert) == before


def test_restore_refuses_a_file_that_is_not_a_backup(kundenwert, tmp_path):
    not_a_backup = tmp_path / "notes.txt"
    not_a_backup.write_text("hello", encoding="utf-8")

    result = kundenwert("restore", str(not_a_backup), ok=False)

    assert result.returncode != 0
    assert "notes.txt" in result.stderr


DELETE_HALF_THE_INVOICES = """
from kundenwert.billing.models import Invoice
ids = list(Invoice.objects.order_by("pk").values_list("pk", flat=True))[::2]
Invoice.objects.filter(pk__in=ids).delete()
"""
