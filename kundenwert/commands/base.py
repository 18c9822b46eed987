"""What the subcommands share: Django set-up, the console, and clean failures."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable
from datetime import date, datetime
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo

if TYPE_CHECKING:
    from rich.console import Console


class LazyConsole:
    """A rich Console, made on first use: importing rich takes about 30 ms, which a run
    that prints only JSON (`analyze --format json`) need not wait for.

    `console.print(...)` and the Console's other attributes work as on the Console;
    `console.rich` is the Console itself, for functions that take one."""

    def __init__(self, **options: Any) -> None:
        self.options = options

    @cached_property
    def rich(self) -> Console:
        from rich.console import Console

        return Console(**self.options)

    def __getattr__(self, name: str) -> Any:
        return getattr(self.rich, name)


console = LazyConsole(highlight=False, soft_wrap=True)
err_console = LazyConsole(stderr=True, highlight=False, soft_wrap=True)

EXIT_OK, EXIT_FAILED, EXIT_BAD_INPUT = 0, 1, 2


class CommandError(Exception):
    """A failure to report as a sentence, without a traceback."""

    def __init__(self, message: str, exit_code: int = EXIT_FAILED):
        super().__init__(message)
        self.exit_code = exit_code


def iso_date(text: str) -> date:
    """An argparse type: a YYYY-MM-DD date, or a clear usage error."""
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a date (YYYY-MM-DD)") from None


def today_in(zone: str) -> date:
    """Today's date on the calendar of `zone`, without Django."""
    return datetime.now(ZoneInfo(zone)).date()


def setup_django(migrate: bool = True) -> None:
    """Configures Django and brings the database schema up to date (a no-op when it is)."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kundenwert.web.settings")
    import django

    django.setup()
    if migrate:
        _migrate_if_needed()


def setup_translations() -> None:
    """Django's translations without the rest of Django, for what a command that otherwise
    runs without it (`analyze --data`) says: no settings module, so no data folder or
    secret key is made. Nothing to do where Django is set up already."""
    from django.conf import settings

    if settings.configured:
        return
    import django

    settings.configure(
        USE_I18N=True,
        LANGUAGE_CODE="de",
        LANGUAGES=[("de", "Deutsch"), ("en", "English")],
        LOCALE_PATHS=[Path(__file__).resolve().parent.parent / "locale"],
        INSTALLED_APPS=[],
    )
    django.setup()


def translated(lang: str, text: str, values: dict[str, object] | None = None) -> str:
    """`text` (marked with `gettext_noop`) from the catalogue in `lang`, `values` filled in."""
    setup_translations()
    from django.utils import translation

    with translation.override(lang):
        said = translation.gettext(text)
    return said % values if values else said


def gettext_noop(text: str) -> str:
    """Marks `text` for the catalogue (makemessages finds it by this name) without
    importing Django; `translated` looks it up when it is said."""
    return text


def _migrate_if_needed() -> None:
    from django.core.management import call_command
    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor

    executor = MigrationExecutor(connection)
    if executor.migration_plan(executor.loader.graph.leaf_nodes()):
        call_command("migrate", interactive=False, verbosity=0)


def database_label() -> str:
    from django.db import connection

    settings = connection.settings_dict
    if connection.vendor == "sqlite":
        return f"SQLite {settings['NAME']}"
    return f"PostgreSQL {settings.get('HOST') or 'localhost'}/{settings['NAME']}"


def is_interactive() -> bool:
    return sys.stdin.isatty() and sys.stdout.isatty()


ERRORS_FOUND = gettext_noop("{heading}, {total} error(s) found:")
AND_MORE = gettext_noop("… and {count} more")


def print_translated_errors(heading: str, exc, lang: str) -> None:
    """The row errors of a PortfolioInvalid or ImportInvalid in `lang`, through the import's
    catalogue (`kundenwert.importers.messages`); `heading` is said already ("DIR: keine
    Analyse")."""
    setup_translations()
    from django.utils import translation

    from kundenwert.importers.messages import problem

    texts = (translated(lang, ERRORS_FOUND), translated(lang, AND_MORE))
    with translation.override(lang):
        print_errors(heading, exc, problem, texts)


def print_errors(
    heading: str,
    exc,
    describe: Callable[[object], str] = str,
    texts: tuple[str, str] = ("{heading}, {total} error(s) found:", "… and {count} more"),
) -> None:
    """The row errors of a PortfolioInvalid or ImportInvalid, one line each, capped.

    `heading` says what failed ("DIR: no analysis"). The import passes its error lines
    and `texts` in the user's language (`describe`: see `kundenwert.importers.messages`);
    this module stays free of Django, which `analyze --data` does without."""
    found, more = texts
    err_console.print(found.format(heading=heading, total=exc.total), style="red", markup=False)
    for error in exc.errors:
        err_console.print(f"  {describe(error)}", markup=False, highlight=False)
    if exc.total > len(exc.errors):
        err_console.print("  " + more.format(count=exc.total - len(exc.errors)), markup=False)
