"""Importing other tools' files: read everything first, then match and write in one go.

`do_import_files` is the one way those files reach the database (the CLI and the web app
call it alike):

1. Every file is parsed (by the format given, or the one `detect` finds). Any error in any
   file raises `ImportInvalid` listing them, and nothing is written. With `skip_invalid`
   the valid records are written and the rejected rows, with their reasons, go to a CSV
   file `<input>.rejected.csv` next to the input (or into `rejected_dir`), with the columns
   file, line, element, column, value, reason. A dry run writes no such file.
2. In one transaction: customers are matched (`matching.Matcher`); time entries and
   invoices of unknown customers create them (numbered NEU-0001 …, listed as new);
   contacts, meetings and e-mails never do (an address book or a mailbox holds many people
   who are not customers) and are skipped instead. Then every kind of record is written as
   `writing.py` describes, each with its `source`. One ChangeRecord is kept per import. A
   dry run does all of this and rolls it back, so its report is exactly what the import
   would do.

Progress (`progress(stage, done, total)`, for the CLI's bars and the web app's import page):
"reading files" (files done of all), "reading rows" (the line the reader of the current
file has reached, of the file's lines; total 0 where unknown, as for a spreadsheet), then
per kind of record as it is written ("time_entries", "invoices", "payments", "contacts",
"interactions", records done of all). Every stage ends with done == total.

The owner's own e-mail addresses and domains (`owner_addresses`, by default the workspace
setting) go to the mail and calendar importers, which tell sent from received mail and
leave the owner out of the addresses that name a customer, and to customer matching, which
never matches by the owner's domains.
"""

from __future__ import annotations

import csv
import inspect
import logging
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType

from django.conf import settings
from django.db import transaction

from kundenwert.accounts.models import User
from kundenwert.accounts.services import do_record_change
from kundenwert.importers import detect as detection
from kundenwert.importers import progress as row_progress
from kundenwert.importers.bulk import large_page_cache
from kundenwert.importers.matching import CustomerMap, CustomerMapInvalid
from kundenwert.importers.records import ParsedFile, UnsupportedFile
from kundenwert.importers.report import FileSummary, ImportReport
from kundenwert.importers.writing import Progress, RecordWriter
from kundenwert.portfolio.errors import MAX_ERRORS, RowError
from kundenwert.workspace.models import ColumnMapping
from kundenwert.workspace.services import get_settings

logger = logging.getLogger(__name__)

REPORT_SKIPS = 200  # skipped rows kept in a report's JSON (the counts are complete)
# The kind of record an importer without a KIND reads, by its NAME: where its skipped
# records are counted.
KIND_OF_FORMAT = {
    "einvoice": "invoices",
    "camt053": "payments",
    "mt940": "payments",
    "vcard": "contacts",
    "ical": "interactions",
    "mail": "interactions",
}


class ImportInvalid(Exception):
    """Files that cannot be imported. `errors` holds the first MAX_ERRORS problems, in file
    and line order; `total` counts all of them."""

    def __init__(self, errors: Iterable[RowError], total: int | None = None) -> None:
        found = list(errors)
        self.errors = found[:MAX_ERRORS]
        self.total = max(total or 0, len(found))
        noun = "error" if self.total == 1 else "errors"
        super().__init__(f"{self.total} {noun}: " + "; ".join(map(str, self.errors[:3])))


# --- the entry point ------------------------------------------------------------------------


