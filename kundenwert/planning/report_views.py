"""The owner's planning reports: the time budget and the channel rules, per week or month.

Both take `?period=week|month&date=YYYY-MM-DD` (default: the week or month of today) and
group customers as the analysis does as of the period's last day, or today when the period
is not over yet.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import date, timedelta

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _

from kundenwert.activity.models import Channel
from kundenwert.analysis import AnalysisError, Period
from kundenwert.planning.budget import month_of, period_budget, week_of
from kundenwert.planning.channels import channel_breaches, group_counts
from kundenwert.planning.data import PlanningData, load_planning_data
from kundenwert.reports.querysets import check_day
from kundenwert.web.language import ui_language
from kundenwert.web.permissions import owner_required
from kundenwert.workspace.services import get_settings

PERIOD_KINDS = ("week", "month")


@dataclass(frozen=True)
class Choice:
    kind: str  # "week" | "month"
    period: Period
    as_of: date  # the day the groups are taken from

    @property
    def previous_day(self) -> date:
        return self.period.start - timedelta(days=1)

    @property
    def next_day(self) -> date:
        return self.period.end + timedelta(days=1)


def chosen_period(request: HttpRequest, default: str) -> Choice:
    today = timezone.localdate()
    kind = request.GET.get("period", default)
    kind = kind if kind in PERIOD_KINDS else default
    try:  # a day outside the years would step beyond the calendar with its week or month
        day = check_day(date.fromisoformat(request.GET.get("date", "")))
    except ValueError:
        day = today
    period = week_of(day) if kind == "week" else month_of(day)
    return Choice(kind, period, min(period.end, today))


def _load(request: HttpRequest, choice: Choice) -> PlanningData | None:
    try:
        return load_planning_data(choice.as_of)
    except AnalysisError as exc:
        says = exc.text(ui_language())
        messages.error(request, _("The report needs the analysis, which says: %s") % says)
        return None


@owner_required
def budget(request: HttpRequest) -> HttpResponse:
    choice = chosen_period(request, "week")
    data = _load(request, choice)
    report = period_budget(data.portfolio, data.analysis, choice.period) if data else None
    return render(request, "planning/budget.html", {"choice": choice, "budget": report})


@owner_required
def channels(request: HttpRequest) -> HttpResponse:
    choice = chosen_period(request, "month")
    data = _load(request, choice)
    rules = get_settings().channel_rules_or_default()
    breaches = channel_breaches(data.portfolio, data.groups, rules, choice.period) if data else []
    counts = group_counts(data.portfolio, data.groups, breaches, choice.period) if data else []
    return render(
        request,
        "planning/channels.html",
        {
            "choice": choice,
            "breaches": [asdict(b) | {"channel_label": _label(b.channel)} for b in breaches],
            "counts": [
                asdict(c) | {"channels": [_label(ch) for ch in rules.get(c.group, ())]}
                for c in counts
            ],
        },
    )


def _label(channel: str) -> str:
    return Channel(channel).label if channel in Channel.values else channel
