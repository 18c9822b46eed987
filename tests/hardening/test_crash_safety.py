"""An import killed mid-way (SIGKILL: no cleanup, no rollback by Python) changes nothing,
and the next import completes.

The folder import is one transaction; this shows SQLite's journal (WAL) makes that hold
even when the process dies inside it. The kill waits until the write-ahead log has grown,
that is until rows of the big import are being written, well before it could commit.
"""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from datetime import date
from pathlib import Path

import polars as pl
import pytest

from kundenwert.demo import generate_demo
from kundenwert.portfolio import Portfolio
from kundenwert.portfolio.writer import write_folder

pytestmark = pytest.mark.sqlite_only

KUNDENWERT = [sys.executable, "-m", "kundenwert"]
TIME_ENTRIES = 60_000  # about 10 s to import: long enough to kill, short enough to repeat
WAL_BEFORE_KILL = 1_000_000  # bytes; the full import writes more than 40 times as much


@pytest.fixture
def folders(tmp_path: Path) -> tuple[Path, Path]:
    """The demo portfolio, and a big one: its customers with TIME_ENTRIES new time entries."""
    demo = generate_demo(date(2026, 11, 23))
    write_folder(demo, tmp_path / "demo")
    entries = demo.time_entries
    # Copies of the demo's entries, each copy an hour earlier, so that no row repeats one
    # already imported (time entries are matched by content).
    copies = [
        entries.with_columns(pl.col("start") - pl.duration(hours=hours))
        for hours in range(1, TIME_ENTRIES // entries.height + 2)
    ]
    big = Portfolio.from_frames(
        {"customers": demo.customers, "time_entries": pl.concat(copies).head(TIME_ENTRIES)}
    )
    write_folder(big, tmp_path / "big")
    return tmp_path / "demo", tmp_path / "big"


@pytest.fixture
def database(tmp_path: Path) -> Path:
    return tmp_path / "kundenwert.sqlite3"


@pytest.fixture
def env(tmp_path: Path, database: Path) -> dict[str, str]:
    return {
        **os.environ,
        "KUNDENWERT_DATA_DIR": str(tmp_path / "data"),
        "DATABASE_URL": f"sqlite:///{database}",
        "DJANGO_SETTINGS_MODULE": "kundenwert.web.settings",
    }


def row_counts(database: Path) -> dict[str, int]:
    with sqlite3.connect(database) as db:
        assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        tables = [
            name
            for (name,) in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
            if not name.startswith("sqlite_")
        ]
        return {name: db.execute(f'SELECT count(*) FROM "{name}"').fetchone()[0] for name in tables}


def kill_when_writing(process: subprocess.Popen, wal: Path, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while (wal.stat().st_size if wal.exists() else 0) < WAL_BEFORE_KILL:
        assert process.poll() is None, "the import ended before it could be killed"
        assert time.monotonic() < deadline, "the import never started writing"
        time.sleep(0.005)
    assert process.poll() is None, "the import ended before it could be killed"
    process.send_signal(signal.SIGKILL)
    process.wait(timeout=10)


def test_a_killed_import_changes_nothing_and_the_next_one_completes(folders, database, env):
    demo, big = folders
    first = subprocess.run([*KUNDENWERT, "import", str(demo)], env=env, capture_output=True)
    assert first.returncode == 0, first.stderr
    before = row_counts(database)

    process = subprocess.Popen(
        [*KUNDENWERT, "import", "--lang", "en", str(big)],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    kill_when_writing(process, database.with_name(database.name + "-wal"))
    assert process.returncode == -signal.SIGKILL
    assert b"change(s)" not in process.stdout.read()  # it never got to its report

    assert row_counts(database) == before

    again = subprocess.run(
        [*KUNDENWERT, "import", str(big)], env=env, capture_output=True, timeout=120
    )
    assert again.returncode == 0, again.stderr
    after = row_counts(database)
    assert after["activity_timeentry"] == before["activity_timeentry"] + TIME_ENTRIES
    assert after["customers_customer"] == before["customers_customer"]
    assert after["accounts_changerecord"] == before["accounts_changerecord"] + 1


def test_an_import_that_ends_leaves_its_rows_in_the_database_file_not_the_log(
    folders, database, env
):
    # The command closes its connection at the end, which writes the write-ahead log back
    # into the database: a log left behind would be searched by every later read.
    demo, _ = folders
    done = subprocess.run([*KUNDENWERT, "import", str(demo)], env=env, capture_output=True)
    assert done.returncode == 0, done.stderr

    wal = database.with_name(database.name + "-wal")
    assert not wal.exists() or wal.stat().st_size == 0
    assert database.stat().st_size > 1_000_000  # the rows are in the file itself
    customers = pl.read_csv(demo / "customers.csv").height
    assert row_counts(database)["customers_customer"] == customers
