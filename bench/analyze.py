"""Time `kundenwert analyze` against DuckDB on the benchmark portfolio (issue 3).

    .venv/bin/python bench/analyze.py [--data DIR] [--repeat 3] [--write]

In one run, on the same CSV files (bench/generate_portfolio.py makes them when missing):

* DuckDB: one SQL query computes the per-customer sums the analysis needs (revenue, effort
  minutes, late invoices and their days, price negotiations, unjustified complaints,
  out-of-scope requests, unplanned inbound calls and their minutes, mood, offers sent and
  accepted) straight from the CSV files, with every column typed. It runs in this process
  on a fresh connection each time, with DuckDB's default threads (all cores): the
  reference for what the hardware can do.
* `kundenwert analyze --data DIR --format json > /dev/null`, as a child process: once
  with `--no-cache` (the first read of a folder: parse and check every file) and once with
  its cache of checked frames primed (the files unchanged since an earlier run; the cache
  folder is a temporary one, primed by the result check below).
* `kundenwert analyze --format json > /dev/null` on the same folder imported into a fresh
  SQLite database (a temporary KUNDENWERT_DATA_DIR). The import is timed once; it is not
  part of the targets.

* Where the first read's time goes: the same steps as `analyze --data DIR --no-cache`
  (imports, reading and checking the folder, analysing, JSON), timed one by one inside a
  child process, `--repeat` times, plus the start of a bare Python.

The runs are interleaved (DuckDB, folder, SQLite, then again) `--repeat` times, so that
load from other processes on the machine spreads over all three. Wall-clock time of a
child includes starting Python and importing kundenwert (from bytecode written before
timing, as an installed package has it); its peak memory is the child's maximum resident
set size from wait4(). Before timing, the results are checked: the
analysis's per-customer figures must equal DuckDB's, and the SQLite path's JSON must equal
the folder path's.

Prints a Markdown section; `--write` puts it into docs/benchmarks.md in place of the
"## Analysis" section (other sections are kept).
"""

from __future__ import annotations

import argparse
import compileall
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import Decimal
from pathlib import Path

import duckdb

sys.path.insert(0, str(Path(__file__).resolve().parent))
import generate_portfolio  # noqa: E402
import host  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
DOC = ROOT / "docs" / "benchmarks.md"
SECTION = "## Analysis"
KUNDENWERT = str(Path(sys.executable).parent / "kundenwert")

TARGETS = {
    "folder_cold": 1.5,
    "folder": 1.5,
    "sqlite": 3.0,
}  # at most this many times DuckDB's time
MEMORY_LIMIT = 2 * 1024**3  # bytes

# The analysis's defaults (method.md), which the benchmark folder does not change.
PAYMENT_TERMS_DAYS = 14
LATE_AFTER_DAYS = 14
PERIOD_DAYS = 365

INTRO = """# Benchmarks

How fast kundenwert is on a large, generated portfolio, and how the figures were measured.
Each section comes from a script in `bench/` that prints it (and writes it with `--write`).
Timings are wall-clock seconds on the machine named in the section, with other work
running on it at the same time (its load is given), so they vary from run to run: each
figure is the median and the minimum of interleaved repetitions. No test asserts on time.
"""


# --- measuring ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Run:
    seconds: float
    peak_bytes: int | None = None


def run_child(command: list[str], env: dict[str, str], stdout=subprocess.DEVNULL) -> Run:
    """Run `command` to its end; its wall-clock time and maximum resident set size.

    wait4() gives the rusage of exactly this child, whereas getrusage(RUSAGE_CHILDREN)
    would give the largest of all children so far.
    """
    with tempfile.TemporaryFile() as stderr:
        began = time.perf_counter()
        child = subprocess.Popen(command, env=env, stdout=stdout, stderr=stderr)
        _, status, usage = os.wait4(child.pid, 0)
        seconds = time.perf_counter() - began
        child.returncode = os.waitstatus_to_exitcode(status)
        if child.returncode:
            stderr.seek(0)
            message = stderr.read().decode(errors="replace")[-2000:]
            raise SystemExit(f"{' '.join(command)} failed ({child.returncode}):\n{message}")
    return Run(seconds, usage.ru_maxrss * 1024)  # Linux reports kilobytes


