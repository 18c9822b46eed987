"""`kundenwert import` and `kundenwert export`: portfolio folders and other tools' files.

`import` sends every portfolio folder to the folder import (one transaction per folder)
and imports all other paths together with `do_import_files` (one transaction for all of
them): time-tracking exports, invoice lists, e-invoices, bank statements, contacts,
calendars and mail. A solidtime export folder is one of those; any other folder stands for
the files in it.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn
from rich.table import Table

from kundenwert.commands.base import (
    EXIT_BAD_INPUT,
    EXIT_OK,
    CommandError,
    console,
    err_console,
    print_errors,
    setup_django,
)

SKIPPED_SHOWN = 20  # skipped rows listed in the table output; --output json has them all
NEW_CUSTOMERS_SHOWN = 50


def register(subparsers) -> None:
    parser = subparsers.add_parser(
        "import",
        help="import portfolio folders and exports of other tools into the database",
        description="Imports portfolio folders (see docs/data-format.md) and files exported "
        "by other tools: Toggl, Clockify, Kimai, Harvest and solidtime time entries, invoice "
        "lists (lexoffice, sevDesk, Invoice Ninja), e-invoices, bank statements, contacts, "
        "calendars and mail. A file with errors imports nothing.",
    )
    parser.add_argument("paths", nargs="+", type=Path, metavar="PATH")
    parser.add_argument(
        "--format",
        default="auto",
        metavar="FORMAT",
        help="the files' format: auto (default: recognised from the content), toggl, clockify, "
        "kimai, harvest, solidtime, invoice_list, einvoice, camt053, mt940, vcard, ical, mail",
    )
    parser.add_argument(
        "--customer-map",
        type=Path,
        metavar="FILE",
        help="CSV with the columns source_name, customer_id (and optionally customer_name) "
        "that says which customer a name, e-mail address or domain of the files is",
    )
    parser.add_argument("--dry-run", action="store_true", help="report, but write nothing")
    parser.add_argument(
        "--skip-invalid",
        action="store_true",
        help="import the valid rows and write the rejected ones with their reasons to "
        "<file>.rejected.csv next to each file (or into --rejected-dir)",
    )
    parser.add_argument(
        "--rejected-dir", type=Path, metavar="DIR", help="where --skip-invalid writes its files"
    )
    parser.add_argument(
        "--mapping",
        metavar="NAME|FILE.json",
        help="column mapping for invoice lists: a saved one's name, or a JSON file "
        '{"number": "Beleg-Nr.", "net": "Netto", …}',
    )
    parser.add_argument(
        "--save-mapping",
        metavar="NAME",
        help="keep the invoice-list column mapping used (given or found) under this name",
    )
    parser.add_argument(
        "--output",
        choices=["auto", "json", "table"],
        default="auto",
        help="how to print the report",
    )
    parser.add_argument(
        "--lang",
        choices=["de", "en"],
        default="de",
        help="the language of the report and its messages (the JSON report is the same)",
    )
    parser.set_defaults(handler=run_import)

    parser = subparsers.add_parser("export", help="write the database as a portfolio folder")
    parser.add_argument("path", type=Path, metavar="DIR")
    parser.set_defaults(handler=run_export)


def run_import(args: argparse.Namespace) -> int:
    missing = [path for path in args.paths if not path.exists()]
    if missing:
        raise CommandError(
            f"{missing[0]}: does not exist (not a folder and not a file)", EXIT_BAD_INPUT
        )
    setup_django()
    from django.utils import translation

    from kundenwert.lib.import_lock import one_import_at_a_time
    from kundenwert.web.importing import jobs_dir

    folders = [path for path in args.paths if _is_portfolio_folder(path)]
    files = [file for path in args.paths if path not in folders for file in _files_of(path)]
    status = EXIT_OK
    # The web app's import jobs take the same lock.
    with translation.override(args.lang), one_import_at_a_time(jobs_dir(), _say_waiting):
        for folder in folders:
            status = max(status, _import_folder(folder, args))
        if files:
            status = max(status, _import_files(files, args))
    return status


def _(text: str) -> str:
    """gettext, imported when used: the command line starts without Django."""
    from django.utils.translation import gettext

    return gettext(text)


def _say_waiting() -> None:
    err_console.print(_("Another import is running; this one waits for it to end."))


def _is_portfolio_folder(path: Path) -> bool:
    """A folder with a file of the portfolio format, or with no files at all (which the
    folder import reports as empty); not a solidtime export, whose time_entries.csv is not
    ours."""
    from kundenwert.importers import solidtime
    from kundenwert.portfolio.schema import TABLES

    if not path.is_dir():
        return False
    names = [child.name for child in path.iterdir() if child.is_file()]
    if solidtime.sniff(path.name + "/", "\n".join(names).encode()):
        return False
    return not names or any(table.filename in names for table in TABLES)


def _files_of(path: Path) -> list[Path]:
    """A file, a solidtime export folder as one, or the files of any other folder."""
    from kundenwert.importers import solidtime

    if not path.is_dir():
        return [path]
    names = "\n".join(child.name for child in path.iterdir()).encode()
    if solidtime.sniff(path.name + "/", names):
        return [path]
    return sorted(child for child in path.iterdir() if child.is_file())


def _import_folder(path: Path, args: argparse.Namespace) -> int:
    from kundenwert.exchange.services import do_import_folder
    from kundenwert.portfolio.errors import PortfolioInvalid

    try:
        with _progress_bar() as progress:
            report = do_import_folder(path, dry_run=args.dry_run, progress=progress)
    except PortfolioInvalid as exc:
        _print_errors(str(path), exc)
        return EXIT_BAD_INPUT
    _print_folder_report(report, args.output)
    return EXIT_OK


def _import_files(paths: list[Path], args: argparse.Namespace) -> int:
    from kundenwert.importers.services import ImportInvalid, do_import_files

    try:
        mapping = _mapping(args.mapping)
        with _progress_bar(paths) as progress:
            report = do_import_files(
                paths,
                format=args.format,
                customer_map=args.customer_map,
                dry_run=args.dry_run,
                skip_invalid=args.skip_invalid,
                progress=progress,
                rejected_dir=args.rejected_dir,
                mapping=mapping,
            )
        if args.save_mapping and not args.dry_run:
            _save_mapping(args.save_mapping, mapping, paths)
    except ImportInvalid as exc:
        _print_errors(str(paths[0]) if len(paths) == 1 else f"{len(paths)} files", exc)
        return EXIT_BAD_INPUT
    _print_files_report(report, args.output)
    return EXIT_OK


def _mapping(value: str | None) -> dict[str, str] | str | None:
    """A mapping from a JSON file, or the name of a saved one."""
    if value is None or not value.lower().endswith(".json"):
        return value
    try:
        mapping = json.loads(Path(value).read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        message = f"{value}: not a readable JSON mapping ({error})"
        raise CommandError(message, EXIT_BAD_INPUT) from None
    if not isinstance(mapping, dict):
        raise CommandError(f"{value}: expected an object {{field: column name}}", EXIT_BAD_INPUT)
    return mapping


def _save_mapping(name: str, mapping: dict[str, str] | str | None, paths: list[Path]) -> None:
    from kundenwert.importers import csv_tools, invoice_list
    from kundenwert.importers.services import do_save_column_mapping

    if not isinstance(mapping, dict):
        lists = [p for p in paths if p.is_file() and invoice_list.sniff("", csv_tools.read_head(p))]
        if not lists:
            raise CommandError("--save-mapping: no invoice list among the files", EXIT_BAD_INPUT)
        mapping = invoice_list.find_mapping(csv_tools.header_of(csv_tools.read_head(lists[0])))
    do_save_column_mapping(name, mapping)
    console.print(f"Saved the column mapping '{name}'.")


class _progress_bar:
    """A progress bar that appears only for imports big enough to wait for: one line per
    stage (see `kundenwert.importers.services`), and one per large file being read."""

    def __init__(self, paths: list[Path] | None = None) -> None:
        self.names = [Path(p).name for p in paths or []]
        self.current = ""

    def __enter__(self):
        self.bar = Progress(
            TextColumn("{task.description}"),
            BarColumn(),
            MofNCompleteColumn(),
            console=err_console,
            transient=True,
        )
        self.tasks: dict[str, int] = {}
        self.bar.start()
        return self

    def __call__(self, table: str, done: int, total: int) -> None:
        if table == "reading files" and done < len(self.names):
            self.current = self.names[done]
        if table == "reading rows":
            # The lines of the file being read (reported from its 10,000th row on).
            table = f"reading {self.current or 'rows'}"
            if total and total < 20_000:
                return
        elif total < 20_000 and table != "reading files":
            # Reading a large file takes a while before there is anything to count: the
            # file count shows that something happens.
            return
        if table not in self.tasks:
            self.tasks[table] = self.bar.add_task(table, total=total or None)
        self.bar.update(self.tasks[table], completed=done, total=total or None)

    def __exit__(self, *exc_info) -> None:
        self.bar.stop()


def _print_errors(what: str, exc) -> None:
    from kundenwert.importers.messages import problem

    heading = _("%(what)s: nothing was imported") % {"what": what}
    found = _("{heading}, {total} error(s) found:")
    print_errors(heading, exc, problem, (found, _("… and {count} more")))


def _print_folder_report(report, output: str) -> None:
    if output == "json":
        console.print_json(json.dumps(report.as_json()))
        return
    _print_warnings(report.warnings)
    imported = _("Imported %(what)s") % {"what": report.source}
    table = Table(title=_dry_run() if report.dry_run else imported, title_justify="left")
    _add_count_columns(table, _("table"), _COUNTS[:3])
    for name, counts in report.tables.items():
        table.add_row(name, str(counts.added), str(counts.changed), str(counts.unchanged))
    console.print(table)
    _print_changes(report.changes)


# The counts of the report's table: the import page's labels (in the catalogue through its
# templates), translated when shown.
_COUNTS = ("added", "changed", "unchanged", "skipped")


def _add_count_columns(table: Table, first: str, counts: tuple[str, ...]) -> None:
    table.add_column(first)
    for heading in counts:
        table.add_column(_(heading), justify="right")


def _dry_run() -> str:
    return _("Dry run: nothing was written")


def _print_changes(changes: int) -> None:
    console.print(_("{count} change(s).").format(count=changes), markup=False)


def _print_warnings(warnings: list[str]) -> None:
    from kundenwert.importers.messages import warning_line

    for warning in warnings:
        label = _("Warning:")
        err_console.print(f"[yellow]{escape(label)}[/yellow] {escape(warning_line(warning))}")


def _print_files_report(report, output: str) -> None:
    if output == "json":
        console.print_json(json.dumps(report.as_json()))
        return
    from kundenwert.importers.messages import problem

    _print_warnings(report.warnings)
    files = ", ".join(f"{f.file} ({f.format})" for f in report.files)
    imported = _("Imported %(what)s") % {"what": files}
    table = Table(title=_dry_run() if report.dry_run else imported, title_justify="left")
    _add_count_columns(table, _("records"), _COUNTS)
    for name, kind in report.kinds.items():
        if kind.added or kind.changed or kind.unchanged or kind.skipped:
            counts = (kind.added, kind.changed, kind.unchanged, len(kind.skipped))
            table.add_row(name, *map(str, counts))
    console.print(table)
    _print_own_addresses(report)
    _print_new_customers(report)
    _print_skipped(report)
    for error in report.rejected:
        console.print(_("Rejected: %(error)s") % {"error": problem(error)}, markup=False)
    for path in report.rejected_files:
        message = _("The rejected rows and their reasons are in %(path)s") % {"path": path}
        console.print(message, markup=False)
    _print_changes(report.changes)


def _print_own_addresses(report) -> None:
    """For mail and calendars: which addresses counted as the owner's (the setting)."""
    if not any(f.format in ("mail", "ical") for f in report.files):
        return
    from kundenwert.workspace.services import get_settings

    own = get_settings().own_addresses
    if own:
        addresses = _("Your own e-mail addresses and domains: %(own)s") % {"own": ", ".join(own)}
        console.print(addresses, markup=False)
    else:
        console.print(
            _(
                "Your own e-mail addresses are not set: set them on the settings page of the "
                "web app (Settings), so that sent mail and your meetings are told apart."
            ),
            markup=False,
        )


