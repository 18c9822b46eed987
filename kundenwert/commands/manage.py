"""`kundenwert manage …`: Django's management commands, for maintenance and CI."""

from __future__ import annotations

import argparse

from kundenwert.commands.base import setup_django


def register(subparsers) -> None:
    parser = subparsers.add_parser(
        "manage", help="run a Django management command (check, migrate, makemigrations …)"
    )
    parser.add_argument("arguments", nargs=argparse.REMAINDER)
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    setup_django(migrate=False)
    from django.core.management import execute_from_command_line

    execute_from_command_line(["kundenwert manage", *args.arguments])
    return 0