def run_duckdb(folder: Path, as_of: date) -> tuple[Run, list[tuple]]:
    began = time.perf_counter()
    with duckdb.connect() as connection:
        rows = connection.execute(duckdb_query(folder, as_of)).fetchall()
    return Run(time.perf_counter() - began), rows


# The steps of `kundenwert analyze --data DIR --format json --no-cache` (commands/analyze.py),
# timed one by one: wall-clock and CPU seconds (all threads) after each. It ends as the
# command does (kundenwert.cli.run), so that the parent can time the exit too.
PHASES_SCRIPT = """
import gc, json, resource, sys, time
from datetime import date
from pathlib import Path

def now():
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return time.perf_counter(), usage.ru_utime + usage.ru_stime

marks = [now()]
import kundenwert.cli  # what the command imports before it runs a subcommand
from kundenwert.analysis import Period, analyze
from kundenwert.analysis.machine import write_json
from kundenwert.analysis.settings import AnalysisSettings
from kundenwert.portfolio.reader import read_folder
marks.append(now())
portfolio = read_folder(Path(sys.argv[1]), free_text=False)
marks.append(now())
settings, as_of = AnalysisSettings(), date.fromisoformat(sys.argv[2])
result = analyze(portfolio, settings, as_of, Period.ending(as_of, settings.period_days))
marks.append(now())
with open("/dev/null", "wb") as out:
    write_json(result, out)
marks.append(now())
steps = [(b[0] - a[0], b[1] - a[1]) for a, b in zip(marks, marks[1:])]
json.dump(dict(zip(["imports", "read", "analyse", "json"], steps)), sys.stdout)
sys.stdout.flush()
del portfolio, result
gc.freeze()
"""
# For comparison: polars' CSV parser alone on the same files, every column as text.
PARSE_SCRIPT = """
import json, resource, sys, time
from pathlib import Path
import polars as pl
began, usage = time.perf_counter(), resource.getrusage(resource.RUSAGE_SELF)
for file in sorted(Path(sys.argv[1]).glob("*.csv")):
    pl.read_csv(file, infer_schema=False)
after = resource.getrusage(resource.RUSAGE_SELF)
cpu = after.ru_utime + after.ru_stime - usage.ru_utime - usage.ru_stime
json.dump([time.perf_counter() - began, cpu], sys.stdout)
"""
PHASES = {
    "start": "Python start (a bare `python -c pass`)",
    "imports": "imports (`kundenwert.cli`, the analysis, the reader; polars among them)",
    "read": "reading and checking the folder (`read_folder`)",
    "analyse": "the analysis (`analyze`)",
    "json": "the JSON (`write_json` to /dev/null)",
    "exit": "the exit (Python's teardown, the system freeing the memory)",
    "parse": "for comparison, not a step: polars' CSV parser alone on the same files "
    "(every column as text, nothing checked)",
}
# The first read's steps but reading
FIXED_STEPS = ("start", "imports", "analyse", "json", "exit")


def run_phases(folder: Path, as_of: date) -> dict[str, tuple[float, float]]:
    """Wall-clock and CPU seconds of each step of a first read, in a fresh child; the
    start and the exit are timed from outside, as wall-clock time only."""
    began = time.perf_counter()
    subprocess.run([sys.executable, "-c", "pass"], check=True)
    start = time.perf_counter() - began
    command = [sys.executable, "-c", PHASES_SCRIPT, str(folder), str(as_of)]
    began = time.perf_counter()
    output = subprocess.run(command, check=True, capture_output=True, env=environment()).stdout
    whole = time.perf_counter() - began
    steps = {name: tuple(step) for name, step in json.loads(output).items()}
    exit_ = whole - start - sum(wall for wall, _ in steps.values())
    command = [sys.executable, "-c", PARSE_SCRIPT, str(folder)]
    parse = json.loads(subprocess.run(command, check=True, capture_output=True).stdout)
    return {"start": (start, start), **steps, "exit": (exit_, exit_), "parse": tuple(parse)}