def do_import_files(
    paths: list[Path],
    *,
    user: User | None = None,
    format: str = "auto",
    customer_map: Path | None = None,
    dry_run: bool = False,
    skip_invalid: bool = False,
    progress: Progress | None = None,
    rejected_dir: Path | None = None,
    mapping: dict[str, str] | str | None = None,
    owner_addresses: Sequence[str] | None = None,
) -> ImportReport:
    """Imports the files, all or nothing (see the module's docstring).

    `format` is "auto" or an importer's NAME; `mapping` is a column mapping for invoice
    lists ({field: column name}) or the name of a saved one; `owner_addresses` the owner's
    own e-mail addresses and domains, None for the workspace setting.
    """
    known_map = read_customer_map(customer_map)
    columns = column_mapping(mapping)
    own = get_settings().own_addresses if owner_addresses is None else list(owner_addresses)
    options = _Options(format, columns, tuple(own or ()), progress)
    reads = [_parse(Path(p), options, i, len(paths)) for i, p in enumerate(paths)]
    parsed = [file for file, _ in reads]
    errors = [error for file in parsed for error in file.errors]
    if errors and not skip_invalid:
        raise ImportInvalid(errors)
    report = ImportReport(dry_run=dry_run, rejected=errors)
    for file in parsed:
        report.files.append(FileSummary(file.file, file.format, file.sha256, file.record_count))
        report.warnings += file.warnings
    with large_page_cache(), transaction.atomic():
        RecordWriter(report, reads, known_map, user, progress, own).run()
        if dry_run:
            transaction.set_rollback(True)
        elif report.changes:
            summary = f"{', '.join(f.file for f in report.files)}: {report.summary()}"
            do_record_change(user, "import", "files", summary, report.as_json(REPORT_SKIPS))
    if errors and not dry_run:
        _write_rejected(paths, parsed, rejected_dir, report)
    return report


def do_save_column_mapping(
    name: str, mapping: dict[str, str], *, format: str = "invoice_list", user: User | None = None
) -> ColumnMapping:
    """Keeps a column mapping under `name` for later imports (replacing one of that name)."""
    from kundenwert.importers.invoice_list import MappingInvalid, check_mapping

    try:
        checked = check_mapping(mapping)
    except MappingInvalid as error:
        raise ImportInvalid([RowError(name, None, None, None, str(error))]) from None
    saved, _ = ColumnMapping.objects.update_or_create(
        name=name, defaults={"format": format, "mapping": checked}
    )
    do_record_change(user, "save", saved, f"column mapping {name}", checked)
    return saved


def read_customer_map(path: Path | None) -> CustomerMap | None:
    """The customer map of `path` (see `matching.CustomerMap`); raises ImportInvalid with
    its errors. The CLI's --customer-map and the import page's customer map go through here."""
    if path is None:
        return None
    try:
        return CustomerMap.read(Path(path))
    except CustomerMapInvalid as invalid:
        raise ImportInvalid(invalid.errors, invalid.total) from None


def column_mapping(mapping: dict[str, str] | str | None) -> dict[str, str] | None:
    """The columns of `mapping`: a dict as it is, a name as the saved mapping of that name;
    raises ImportInvalid for a name nothing was saved under."""
    if mapping is None or isinstance(mapping, dict):
        return mapping
    saved = ColumnMapping.objects.filter(name=mapping).first()
    if saved is None:
        names = ", ".join(ColumnMapping.objects.values_list("name", flat=True)) or "none"
        message = f"is not a saved column mapping (saved: {names})"
        raise ImportInvalid([RowError(mapping, None, None, None, message)])
    return dict(saved.mapping)


# --- reading --------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Options:
    format: str
    mapping: dict[str, str] | None
    owner_addresses: tuple[str, ...]
    progress: Progress | None


def _parse(path: Path, options: _Options, index: int, count: int) -> tuple[ParsedFile, str | None]:
    """The file's records and errors, and the kind of record its importer reads (its KIND)."""
    kind = None
    progress = options.progress
    if progress:
        progress("reading files", index, count)
    try:
        module = _importer_for(path, options)
        kind = getattr(module, "KIND", None) or KIND_OF_FORMAT.get(module.NAME)
        parsed = _parse_with(module, path, options)
    except detection.UnknownFormat as unknown:
        parsed = _failed(path, options.format, unknown.error)
    except UnsupportedFile as unsupported:
        parsed = _failed(
            path, options.format, RowError(path.name, None, None, None, str(unsupported))
        )
    except OSError as error:
        message = f"cannot be read ({error.strerror or error})"
        parsed = _failed(path, options.format, RowError(path.name, None, None, None, message))
    except Exception as error:
        # A parser must report problems as RowErrors; if one fails anyway, the user still
        # gets a sentence naming the file instead of a traceback, and the log keeps it.
        logger.exception("importing %s failed", path)
        message = f"could not be read ({type(error).__name__}: {error})"
        parsed = _failed(path, options.format, RowError(path.name, None, None, None, message))
    if progress:
        progress("reading files", index + 1, count)
    return parsed, kind


