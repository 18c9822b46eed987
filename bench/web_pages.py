#!/usr/bin/env python3
"""How fast the web pages answer with a big portfolio, the way a user runs the product.

    .venv/bin/python bench/web_pages.py                  # 5,000 customers, 500,000 time entries
    .venv/bin/python bench/web_pages.py --customers 500 --time-entries 50000 --requests 100

Steps: build a synthetic portfolio (seeded, so every run measures the same data), write it
as a portfolio folder, load it with `kundenwert import` into a fresh SQLite database, start
`kundenwert serve` on 127.0.0.1, sign in, warm every worker up, then let 4 threads request
the pages in a bounded loop and print p50 and p95 per page. The database folder is kept
(and reused with --data-dir) because building it takes minutes.

Warm-up: the analysis is computed once per worker process and kept until the data changes
(kundenwert.customers.analysis_service); the figures are for that steady state, which is
what a user sees after the first page of the day. The cold first request is printed too.
"""

from __future__ import annotations

import argparse
import http.cookiejar
import math
import os
import random
import re
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
import urllib.request
from datetime import date, datetime, timedelta
from decimal import Decimal
from pathlib import Path

import polars as pl

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from kundenwert.portfolio import Portfolio  # noqa: E402
from kundenwert.portfolio.schema import TABLES_BY_NAME  # noqa: E402
from kundenwert.portfolio.writer import write_folder  # noqa: E402

KUNDENWERT = [sys.executable, "-m", "kundenwert"]
AS_OF = date.today()  # the server analyses as of today
HISTORY_DAYS = 730
USER, PASSWORD = "bench", "bench-password-4711"
WORDS = [
    "Bäckerei",
    "Kanzlei",
    "Autohaus",
    "Praxis",
    "Atelier",
    "Weingut",
    "Druckerei",
    "Tischlerei",
    "Agentur",
    "Hotel",
    "Apotheke",
    "Gärtnerei",
    "Studio",
    "Verlag",
    "Brauerei",
    "Metzgerei",
    "Optik",
    "Schreinerei",
    "Reisebüro",
    "Café",
]
TOWNS = [
    "Sommer",
    "Berger",
    "Brandt",
    "Krause",
    "Wolf",
    "Lange",
    "Vogel",
    "Roth",
    "Haas",
    "Fuchs",
    "Engel",
    "Busch",
    "Kühn",
]


# --- the portfolio ------------------------------------------------------------------------


def build_portfolio(customers: int, time_entries: int, seed: int = 5) -> Portfolio:
    """A portfolio with a realistic skew: a few customers get most of the time and money."""
    rng = random.Random(seed)
    ids = [f"B{n:05d}" for n in range(1, customers + 1)]
    # Pareto weights give the long tail of small customers that a real portfolio has.
    weights = [min(rng.paretovariate(1.2), 200.0) for _ in ids]
    frames = {
        "customers": _customers(rng, ids),
        "time_entries": _time_entries(rng, ids, weights, time_entries),
        "invoices": _invoices(rng, ids, weights),
        "interactions": _interactions(rng, ids, weights, customers * 20),
        "offers": _offers(rng, ids, customers * 2),
    }
    return Portfolio.from_frames(
        {name: pl.DataFrame(rows, schema=_schema(name)) for name, rows in frames.items()}
    )


def _schema(table: str) -> dict[str, pl.DataType]:
    return TABLES_BY_NAME[table].polars_schema


def _day(rng: random.Random) -> date:
    return AS_OF - timedelta(days=rng.randrange(HISTORY_DAYS))


def _moment(rng: random.Random) -> datetime:
    """A working-hours moment on a day of the history."""
    return datetime.combine(_day(rng), datetime.min.time()) + timedelta(
        minutes=rng.randrange(8 * 60, 18 * 60)
    )


def _customers(rng: random.Random, ids: list[str]) -> dict[str, list]:
    names = [f"{rng.choice(WORDS)} {rng.choice(TOWNS)} {n}" for n, _ in enumerate(ids, 1)]
    return {
        "id": ids,
        "name": names,
        "status": ["active"] * len(ids),
        "since": [None] * len(ids),
        "potential": [rng.choice((None, None, 2, 3, 4, 5)) for _ in ids],
        "useful": [rng.random() < 0.05 for _ in ids],
        "heart": [rng.random() < 0.03 for _ in ids],
        "group_override": [None] * len(ids),
        "override_reason": [None] * len(ids),
        "email": [None] * len(ids),
        "phone": [None] * len(ids),
        "notes": [None] * len(ids),
    }