def load_average() -> str:
    one, five, fifteen = os.getloadavg()
    return f"{one:.2f}, {five:.2f}, {fifteen:.2f}"


# --- the DuckDB reference ----------------------------------------------------------------------


def duckdb_types() -> dict[str, dict[str, str]]:
    """Every column of the folder format with its DuckDB type, per file."""
    from kundenwert.portfolio.schema import TABLES

    kinds = {
        "string": "VARCHAR",
        "enum": "VARCHAR",
        "date": "DATE",
        "datetime": "TIMESTAMP",
        "money": "DECIMAL(18,2)",
        "minutes": "DECIMAL(12,2)",
        "int": "INTEGER",
        "bool": "BOOLEAN",
    }
    return {t.name: {c.name: kinds[c.kind] for c in t.columns} for t in TABLES}


def duckdb_query(folder: Path, as_of: date) -> str:
    """The per-customer sums over the period, as method.md defines them, in SQL."""
    start = as_of - timedelta(days=PERIOD_DAYS - 1)
    after = as_of + timedelta(days=1)  # datetimes before its midnight are in the period
    types = duckdb_types()

    def read(table: str) -> str:
        return f"read_csv('{folder / table}.csv', header = true, types = {types[table]})"

    call = "channel = 'phone' AND coalesce(direction, 'out') = 'in' AND NOT coalesce(planned, true)"
    return f"""
    WITH invoices AS (
        SELECT customer_id, net, paid_date,
               coalesce(due_date, issue_date + {PAYMENT_TERMS_DAYS}) AS due
        FROM {read("invoices")}
        WHERE issue_date BETWEEN DATE '{start}' AND DATE '{as_of}'
    ), invoice_late AS (
        SELECT customer_id, net,
               CASE WHEN net < 0 THEN NULL
                    WHEN paid_date IS NOT NULL THEN paid_date - due
                    WHEN due < DATE '{as_of}' THEN DATE '{as_of}' - due
               END AS days_late
        FROM invoices
    ), invoice_sums AS (
        SELECT customer_id, sum(net) AS revenue,
               count(*) FILTER (WHERE days_late > {LATE_AFTER_DAYS}) AS late_invoices,
               -- greatest() would make a null 0: an invoice without days_late is not due
               avg(greatest(days_late, 0)) FILTER (WHERE days_late IS NOT NULL) AS avg_days_late
        FROM invoice_late GROUP BY customer_id
    ), time_sums AS (
        SELECT customer_id, sum(minutes) AS time_minutes
        FROM {read("time_entries")}
        WHERE "start" >= TIMESTAMP '{start}' AND "start" < TIMESTAMP '{after}'
        GROUP BY customer_id
    ), interaction_sums AS (
        SELECT customer_id,
               sum(coalesce(minutes, 0)) FILTER (WHERE NOT coalesce(tracked, false))
                   AS untracked_minutes,
               count(*) FILTER (WHERE price_negotiation) AS price_negotiations,
               count(*) FILTER (WHERE complaint = 'unjustified') AS unjustified_complaints,
               count(*) FILTER (WHERE out_of_scope) AS out_of_scope_requests,
               count(*) FILTER (WHERE {call}) AS unplanned_calls,
               sum(coalesce(minutes, 0)) FILTER (WHERE {call}) AS unplanned_call_minutes,
               avg(mood) AS mood_avg, count(mood) AS mood_count
        FROM {read("interactions")}
        WHERE "at" >= TIMESTAMP '{start}' AND "at" < TIMESTAMP '{after}'
        GROUP BY customer_id
    ), offer_sums AS (
        SELECT customer_id, count(*) AS offers_sent,
               count(*) FILTER (WHERE status = 'accepted') AS offers_accepted
        FROM {read("offers")}
        WHERE sent_date BETWEEN DATE '{start}' AND DATE '{as_of}'
        GROUP BY customer_id
    )
    SELECT c.id,
           coalesce(revenue, 0) AS revenue,
           (coalesce(time_minutes, 0) + coalesce(untracked_minutes, 0)) / 60 AS effort_hours,
           coalesce(late_invoices, 0) AS late_invoices, avg_days_late,
           coalesce(price_negotiations, 0), coalesce(unjustified_complaints, 0),
           coalesce(out_of_scope_requests, 0), coalesce(unplanned_calls, 0),
           coalesce(unplanned_call_minutes, 0), mood_avg, coalesce(mood_count, 0),
           coalesce(offers_sent, 0), coalesce(offers_accepted, 0)
    FROM {read("customers")} c
    LEFT JOIN invoice_sums i ON i.customer_id = c.id
    LEFT JOIN time_sums t ON t.customer_id = c.id
    LEFT JOIN interaction_sums x ON x.customer_id = c.id
    LEFT JOIN offer_sums o ON o.customer_id = c.id
    ORDER BY c.id
    """


