"""Import and export of whole portfolios: all or nothing, and never twice.

`do_import_portfolio` is the one way a portfolio reaches the database, whether it comes
from a folder, the demo generator or (later) another importer. It runs in one
transaction; a dry run does the same work and rolls it back, so its report is exactly
what a real import would do.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from django.db import transaction

from kundenwert.accounts.models import User
from kundenwert.accounts.services import do_record_change
from kundenwert.customers.models import Customer
from kundenwert.exchange.bindings import BINDINGS, Binding
from kundenwert.exchange.fingerprints import fingerprint
from kundenwert.exchange.loader import load_portfolio
from kundenwert.portfolio import Portfolio
from kundenwert.portfolio.reader import read_folder
from kundenwert.portfolio.writer import write_folder

BATCH = 2_000
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
            importer = _import_by_content if binding.by_content else _import_by_key
            report.tables[binding.table.name] = importer(binding, rows, customer_pks, source)
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
    binding: Binding, rows: Iterator[dict], customer_pks: dict[str, int], source: str
) -> TableReport:
    """Adds a row only where the file holds more copies of its content than the database."""
    model, report = binding.model, TableReport()
    matched: Counter[str] = Counter()  # database rows already claimed by earlier file rows
    added: Counter[str] = Counter()  # rows this import added, which are not to be matched
    for batch in _batches(rows, BATCH):
        prints = [fingerprint(row.values()) for row in batch]
        in_db = Counter(
            model.objects.filter(fingerprint__in=set(prints)).values_list("fingerprint", flat=True)
        )
        new = []
        for row, print_ in zip(batch, prints, strict=True):
            if in_db[print_] - added[print_] - matched[print_] > 0:
                matched[print_] += 1
                report.unchanged += 1
            else:
                values = binding.model_values(row, customer_pks)
                new.append(model(fingerprint=print_, source=source[-200:], **values))
                added[print_] += 1
        model.objects.bulk_create(new, batch_size=BATCH)
        report.added += len(new)
    return report


def _batches(rows: Iterator[dict], size: int) -> Iterator[list[dict]]:
    batch: list[dict] = []
    for row in rows:
        batch.append(row)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch


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
