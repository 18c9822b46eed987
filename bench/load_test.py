#!/usr/bin/env python3
"""Twenty people at once: logging contacts and reading pages, on SQLite and PostgreSQL (issue 9).

    .venv/bin/python bench/load_test.py                     # both backends, 20 clients, 60 s
    .venv/bin/python bench/load_test.py --backend sqlite --clients 4 --seconds 5
    .venv/bin/python bench/load_test.py --write             # and update docs/benchmarks.md

Per backend: a fresh database with the demo portfolio (`kundenwert demo`, 60 customers),
one account per client (every second one staff, the others owners), and `kundenwert serve`
(gunicorn with its defaults) on 127.0.0.1. Each client is a thread with its own cookies.
It signs in through the login form (CSRF cookie and token), waits until all are signed in,
then repeats until the time is up:

1. open the log form for a random customer (`/interactions/new/?customer=PK`);
2. save a contact through it, channel phone, e-mail or meeting at random and a note with
   a marker unique to the client and the attempt; when the server asks whether to use a
   channel the customer's group should not get, answer "save anyway" (`confirm_channel`),
   as a person without JavaScript does;
3. follow the redirect (owners: the customer page, staff: their tasks);
4. read one more page in turn (owners: dashboard, customer list, today; staff: today,
   the type-ahead).

So three reads per write. A write counts as acknowledged only when the server answered it
with its redirect. Anything else is an error: another status, a redirect to the login
page, a form that comes back with an error, a broken connection, no answer within 60 s,
and every error or traceback gunicorn or Django logged. Afterwards the server is stopped
and the notes are read back from the database: every acknowledged marker must be there
exactly once (a missing one is a lost write).

SQLite runs on a file in a temporary data folder (the settings turn on WAL). PostgreSQL
runs in a database of its own on the server DATABASE_URL names; without one, the script
runs itself under scripts/with_postgres.py, which starts a throw-away server.

Exit status 1 when any backend had an error, a lost or doubled write, or no write at all.
`--write` puts the section "## Concurrent clients" into docs/benchmarks.md.
"""

from __future__ import annotations

import argparse
import http.client
import http.cookiejar
import json
import math
import os
import random
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from datetime import datetime
from html import unescape
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import host  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
DOC = ROOT / "docs" / "benchmarks.md"
SECTION = "## Concurrent clients"
KUNDENWERT = [sys.executable, "-m", "kundenwert"]
WITH_POSTGRES = ROOT / "scripts" / "with_postgres.py"

PASSWORD = "Lasttest-Passwort-4711"
REQUEST_TIMEOUT = 60  # seconds; longer counts as an error
CHANNELS = ("phone", "email", "meeting")
TODAY = "/planning/today/"
# The page read after each write, in turn (the type-ahead searches a customer's name).
OWNER_PAGES = (("dashboard", "/dashboard/"), ("customer list", "/customers/"), ("today", TODAY))
STAFF_PAGES = (("today", TODAY), ("type-ahead", "/customers/search/?q="))
# What gunicorn or Django print when something went wrong on the server.
SERVER_PROBLEMS = re.compile(
    r"Traceback|\[ERROR\]|\[CRITICAL\]|WORKER TIMEOUT|database is locked|Internal Server Error"
)
KINDS = (  # the order of the table
    "sign in",
    "log form",
    "save contact",
    "save anyway",
    "customer page",
    "my tasks",
    "dashboard",
    "customer list",
    "today",
    "type-ahead",
)


# --- the result of one backend ---------------------------------------------------------------


