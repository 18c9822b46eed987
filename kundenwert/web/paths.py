"""Where Kundenwert keeps its files when nothing else is configured."""

from __future__ import annotations

import os
import secrets
from pathlib import Path


def data_dir() -> Path:
    """The per-user data folder: $KUNDENWERT_DATA_DIR, else the XDG data home."""
    explicit = os.environ.get("KUNDENWERT_DATA_DIR")
    if explicit:
        path = Path(explicit)
    else:
        xdg = os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share"
        path = Path(xdg) / "kundenwert"
    path.mkdir(parents=True, exist_ok=True)
    return path


def import_jobs_dir() -> Path:
    """Where imports keep their lock (`kundenwert.lib.import_lock`), and the web app its
    import jobs' progress files."""
    folder = data_dir() / "import-jobs"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def secret_key() -> str:
    """$KUNDENWERT_SECRET_KEY, else a random key kept in the data folder.

    Generated once and stored, so sessions survive a restart without any set-up.
    """
    explicit = os.environ.get("KUNDENWERT_SECRET_KEY")
    if explicit:
        return explicit
    key_file = data_dir() / "secret_key"
    if not key_file.exists():
        key_file.write_text(secrets.token_urlsafe(50), encoding="utf-8")
        key_file.chmod(0o600)
    return key_file.read_text(encoding="utf-8").strip()
