"""`kundenwert analyze`: the customer base analysis (method.md, section 2)."""

from __future__ import annotations

import argparse


def register(subparsers) -> None:
    parser = subparsers.add_parser("analyze", help="sort customers into A, B and C with reasons")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    raise NotImplementedError
