"""The import page's work: keep uploaded files until confirmed, run dry and real imports,
and turn each importer's report into one shape the pages show.

Files are kept under <data folder>/uploads/<token>/ with a small owner.json, so that only
the person who uploaded them can confirm the import, and are deleted after the import or
after a day. A ZIP holding a customers.csv is a zipped portfolio folder and goes to
`kundenwert.exchange.services.do_import_folder`; everything else goes to the importers
(`kundenwert.importers.services.do_import_files`), which detect the format themselves.
Both run all or nothing, and their dry runs report exactly what the import would do.
"""

from __future__ import annotations

import json
import secrets
import shutil
import time
import zipfile
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from django.utils.text import get_valid_filename
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from kundenwert.portfolio.errors import PortfolioInvalid
from kundenwert.web.paths import data_dir

TABLE_LABELS = {
    "customers": gettext_lazy("Customers"),
    "invoices": gettext_lazy("Invoices"),
    "time_entries": gettext_lazy("Time entries"),
    "interactions": gettext_lazy("Interactions"),
    "offers": gettext_lazy("Offers"),
    "deliveries": gettext_lazy("Deliveries"),
    "direct_costs": gettext_lazy("Direct costs"),
    "payments": gettext_lazy("Payments"),
    "contacts": gettext_lazy("Contact persons"),
}
MAX_AGE_SECONDS = 24 * 3600
MAX_FILE_BYTES = 500 * 1024 * 1024
PORTFOLIO_MARKER = "customers.csv"


@dataclass(frozen=True)
class Upload:
    token: str
    folder: Path
    user_id: int

    @property
    def files(self) -> list[Path]:
        return sorted(p for p in self.folder.iterdir() if p.name != "owner.json")


@dataclass(frozen=True)
class TableCounts:
    name: str
    added: int
    changed: int
    unchanged: int
    skipped: int


@dataclass
class Outcome:
    dry_run: bool
    tables: list[TableCounts] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    new_customers: list[str] = field(default_factory=list)

    @property
    def changes(self) -> int:
        return sum(t.added + t.changed for t in self.tables)


def uploads_dir() -> Path:
    folder = data_dir() / "uploads"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def store_upload(files, user_id: int) -> Upload:
    """Saves the uploaded files (Django UploadedFile) under a new random token."""
    discard_stale()
    token = secrets.token_urlsafe(16)
    folder = uploads_dir() / token
    folder.mkdir()
    (folder / "owner.json").write_text(json.dumps({"user": user_id}), encoding="utf-8")
    for number, upload in enumerate(files, start=1):
        name = get_valid_filename(Path(upload.name).name) or f"upload-{number}"
        with (folder / name).open("wb") as target:
            for chunk in upload.chunks():
                target.write(chunk)
    return Upload(token, folder, user_id)


def find_upload(token: str, user_id: int) -> Upload | None:
    """The upload of `token` if it exists and belongs to `user_id`."""
    if not token.replace("-", "").replace("_", "").isalnum():
        return None
    folder = uploads_dir() / token
    try:
        owner = json.loads((folder / "owner.json").read_text(encoding="utf-8"))["user"]
    except (OSError, ValueError, KeyError):
        return None
    return Upload(token, folder, owner) if owner == user_id else None


def discard(upload: Upload) -> None:
    shutil.rmtree(upload.folder, ignore_errors=True)


def discard_stale() -> None:
    limit = time.time() - MAX_AGE_SECONDS
    for folder in uploads_dir().iterdir():
        if folder.is_dir() and folder.stat().st_mtime < limit:
            shutil.rmtree(folder, ignore_errors=True)


def too_big(files) -> list[str]:
    return [f.name for f in files if f.size > MAX_FILE_BYTES]


# --- running the import ----------------------------------------------------------------


def run_import(upload: Upload, user, *, dry_run: bool) -> Outcome:
    outcome = Outcome(dry_run=dry_run)
    portfolios = [p for p in upload.files if is_zipped_portfolio(p)]
    others = [p for p in upload.files if p not in portfolios]
    for archive in portfolios:
        _merge(outcome, _import_portfolio(archive, upload.folder, user, dry_run))
    if others:
        _merge(outcome, _import_files(others, user, dry_run))
    return outcome


def is_zipped_portfolio(path: Path) -> bool:
    if not zipfile.is_zipfile(path):
        return False
    with zipfile.ZipFile(path) as archive:
        return any(PurePosixPath(n).name == PORTFOLIO_MARKER for n in archive.namelist())


def _import_portfolio(archive: Path, workdir: Path, user, dry_run: bool) -> Outcome:
    from kundenwert.exchange.services import do_import_folder

    folder = workdir / f"{archive.stem}.portfolio"
    extract_csv_files(archive, folder)
    try:
        report = do_import_folder(folder, user=user, dry_run=dry_run)
    except PortfolioInvalid as exc:
        return _failed(dry_run, [str(e) for e in exc.errors], exc.total)
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    return outcome_of(report, dry_run)


def extract_csv_files(archive: Path, folder: Path) -> None:
    """The CSV files of a zipped portfolio folder, flat into `folder`.

    Only the base names are used, so no entry can write outside the folder.
    """
    folder.mkdir(exist_ok=True)
    with zipfile.ZipFile(archive) as zipped:
        for info in zipped.infolist():
            name = PurePosixPath(info.filename).name
            if info.is_dir() or not name.endswith(".csv") or name.startswith("."):
                continue
            with zipped.open(info) as source, (folder / name).open("wb") as target:
                shutil.copyfileobj(source, target)


def _import_files(paths: list[Path], user, dry_run: bool) -> Outcome:
    from kundenwert.importers.services import ImportInvalid, do_import_files

    try:
        report = do_import_files(paths, user=user, dry_run=dry_run)
    except ImportInvalid as exc:
        return _failed(dry_run, [str(e) for e in exc.errors], exc.total)
    return outcome_of(report, dry_run)


def outcome_of(report, dry_run: bool) -> Outcome:
    """Either import service's report in the page's shape.

    The portfolio folder import reports `tables`, the file importers `kinds` (with their
    skipped rows), new customers and the payments they could not match to an invoice.
    """
    counts = getattr(report, "kinds", None) or getattr(report, "tables", {})
    return Outcome(
        dry_run=dry_run,
        tables=[
            TableCounts(
                str(TABLE_LABELS.get(name, name)),
                counts.added,
                counts.changed,
                counts.unchanged,
                len(getattr(counts, "skipped", [])),
            )
            for name, counts in counts.items()
        ],
        skipped=[f"{s.file}, {s.location}: {s.reason}" for s in getattr(report, "skipped", [])],
        warnings=[str(w) for w in report.warnings],
        new_customers=[f"{c.name} ({c.number})" for c in getattr(report, "new_customers", [])],
    )


def _failed(dry_run: bool, errors: list[str], total: int | None = None) -> Outcome:
    if total and total > len(errors):
        errors = [*errors, _("… and %(count)d more") % {"count": total - len(errors)}]
    return Outcome(dry_run=dry_run, errors=errors)


def _merge(into: Outcome, other: Outcome) -> None:
    into.tables += other.tables
    into.skipped += other.skipped
    into.warnings += other.warnings
    into.errors += other.errors
    into.new_customers += other.new_customers