DUCKDB_COLUMNS = (
    "revenue",
    "effort_hours",
    "late_invoices",
    "avg_days_late",
    "price_negotiations",
    "unjustified_complaints",
    "out_of_scope_requests",
    "unplanned_calls",
    "unplanned_call_minutes",
    "mood_avg",
    "mood_count",
    "offers_sent",
    "offers_accepted",
)


def differences(rows: list[tuple], analysis: dict) -> list[str]:
    """Where the analysis's JSON disagrees with DuckDB's sums (beyond JSON's rounding)."""
    ours = {c["id"]: c["metrics"] for c in analysis["customers"]}
    found = []
    for customer_id, *values in rows:
        metrics = ours.get(customer_id)
        if metrics is None:
            found.append(f"{customer_id}: missing from the analysis")
            continue
        for name, theirs in zip(DUCKDB_COLUMNS, values, strict=True):
            if not _close(metrics[name], theirs):
                found.append(f"{customer_id} {name}: analysis {metrics[name]}, DuckDB {theirs}")
    if len(ours) != len(rows):
        found.append(f"{len(ours)} customers in the analysis, {len(rows)} in DuckDB")
    return found


def _close(ours: object, theirs: object) -> bool:
    if ours is None or theirs is None:
        return ours is None and theirs is None
    # JSON rounds hours and averages to 4 decimals; money and counts are exact.
    return abs(Decimal(str(ours)) - Decimal(str(theirs))) <= Decimal("0.0001")


# --- the kundenwert runs -------------------------------------------------------------------------


CACHE_DIR = Path(tempfile.mkdtemp(prefix="kundenwert-bench-cache-"))


def compile_bytecode() -> None:
    """Write kundenwert's bytecode beside its source, as installing a package does: where
    PYTHONDONTWRITEBYTECODE is set (some CI images set it), every run of an editable
    install would compile the source again (about 30 ms)."""
    compileall.compile_dir(ROOT / "kundenwert", quiet=1)


def environment(data_dir: Path | None = None) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    env["KUNDENWERT_CACHE_DIR"] = str(CACHE_DIR)
    if data_dir is not None:
        env["KUNDENWERT_DATA_DIR"] = str(data_dir)
    return env


def folder_command(folder: Path, as_of: date, cache: bool = True) -> list[str]:
    command = [KUNDENWERT, "analyze", "--data", str(folder), "--as-of", str(as_of)]
    return command + ["--format", "json"] + ([] if cache else ["--no-cache"])


def database_command(as_of: date) -> list[str]:
    return [KUNDENWERT, "analyze", "--as-of", str(as_of), "--format", "json"]


