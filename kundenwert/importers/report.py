"""What an import of other tools' files did, per kind of record: for the CLI's table, the
web app's preview and the change log."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

from kundenwert.portfolio.errors import RowError

KINDS = ("time_entries", "invoices", "payments", "contacts", "interactions")


@dataclass(frozen=True)
class Skipped:
    file: str
    location: str
    reason: str


@dataclass
class KindReport:
    added: int = 0
    changed: int = 0
    unchanged: int = 0
    skipped: list[Skipped] = field(default_factory=list)

    def as_json(self, limit: int | None = None) -> dict[str, Any]:
        return {
            "added": self.added,
            "changed": self.changed,
            "unchanged": self.unchanged,
            "skipped": len(self.skipped),
            "skipped_rows": [asdict(s) for s in self.skipped[:limit]],
        }


@dataclass(frozen=True)
class FileSummary:
    file: str
    format: str
    sha256: str
    records: int


@dataclass(frozen=True)
class NewCustomer:
    number: str
    name: str


@dataclass
class ImportReport:
    dry_run: bool
    files: list[FileSummary] = field(default_factory=list)
    kinds: dict[str, KindReport] = field(default_factory=lambda: {k: KindReport() for k in KINDS})
    new_customers: list[NewCustomer] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    rejected: list[RowError] = field(default_factory=list)  # rows left out (skip_invalid)
    rejected_files: list[str] = field(default_factory=list)
    payments: list[dict[str, Any]] = field(default_factory=list)  # do_record_payments' reports

    @property
    def changes(self) -> int:
        changed = sum(k.added + k.changed for k in self.kinds.values())
        return changed + len(self.new_customers)

    @property
    def skipped(self) -> list[Skipped]:
        return [s for kind in self.kinds.values() for s in kind.skipped]

    def summary(self) -> str:
        parts = [
            f"{k}: +{r.added} ~{r.changed}" for k, r in self.kinds.items() if r.added or r.changed
        ]
        parts.append(f"new customers: {len(self.new_customers)}")
        return ", ".join(parts)

    def as_json(self, skipped_limit: int | None = None) -> dict[str, Any]:
        return {
            "dry_run": self.dry_run,
            "files": [asdict(f) for f in self.files],
            "kinds": {name: kind.as_json(skipped_limit) for name, kind in self.kinds.items()},
            "new_customers": [asdict(c) for c in self.new_customers],
            "warnings": self.warnings,
            "rejected": [error_json(e) for e in self.rejected[:skipped_limit]],
            "rejected_files": self.rejected_files,
            "payments": self.payments,
        }


def error_json(error: RowError) -> dict[str, Any]:
    return {**asdict(error), "text": str(error)}
