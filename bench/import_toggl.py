#!/usr/bin/env python3
"""How fast a large Toggl Track export goes into a fresh SQLite database.

    .venv/bin/python bench/import_toggl.py [--rows 1000000] [--clients 2000] [--keep]

Writes a realistic detailed-report CSV (about 2,000 clients with German and international
company names, a few projects each, five people, three years of working days, durations
from five minutes to four hours), then imports it with `do_import_files` into a new SQLite
database in a temporary KUNDENWERT_DATA_DIR, and prints the time, rows per second and the
peak resident memory of the process (resource.getrusage). The CSV is written before the
clock starts; the figure covers reading, checking, matching and writing. Target: one million
rows in at most 60 seconds and under 1 GB.
"""

from __future__ import annotations

import argparse
import csv
import os
import random
import resource
import shutil
import sys
import tempfile
import time
from datetime import date, datetime, timedelta
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
HEADER = [
    "User", "Email", "Client", "Project", "Task", "Description", "Billable", "Start date",
    "Start time", "End date", "End time", "Duration", "Tags", "Amount (EUR)",
]  # fmt: skip
USERS = ["Anna Berger", "Jonas Keller", "Mia Schulz", "Lukas Wagner", "Sophie Richter"]
WORDS = [
    "Bäckerei", "Kanzlei", "Praxis", "Autohaus", "Studio", "Agentur", "Werkstatt", "Hotel",
    "Verlag", "Architekten", "Bau", "Elektro", "Immobilien", "Logistik", "Software", "Café",
]  # fmt: skip
NAMES = ["Sommer", "Müller", "Weiß", "Hoffmann", "Krüger", "Lehmann", "Schäfer", "Jung",
         "Brandt", "Vogel", "Nordlicht", "Alpen", "Rhein", "Hansa", "Lindner", "Fuchs"]  # fmt: skip
FORMS = ["GmbH", "GmbH & Co. KG", "AG", "UG (haftungsbeschränkt)", "e.K.", "KG", "OHG", "GbR",
         "Ltd", "Inc.", ""]  # fmt: skip
TASKS = ["Konzept", "Umsetzung", "Abstimmung", "Support", "Review", "Workshop", "Pflege"]
PHRASES = ["Telefonat mit Kunde", "Entwurf überarbeitet", "Fehler behoben", "Meeting vorbereitet",
           "Texte geschrieben", "Angebot erstellt", "Daten geprüft", "Präsentation", "Recherche",
           'Abstimmung "Relaunch", Teil 2']  # fmt: skip


def client_names(count: int, rng: random.Random) -> list[str]:
    names: set[str] = set()
    while len(names) < count:
        name = f"{rng.choice(WORDS)} {rng.choice(NAMES)} {rng.randint(1, 999)} {rng.choice(FORMS)}"
        names.add(name.strip())
    return sorted(names)


def write_export(path: Path, rows: int, clients: int, seed: int = 4) -> None:
    rng = random.Random(seed)
    names = client_names(clients, rng)
    projects = {c: [f"{c.split()[0]} {t}" for t in rng.sample(TASKS, 3)] for c in names}
    weights = [1 / (rank + 1) ** 0.8 for rank in range(clients)]  # a few big, many small
    first = date(2023, 1, 2)
    days = [
        first + timedelta(days=d) for d in range(3 * 365) if (first + timedelta(d)).weekday() < 5
    ]
    with path.open("w", encoding="utf-8", newline="") as stream:
        writer = csv.writer(stream)
        writer.writerow(HEADER)
        chosen = rng.choices(names, weights=weights, k=rows)
        for client in chosen:
            user = rng.choice(USERS)
            start = datetime.combine(rng.choice(days), datetime.min.time()) + timedelta(
                minutes=rng.randrange(7 * 60, 18 * 60)
            )
            seconds = rng.randrange(5 * 60, 4 * 3600)
            end = start + timedelta(seconds=seconds)
            writer.writerow(
                [
                    user,
                    user.split()[0].lower() + "@example.de",
                    client,
                    rng.choice(projects[client]),
                    rng.choice(TASKS),
                    rng.choice(PHRASES),
                    rng.choice(("Yes", "Yes", "No")),
                    start.strftime("%Y-%m-%d"),
                    start.strftime("%H:%M:%S"),
                    end.strftime("%Y-%m-%d"),
                    end.strftime("%H:%M:%S"),
                    f"{seconds // 3600:02d}:{seconds // 60 % 60:02d}:{seconds % 60:02d}",
                    "",
                    f"{seconds / 3600 * 95:.2f}",
                ]
            )


def setup_database(data_dir: Path) -> None:
    os.environ["KUNDENWERT_DATA_DIR"] = str(data_dir)
    os.environ.pop("DATABASE_URL", None)
    os.environ["DJANGO_SETTINGS_MODULE"] = "kundenwert.web.settings"
    sys.path.insert(0, str(REPO))
    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", interactive=False, verbosity=0)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--clients", type=int, default=2_000)
    parser.add_argument("--keep", action="store_true", help="keep the temporary folder")
    args = parser.parse_args()

    folder = Path(tempfile.mkdtemp(prefix="kundenwert-bench-"))
    try:
        export = folder / "toggl_detailed.csv"
        write_export(export, args.rows, args.clients)
        size = export.stat().st_size / 1e6
        setup_database(folder / "data")
        from kundenwert.importers.services import do_import_files

        started = time.perf_counter()
        report = do_import_files([export])
        seconds = time.perf_counter() - started
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux
        entries = report.kinds["time_entries"]
        print(f"file: {args.rows:,} rows, {size:.0f} MB, {args.clients:,} clients")
        print(f"added {entries.added:,} time entries, {len(report.new_customers):,} new customers")
        print(f"time: {seconds:.1f} s, {args.rows / seconds:,.0f} rows/s, peak RSS {peak:,.0f} MiB")
    finally:
        if args.keep:
            print(f"kept {folder}")
        else:
            shutil.rmtree(folder, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
