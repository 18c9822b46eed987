"""`kundenwert demo`: the demo portfolio, for a first look."""

from __future__ import annotations

import argparse
from datetime import date

from kundenwert.commands.base import CommandError, console, database_label, setup_django


def register(subparsers) -> None:
    parser = subparsers.add_parser(
        "demo", help="fill an empty database with the demo portfolio (and a demo/demo account)"
    )
    parser.add_argument(
        "--as-of",
        type=date.fromisoformat,
        default=None,
        help="the last day of the demo history (default: today)",
    )
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    setup_django()
    from django.utils import timezone

    from kundenwert.workspace.services import (
        DEMO_PASSWORD,
        DEMO_USERNAME,
        DatabaseNotEmpty,
        do_load_demo,
    )

    as_of = args.as_of or timezone.localdate()
    try:
        loaded, report = do_load_demo(as_of)
    except DatabaseNotEmpty:
        raise CommandError(
            f"{database_label()} already holds data. The demo portfolio is only loaded into an "
            "empty database: point KUNDENWERT_DATA_DIR or DATABASE_URL at another one."
        ) from None
    if not loaded:
        console.print(f"The demo portfolio is already loaded in {database_label()}.")
    else:
        counts = ", ".join(
            f"{t.added} {name.replace('_', ' ')}" for name, t in report.tables.items()
        )
        console.print(f"Demo portfolio loaded into {database_label()}: {counts}.")
    console.print(
        f"Sign in with user name [bold]{DEMO_USERNAME}[/bold] and password "
        f"[bold]{DEMO_PASSWORD}[/bold] (a local demo account; never use it for real data)."
    )
    return 0
