"""`kundenwert import` and `kundenwert export`: the portfolio folder in and out."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn
from rich.table import Table

from kundenwert.commands.base import (
    EXIT_BAD_INPUT,
    EXIT_OK,
    CommandError,
    console,
    err_console,
    setup_django,
)


def register(subparsers) -> None:
    parser = subparsers.add_parser("import", help="import a portfolio folder into the database")
    parser.add_argument("paths", nargs="+", type=Path, metavar="PATH")
    parser.add_argument("--dry-run", action="store_true", help="report, but write nothing")
    parser.add_argument(
        "--format",
        choices=["auto", "json", "table"],
        default="auto",
        dest="output",
        help="how to print the report",
    )
    parser.set_defaults(handler=run_import)

    parser = subparsers.add_parser("export", help="write the database as a portfolio folder")
    parser.add_argument("path", type=Path, metavar="DIR")
    parser.set_defaults(handler=run_export)


def run_import(args: argparse.Namespace) -> int:
    setup_django()
    from kundenwert.exchange.services import do_import_folder
    from kundenwert.portfolio.errors import PortfolioInvalid

    status = EXIT_OK
    for path in args.paths:
        if not path.is_dir():
            raise CommandError(
                f"{path}: not a folder (a portfolio folder of CSV files is expected)",
                EXIT_BAD_INPUT,
            )
        try:
            with _progress_bar() as progress:
                report = do_import_folder(path, dry_run=args.dry_run, progress=progress)
        except PortfolioInvalid as exc:
            _print_errors(path, exc)
            status = EXIT_BAD_INPUT
            continue
        _print_report(report, args.output)
    return status


class _progress_bar:
    """A progress bar that appears only for imports big enough to wait for."""

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
        if total < 20_000:
            return
        if table not in self.tasks:
            self.tasks[table] = self.bar.add_task(table, total=total)
        self.bar.update(self.tasks[table], completed=done)

    def __exit__(self, *exc_info) -> None:
        self.bar.stop()


def _print_errors(path: Path, exc) -> None:
    err_console.print(f"[red]{path}: nothing was imported, {exc.total} error(s) found:[/red]")
    for error in exc.errors:
        err_console.print(f"  {error}", markup=False)
    if exc.total > len(exc.errors):
        err_console.print(f"  … and {exc.total - len(exc.errors)} more")


def _print_report(report, output: str) -> None:
    if output == "json":
        console.print_json(json.dumps(report.as_json()))
        return
    for warning in report.warnings:
        err_console.print(f"[yellow]Warning:[/yellow] {warning}", markup=True)
    title = "Dry run: nothing was written" if report.dry_run else f"Imported {report.source}"
    table = Table(title=title, title_justify="left")
    for heading in ("table", "added", "changed", "unchanged"):
        table.add_column(heading, justify="left" if heading == "table" else "right")
    for name, counts in report.tables.items():
        table.add_row(name, str(counts.added), str(counts.changed), str(counts.unchanged))
    console.print(table)
    console.print(f"{report.changes} change(s).")


def run_export(args: argparse.Namespace) -> int:
    setup_django()
    from kundenwert.exchange.services import do_export_folder

    if args.path.exists() and not args.path.is_dir():
        raise CommandError(f"{args.path}: exists and is not a folder")
    written = do_export_folder(args.path)
    console.print(f"Wrote {len(written)} files to {args.path}")
    return EXIT_OK
