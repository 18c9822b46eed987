"""`kundenwert backup` and `kundenwert restore` as an owner runs them, in subprocesses.

The same test runs in both suite runs: on SQLite against a file in tmp, in the PostgreSQL
run against a database of its own on the throw-away server (pg_dump and pg_restore need a
committed database, not pytest-django's transaction).
"""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
import uuid
from pathlib import Path

import pytest

from kundenwert.accounts.models import ChangeRecord
from kundenwert.activity.models import Interaction

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


# --- a backup while the app writes ------------------------------------------------------

# Runs inside `kundenwert manage shell` on the live database: a thread logs interactions
# through the service, one after another, as fast as it can; once it is under way,
# `kundenwert backup` runs as the owner would run it, in a process of its own. Prints
# the interactions acknowledged (committed) before the backup started, and the number of
# interactions in the database just before it started and just after it finished.
WRITE_DURING_BACKUP = """
import json, os, subprocess, sys, threading, time
from django.db import connection
from django.utils import timezone
from kundenwert.accounts.models import Role
from kundenwert.accounts.services import do_create_user
from kundenwert.activity.models import Interaction
from kundenwert.activity.services import do_log_interaction
from kundenwert.customers.services import do_create_customer

owner = do_create_user("olga", "backup-test-password-4711", role=Role.OWNER)
customer = do_create_customer(owner, number="K-1", name="Bäckerei Sommer")
acknowledged = []
stop = threading.Event()

def write():
    try:
        while not stop.is_set():
            note = f"Anruf {len(acknowledged)} während der Sicherung"
            done = do_log_interaction(
                owner, customer, at=timezone.now(), channel="phone", note=note
            )
            acknowledged.append(done.pk)
    finally:
        connection.close()

writer = threading.Thread(target=write)
writer.start()
deadline = time.monotonic() + 30
while len(acknowledged) < 20 and time.monotonic() < deadline and writer.is_alive():
    time.sleep(0.01)
time.sleep(0.5)  # a second's writing in all (with the backup process starting up)
before = list(acknowledged)
count_before = Interaction.objects.count()
backup = subprocess.run(
    [sys.executable, "-m", "kundenwert", "backup", os.environ["BACKUP_FILE"]],
    capture_output=True, text=True, timeout=120,
)
count_after = Interaction.objects.count()
stop.set()
writer.join()
print(json.dumps({
    "backup": [backup.returncode, backup.stdout + backup.stderr],
    "acknowledged_before": before,
    "count_before": count_before,
    "count_after": count_after,
    "written": len(acknowledged),
}))
"""


def ids(database: Path, query: str) -> set[int]:
    with sqlite3.connect(database) as db:
        return {int(row[0]) for row in db.execute(query)}


@pytest.mark.sqlite_only
def test_a_backup_taken_while_interactions_are_logged_is_a_consistent_snapshot(tmp_path):
    live, restored = tmp_path / "live.sqlite3", tmp_path / "restored.sqlite3"
    backup = tmp_path / "während.backup"

    def run(database: Path, data: str, *args: str) -> subprocess.CompletedProcess:
        env = {
            **os.environ,
            "KUNDENWERT_DATA_DIR": str(tmp_path / data),
            "DATABASE_URL": f"sqlite:///{database}",
            "DJANGO_SETTINGS_MODULE": "kundenwert.web.settings",
            "BACKUP_FILE": str(backup),
        }
        result = subprocess.run(
            [*KUNDENWERT, *args], env=env, capture_output=True, text=True, timeout=180
        )
        assert result.returncode == 0, result.stdout + result.stderr
        return result

    run(live, "data", "manage", "migrate", "-v", "0")
    outcome = json.loads(
        run(live, "data", "manage", "shell", "-v", "0", "-c", WRITE_DURING_BACKUP).stdout
    )
    assert outcome["backup"][0] == 0, outcome["backup"][1]
    # The writer kept going through the backup, not only before it.
    assert outcome["count_after"] > outcome["count_before"] >= 20
    assert outcome["written"] >= outcome["count_after"]

    run(restored, "restored-data", "restore", str(backup))  # a fresh data folder and file

    with sqlite3.connect(restored) as db:
        assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert db.execute("PRAGMA foreign_key_check").fetchall() == []
    interactions = f"SELECT id FROM {Interaction._meta.db_table}"
    in_backup = ids(restored, interactions)
    assert set(outcome["acknowledged_before"]) <= in_backup
    assert outcome["count_before"] <= len(in_backup) <= outcome["count_after"]
    # One moment's state: the first interactions up to some point, none missing between,
    # and each with the change record the service writes in the same transaction.
    assert in_backup == {i for i in ids(live, interactions) if i <= max(in_backup)}
    changes = (
        f"SELECT object_id FROM {ChangeRecord._meta.db_table} "
        f"WHERE action = 'create' AND model = '{Interaction._meta.label}'"
    )
    assert ids(restored, changes) == in_backup
