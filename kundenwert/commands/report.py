"""`kundenwert report`: the annual report as PDF or HTML; `kundenwert export-list`: a list of
the web app (customers, interactions, invoices, follow-ups) as XLSX, CSV or German CSV.

    kundenwert report --year 2026 --format pdf --lang de -o bericht-2026.pdf
    kundenwert export-list invoices --format csv-de --encoding cp1252 --from 2026-01-01 -o re.csv

Both read the database with the stored settings, as the web app's downloads do.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from kundenwert.commands.base import EXIT_BAD_INPUT, CommandError, err_console, iso_date

LISTS = ("customers", "interactions", "invoices", "followups")
SHOWN_REPLACEMENTS = 5


def register(subparsers) -> None:
    report = subparsers.add_parser(
        "report", help="the annual customer report (Kundenbestandsanalyse) as PDF or HTML"
    )
    report.add_argument("--year", type=int, help="the calendar year (default: this year)")
    report.add_argument("--format", choices=["pdf", "html"], default="pdf")
    report.add_argument("--lang", choices=["de", "en"], default="de")
    report.add_argument("-o", "--output", type=Path, metavar="FILE", help="where to write it")
    report.set_defaults(handler=run_report)

    export = subparsers.add_parser(
        "export-list", help="a list (customers, interactions, invoices, follow-ups) as a file"
    )
    export.add_argument("list", choices=LISTS)
    export.add_argument("--format", choices=["xlsx", "csv", "csv-de"], default="xlsx")
    export.add_argument(
        "--encoding",
        choices=["utf-8", "cp1252"],
        default="utf-8",
        help="for csv-de: cp1252 (Windows-1252) replaces characters it cannot hold",
    )
    export.add_argument("--lang", choices=["de", "en"], default="de")
    export.add_argument(
        "--as-of", type=iso_date, metavar="YYYY-MM-DD", help="customers, followups: the day"
    )
    export.add_argument("--customer", metavar="NUMBER", help="interactions, invoices: one customer")
    chosen = export.add_argument_group("customers: which, in which order (as the web list)")
    chosen.add_argument("--group", choices=["A", "B", "C", "none"], help="none: no group")
    chosen.add_argument("--status", choices=["lead", "active", "ended"])
    chosen.add_argument("--reason", metavar="CODE", help="a reason code, e.g. late_payer")
    chosen.add_argument("--exit-candidates", action="store_true", help="only exit candidates")
    chosen.add_argument("--search", metavar="TEXT", help="in the name, or the customer number")
    chosen.add_argument(
        "--sort",
        metavar="KEY",
        help="name, group, revenue, hours, margin or rate; --sort=-KEY reverses",
    )
    export.add_argument("--from", dest="start", type=iso_date, metavar="DATE")
    export.add_argument("--to", dest="end", type=iso_date, metavar="DATE")
    export.add_argument("-o", "--output", type=Path, metavar="FILE", help="where to write it")
    export.set_defaults(handler=run_export_list)


def run_report(args: argparse.Namespace) -> int:
    from kundenwert.commands.base import setup_django

    setup_django()
    from django.utils import timezone

    from kundenwert.reports.annual import ReportError, build_annual_report
    from kundenwert.reports.document import render_html, render_pdf

    year = args.year or timezone.localdate().year
    try:
        report = build_annual_report(year, args.lang)
    except ReportError as exc:
        raise CommandError(str(exc), EXIT_BAD_INPUT) from None
    content = render_pdf(report) if args.format == "pdf" else render_html(report).encode()
    output = args.output or Path(f"kundenwert-report-{year}-{args.lang}.{args.format}")
    _write(output, content)
    return 0


def run_export_list(args: argparse.Namespace) -> int:
    from kundenwert.commands.base import setup_django

    setup_django()
    from django.utils import translation

    from kundenwert.reports.formats import render

    if args.encoding != "utf-8" and args.format != "csv-de":
        raise CommandError("--encoding is for --format csv-de only.", EXIT_BAD_INPUT)
    with translation.override(args.lang):
        table = _table(args)
        rendered = render(table, args.format, args.lang, args.encoding)
    _write(args.output or Path(rendered.filename), rendered.content)
    _warn_about(rendered.replacements)
    return 0


def _table(args: argparse.Namespace):
    from django.utils import timezone

    from kundenwert.analysis import AnalysisError
    from kundenwert.reports import lists

    today = timezone.localdate()
    try:
        if args.list == "customers":
            return lists.customers_table(_analysis(args.as_of or today), _list_query(args))
        if given := _customer_options(args):
            raise CommandError(f"--{given[0]} is for the customers list only.", EXIT_BAD_INPUT)
        if args.list == "followups":
            return _followups(args.as_of or today)
    except AnalysisError as exc:
        raise CommandError(exc.text(args.lang), EXIT_BAD_INPUT) from None
    found = _list_filter(args)
    if args.list == "interactions":
        return lists.interactions_table(found, today)
    return lists.invoices_table(found, today)


CUSTOMER_OPTIONS = ("group", "status", "reason", "exit_candidates", "search", "sort")


def _customer_options(args: argparse.Namespace) -> list[str]:
    """The customer list's options given, as written on the command line."""
    return [name.replace("_", "-") for name in CUSTOMER_OPTIONS if getattr(args, name)]


