"""`kundenwert today`: the day's plan in the terminal, as the Today page shows it.

The to-do list (tasks due today or earlier and today's follow-ups, by importance, with
their time), the capacity of the working day, the prompt to plan tomorrow near the day's
end, the owner's rules and the to-leave list. The tasks are those of `--user`, or of the
first owner account; follow-up amounts are left out for a staff user.
"""

from __future__ import annotations

import argparse

from kundenwert.commands.base import CommandError, console, iso_date

LEVEL_STYLE = {"ok": "green", "notice": "yellow", "warning": "bold red"}


def register(subparsers) -> None:
    parser = subparsers.add_parser("today", help="the day's plan: to-dos, follow-ups, capacity")
    parser.add_argument(
        "--as-of", type=iso_date, metavar="YYYY-MM-DD", help="the day to plan (default: today)"
    )
    parser.add_argument("--user", metavar="NAME", help="whose tasks (default: the owner)")
    parser.add_argument("--lang", choices=["de", "en"], default=None)
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    from kundenwert.commands.base import setup_django

    setup_django()
    from django.utils import timezone, translation

    user = _user(args.user)
    lang = args.lang or (user.language if user else "de")
    day = args.as_of or timezone.localdate()
    with translation.override(lang):
        _print_plan(day, user, lang)
    return 0


def _user(username: str | None):
    from kundenwert.accounts.models import Role, User

    if username:
        user = User.objects.filter(username=username).first()
        if user is None:
            raise CommandError(f"No user named {username!r}.")
        return user
    return User.objects.filter(role=Role.OWNER, is_active=True).order_by("pk").first()


def _print_plan(day, user, lang: str) -> None:
    from django.utils import timezone
    from django.utils.translation import gettext as _

    from kundenwert.lib.formatting import format_date
    from kundenwert.planning.dayplan import capacity, plan_items, time_to_plan_tomorrow
    from kundenwert.workspace.services import get_settings

    workspace = get_settings()
    settings = workspace.followup_settings()
    items = plan_items(_tasks(user, day), _followups(day, lang))
    console.print(f"[bold]{_('Today')}, {format_date(day, lang, long=True)}[/bold]")
    _print_capacity(capacity(items, workspace.day_hours, settings), lang)
    _print_items(items, lang, money=user is None or user.is_owner)
    if day == timezone.localdate() and time_to_plan_tomorrow(
        timezone.localtime(), workspace.day_end, settings
    ):
        console.print(_("The working day is nearly over: take ten minutes to plan tomorrow."))
    _print_lists()


def _tasks(user, day):
    from kundenwert.planning.data import tasks_for

    return tasks_for(user).filter(done_at__isnull=True, due_date__lte=day)


def _followups(day, lang: str):
    from kundenwert.analysis import AnalysisError
    from kundenwert.planning.data import open_followups_on

    try:
        return open_followups_on(day)
    except AnalysisError as exc:
        raise CommandError(exc.text(lang)) from None


def _print_capacity(cap, lang: str) -> None:
    from django.utils.translation import gettext as _

    from kundenwert.lib.formatting import format_percent

    style = LEVEL_STYLE[cap.level]
    line = _("%(planned)s of %(day)s minutes planned (%(share)s).") % {
        "planned": cap.planned_minutes,
        "day": cap.day_minutes,
        "share": format_percent(cap.share, lang),
    }
    console.print(f"[{style}]{line}[/{style}]")
    if cap.level == "warning":
        console.print(
            f"[{style}]"
            + _("Less than %(free)s of the day is left for the unforeseen.")
            % {"free": format_percent(1 - cap.warning_share, lang)}
            + f"[/{style}]"
        )


def _print_items(items, lang: str, *, money: bool) -> None:
    from django.utils.translation import gettext as _
    from rich.table import Table
    from rich.text import Text

    from kundenwert.followups.output import kind_label

    if not items:
        console.print(_("Nothing due today."))
        return
    table = Table(show_lines=False)
    for title in (_("Importance"), _("What"), _("Why"), _("Time")):
        table.add_column(title, overflow="fold")
    for item in items:
        if item.followup:
            what = f"{kind_label(item.followup.kind, lang)}: {item.followup.customer}"
            why = item.followup.reason(lang, money=money)
        else:
            what, why = item.title, str(item.task.customer or "")
        # Names and titles are the user's text, not rich markup: "[Alt] GmbH" stays as typed.
        table.add_row(str(item.importance), Text(what), Text(why), f"{item.minutes} min")
    console.print(table)


def _print_lists() -> None:
    from django.utils.translation import gettext as _

    from kundenwert.planning.models import Rule, ToLeaveItem

    rules = Rule.objects.filter(active=True)
    to_leave = ToLeaveItem.objects.filter(left_at__isnull=True)
    for title, rows in ((_("My rules"), rules), (_("To-leave list"), to_leave)):
        if rows:
            console.print(f"\n[bold]{title}[/bold]")
            for row in rows:
                console.print(f"  • {row.text}", markup=False)
