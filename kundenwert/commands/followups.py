"""`kundenwert followups`: the follow-ups due by a date (method.md section 4).

With `--data DIR` it works on a portfolio folder without a database: no done, snoozed or
dismissed states then, and no birthdays (the folder has no contacts); the analysis
settings come from the folder's settings.toml `[analysis]`, the follow-up settings from
its `[followups]`. Without, it works on the database with the stored settings and states.

`--format json` prints `{"as_of", "followups": [{"due", "kind", "customer_id",
"customer", "ref", "reason"}]}`, sorted by due date, then kind, customer id and ref.
"""

from __future__ import annotations

import argparse
import os
import sys
import tomllib
from pathlib import Path

from kundenwert.commands.base import (
    EXIT_BAD_INPUT,
    CommandError,
    console,
    gettext_noop,
    iso_date,
    print_translated_errors,
    today_in,
    translated,
)

NO_FOLLOWUPS = gettext_noop("%(what)s: no follow-ups")


def register(subparsers) -> None:
    parser = subparsers.add_parser(
        "followups", help="the follow-ups due by a date: offers, deliveries, contacts, thanks"
    )
    parser.add_argument(
        "--as-of",
        type=iso_date,
        metavar="YYYY-MM-DD",
        help="list what is due on or before this day (default: today)",
    )
    parser.add_argument("--format", choices=["table", "json"], default="table")
    parser.add_argument("--lang", choices=["de", "en"], default="de")
    parser.add_argument(
        "--data", type=Path, metavar="DIR", help="a portfolio folder instead of the database"
    )
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    from kundenwert.analysis import AnalysisError
    from kundenwert.analysis.settings import SettingsError
    from kundenwert.followups import FollowupSettingsError
    from kundenwert.portfolio.errors import PortfolioInvalid

    try:
        as_of, items = _from_folder(args) if args.data else _from_database(args)
    except PortfolioInvalid as exc:
        heading = translated(args.lang, NO_FOLLOWUPS, {"what": args.data})
        print_translated_errors(heading, exc, args.lang)
        return EXIT_BAD_INPUT
    except (AnalysisError, SettingsError) as exc:
        raise CommandError(exc.text(args.lang), EXIT_BAD_INPUT) from None
    except FollowupSettingsError as exc:
        raise CommandError(str(exc), EXIT_BAD_INPUT) from None
    _print(as_of, items, args)
    return 0


def _from_folder(args: argparse.Namespace):
    from kundenwert.analysis.settings import AnalysisSettings, load_toml
    from kundenwert.followups import input_from_portfolio, open_followups
    from kundenwert.portfolio.reader import read_folder

    if not args.data.is_dir():
        raise CommandError(f"{args.data}: not a folder", EXIT_BAD_INPUT)
    zone = os.environ.get("KUNDENWERT_TIME_ZONE", "Europe/Berlin")
    as_of = args.as_of or today_in(zone)
    toml = args.data / "settings.toml"
    analysis = load_toml(toml) if toml.exists() else AnalysisSettings()
    data = input_from_portfolio(read_folder(args.data, time_zone=zone), analysis, as_of)
    return as_of, open_followups(data, as_of, folder_settings(toml), states={})


def folder_settings(toml: Path):
    """The `[followups]` table of a folder's settings.toml on top of the defaults."""
    from kundenwert.followups import FollowupSettings, FollowupSettingsError

    if not toml.exists():
        return FollowupSettings()
    try:
        section = tomllib.loads(toml.read_text(encoding="utf-8")).get("followups", {})
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise FollowupSettingsError(f"{toml}: cannot be read: {exc}") from None
    if not isinstance(section, dict):
        raise FollowupSettingsError(f"{toml}: [followups] must be a table")
    return FollowupSettings().updated(section)


def _from_database(args: argparse.Namespace):
    from kundenwert.commands.base import setup_django

    setup_django()
    from django.utils import timezone

    from kundenwert.planning.data import open_followups_on

    as_of = args.as_of or timezone.localdate()
    return as_of, open_followups_on(as_of)


def _print(as_of, items, args: argparse.Namespace) -> None:
    from kundenwert.followups.output import render_json, render_table

    if args.format == "json":
        sys.stdout.write(render_json(as_of, items, args.lang) + "\n")
    else:
        render_table(as_of, items, args.lang, console.rich)
