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

from kundenwert.commands.base import (
    EXIT_BAD_INPUT,
    EXIT_OK,
    CommandError,
    console,
    setup_django,
)


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
    parser.add_argument(
        "--lang", choices=["de", "en"], default="de", help="the language of what it says"
    )
    parser.set_defaults(handler=run_export)


def run_import(args: argparse.Namespace) -> int:
    setup_django(migrate=False)  # for the translations; a missing path migrates nothing
    from django.utils import translation

    with translation.override(args.lang):
        return _run_import(args)


def _run_import(args: argparse.Namespace) -> int:
    from django.utils.translation import gettext as _

    from kundenwert.commands.import_report import say_waiting
    from kundenwert.lib.import_lock import one_import_at_a_time
    from kundenwert.web.paths import import_jobs_dir

    missing = [path for path in args.paths if not path.exists()]
    if missing:
        message = _("%(path)s: does not exist (not a folder and not a file)")
        raise CommandError(message % {"path": missing[0]}, EXIT_BAD_INPUT)
    setup_django()
    folders = [path for path in args.paths if _is_portfolio_folder(path)]
    files = [file for path in args.paths if path not in folders for file in _files_of(path)]
    status = EXIT_OK
    # The web app's import jobs take the same lock.
    with one_import_at_a_time(import_jobs_dir(), say_waiting):
        for folder in folders:
            status = max(status, _import_folder(folder, args))
        if files:
            status = max(status, _import_files(files, args))
    return status


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
    from kundenwert.commands.import_report import (
        print_folder_report,
        print_import_errors,
        progress_bar,
    )
    from kundenwert.exchange.services import do_import_folder
    from kundenwert.portfolio.errors import PortfolioInvalid

    try:
        with progress_bar() as progress:
            report = do_import_folder(path, dry_run=args.dry_run, progress=progress)
    except PortfolioInvalid as exc:
        print_import_errors(str(path), exc)
        return EXIT_BAD_INPUT
    print_folder_report(report, args.output)
    return EXIT_OK


def _import_files(paths: list[Path], args: argparse.Namespace) -> int:
    from kundenwert.commands.import_report import (
        print_files_report,
        print_import_errors,
        progress_bar,
    )
    from kundenwert.importers.services import ImportInvalid, do_import_files

    try:
        mapping = _mapping(args.mapping)
        with progress_bar(paths) as progress:
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
        print_import_errors(str(paths[0]) if len(paths) == 1 else f"{len(paths)} files", exc)
        return EXIT_BAD_INPUT
    print_files_report(report, args.output)
    return EXIT_OK


def _mapping(value: str | None) -> dict[str, str] | str | None:
    """A mapping from a JSON file, or the name of a saved one."""
    from django.utils.translation import gettext as _

    if value is None or not value.lower().endswith(".json"):
        return value
    try:
        mapping = json.loads(Path(value).read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        message = _("%(file)s: not a readable JSON mapping (%(error)s)")
        raise CommandError(message % {"file": value, "error": error}, EXIT_BAD_INPUT) from None
    if not isinstance(mapping, dict):
        message = _("%(file)s: expected an object {field: column name}")
        raise CommandError(message % {"file": value}, EXIT_BAD_INPUT)
    return mapping


def _save_mapping(name: str, mapping: dict[str, str] | str | None, paths: list[Path]) -> None:
    from django.utils.translation import gettext as _

    from kundenwert.importers import csv_tools, invoice_list
    from kundenwert.importers.services import do_save_column_mapping

    if not isinstance(mapping, dict):
        lists = [p for p in paths if p.is_file() and invoice_list.sniff("", csv_tools.read_head(p))]
        if not lists:
            message = _("--save-mapping: no invoice list among the files")
            raise CommandError(message, EXIT_BAD_INPUT)
        mapping = invoice_list.find_mapping(csv_tools.header_of(csv_tools.read_head(lists[0])))
    do_save_column_mapping(name, mapping)
    console.print(_("Saved the column mapping '%(name)s'.") % {"name": name}, markup=False)


def run_export(args: argparse.Namespace) -> int:
    setup_django()
    from django.utils import translation
    from django.utils.translation import gettext as _
    from django.utils.translation import ngettext

    from kundenwert.exchange.services import do_export_folder

    with translation.override(args.lang):
        if args.path.exists() and not args.path.is_dir():
            raise CommandError(_("%(path)s: exists and is not a folder") % {"path": args.path})
        written = do_export_folder(args.path)
        message = ngettext(
            "Wrote %(count)d file to %(path)s", "Wrote %(count)d files to %(path)s", len(written)
        )
        console.print(message % {"count": len(written), "path": args.path}, markup=False)
    return EXIT_OK
