"""`kundenwert analyze`: the customer base analysis (method.md, section 2).

With `--data DIR` it reads a portfolio folder and needs no database; without, it analyses
the database. Settings come from the defaults, then the folder's settings.toml or the
settings stored in the database, then `--config FILE`, each overriding the one before.
"""

from __future__ import annotations

import argparse
import os
import sys
from datetime import date
from pathlib import Path

from kundenwert.commands.base import (
    EXIT_BAD_INPUT,
    CommandError,
    console,
    err_console,
    gettext_noop,
    iso_date,
    print_translated_errors,
    today_in,
    translated,
)

# What it says, in the language of --lang (see `translated`).
FROM_AND_TO = gettext_noop("--from and --to go together.")
SAVE_WITH_DATA = gettext_noop(
    "--save keeps the history in the database; it does not go with --data."
)
NOT_A_FOLDER = gettext_noop("%(path)s: not a folder")
NO_ANALYSIS = gettext_noop("%(what)s: no analysis")


def register(subparsers) -> None:
    parser = subparsers.add_parser(
        "analyze", help="sort customers into A, B and C, with the reasons and their figures"
    )
    parser.add_argument(
        "--data",
        type=Path,
        metavar="DIR",
        help="analyse a portfolio folder instead of the database",
    )
    parser.add_argument(
        "--as-of",
        type=iso_date,
        metavar="YYYY-MM-DD",
        help="the day the analysis looks from (default: today)",
    )
    period = parser.add_mutually_exclusive_group()
    period.add_argument("--year", type=int, help="a calendar year instead of the last 365 days")
    period.add_argument(
        "--from",
        dest="start",
        type=iso_date,
        metavar="DATE",
        help="the first day of the period (with --to)",
    )
    parser.add_argument(
        "--to",
        dest="end",
        type=iso_date,
        metavar="DATE",
        help="the last day of the period (with --from)",
    )
    parser.add_argument("--format", choices=["table", "json", "csv"], default="table")
    parser.add_argument(
        "--config",
        type=Path,
        metavar="FILE",
        help="a settings.toml whose [analysis] values override the others",
    )
    parser.add_argument("--lang", choices=["de", "en"], default="de")
    parser.add_argument(
        "--no-cache",
        dest="cache",
        action="store_false",
        help="with --data: read every file afresh and keep nothing for the next run",
    )
    parser.add_argument(
        "--save",
        action="store_true",
        help="keep each customer's group and reasons in the group history",
    )
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    from kundenwert.analysis import AnalysisError, analyze
    from kundenwert.analysis.settings import SettingsError
    from kundenwert.portfolio.errors import PortfolioInvalid

    if (args.start is None) != (args.end is None):
        raise CommandError(translated(args.lang, FROM_AND_TO), EXIT_BAD_INPUT)
    if args.save and args.data:
        raise CommandError(translated(args.lang, SAVE_WITH_DATA), EXIT_BAD_INPUT)
    try:
        portfolio, settings, as_of, period = _load(args)
        result = analyze(portfolio, settings, as_of, period)
    except PortfolioInvalid as exc:
        print_translated_errors(
            translated(args.lang, NO_ANALYSIS, {"what": args.data}), exc, args.lang
        )
        return EXIT_BAD_INPUT
    except (AnalysisError, SettingsError) as exc:
        raise CommandError(exc.text(args.lang), EXIT_BAD_INPUT) from None
    _print(result, args)
    if args.save:
        _save(result)
    return 0


def _load(args: argparse.Namespace):
    """(portfolio, settings, as-of date, period) from the folder or the database."""
    if args.data:
        from kundenwert.analysis.settings import AnalysisSettings, load_toml
        from kundenwert.portfolio.cache import FrameCache
        from kundenwert.portfolio.reader import read_folder

        if not args.data.is_dir():
            message = translated(args.lang, NOT_A_FOLDER, {"path": args.data})
            raise CommandError(message, EXIT_BAD_INPUT)
        zone = os.environ.get("KUNDENWERT_TIME_ZONE", "Europe/Berlin")
        cache = FrameCache.default() if args.cache else None
        portfolio = read_folder(args.data, time_zone=zone, free_text=False, cache=cache)
        folder_toml = args.data / "settings.toml"
        settings = load_toml(folder_toml) if folder_toml.exists() else AnalysisSettings()
        settings = _with_config(settings, args)
        as_of = args.as_of or today_in(zone)
        return portfolio, settings, as_of, _period(args, as_of, settings)

    from kundenwert.commands.base import setup_django

    setup_django()
    from django.utils import timezone

    from kundenwert.exchange.loader import load_for_analysis
    from kundenwert.workspace.services import analysis_settings

    settings = _with_config(analysis_settings(), args)
    as_of = args.as_of or timezone.localdate()
    period = _period(args, as_of, settings)
    # Only the period's records, time entries summed by the database: the same result as
    # the whole database, in a fraction of the time (see the loader).
    return load_for_analysis(period), settings, as_of, period


def _with_config(settings, args: argparse.Namespace):
    from kundenwert.analysis.settings import load_toml

    return load_toml(args.config, base=settings) if args.config else settings


def _period(args: argparse.Namespace, as_of: date, settings):
    """--year, --from/--to, or the settings' number of days ending on the as-of date."""
    from kundenwert.analysis import Period

    if args.year:
        return Period.year(args.year)
    if args.start:
        return Period(args.start, args.end)
    return Period.ending(as_of, settings.period_days)


def _print(result, args: argparse.Namespace) -> None:
    if args.format == "json":
        from kundenwert.analysis.machine import write_json

        sys.stdout.flush()
        write_json(result, sys.stdout.buffer)
        sys.stdout.buffer.write(b"\n")
    elif args.format == "csv":
        from kundenwert.analysis.machine import render_csv

        sys.stdout.write(render_csv(result, args.lang))
    else:
        from kundenwert.analysis.output import render_table

        render_table(result, args.lang, console.rich)


def _save(result) -> None:
    from kundenwert.customers.services import do_save_group_history

    saved = do_save_group_history(result)
    err_console.print(f"Saved the groups of {saved} customers to the group history.")
