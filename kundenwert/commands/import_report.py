"""What `kundenwert import` prints: its progress bar, its report and its errors, in the
user's language (`--lang`, through Django's translations).

Kept apart from `kundenwert.commands.exchange`, which every start of the command line
imports to build its arguments, so that rich's tables and progress bars are imported only
by an import.
"""

from __future__ import annotations

import json
from pathlib import Path

from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn
from rich.table import Table

from kundenwert.commands.base import console, err_console, print_translated_errors

SKIPPED_SHOWN = 20  # skipped rows listed in the table output; --output json has them all
NEW_CUSTOMERS_SHOWN = 50


def _(text: str) -> str:
    """gettext, imported when used: the command line starts without Django."""
    from django.utils.translation import gettext

    return gettext(text)


def say_waiting() -> None:
    err_console.print(_("Another import is running; this one waits for it to end."))


class progress_bar:
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
            console=err_console.rich,
            transient=True,
        )
        self.tasks: dict[str, int] = {}
        self.bar.start()
        return self

    def __call__(self, stage: str, done: int, total: int) -> None:
        if stage == "reading files" and done < len(self.names):
            self.current = self.names[done]
        if stage == "reading rows":
            # The lines of the file being read (reported from its 10,000th row on).
            if total and total < 20_000:
                return
        elif total < 20_000 and stage != "reading files":
            # Reading a large file takes a while before there is anything to count: the
            # file count shows that something happens.
            return
        label = self._label(stage)
        if label not in self.tasks:
            self.tasks[label] = self.bar.add_task(label, total=total or None)
        self.bar.update(self.tasks[label], completed=done, total=total or None)

    def _label(self, stage: str) -> str:
        from kundenwert.importers.messages import TABLE_LABELS

        if stage == "reading files":
            return _("Reading the files")
        if stage == "reading rows":
            if not self.current:
                return _("Reading the rows")
            return _("Reading %(file)s") % {"file": self.current}
        return str(TABLE_LABELS.get(stage, stage))

    def __exit__(self, *exc_info) -> None:
        self.bar.stop()


def print_import_errors(what: str, exc) -> None:
    from django.utils.translation import get_language

    heading = _("%(what)s: nothing was imported") % {"what": what}
    print_translated_errors(heading, exc, get_language())


def print_folder_report(report, output: str) -> None:
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


def print_files_report(report, output: str) -> None:
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