@dataclass
class Result:
    backend: str
    clients: int
    seconds: int
    database: str = ""  # the server's name and version
    owners: int = 0
    staff: int = 0
    elapsed: float = 0.0  # from the start signal to the last client's last answer
    timings: dict[str, list[float]] = field(default_factory=dict)  # kind -> seconds
    acknowledged: list[str] = field(default_factory=list)  # markers of saved contacts
    attempted: int = 0  # writes sent (acknowledged or not)
    errors: list[str] = field(default_factory=list)
    lost: list[str] = field(default_factory=list)  # acknowledged, not in the database
    doubled: list[str] = field(default_factory=list)  # in the database more than once
    unacknowledged_saved: int = 0  # sent, no acknowledgement (error), but saved
    server_problems: list[str] = field(default_factory=list)  # lines of the server's log
    loads: tuple[str, str] = ("", "")

    @property
    def requests(self) -> int:
        """Requests in the timed window (sign-in is before it)."""
        return sum(len(v) for k, v in self.timings.items() if k != "sign in")

    @property
    def failed(self) -> bool:
        return bool(
            self.errors
            or self.lost
            or self.doubled
            or self.server_problems
            or not self.acknowledged
        )

    def to_json(self) -> str:
        return json.dumps(asdict(self))

    @classmethod
    def from_json(cls, text: str) -> Result:
        data = json.loads(text)
        data["loads"] = tuple(data["loads"])
        return cls(**data)


class Recorder:
    """Latencies and errors of all clients, behind one lock."""

    def __init__(self, result: Result) -> None:
        self.result = result
        self.lock = threading.Lock()

    def time(self, kind: str, seconds: float) -> None:
        with self.lock:
            self.result.timings.setdefault(kind, []).append(seconds)

    def error(self, message: str) -> None:
        with self.lock:
            self.result.errors.append(message)

    def attempt(self) -> None:
        with self.lock:
            self.result.attempted += 1

    def acknowledge(self, marker: str) -> None:
        with self.lock:
            self.result.acknowledged.append(marker)


# --- the database and the server -------------------------------------------------------------


def environment(data_dir: Path, database_url: str | None) -> dict[str, str]:
    """The environment of a user's `kundenwert` commands: production settings, no test mode."""
    env = {**os.environ, "KUNDENWERT_DATA_DIR": str(data_dir)}
    env["DJANGO_SETTINGS_MODULE"] = "kundenwert.web.settings"
    for name in ("KUNDENWERT_TESTING", "DATABASE_URL", "KUNDENWERT_ACCESS_LOG"):
        env.pop(name, None)
    if database_url:
        env["DATABASE_URL"] = database_url
    return env