def _list_query(args: argparse.Namespace):
    """The web list's query from the options; a reason or sort it does not know exits 2."""
    from kundenwert.analysis.criteria import REASON_CODES
    from kundenwert.customers.listing import SORTS, ListQuery

    if args.reason and args.reason not in REASON_CODES:
        known = ", ".join(REASON_CODES)
        message = f"--reason {args.reason}: not a reason code; known: {known}"
        raise CommandError(message, EXIT_BAD_INPUT)
    if args.sort and args.sort.removeprefix("-") not in SORTS:
        raise CommandError(f"--sort {args.sort}: use one of {', '.join(SORTS)}", EXIT_BAD_INPUT)
    return ListQuery(
        text=args.search or "",
        group=args.group or "",
        status=args.status or "",
        reason=args.reason or "",
        exit_only=args.exit_candidates,
        sort=args.sort or "revenue",
    )


def _analysis(as_of):
    from kundenwert.analysis import Period, analyze
    from kundenwert.exchange.loader import load_for_analysis
    from kundenwert.workspace.services import analysis_settings

    settings = analysis_settings()
    period = Period.ending(as_of, settings.period_days)
    return analyze(load_for_analysis(period), settings, as_of, period)


def _followups(as_of):
    from kundenwert.planning.data import open_followups_on
    from kundenwert.reports import lists

    return lists.followups_table(open_followups_on(as_of), as_of, money=True)


def _list_filter(args: argparse.Namespace):
    from kundenwert.customers.models import Customer
    from kundenwert.reports.querysets import ListFilter

    if args.start and args.end and args.start > args.end:
        raise CommandError("--from is after --to.", EXIT_BAD_INPUT)
    customer = None
    if args.customer:
        customer = Customer.objects.filter(number=args.customer).values_list("pk", flat=True)
        customer = customer.first()
        if customer is None:
            raise CommandError(f"No customer with the number {args.customer!r}.", EXIT_BAD_INPUT)
    return ListFilter(customer, args.start, args.end)


def _write(output: Path, content: bytes) -> None:
    try:
        output.write_bytes(content)
    except OSError as exc:
        raise CommandError(f"{output}: cannot be written ({exc.strerror})") from None
    err_console.print(f"Written: {output} ({len(content):,} bytes)", markup=False)


def _warn_about(replacements) -> None:
    if not replacements:
        return
    err_console.print(
        f"[yellow]{len(replacements)} character(s) do not exist in Windows-1252 and were "
        "replaced; use --encoding utf-8 to keep them:[/yellow]"
    )
    for found in replacements[:SHOWN_REPLACEMENTS]:
        err_console.print(
            f"  line {found.row}, column {found.column}: {found.character!r}", markup=False
        )
    if len(replacements) > SHOWN_REPLACEMENTS:
        err_console.print(f"  … and {len(replacements) - SHOWN_REPLACEMENTS} more")
