"""The load test of issue 9 (bench/load_test.py), short: a few clients for a few seconds.

Real sign-ins, forms and pages against `kundenwert serve` on 127.0.0.1; no request may
fail and every acknowledged write must be in the database exactly once. It runs in both
suite runs: on SQLite in a temporary data folder, in the PostgreSQL run in a database of
its own on the throw-away server. Timings are printed by the bench, never asserted.
"""

from __future__ import annotations

import os

from bench import load_test


def test_concurrent_clients_lose_no_write_and_see_no_error():
    backend = "postgres" if os.environ.get("DATABASE_URL", "").startswith("postgres") else "sqlite"

    result = load_test.run_backend(backend, clients=4, seconds=5)

    assert result.errors == []
    assert result.server_problems == []
    assert len(result.acknowledged) > 0
    assert result.lost == []
    assert result.doubled == []
    # Every client wrote: each round starts with a write, and every client starts one.
    writers = {marker.split("-")[1] for marker in result.acknowledged}
    assert writers == {f"c{n:02d}" for n in range(4)}  # owners c00, c02; staff c01, c03