@contextmanager
def database(backend: str, data_dir: Path) -> Iterator[str | None]:
    """The DATABASE_URL of a fresh, empty database (None: SQLite in the data folder)."""
    if backend == "sqlite":
        yield None
        return
    server = os.environ.get("DATABASE_URL", "")
    if not server.startswith("postgres"):
        raise SystemExit("PostgreSQL needs DATABASE_URL (or run without it: see --help).")
    import psycopg

    name = f"kw_load_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(server, autocommit=True) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    try:
        yield server.rsplit("/", 1)[0] + f"/{name}"
    finally:
        with psycopg.connect(server, autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


# Run in a child process with the backend's environment: Django there, not in this process.
DJANGO = """
import json, sys
from kundenwert.commands.base import setup_django
setup_django()
"""
PREPARE = (
    DJANGO
    + """
from kundenwert.accounts.services import do_create_user
from kundenwert.customers.models import Customer
spec = json.loads(sys.argv[1])
for username, role in spec["accounts"]:
    do_create_user(username, spec["password"], role=role)
print(json.dumps([[c.pk, c.name] for c in Customer.objects.order_by("pk")]))
"""
)
VERIFY = (
    DJANGO
    + """
from django.db import connection
from django.db.models import Count
from kundenwert.activity.models import Interaction
rows = (
    Interaction.objects.filter(note__startswith=sys.argv[1])
    .values("note").annotate(n=Count("id")).values_list("note", "n")
)
with connection.cursor() as cursor:
    if connection.vendor == "sqlite":
        cursor.execute("SELECT 'SQLite ' || sqlite_version()")
    else:
        cursor.execute("SHOW server_version")
    version = cursor.fetchone()[0]
    if connection.vendor == "postgresql":
        version = "PostgreSQL " + version.split()[0]
print(json.dumps({"notes": dict(rows), "database": version}))
"""
)


def django_child(env: dict[str, str], script: str, *args: str) -> object:
    result = subprocess.run(
        [sys.executable, "-c", script, *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    if result.returncode:
        raise SystemExit(f"A child process failed:\n{result.stderr[-3000:]}")
    return json.loads(result.stdout.strip().splitlines()[-1])


def accounts(clients: int) -> list[tuple[str, str]]:
    """One account per client: every second one staff, the others owners."""
    return [(f"last{n:02d}", "staff" if n % 2 else "owner") for n in range(clients)]


def prepare(env: dict[str, str], clients: int) -> list[tuple[int, str]]:
    """The demo portfolio and the accounts; the customers' primary keys and names."""
    demo = subprocess.run(
        [*KUNDENWERT, "demo"], env=env, capture_output=True, text=True, timeout=300
    )
    if demo.returncode:
        raise SystemExit(f"kundenwert demo failed:\n{demo.stdout}{demo.stderr}")
    spec = json.dumps({"accounts": accounts(clients), "password": PASSWORD})
    return [tuple(row) for row in django_child(env, PREPARE, spec)]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextmanager
def server(env: dict[str, str], log: Path) -> Iterator[str]:
    """`kundenwert serve` with its defaults on a free port; its output goes to `log`."""
    port = free_port()
    with log.open("w") as output:
        process = subprocess.Popen(
            [*KUNDENWERT, "serve", "--host", "127.0.0.1", "--port", str(port)],
            env=env,
            stdout=output,
            stderr=subprocess.STDOUT,
        )
        base = f"http://127.0.0.1:{port}"
        try:
            wait_until_up(base, process, log)
            yield base
        finally:
            process.terminate()
            try:
                process.wait(timeout=60)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


def wait_until_up(base: str, process: subprocess.Popen, log: Path, seconds: float = 120) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SystemExit(f"The server stopped:\n{log.read_text()[-3000:]}")
        try:
            with urllib.request.urlopen(f"{base}/healthz", timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.2)
    raise SystemExit("The server did not answer within two minutes.")


def server_problems(log: Path) -> list[str]:
    return [
        line
        for line in log.read_text(errors="replace").splitlines()
        if SERVER_PROBLEMS.search(line)
    ]


# --- one client ------------------------------------------------------------------------------


class NoRedirects(urllib.request.HTTPRedirectHandler):
    """A redirect is an answer to look at (the acknowledgement of a write), not to follow."""

    def redirect_request(self, *args, **kwargs):
        return None


@dataclass
class Answer:
    status: int
    location: str
    body: str


class RequestFailed(Exception):
    """A request that counts as an error; the message says why."""


CSRF_FIELD = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
QUERY_FIELD = re.compile(r'name="customer_query"[^>]*?value="([^"]*)"', re.S)
FORM_ERROR = re.compile(r'class="error"[^>]*>(.*?)</', re.S)
CONFIRM = 'name="confirm_channel" value="1"'


class Client:
    """One person in a browser without JavaScript: own cookies, forms sent as typed in."""

    def __init__(
        self, number: int, account: tuple[str, str], base: str, recorder: Recorder, customers, run
    ) -> None:
        self.number, self.base, self.recorder = number, base, recorder
        self.username, self.role = account
        self.customers = customers
        self.rng = random.Random(number)
        self.marker_prefix = f"{run}-c{number:02d}-"
        self.writes = 0
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()), NoRedirects()
        )

    # -- HTTP --

    def request(self, kind: str, path: str, form: dict | None = None) -> Answer:
        """One request, timed under `kind`; RequestFailed when it got no answer."""
        headers = {"Accept-Language": "de"}
        data = None
        if form is not None:
            data = urllib.parse.urlencode(form).encode()
            headers["Origin"] = self.base  # as browsers send it with every POST
        request = urllib.request.Request(self.base + path, data=data, headers=headers)
        started = time.perf_counter()
        try:
            try:
                with self.opener.open(request, timeout=REQUEST_TIMEOUT) as response:
                    answer = Answer(response.status, "", response.read().decode())
            except urllib.error.HTTPError as error:  # 3xx (not followed), 4xx, 5xx
                with error:
                    body = error.read().decode(errors="replace")
                answer = Answer(error.code, error.headers.get("Location", ""), body)
        except (OSError, http.client.HTTPException) as error:
            self.recorder.time(kind, time.perf_counter() - started)
            raise RequestFailed(f"{kind} {path}: {type(error).__name__}: {error}") from None
        self.recorder.time(kind, time.perf_counter() - started)
        if answer.status >= 400:
            raise RequestFailed(f"{kind} {path}: HTTP {answer.status}")
        if answer.status in (301, 302, 303) and urllib.parse.urlsplit(
            answer.location
        ).path.startswith("/login/"):
            raise RequestFailed(f"{kind} {path}: sent to the login page")
        return answer

    def page(self, kind: str, path: str) -> Answer:
        answer = self.request(kind, path)
        if answer.status != 200:
            raise RequestFailed(f"{kind} {path}: HTTP {answer.status} instead of the page")
        return answer

    # -- what the person does --

    def sign_in(self) -> None:
        token = csrf_token(self.page("sign in", "/login/"), "/login/")
        form = {"username": self.username, "password": PASSWORD, "csrfmiddlewaretoken": token}
        answer = self.request("sign in", "/login/", form)
        if answer.status != 302:
            raise RequestFailed(f"sign in as {self.username}: HTTP {answer.status}, no redirect")

    def round(self, turn: int) -> None:
        """Log one contact, look at where the form leads, read one more page."""
        pk, _ = self.rng.choice(self.customers)
        follow = self.log_contact(pk)
        path = urllib.parse.urlsplit(follow)
        self.page("customer page" if self.role == "owner" else "my tasks", path.path)
        pages = OWNER_PAGES if self.role == "owner" else STAFF_PAGES
        kind, path = pages[turn % len(pages)]
        if kind == "type-ahead":
            _, name = self.rng.choice(self.customers)
            path += urllib.parse.quote(name.split()[0][:4])
        self.page(kind, path)

    def log_contact(self, pk: int) -> str:
        """Saves a contact through the form; where the acknowledging redirect leads."""
        form_path = f"/interactions/new/?customer={pk}"
        page = self.page("log form", form_path)
        query = QUERY_FIELD.search(page.body)
        if query is None:
            raise RequestFailed(f"log form {form_path}: the customer is not filled in")
        self.writes += 1
        marker = f"{self.marker_prefix}{self.writes:05d}"
        form = {
            "csrfmiddlewaretoken": csrf_token(page, form_path),
            "next": "",
            "customer": str(pk),
            "customer_query": unescape(query.group(1)),
            "channel": self.rng.choice(CHANNELS),
            "direction": self.rng.choice(("in", "out")),
            "planned": "on",
            "minutes": str(self.rng.choice((5, 10, 15, 30))),
            "at": "",
            "complaint": "none",
            "mood": self.rng.choice(("", "-1", "0", "1", "2")),
            "note": f"Lasttest {marker}",
            "occupies": "",
        }
        self.recorder.attempt()
        answer = self.request("save contact", "/interactions/new/", form)
        if answer.status == 200 and CONFIRM in answer.body:
            # The group should not get this channel: the person saves it anyway.
            form = {**form, "csrfmiddlewaretoken": csrf_token(answer, "the warning")}
            answer = self.request(
                "save anyway", "/interactions/new/", {**form, "confirm_channel": "1"}
            )
        if answer.status != 302:
            problem = FORM_ERROR.search(answer.body)
            reason = unescape(problem.group(1)).strip() if problem else f"HTTP {answer.status}"
            raise RequestFailed(f"save contact {marker}: not saved ({reason})")
        self.recorder.acknowledge(marker)
        return answer.location


def csrf_token(answer: Answer, where: str) -> str:
    found = CSRF_FIELD.search(answer.body)
    if found is None:
        raise RequestFailed(f"{where}: no CSRF token on the page")
    return found.group(1)


def run_clients(base: str, customers, result: Result, run: str) -> None:
    """All clients sign in, start together, and stop when `result.seconds` are over."""
    recorder = Recorder(result)
    clients = [
        Client(n, account, base, recorder, customers, run)
        for n, account in enumerate(accounts(result.clients))
    ]
    clock: dict[str, float] = {}

    def start_the_clock() -> None:  # run once, when every client is signed in (or failed)
        clock["began"] = time.monotonic()
        clock["deadline"] = clock["began"] + result.seconds

    start = threading.Barrier(len(clients), action=start_the_clock)

    def work(client: Client) -> None:
        try:
            client.sign_in()
        except Exception as error:  # RequestFailed, or a bug: the others must not wait
            recorder.error(str(error))
            start.wait()
            return
        start.wait()
        turn = 0
        while time.monotonic() < clock["deadline"]:
            try:
                client.round(turn)
            except RequestFailed as error:
                recorder.error(str(error))
            except Exception as error:  # a bug here must not look like a quiet client
                recorder.error(f"client {client.number}: {type(error).__name__}: {error}")
            turn += 1

    threads = [threading.Thread(target=work, args=(c,), daemon=True) for c in clients]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    result.elapsed = time.monotonic() - clock["began"]


# --- one backend -----------------------------------------------------------------------------


def load_average() -> str:
    one, five, fifteen = os.getloadavg()
    return f"{one:.2f}, {five:.2f}, {fifteen:.2f}"


def run_backend(backend: str, clients: int, seconds: int) -> Result:
    """The whole test on one backend, from an empty database to the verification."""
    result = Result(backend, clients, seconds)
    roles = Counter(role for _, role in accounts(clients))
    result.owners, result.staff = roles["owner"], roles["staff"]
    before = load_average()
    run = f"LT{uuid.uuid4().hex[:8]}"
    data_dir = Path(tempfile.mkdtemp(prefix=f"kundenwert-load-{backend}-"))
    try:
        with database(backend, data_dir) as url:
            env = environment(data_dir, url)
            customers = prepare(env, clients)
            log = data_dir / "server.log"
            with server(env, log) as base:
                run_clients(base, customers, result, run)
            result.server_problems = server_problems(log)
            found = django_child(env, VERIFY, f"Lasttest {run}-")
            verify(
                result, {note.removeprefix("Lasttest "): n for note, n in found["notes"].items()}
            )
            result.database = found["database"]
    finally:
        shutil.rmtree(data_dir, ignore_errors=True)
    result.loads = (before, load_average())
    return result


def verify(result: Result, in_database: dict[str, int]) -> None:
    """Every acknowledged marker exactly once in the database."""
    acknowledged = set(result.acknowledged)
    result.lost = sorted(m for m in acknowledged if in_database.get(m, 0) == 0)
    result.doubled = sorted(m for m, n in in_database.items() if n > 1)
    result.unacknowledged_saved = sum(1 for m in in_database if m not in acknowledged)


def run_postgres_child(clients: int, seconds: int) -> Result:
    """This script with --backend postgres under scripts/with_postgres.py (a throw-away server)."""
    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder) / "postgres.json"
        command = [
            sys.executable,
            str(WITH_POSTGRES),
            sys.executable,
            str(Path(__file__).resolve()),
            "--backend",
            "postgres",
            "--clients",
            str(clients),
            "--seconds",
            str(seconds),
            "--json-out",
            str(out),
        ]
        subprocess.run(command, check=False)
        if not out.exists():
            raise SystemExit("The PostgreSQL run ended without a result.")
        return Result.from_json(out.read_text())