def _time_entries(rng: random.Random, ids, weights, count: int) -> dict[str, list]:
    owners = rng.choices(ids, weights=weights, k=count)
    starts = [_moment(rng) for _ in owners]
    minutes = [Decimal(rng.choice((15, 30, 45, 60, 90, 120, 180))) for _ in owners]
    return {
        "customer_id": owners,
        "start": starts,
        "minutes": minutes,
        "billable": [True] * count,
        "user": ["anna"] * count,
        "project": [None] * count,
        "description": ["Arbeit"] * count,
    }


def _invoices(rng: random.Random, ids, weights) -> dict[str, list]:
    rows: dict[str, list] = {name: [] for name in _schema("invoices")}
    number = 0
    for customer, weight in zip(ids, weights, strict=True):
        for _ in range(min(24, 1 + int(weight * 2))):
            number += 1
            issued = _day(rng)
            due = issued + timedelta(days=14)
            late = rng.choice((0, 0, 0, 3, 20, 40))
            paid = due + timedelta(days=late - 5)
            rows["number"].append(f"RB-{number:07d}")
            rows["customer_id"].append(customer)
            rows["issue_date"].append(issued)
            rows["due_date"].append(due)
            amount = Decimal(rng.randrange(20_000, 500_000)) / 100 * Decimal(min(weight, 20.0))
            rows["net"].append(amount)
            rows["currency"].append("EUR")
            rows["paid_date"].append(paid if paid <= AS_OF else None)
    rows["net"] = [amount.quantize(Decimal("0.01")) for amount in rows["net"]]
    return rows


def _interactions(rng: random.Random, ids, weights, count: int) -> dict[str, list]:
    owners = rng.choices(ids, weights=weights, k=count)
    return {
        "customer_id": owners,
        "at": [_moment(rng) for _ in owners],
        "channel": [rng.choice(("phone", "email", "meeting")) for _ in owners],
        "direction": [rng.choice(("in", "out")) for _ in owners],
        "planned": [rng.random() < 0.7 for _ in owners],
        "minutes": [Decimal(rng.choice((5, 10, 20, 30))) for _ in owners],
        "tracked": [False] * count,
        "out_of_scope": [rng.random() < 0.05 for _ in owners],
        "price_negotiation": [rng.random() < 0.02 for _ in owners],
        "complaint": [rng.choice(("none",) * 98 + ("justified", "unjustified")) for _ in owners],
        "mood": [rng.choice((None, None, None, -1, 0, 1, 1, 2)) for _ in owners],
        "user": ["anna"] * count,
        "note": [None] * count,
    }


def _offers(rng: random.Random, ids, count: int) -> dict[str, list]:
    sent = [_day(rng) for _ in range(count)]
    return {
        "number": [f"AB-{n:07d}" for n in range(1, count + 1)],
        "customer_id": rng.choices(ids, k=count),
        "sent_date": sent,
        "valid_until": [day + timedelta(days=30) for day in sent],
        "amount": [Decimal(rng.randrange(500, 20_000)) for _ in sent],
        "status": [rng.choice(("open", "accepted", "declined")) for _ in sent],
        "decided_date": [None] * count,
    }


# --- the database and the server ------------------------------------------------------------


def prepare(data_dir: Path, customers: int, time_entries: int) -> dict[str, str]:
    """A database with the portfolio and a bench owner; reused when it is already there."""
    env = _environment(data_dir)
    marker = data_dir / f"ready-{customers}-{time_entries}"
    if marker.exists():
        print(f"Reusing the database in {data_dir}")
        return env
    data_dir.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    portfolio = build_portfolio(customers, time_entries)
    with tempfile.TemporaryDirectory() as folder:
        write_folder(portfolio, Path(folder))
        print(f"Portfolio written in {time.perf_counter() - started:.0f} s; importing …")
        _run([*KUNDENWERT, "import", folder], env)
    _run([*KUNDENWERT, "createowner", USER, "--password-stdin"], env, stdin=PASSWORD + "\n")
    print(f"Database ready in {time.perf_counter() - started:.0f} s")
    marker.touch()
    return env


def _environment(data_dir: Path) -> dict[str, str]:
    env = {
        **os.environ,
        "KUNDENWERT_DATA_DIR": str(data_dir),
        "DATABASE_URL": f"sqlite:///{data_dir / 'bench.sqlite3'}",
        "DJANGO_SETTINGS_MODULE": "kundenwert.web.settings",
    }
    env.pop("KUNDENWERT_TESTING", None)
    return env


