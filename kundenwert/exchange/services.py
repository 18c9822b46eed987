"""Import and export of whole portfolios: all or nothing, and never twice.

`do_import_portfolio` is the one way a portfolio reaches the database, whether it comes
from a folder, the demo generator or (later) another importer. It runs in one
transaction; a dry run does the same work and rolls it back, so its report is exactly
what a real import would do.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import nullcontext
from dataclasses import dataclass, field
from pathlib import Path
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db import connection, transaction

from kundenwert.accounts.models import User
from kundenwert.accounts.services import do_record_change
from kundenwert.customers.models import Customer
from kundenwert.exchange.bindings import BINDINGS, Binding
from kundenwert.exchange.fingerprints import fingerprint
from kundenwert.exchange.loader import load_portfolio
from kundenwert.importers.bulk import (
    BATCH,
    BULK_ROWS,
    RowInserter,
    batches,
    large_page_cache,
    new_by_content,
    without_indexes,
)
from kundenwert.portfolio import Portfolio
from kundenwert.portfolio.reader import read_folder
from kundenwert.portfolio.writer import write_folder

Progress = Callable[[str, int, int], None]  # table, rows done, rows in all


@dataclass
class TableReport:
    added: int = 0
    changed: int = 0
    unchanged: int = 0


@dataclass
class ImportReport:
    source: str
    dry_run: bool
    tables: dict[str, TableReport] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)

    @property
    def changes(self) -> int:
        return sum(t.added + t.changed for t in self.tables.values())

    def as_json(self) -> dict[str, object]:
        return {
            "source": self.source,
            "dry_run": self.dry_run,
            "tables": {name: vars(report) for name, report in self.tables.items()},
            "warnings": self.warnings,
        }


def do_import_folder(
    path: Path, *, user: User | None = None, dry_run: bool = False, progress: Progress | None = None
) -> ImportReport:
    """Reads and checks the whole folder first (PortfolioInvalid on any bad row), then imports."""
    known = Customer.objects.values_list("number", flat=True)
    portfolio = read_folder(path, known_customer_ids=set(known))
    return do_import_portfolio(
        portfolio, source=str(path), user=user, dry_run=dry_run, progress=progress
    )


def do_import_portfolio(
    portfolio: Portfolio,
    *,
    source: str,
    user: User | None = None,
    dry_run: bool = False,
    progress: Progress | None = None,
) -> ImportReport:
    report = ImportReport(source=source, dry_run=dry_run, warnings=list(portfolio.warnings))
    with transaction.atomic():
        for binding in BINDINGS:
            customer_pks = dict(Customer.objects.values_list("number", "pk"))
            frame = portfolio.frame(binding.table)
            rows = _rows_with_progress(frame.iter_rows(named=True), binding, frame.height, progress)
            if binding.by_content:
                table = _import_by_content(binding, rows, customer_pks, source, frame.height)
            else:
                table = _import_by_key(binding, rows, customer_pks, source)
            report.tables[binding.table.name] = table
        if dry_run:
            transaction.set_rollback(True)
        elif report.changes:
            summary = ", ".join(
                f"{name}: +{t.added} ~{t.changed}" for name, t in report.tables.items()
            )
            do_record_change(user, "import", "portfolio", f"{source}: {summary}", report.as_json())
    return report


def _rows_with_progress(
    rows: Iterator[dict], binding: Binding, total: int, progress: Progress | None
) -> Iterator[dict]:
    for done, row in enumerate(rows, start=1):
        if progress and (done % 10_000 == 0 or done == total):
            progress(binding.table.name, done, total)
        yield row


def _import_by_key(
    binding: Binding, rows: Iterator[dict], customer_pks: dict[str, int], source: str
) -> TableReport:
    model, key = binding.model, binding.key
    existing = {
        tuple(values[k] for k in key): values
        for values in model.objects.values("pk", *binding.fields)
    }
    report, new, changed = TableReport(), [], []
    for row in rows:
        values = binding.model_values(row, customer_pks)
        current = existing.get(tuple(values[k] for k in key))
        if current is None:
            new.append(model(**values))
        elif any(current[name] != value for name, value in values.items()):
            changed.append(model(pk=current["pk"], **values))
        else:
            report.unchanged += 1
    model.objects.bulk_create(new, batch_size=BATCH)
    model.objects.bulk_update(
        changed, [f for f in binding.fields if f not in key], batch_size=BATCH
    )
    report.added, report.changed = len(new), len(changed)
    return report


def _import_by_content(
    binding: Binding, rows: Iterator[dict], customer_pks: dict[str, int], source: str, count: int
) -> TableReport:
    """Adds a row only where the file holds more copies of its content than the database.

    Into an empty table every row is new, so nothing is looked up; on SQLite a large one
    also gets its indexes built once at the end instead of row by row.
    """
    model, report = binding.model, TableReport()
    empty = not model.objects.exists()
    fast = empty and connection.vendor == "sqlite" and count >= BULK_ROWS
    inserter = RowInserter(
        model, ("fingerprint", "source", *binding.fields), ZoneInfo(settings.TIME_ZONE)
    )
    source = source[-model._meta.get_field("source").max_length :]
    matched: Counter[str] = Counter()  # database rows already claimed by earlier file rows
    added: Counter[str] = Counter()  # rows this import added, which are not to be matched
    columns = binding.table.column_names
    with without_indexes(model) if fast else nullcontext(), large_page_cache():
        for batch in batches(rows, BATCH):
            printed = [(fingerprint(row.values()), row) for row in batch]
            new = printed if empty else new_by_content(printed, model, matched, added)
            inserter.insert(
                [(print_, source, *_values(row, columns, customer_pks)) for print_, row in new]
            )
            report.added += len(new)
            report.unchanged += len(batch) - len(new)
    return report


def _values(row: dict, columns: list[str], customer_pks: dict[str, int]) -> list:
    return [customer_pks[row[c]] if c == "customer_id" else row[c] for c in columns]


def do_export_folder(path: Path) -> list[Path]:
    """Writes the database as a portfolio folder, rows sorted so that output is stable."""
    portfolio = load_portfolio()
    frames = {
        binding.table.name: portfolio.frame(binding.table).sort(
            binding.table.column_names, nulls_last=True
        )
        for binding in BINDINGS
    }
    path.mkdir(parents=True, exist_ok=True)
    return write_folder(Portfolio.from_frames(frames), path)