# --- the report ------------------------------------------------------------------------------


LABELS = {"sqlite": "SQLite", "postgres": "PostgreSQL"}


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, math.ceil(share * len(ordered)) - 1))]


def milliseconds(values: list[float], share: float | None) -> str:
    if not values:
        return "–"
    value = max(values) if share is None else percentile(values, share)
    return f"{value * 1000:,.0f}"


def summary(result: Result) -> str:
    """A few lines for the terminal."""
    lines = [
        f"{LABELS[result.backend]} ({result.database}): {result.clients} clients "
        f"({result.owners} owners, {result.staff} staff), {result.elapsed:.1f} s; "
        f"load average before {result.loads[0]}, after {result.loads[1]}",
        f"{'request':<15} {'count':>6} {'p50 ms':>7} {'p95 ms':>7} {'max ms':>7}",
    ]
    for kind in kinds(result):
        values = result.timings[kind]
        lines.append(
            f"{kind:<15} {len(values):>6} {milliseconds(values, 0.5):>7} "
            f"{milliseconds(values, 0.95):>7} {milliseconds(values, None):>7}"
        )
    lines.append(
        f"requests {result.requests} ({result.requests / max(result.elapsed, 1e-9):.1f}/s), "
        f"writes acknowledged {len(result.acknowledged)} of {result.attempted}, "
        f"errors {len(result.errors)}, lost writes {len(result.lost)}, doubled "
        f"{len(result.doubled)}, saved without acknowledgement {result.unacknowledged_saved}, "
        f"server log problems {len(result.server_problems)}"
    )
    for problem in (result.errors + result.server_problems)[:10]:
        lines.append(f"  {problem}")
    if result.lost:
        lines.append(f"  lost: {', '.join(result.lost[:10])}")
    return "\n".join(lines)