def _run(command: list[str], env: dict[str, str], stdin: str | None = None) -> None:
    subprocess.run(command, env=env, input=stdin, text=True, check=True, stdout=subprocess.DEVNULL)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_server(env: dict[str, str], workers: int) -> tuple[subprocess.Popen, str]:
    port = free_port()
    command = [*KUNDENWERT, "serve", "--host", "127.0.0.1", "--port", str(port)]
    server = subprocess.Popen(
        [*command, "--workers", str(workers)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(f"{base}/healthz", timeout=2).close()
            return server, base
        except OSError:
            time.sleep(0.3)
    server.kill()
    sys.exit("The server did not start within two minutes.")


def customer_pks(data_dir: Path) -> list[int]:
    import sqlite3

    with sqlite3.connect(data_dir / "bench.sqlite3") as db:
        return [pk for (pk,) in db.execute("SELECT id FROM customers_customer")]


# --- the load ---------------------------------------------------------------------------------


class Session:
    """One signed-in browser: its own cookies, CSRF token and connection handling."""

    def __init__(self, base: str) -> None:
        self.base = base
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar())
        )
        page = self.opener.open(f"{base}/login/").read().decode()
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
        # Land on a light page: the login itself must not warm up the analysis.
        fields = {"username": USER, "password": PASSWORD, "csrfmiddlewaretoken": token}
        form = urllib.parse.urlencode({**fields, "next": "/tasks/"}).encode()
        request = urllib.request.Request(f"{base}/login/", data=form, headers={"Referer": base})
        self.opener.open(request).read()

    def get(self, path: str) -> float:
        """Seconds until the whole page arrived."""
        started = time.perf_counter()
        with self.opener.open(self.base + path, timeout=120) as response:
            response.read()
            # urllib follows redirects: a lost session would measure the login page.
            assert response.status == 200 and response.url == self.base + path, response.url
        return time.perf_counter() - started


def pages(pks: list[int], rng: random.Random) -> list[tuple[str, str]]:
    """One round of a user's clicks: the dashboard, a customer, the list, a search."""
    return [
        ("dashboard", "/dashboard/"),
        ("customer page", f"/customers/{rng.choice(pks)}/"),
        ("customer list", f"/customers/?sort=margin&page={rng.randint(1, 20)}"),
        ("type-ahead", f"/customers/search/?q={urllib.parse.quote(rng.choice(WORDS)[:4])}"),
    ]


def load(base: str, pks: list[int], threads: int, rounds: int) -> dict[str, list[float]]:
    timings: dict[str, list[float]] = {}
    lock = threading.Lock()

    def client(number: int) -> None:
        session, rng = Session(base), random.Random(number)
        for _ in range(rounds):
            for name, path in pages(pks, rng):
                seconds = session.get(path)
                with lock:
                    timings.setdefault(name, []).append(seconds)

    workers = [threading.Thread(target=client, args=(n,)) for n in range(threads)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    return timings


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, math.ceil(share * len(ordered)) - 1)]


def report(timings: dict[str, list[float]]) -> None:
    print(f"{'page':<15} {'requests':>8} {'p50 ms':>8} {'p95 ms':>8} {'max ms':>8}")
    for name, values in timings.items():
        p50, p95 = percentile(values, 0.5) * 1000, percentile(values, 0.95) * 1000
        print(f"{name:<15} {len(values):>8} {p50:>8.0f} {p95:>8.0f} {max(values) * 1000:>8.0f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--customers", type=int, default=5_000)
    parser.add_argument("--time-entries", type=int, default=500_000)
    parser.add_argument("--rounds", type=int, default=50, help="rounds per client (4 pages each)")
    parser.add_argument("--threads", type=int, default=4, help="concurrent clients")
    parser.add_argument("--workers", type=int, default=2, help="server processes")
    parser.add_argument("--data-dir", type=Path, default=None)
    args = parser.parse_args()
    data_dir = args.data_dir or Path(tempfile.gettempdir()) / (
        f"kundenwert-bench-{args.customers}-{args.time_entries}"
    )
    env = prepare(data_dir, args.customers, args.time_entries)
    server, base = start_server(env, args.workers)
    try:
        pks = customer_pks(data_dir)
        cold = Session(base).get("/dashboard/")
        print(f"First dashboard after start (analysis computed): {cold * 1000:.0f} ms")
        load(base, pks, args.threads, rounds=3)  # every worker computes its analysis once
        started = time.perf_counter()
        timings = load(base, pks, args.threads, args.rounds)
        print(f"{args.threads} clients, {time.perf_counter() - started:.1f} s")
        report(timings)
    finally:
        server.terminate()
        server.wait(timeout=30)


if __name__ == "__main__":
    main()