@contextmanager
def imported(folder: Path, keep: Path | None) -> Iterator[tuple[Path, Run | None]]:
    """A SQLite data folder holding `folder`, and the import's run (None if reused).

    A temporary one, removed afterwards; or `keep`, imported into once and then reused,
    which saves the import when trying changes to the analysis.
    """
    data_dir = keep or Path(tempfile.mkdtemp(prefix="kundenwert-bench-"))
    try:
        if keep and (keep / "kundenwert.sqlite3").exists():
            yield keep, None
            return
        data_dir.mkdir(parents=True, exist_ok=True)
        command = [KUNDENWERT, "import", str(folder), "--format", "json"]
        yield data_dir, run_child(command, environment(data_dir))
    finally:
        if not keep:
            shutil.rmtree(data_dir, ignore_errors=True)


def json_output(command: list[str], env: dict[str, str]) -> dict:
    with tempfile.TemporaryFile() as out:
        run_child(command, env, stdout=out)
        out.seek(0)
        return json.load(out)


def check_results(folder: Path, data_dir: Path, as_of: date) -> None:
    """Stop unless folder, database and DuckDB agree: a fast wrong answer is no benchmark."""
    _, rows = run_duckdb(folder, as_of)
    from_folder = json_output(folder_command(folder, as_of), environment())
    from_database = json_output(database_command(as_of), environment(data_dir))
    problems = differences(rows, from_folder)
    if from_folder != from_database:
        problems.append("the SQLite path's JSON differs from the folder path's")
    if problems:
        raise SystemExit("Results disagree:\n" + "\n".join(problems[:20]))


# --- the report --------------------------------------------------------------------------------


@dataclass
class Figures:
    runs: dict[str, list[Run]]
    import_run: Run | None
    as_of: date
    folder: Path
    loads: tuple[str, str]
    threads: str
    phases: list[dict[str, tuple[float, float]]]

    def median(self, name: str) -> float:
        return statistics.median(r.seconds for r in self.runs[name])

    def minimum(self, name: str) -> float:
        return min(r.seconds for r in self.runs[name])

    def peak(self, name: str) -> int | None:
        peaks = [r.peak_bytes for r in self.runs[name] if r.peak_bytes is not None]
        return max(peaks) if peaks else None


def megabytes(value: int | None) -> str:
    return "–" if value is None else f"{value / 1024**2:,.0f} MB"


def report(figures: Figures) -> str:
    return "\n".join(
        [
            SECTION,
            "",
            _setting(figures),
            "",
            *_table(figures),
            "",
            *_notes(figures),
            "",
            *_phases(figures),
            "",
        ]
    )


def _setting(figures: Figures) -> str:
    files = sorted(figures.folder.glob("*.csv"))
    sizes = ", ".join(f"{path.stem} {_rows(path):,}" for path in files)
    on_disk = sum(path.stat().st_size for path in files) / 1024**2
    start = figures.as_of - timedelta(days=PERIOD_DAYS - 1)
    return (
        f"Measured {datetime.now():%Y-%m-%d %H:%M} with `bench/analyze.py` on {host.describe()}; "
        f"load average before {figures.loads[0]}, after {figures.loads[1]} (the benchmark's "
        "own runs count in the latter). Portfolio from `bench/generate_portfolio.py` "
        f"({on_disk:,.0f} MB of CSV): "
        f"{sizes}. Period {start} to {figures.as_of}. Each run "
        f"{len(figures.runs['duckdb'])} times, interleaved; seconds of wall-clock time. The "
        "kundenwert figures are whole child processes (Python start, imports from "
        "bytecode, reading, checking, analysing, JSON to /dev/null, exit); DuckDB's is its "
        "query in a running process. Peak memory is the child's maximum resident set size."
    )


def _rows(path: Path) -> int:
    with path.open("rb") as file:
        return sum(1 for _ in file) - 1  # the header; the generator writes no line breaks


