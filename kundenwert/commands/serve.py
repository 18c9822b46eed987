"""`kundenwert serve`: the web application behind gunicorn, static files included."""

from __future__ import annotations

import argparse
import os

from kundenwert.commands.base import (
    EXIT_BAD_INPUT,
    CommandError,
    console,
    database_label,
    is_interactive,
    setup_django,
)


def register(subparsers) -> None:
    parser = subparsers.add_parser("serve", help="run the web application")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8000)
    parser.add_argument(
        "--workers", type=int, default=2, help="processes (default 2); each runs 4 threads"
    )
    parser.add_argument(
        "--production",
        action="store_true",
        help="for a server others reach: HTTPS only, secure cookies, HSTS, short sessions; "
        "needs KUNDENWERT_SECRET_KEY and KUNDENWERT_ALLOWED_HOSTS (docs/configuration.md)",
    )
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    if args.production:
        _enter_production()
    setup_django()
    from django.core.management import call_command

    call_command("collectstatic", interactive=False, verbosity=0)
    _make_sure_someone_can_sign_in()
    scheme = "https" if _tls_files() else "http"
    console.print(
        f"Kundenwert at [bold]{scheme}://{args.host}:{args.port}/[/bold] ({database_label()}). "
        "Stop with Ctrl+C."
    )
    _gunicorn(args).run()
    return 0


PRODUCTION_REQUIRES = ("KUNDENWERT_SECRET_KEY", "KUNDENWERT_ALLOWED_HOSTS")


def _enter_production() -> None:
    """Switches the settings to production (read when Django starts, so before setup)."""
    missing = [name for name in PRODUCTION_REQUIRES if not os.environ.get(name, "").strip()]
    if missing:
        raise CommandError(
            f"--production needs {' and '.join(missing)}: see docs/configuration.md, "
            "“Running on a server”.",
            EXIT_BAD_INPUT,
        )
    os.environ["KUNDENWERT_PRODUCTION"] = "1"
    if not _tls_files() and not os.environ.get("KUNDENWERT_BEHIND_PROXY"):
        # Every plain-HTTP request is redirected to HTTPS, so without either the
        # application cannot be reached at all.
        console.print(
            "[yellow]Neither KUNDENWERT_TLS_CERT/KUNDENWERT_TLS_KEY nor "
            "KUNDENWERT_BEHIND_PROXY is set: browsers will be sent to HTTPS that nothing "
            "answers.[/yellow]"
        )


def _tls_files() -> dict[str, str]:
    """gunicorn's TLS options, when the server itself speaks HTTPS (no proxy in front)."""
    cert, key = os.environ.get("KUNDENWERT_TLS_CERT"), os.environ.get("KUNDENWERT_TLS_KEY")
    return {"certfile": cert, "keyfile": key} if cert and key else {}


def _make_sure_someone_can_sign_in() -> None:
    from kundenwert.accounts.models import User

    if User.objects.exists():
        return
    if is_interactive():
        from kundenwert.commands import users

        console.print("There is no account yet. Create the owner account now.")
        username = input("User name: ").strip()
        users.run(
            argparse.Namespace(
                username=username, email="", language="de", password_stdin=False, role="owner"
            )
        )
    else:
        console.print(
            "[yellow]There is no account yet.[/yellow] Create the owner account with "
            "[bold]kundenwert createowner NAME[/bold], or load the demo with "
            "[bold]kundenwert demo[/bold]."
        )


def _gunicorn(args: argparse.Namespace):
    from gunicorn.app.base import BaseApplication

    from kundenwert.web.wsgi import application

    class Server(BaseApplication):
        def load_config(self):
            options = {
                "bind": f"{args.host}:{args.port}",
                "workers": args.workers,
                "worker_class": "gthread",
                "threads": 4,
                "accesslog": "-" if os.environ.get("KUNDENWERT_ACCESS_LOG") else None,
                "timeout": 120,
                **_tls_files(),
            }
            for key, value in options.items():
                self.cfg.set(key, value)

        def load(self):
            return application

    return Server()