def _print_new_customers(report) -> None:
    if not report.new_customers:
        return
    table = Table(title=_("New customers"), title_justify="left")
    table.add_column("id")
    table.add_column(_("name"))
    for customer in report.new_customers[:NEW_CUSTOMERS_SHOWN]:
        table.add_row(customer.number, customer.name)
    console.print(table)
    if len(report.new_customers) > NEW_CUSTOMERS_SHOWN:
        more = len(report.new_customers) - NEW_CUSTOMERS_SHOWN
        text = _("… and {count} more new customers (--output json lists all)")
        console.print("  " + text.format(count=more), markup=False)


def _print_skipped(report) -> None:
    skipped = report.skipped
    if not skipped:
        return
    from kundenwert.importers.messages import as_dict, skipped_line

    console.print(_("Skipped {count} record(s):").format(count=len(skipped)), markup=False)
    for row in skipped[:SKIPPED_SHOWN]:
        console.print(f"  {skipped_line(as_dict(row))}", markup=False)
    if len(skipped) > SKIPPED_SHOWN:
        more = _("… and {count} more (--output json lists all)")
        console.print("  " + more.format(count=len(skipped) - SKIPPED_SHOWN), markup=False)


def run_export(args: argparse.Namespace) -> int:
    setup_django()
    from kundenwert.exchange.services import do_export_folder

    if args.path.exists() and not args.path.is_dir():
        raise CommandError(f"{args.path}: exists and is not a folder")
    written = do_export_folder(args.path)
    console.print(f"Wrote {len(written)} files to {args.path}")
    return EXIT_OK