def _table(figures: Figures) -> list[str]:
    reference = figures.median("duckdb")
    lines = [
        "| run | median | min | × DuckDB (median) | target | peak memory |",
        "| --- | ---: | ---: | ---: | --- | ---: |",
        f"| DuckDB {duckdb.__version__} query ({figures.threads} threads) "
        f"| {reference:.2f} | {figures.minimum('duckdb'):.2f} | 1.00 | reference | – |",
    ]
    for name, label in LABELS.items():
        ratio = figures.median(name) / reference
        target = f"≤ {TARGETS[name]} ×, < 2 GB: {'met' if met(figures, name) else '**not met**'}"
        lines.append(
            f"| {label} | {figures.median(name):.2f} | {figures.minimum(name):.2f} "
            f"| {ratio:.2f} | {target} | {megabytes(figures.peak(name))} |"
        )
    return lines


LABELS = {
    "folder_cold": "`kundenwert analyze --data DIR --format json --no-cache` (first read)",
    "folder": "`kundenwert analyze --data DIR --format json`, files unchanged (cache)",
    "sqlite": "`kundenwert analyze --format json` (SQLite)",
}


def met(figures: Figures, name: str) -> bool:
    ratio = figures.median(name) / figures.median("duckdb")
    return ratio <= TARGETS[name] and (figures.peak(name) or 0) < MEMORY_LIMIT


def _notes(figures: Figures) -> list[str]:
    imported = figures.import_run
    import_figures = (
        f"{imported.seconds:.0f} s, peak memory {megabytes(imported.peak_bytes)}."
        if imported
        else "not measured in this run (an earlier import was reused)."
    )
    notes = [
        "Importing the folder into the empty SQLite database (`kundenwert import DIR`, once, "
        f"not part of the targets): {import_figures}",
        "",
        "Before timing, the script checks that the analysis's per-customer figures equal "
        "DuckDB's and that the SQLite path's JSON equals the folder path's.",
        "",
        "`analyze --data` reads each file in one streaming pass of polars' CSV reader, two "
        "files at a time: every field is tokenised (a row with too many fields fails), but "
        "only the columns the analysis needs leave the pass, each with a flag per row saying "
        "whether its value is fine; the columns that repeat a few values (dates, minutes, "
        "bools, choices) come as categoricals whose distinct values are checked once, "
        "datetimes in their common form are parsed with one fixed format, amounts with one "
        "pattern; then a few checks over whole columns (required values present, customer "
        "ids known, keys unique). Only when the read fails or a check finds anything does it "
        "read that file again the precise way (every value as text, checked column by "
        "column), which names every problem with its line; both ways give the same frames "
        "(`tests/portfolio/test_reader_fast_path.py`). Free text (notes, descriptions) is "
        "tokenised but never held. The analysis sums the records in polars' streaming "
        "engine, and the JSON's two long arrays are written by polars straight to the "
        "output. It keeps the checked frames in a cache folder "
        "(`kundenwert/portfolio/cache.py`), so a later run on unchanged files reads them "
        "back instead of parsing and checking the CSV again. `analyze` on the "
        "database reads only what the period needs: the database sums the period's time "
        "entries per customer (on a second connection, while the other tables are read) "
        "and writes the period's other records as CSV text that polars parses in bulk "
        "(`load_for_analysis` in `kundenwert/exchange/loader.py`).",
    ]
    if not met(figures, "folder_cold"):
        notes += [
            "",
            "DuckDB parses only the columns its query uses, in a process already running, and "
            "needs no other step; the folder path's first read also starts Python, imports "
            "kundenwert and polars, parses every column (so that a row with too many fields "
            "is found), analyses and writes the JSON (see below). DuckDB spreads its whole "
            "query over both cores; of the first read's steps only the reading uses more "
            "than one, so the ratio is higher when the machine has both cores free than when "
            "other jobs take one.",
            "",
            _floor(figures),
        ]
    return notes