def _importer_for(path: Path, options: _Options) -> ModuleType:
    if options.format != "auto":
        return detection.by_name(options.format, path.name)
    try:
        return detection.detect(path)
    except detection.UnknownFormat:
        if options.mapping is None:
            raise
        # A column mapping exists for invoice lists whose headers no importer knows.
        return detection.by_name("invoice_list", path.name)


def _parse_with(module: ModuleType, path: Path, options: _Options) -> ParsedFile:
    extra: dict[str, object] = {}
    if options.mapping is not None and module.NAME == "invoice_list":
        extra["mapping"] = options.mapping
    if _takes(module, "owner_addresses"):
        extra["owner_addresses"] = options.owner_addresses
    if options.progress is None:
        return _parse_mapped(module, path, extra)
    rows = _RowProgress(options.progress, path)
    with row_progress.listening(rows):
        parsed = _parse_mapped(module, path, extra)
    rows.finish()
    return parsed


def _parse_mapped(module: ModuleType, path: Path, extra: dict[str, object]) -> ParsedFile:
    if "mapping" not in extra:
        return module.parse(path, time_zone=settings.TIME_ZONE, **extra)
    from kundenwert.importers.invoice_list import MappingInvalid

    try:
        return module.parse(path, time_zone=settings.TIME_ZONE, **extra)
    except MappingInvalid as error:
        return _failed(path, module.NAME, RowError(path.name, None, None, None, str(error)))


def _takes(module: ModuleType, name: str) -> bool:
    return name in inspect.signature(module.parse).parameters


class _RowProgress:
    """Passes the reader's line on as ("reading rows", line, lines of the file), and ends
    with done == total once the file is read.

    Only files long enough for the reader to report (EVERY rows) have this stage, and their
    lines are counted only then, so small files cost nothing. The total is 0 (unknown) for
    what is no plain text, such as a spreadsheet; its end is then the last row reported."""

    def __init__(self, progress: Progress, path: Path) -> None:
        self.progress, self.path = progress, path
        self.total: int | None = None
        self.last = 0

    def __call__(self, line: int) -> None:
        if self.total is None:
            self.total = row_progress.count_lines(self.path)
        self.last = min(line, self.total) if self.total else line
        self.progress("reading rows", self.last, self.total)

    def finish(self) -> None:
        if self.total is not None:
            end = self.total or self.last
            self.progress("reading rows", end, end)


def _failed(path: Path, format: str, error: RowError) -> ParsedFile:
    return ParsedFile(file=path.name, format=format, sha256="", errors=[error])


# --- rejected rows ----------------------------------------------------------------------------

REJECTED_COLUMNS = ("file", "line", "element", "column", "value", "reason")


def _write_rejected(
    paths: list[Path], parsed: list[ParsedFile], folder: Path | None, report: ImportReport
) -> None:
    """One `<input>.rejected.csv` per input file with errors, next to it or in `folder`."""
    for path, file in zip(paths, parsed, strict=True):
        if not file.errors:
            continue
        target = Path(folder or Path(path).parent) / f"{Path(path).name}.rejected.csv"
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            with target.open("w", encoding="utf-8", newline="") as stream:
                writer = csv.writer(stream)
                writer.writerow(REJECTED_COLUMNS)
                for e in file.errors:
                    writer.writerow(
                        (
                            e.file,
                            e.line or "",
                            e.element or "",
                            e.column or "",
                            e.value or "",
                            e.message,
                        )
                    )
        except OSError as error:
            report.warnings.append(
                f"the rejected rows of {file.file} could not be written to {target}: {error}"
            )
            continue
        report.rejected_files.append(str(target))