def kinds(*results: Result) -> list[str]:
    present = {kind for result in results for kind in result.timings}
    return [k for k in KINDS if k in present] + sorted(present - set(KINDS))


def report(results: list[Result]) -> str:
    first = results[0]
    loads = "; ".join(
        f"{LABELS[r.backend]} before {r.loads[0]}, after {r.loads[1]}" for r in results
    )
    setting = (
        f"Measured {datetime.now():%Y-%m-%d %H:%M} with `bench/load_test.py` on {host.describe()}; "
        f"load average {loads} (other jobs were running). Per backend a fresh database with "
        f"the demo portfolio (60 customers) and `kundenwert serve` with its defaults "
        f"(gunicorn, 2 processes × 4 threads) on 127.0.0.1. {first.clients} clients, each a "
        f"thread with an account of its own ({first.owners} owners, {first.staff} staff), sign "
        "in through the login form, then for "
        f"{first.seconds} s repeat: open the log form for a random customer, save a contact "
        "(phone, e-mail or meeting at random; when the server asks about a channel the "
        "customer's group should not get, “save anyway”), follow the redirect (owners: the "
        "customer page, staff: their tasks), read one more page (owners in turn dashboard, "
        "customer list, today; staff today and the type-ahead). Three reads per write, no "
        "pause between requests; a new connection per request. Milliseconds from sending "
        "to the last byte of the answer."
    )
    lines = [SECTION, "", setting, ""]
    lines += [
        "| backend | requests | per second | writes sent | writes acknowledged | errors "
        "| lost writes | doubled writes |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for r in results:
        errors = len(r.errors) + len(r.server_problems)
        lines.append(
            f"| {r.database} | {r.requests:,} | {r.requests / max(r.elapsed, 1e-9):.1f} "
            f"| {r.attempted:,} | {len(r.acknowledged):,} | {errors} | {len(r.lost)} "
            f"| {len(r.doubled)} |"
        )
    lines += ["", _latency_table(results), "", *_notes(results)]
    return "\n".join(lines) + "\n"


def _latency_table(results: list[Result]) -> str:
    header = "| request |"
    rule = "| --- |"
    for r in results:
        name = LABELS[r.backend]
        header += f" {name} count | {name} p50 | {name} p95 | {name} max |"
        rule += " ---: | ---: | ---: | ---: |"
    rows = [header, rule]
    for kind in kinds(*results):
        row = f"| {kind} |"
        for r in results:
            values = r.timings.get(kind, [])
            row += (
                f" {len(values):,} | {milliseconds(values, 0.5)} "
                f"| {milliseconds(values, 0.95)} | {milliseconds(values, None)} |"
            )
        rows.append(row)
    return "\n".join(rows)


def _notes(results: list[Result]) -> list[str]:
    notes = [
        "A write counts as acknowledged when the server answered the form with its redirect. "
        "Errors are any other answer (status, a form coming back with an error, a redirect to "
        "the login page), a broken connection or no answer within 60 s, and every error or "
        "traceback in the server's log. Afterwards the script reads the notes back: every "
        "acknowledged write's marker must be in the database exactly once; a missing one is "
        "a lost write. “sign in” (login page and form, all clients at once) is before the "
        "timed window and not in the request count (twenty Argon2 password checks at once "
        "make it slow); “save anyway” is the second post after the channel question.",
        "",
        "The client threads run on the same machine as the server and take part of its two "
        "cores, as do the other jobs; the load averages include both. The latencies are "
        "those of a loaded two-core machine, not of a server with a machine to itself.",
        "",
        "Every write changes the data version, so the next dashboard, customer list or "
        "customer page in each server process computes the analysis again (kept per process "
        "otherwise, `kundenwert/customers/analysis_service.py`): with writes this frequent, "
        "nearly every owner page pays for it, which the owners' pages' latencies show.",
        "",
        "SQLite: the settings' WAL journal, `synchronous=NORMAL`, `BEGIN IMMEDIATE` "
        "transactions and a 20 s busy timeout (`kundenwert/web/settings.py`). PostgreSQL: "
        "the throw-away server of `scripts/with_postgres.py` (runs with `fsync=off`, so its "
        "commits cost less than on a real server), a new connection per request "
        "(`KUNDENWERT_CONN_MAX_AGE` 0).",
    ]
    for r in results:
        if r.unacknowledged_saved:
            notes += [
                "",
                f"{LABELS[r.backend]}: {r.unacknowledged_saved} write(s) without an "
                "acknowledgement (the request failed) are in the database all the same.",
            ]
    failed = [r for r in results if r.failed]
    for r in failed:
        examples = "; ".join((r.errors + r.server_problems + r.lost)[:5])
        notes += ["", f"**{LABELS[r.backend]} failed**: {examples or 'no write acknowledged'}"]
    return notes


def write_section(section: str, doc: Path = DOC) -> None:
    """Replace this section of `doc` (up to the next "## "), or append it at the end."""
    text = doc.read_text()
    lines = text.splitlines(keepends=True)
    begin = next((i for i, line in enumerate(lines) if line.rstrip() == SECTION), None)
    if begin is None:
        text = text.rstrip("\n") + "\n\n" + section
    else:
        end = next(
            (i for i in range(begin + 1, len(lines)) if lines[i].startswith("## ")), len(lines)
        )
        rest = "".join(lines[end:])
        text = "".join(lines[:begin]) + section + ("\n" + rest if rest else "")
    doc.write_text(text)


# --- main ------------------------------------------------------------------------------------


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--backend", choices=("sqlite", "postgres", "both"), default="both")
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--seconds", type=int, default=60)
    parser.add_argument("--write", action="store_true", help=f"update {DOC.relative_to(ROOT)}")
    parser.add_argument("--json-out", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.clients < 1 or args.seconds < 1:
        parser.error("--clients and --seconds must be at least 1")

    results = []
    for backend in ("sqlite", "postgres"):
        if args.backend not in (backend, "both"):
            continue
        if args.json_out:  # the PostgreSQL child of a run with both: the parent reports
            result = run_backend(backend, args.clients, args.seconds)
            args.json_out.write_text(result.to_json())
            return 1 if result.failed else 0
        print(f"{LABELS[backend]}: {args.clients} clients for {args.seconds} s …", file=sys.stderr)
        if backend == "postgres" and not os.environ.get("DATABASE_URL", "").startswith("postgres"):
            result = run_postgres_child(args.clients, args.seconds)
        else:
            result = run_backend(backend, args.clients, args.seconds)
        print(summary(result), file=sys.stderr)
        results.append(result)
    section = report(results)
    print(section)
    if args.write:
        write_section(section)
    return 1 if any(r.failed for r in results) else 0


if __name__ == "__main__":
    sys.exit(main())
