"""`kundenwert createowner` and `kundenwert createuser`: accounts without the admin."""

from __future__ import annotations

import argparse
import getpass
import sys

from kundenwert.commands.base import CommandError, console, is_interactive, setup_django


def register(subparsers) -> None:
    for name, role in (("createowner", "owner"), ("createuser", "staff")):
        parser = subparsers.add_parser(name, help=f"create an account with the role {role}")
        parser.add_argument("username")
        parser.add_argument("--email", default="")
        parser.add_argument("--language", choices=["de", "en"], default="de")
        parser.add_argument(
            "--password-stdin",
            action="store_true",
            help="read the password from standard input instead of asking",
        )
        parser.set_defaults(handler=run, role=role)


def run(args: argparse.Namespace) -> int:
    setup_django()
    from django.contrib.auth.password_validation import validate_password
    from django.core.exceptions import ValidationError

    from kundenwert.accounts.models import User
    from kundenwert.accounts.services import do_create_user

    if User.objects.filter(username=args.username).exists():
        raise CommandError(f"The user name '{args.username}' is taken.")
    password = read_password(args.password_stdin)
    try:
        validate_password(password, User(username=args.username, email=args.email))
    except ValidationError as exc:
        raise CommandError("Password not accepted: " + " ".join(exc.messages)) from None
    do_create_user(
        args.username, password, role=args.role, language=args.language, email=args.email
    )
    console.print(f"Created {args.role} account '{args.username}'.", markup=False)
    return 0


def read_password(from_stdin: bool) -> str:
    if from_stdin:
        return sys.stdin.readline().rstrip("\n")
    if not is_interactive():
        raise CommandError("No terminal to ask for a password: use --password-stdin.")
    first = getpass.getpass("Password: ")
    if first != getpass.getpass("Password (again): "):
        raise CommandError("The two passwords differ.")
    return first
