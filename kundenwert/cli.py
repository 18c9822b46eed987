"""The `kundenwert` command line. Each subcommand lives in `kundenwert.commands`."""

from __future__ import annotations

import argparse
import gc
import sys
from collections.abc import Sequence

from kundenwert import __version__
from kundenwert.commands import (
    analyze,
    backup,
    demo,
    exchange,
    followups,
    manage,
    payments,
    report,
    serve,
    today,
    users,
)
from kundenwert.commands.base import EXIT_FAILED, CommandError, err_console

SUBCOMMANDS = (
    demo,
    exchange,
    serve,
    users,
    analyze,
    followups,
    today,
    payments,
    report,
    backup,
    manage,
)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="kundenwert",
        description="See which customers are worth your time. "
        "Without DATABASE_URL the data lives in SQLite in your data folder.",
    )
    parser.add_argument("--version", action="version", version=f"kundenwert {__version__}")
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    for module in SUBCOMMANDS:
        module.register(subparsers)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return args.handler(args) or 0
    except CommandError as exc:
        # Messages quote settings such as `[analysis]`, which rich would take for markup.
        err_console.print(str(exc), style="red", markup=False)
        return exc.exit_code
    except KeyboardInterrupt:
        err_console.print("Abgebrochen. / Interrupted.")
        return EXIT_FAILED


def run() -> None:
    """The `kundenwert` program: `main`, then exit with its status."""
    status = main()
    _close_database_connections()
    # Python's last garbage collection at exit walks every object that polars and Django
    # brought along (about 30 ms); frozen, it skips them. The objects are still torn down
    # one by one and exit handlers run as ever, but an object kept only by a cycle is not:
    # the database connections are closed above for that reason.
    gc.freeze()
    sys.exit(status)


def _close_database_connections() -> None:
    """Close what Django opened, if the command used it: a closed SQLite connection writes
    its write-ahead log back into the database (after an import, hundreds of megabytes that
    every later read would otherwise look through), a PostgreSQL one says goodbye."""
    if "django.db" in sys.modules:
        from django.db import connections

        connections.close_all()


if __name__ == "__main__":
    run()