def _floor(figures: Figures) -> str:
    """How close the first read can come to its target, from the steps' medians."""
    budget = TARGETS["folder_cold"] * figures.median("duckdb")
    fixed = sum(statistics.median(run[name][0] for run in figures.phases) for name in FIXED_STEPS)
    parse = statistics.median(run["parse"][0] for run in figures.phases)
    left = budget - fixed - parse
    rest = (
        f"leaving {left:.2f} s for checking every value, key and customer id"
        if left > 0
        else "already more than the target allows"
    )
    return (
        f"The target allows {budget:.2f} s. The steps other than reading (Python start, "
        f"imports, analysis, JSON, exit) take {fixed:.2f} s, and polars' CSV parser alone needs "
        f"{parse:.2f} s for the same files with nothing checked: {fixed + parse:.2f} s "
        f"before a single value is checked, {rest}."
    )


def _phases(figures: Figures) -> list[str]:
    runs = figures.phases
    lines = [
        f"Where the first read's time goes: its steps timed one by one inside a child process "
        f"({len(runs)} times, median; CPU seconds count all threads, so they can exceed the "
        "wall-clock time):",
        "",
        "| step | wall-clock | CPU |",
        "| --- | ---: | ---: |",
    ]
    for name, label in PHASES.items():
        wall = statistics.median(run[name][0] for run in runs)
        cpu = statistics.median(run[name][1] for run in runs)
        # The start and the exit are timed from outside, as wall-clock time only.
        outside = name in ("start", "exit")
        lines.append(f"| {label} | {wall:.2f} | {'–' if outside else f'{cpu:.2f}'} |")
    return lines


def write_section(section: str, doc: Path = DOC) -> None:
    """Replace the "## Analysis" section of `doc` (up to the next "## "), or append it."""
    text = doc.read_text() if doc.exists() else INTRO
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


# --- main -----------------------------------------------------------------------------------------


def duckdb_threads() -> str:
    with duckdb.connect() as connection:
        return str(connection.execute("SELECT current_setting('threads')").fetchone()[0])


def measure(folder: Path, as_of: date, repeat: int, check: bool, keep: Path | None) -> Figures:
    compile_bytecode()
    loads, threads = [load_average()], duckdb_threads()
    with imported(folder, keep) as (data_dir, import_run):
        if check:
            check_results(folder, data_dir, as_of)  # which also primes the cache
        else:
            run_child(folder_command(folder, as_of), environment())
        runs: dict[str, list[Run]] = {"duckdb": [], "folder_cold": [], "folder": [], "sqlite": []}
        phases: list[dict[str, tuple[float, float]]] = []
        for round_ in range(1, repeat + 1):
            runs["duckdb"].append(run_duckdb(folder, as_of)[0])
            cold = folder_command(folder, as_of, cache=False)
            runs["folder_cold"].append(run_child(cold, environment()))
            runs["folder"].append(run_child(folder_command(folder, as_of), environment()))
            runs["sqlite"].append(run_child(database_command(as_of), environment(data_dir)))
            phases.append(run_phases(folder, as_of))
            times = ", ".join(f"{name} {r[-1].seconds:.2f} s" for name, r in runs.items())
            print(f"round {round_}/{repeat}: {times}", file=sys.stderr)
    loads.append(load_average())
    return Figures(runs, import_run, as_of, folder, (loads[0], loads[1]), threads, phases)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=generate_portfolio.DEFAULT_DIR)
    parser.add_argument("--as-of", type=date.fromisoformat, default=generate_portfolio.END)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--no-check", dest="check", action="store_false")
    parser.add_argument(
        "--keep-database",
        type=Path,
        metavar="DIR",
        help="import into DIR once and reuse it in later runs (no import time then)",
    )
    parser.add_argument("--write", action="store_true", help=f"update {DOC.relative_to(ROOT)}")
    args = parser.parse_args(argv)
    folder = args.data.resolve()
    if not (folder / "time_entries.csv").exists():
        print(f"Generating the portfolio in {folder} …", file=sys.stderr)
        generate_portfolio.generate(folder)
    try:
        figures = measure(folder, args.as_of, args.repeat, args.check, args.keep_database)
    finally:
        shutil.rmtree(CACHE_DIR, ignore_errors=True)
    section = report(figures)
    print(section)
    if args.write:
        write_section(section)
    return 0


if __name__ == "__main__":
    sys.exit(main())
