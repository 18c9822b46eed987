"""One import at a time per installation: a lock file in the data folder, held by the web
app's import jobs and by `kundenwert import` alike, across processes.

A second import would only wait for the database's write lock (SQLite) or a long
transaction's rows (PostgreSQL); waiting here instead, it can say so, and the import page
can show that one is running. The lock is the operating system's (flock): it goes with the
process that held it, also when that process is killed.
"""

from __future__ import annotations

import contextlib
import fcntl
import time
from collections.abc import Callable, Iterator
from pathlib import Path

LOCK_NAME = "running.lock"
POLL_SECONDS = 0.5


def lock_file(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    return folder / LOCK_NAME


@contextlib.contextmanager
def one_import_at_a_time(folder: Path, on_wait: Callable[[], None] | None = None) -> Iterator[None]:
    """Holds the lock in `folder` for the block, waiting for it first if another import
    holds it; `on_wait` is called once when it has to wait."""
    with lock_file(folder).open("a") as handle:
        told = False
        while True:
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if on_wait is not None and not told:
                    on_wait()
                    told = True
                time.sleep(POLL_SECONDS)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def import_running(folder: Path) -> bool:
    """Whether an import holds the lock in `folder` now (in this or another process)."""
    with lock_file(folder).open("a") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return True
        fcntl.flock(handle, fcntl.LOCK_UN)
        return False
