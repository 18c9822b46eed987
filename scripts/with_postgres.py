#!/usr/bin/env python3
"""Runs a command against a throw-away PostgreSQL server on 127.0.0.1.

    python scripts/with_postgres.py pytest -q

Creates a cluster in a temporary folder with Debian's server binaries, starts it on a
free port, runs the command with DATABASE_URL pointing at it, then stops the server and
removes the folder. initdb refuses to run as root, so as root the server runs as the
`postgres` user.
"""

from __future__ import annotations

import glob
import os
import shutil
import socket
import subprocess
import sys
import tempfile
from pathlib import Path


def server_bin() -> Path:
    candidates = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"), reverse=True)
    if not candidates:
        sys.exit("PostgreSQL server binaries not found: install Debian's postgresql package.")
    return Path(candidates[0]).parent


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def as_server_user(command: list[str]) -> list[str]:
    return ["runuser", "-u", "postgres", "--", *command] if os.geteuid() == 0 else command


def server_tool(folder: Path, *args: str, check: bool = True) -> None:
    """Runs a server tool in `folder`: the server user may not enter the caller's folder."""
    subprocess.run(
        as_server_user(list(args)),
        check=check,
        cwd=folder,
        stdout=subprocess.DEVNULL,
        stderr=None if check else subprocess.DEVNULL,
    )


def main(command: list[str]) -> int:
    bindir, port = server_bin(), free_port()
    folder = Path(tempfile.mkdtemp(prefix="kundenwert-pg-"))
    if os.geteuid() == 0:
        shutil.chown(folder, "postgres", "postgres")
    data = str(folder / "data")
    initdb, pg_ctl = str(bindir / "initdb"), str(bindir / "pg_ctl")
    try:
        server_tool(
            folder,
            initdb,
            "-D",
            data,
            "-A",
            "trust",
            "-U",
            "kundenwert",
            "-E",
            "UTF8",
            "--locale=C.UTF-8",
        )
        options = f"-p {port} -k {folder} -c listen_addresses=127.0.0.1 -c fsync=off"
        server_tool(
            folder,
            pg_ctl,
            "-D",
            data,
            "-o",
            options,
            "-w",
            "-l",
            str(folder / "server.log"),
            "start",
        )
        env = {**os.environ, "DATABASE_URL": f"postgres://kundenwert@127.0.0.1:{port}/postgres"}
        return subprocess.run(command, env=env).returncode
    finally:
        server_tool(folder, pg_ctl, "-D", data, "-m", "fast", "-w", "stop", check=False)
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    sys.exit(main(sys.argv[1:]))
