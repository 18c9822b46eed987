"""Checked frames of a portfolio folder, kept between runs of `analyze --data`.

Reading and checking two million CSV rows takes seconds; the same typed frame read back
from an Arrow IPC file takes milliseconds. An owner who looks at one folder for several
periods or dates reads it once.

A kept frame is used only while nothing it depends on has changed, compared the way git
compares its index with the work tree: the file's device, inode, size, and modification
and change times in nanoseconds (copying tools can set a modification time back, never a
change time); for every file but customers.csv also customers.csv's, whose ids the
customer_id check used; the time zone; whether free text was read; and the reader's own
code and the polars version, so an upgrade never reuses a frame checked by other rules.
Only files read without errors or warnings are kept. Anything wrong with the cache
(a folder that cannot be written, a damaged file) makes the reader read the CSV as if
there were no cache.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path

import polars as pl

# The code whose rules a kept frame was checked by.
_RULES = ("reader.py", "schema.py", "cache.py", "../lib/parsing.py")
SUFFIX = ".arrow"


def default_folder() -> Path:
    """$KUNDENWERT_CACHE_DIR, else the user's cache folder (XDG), under kundenwert/portfolio."""
    if folder := os.environ.get("KUNDENWERT_CACHE_DIR"):
        return Path(folder)
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "kundenwert" / "portfolio"


@dataclass(frozen=True)
class FrameCache:
    folder: Path

    @classmethod
    def default(cls) -> FrameCache:
        return cls(default_folder())

    def get(self, key: CacheKey) -> pl.DataFrame | None:
        path = self._path(key)
        if not path.exists():
            return None
        try:
            return pl.read_ipc(path)
        except (OSError, pl.exceptions.PolarsError):
            return None

    def put(self, key: CacheKey, frame: pl.DataFrame) -> None:
        """Keep `frame` under `key`, replacing what was kept for the same file before."""
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            for old in self.folder.glob(f"{key.file_id}-*{SUFFIX}"):
                old.unlink(missing_ok=True)
            handle, temporary = tempfile.mkstemp(dir=self.folder, suffix=".tmp")
        except OSError:
            return
        os.close(handle)
        try:
            # Written beside and renamed, so a reader never sees half a file.
            frame.write_ipc(temporary, compression="zstd")
            os.replace(temporary, self._path(key))
        except (OSError, pl.exceptions.PolarsError):
            Path(temporary).unlink(missing_ok=True)

    def _path(self, key: CacheKey) -> Path:
        return self.folder / f"{key.file_id}-{key.state}{SUFFIX}"


@dataclass(frozen=True)
class CacheKey:
    file_id: str  # which file: its absolute path and table
    state: str  # everything its checked frame depends on


def cache_key(
    path: Path, table: str, customers: Path, *, time_zone: str, free_text: bool
) -> CacheKey | None:
    """The key of the file at `path`, None when it (or customers.csv) cannot be looked at."""
    try:
        stats = [_stat(path)] + ([] if path == customers else [_stat(customers)])
    except OSError:
        return None
    absolute = str(path.resolve())
    state = [*stats, time_zone, str(free_text), pl.__version__, _rules_version()]
    return CacheKey(_digest(absolute, table), _digest(*state))


def _stat(path: Path) -> str:
    if not path.exists():
        return "missing"
    s = path.stat()
    return f"{s.st_dev}:{s.st_ino}:{s.st_size}:{s.st_mtime_ns}:{s.st_ctime_ns}"


_rules: list[str] = []


def _rules_version() -> str:
    if not _rules:
        here = Path(__file__).parent
        _rules.append(_digest(*((here / name).read_text() for name in _RULES)))
    return _rules[0]


def _digest(*parts: str) -> str:
    return hashlib.sha256("\0".join(parts).encode()).hexdigest()[:24]
