"""What the dashboard shows, built from an analysis snapshot: key figures with their change
against the period before, the three charts with their table alternatives, exit candidates.

The charts are built once per snapshot and language (`Snapshot.memo`), so with 5,000
customers only the first visit after a data change pays for the SVG.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

import polars as pl
from django.urls import reverse
from django.utils.translation import gettext as _

from kundenwert import charts
from kundenwert.analysis import AnalysisResult
from kundenwert.analysis.texts import exit_causes
from kundenwert.customers.analysis_service import Snapshot
from kundenwert.customers.reasons import reason_labels
from kundenwert.lib import formatting
from kundenwert.web.language import ui_language

TABLE_ROWS = 20  # customers in the portfolio chart's table; the customer list has them all
EXIT_ROWS = 10
FOLLOWUP_ROWS = 5  # the Today page (kundenwert.planning) has them all
WHALE_STEPS = (0.1, 0.2, 0.5, 1.0)
WHOLE_CENTS = re.compile(r"[.,]00(?=\D*$)")  # the ",00" of "40.000,00 €"


@dataclass(frozen=True)
class KeyFigure:
    label: str
    value: str
    previous: str
    change: str  # "+12,3 %", or "" when there is nothing to compare with
    trend: str  # "up", "down" or "same"
    tone: str  # "good", "bad" or "neutral": whether the change is welcome


@dataclass(frozen=True)
class ExitCandidate:
    pk: int | None
    name: str
    group: str | None
    causes: str
    reasons: str  # the reasons behind the group, e.g. why C


@dataclass(frozen=True)
class DueFollowup:
    pk: int | None
    customer: str
    kind: str
    reason: str
    due: date


def key_figures(current: AnalysisResult, previous: AnalysisResult, lang: str) -> list[KeyFigure]:
    def rate(result: AnalysisResult) -> Decimal | None:
        hours = result.totals.effort_hours
        return result.totals.revenue / Decimal(str(hours)) if hours else None

    def late(result: AnalysisResult) -> int:
        return int(result.frame["late_invoices"].sum() or 0)

    currency = current.currency
    money = lambda v: formatting.format_money(v, lang, currency)  # noqa: E731
    hours = lambda v: formatting.format_hours(v, lang)  # noqa: E731
    return [
        _figure(_("Revenue"), current.totals.revenue, previous.totals.revenue, money, "up"),
        _figure(_("Hours"), current.totals.effort_hours, previous.totals.effort_hours, hours, None),
        _figure(_("Effective hourly rate"), rate(current), rate(previous), money, "up"),
        _figure(_("Invoices paid late"), late(current), late(previous), str, "down"),
    ]


def _figure(label, now, before, show, better: str | None = None) -> KeyFigure:
    """A figure with its change; `better` is the welcome direction ("up", "down", None)."""
    shown_before = show(before) if before is not None else "–"
    if now is None:
        return KeyFigure(label, "–", shown_before, "", "same", "neutral")
    if before is None or before == 0:
        return KeyFigure(label, show(now), shown_before, "", "same", "neutral")
    ratio = (Decimal(str(now)) - Decimal(str(before))) / abs(Decimal(str(before)))
    trend = "up" if ratio > 0 else "down" if ratio < 0 else "same"
    tone = "neutral" if better is None or trend == "same" else "good" if trend == better else "bad"
    sign = "+" if ratio > 0 else ""
    change = sign + formatting.format_percent(ratio, ui_language())
    return KeyFigure(label, show(now), shown_before, change, trend, tone)


def exit_candidates(snapshot: Snapshot, lang: str) -> tuple[list[ExitCandidate], int]:
    """The first EXIT_ROWS exit candidates by revenue, and how many there are in all."""
    found = snapshot.current.exit_candidates
    rows = [
        ExitCandidate(snapshot.pk(c.id), c.name, c.group, exit_causes(c, lang), _why(c))
        for c in found[:EXIT_ROWS]
    ]
    return rows, len(found)


def _why(customer) -> str:
    """The reasons behind the group, led by the deciding rule when it is not a reason
    (a group set by hand)."""
    codes = list(customer.reasons)
    if customer.deciding not in codes:
        codes.insert(0, customer.deciding)
    return reason_labels(codes)


def due_followups(snapshot: Snapshot, lang: str) -> tuple[list[DueFollowup], int]:
    """The first open follow-ups due by the as-of date, and how many there are.

    Worked out once per snapshot: a follow-up's state (done, snoozed) is written through
    the planning services, whose change record starts a new snapshot.
    """
    from kundenwert.followups.output import kind_label
    from kundenwert.planning.data import current_open_followups

    items = current_open_followups(snapshot)
    rows = [
        DueFollowup(
            snapshot.pk(item.customer_id),
            item.customer,
            kind_label(item.kind, lang),
            item.reason(lang),
            item.due,
        )
        for item in items[:FOLLOWUP_ROWS]
    ]
    return rows, len(items)


def plotted_customers(result: AnalysisResult) -> pl.DataFrame:
    """Customers with revenue or time in the period; the others would all sit at 0, 0."""
    return result.frame.filter((pl.col("revenue_cents") > 0) | (pl.col("effort_hours") > 0)).select(
        "id", "name", "group", "reasons", "revenue_cents", "effort_hours", "margin_cents"
    )


def portfolio_chart(snapshot: Snapshot, lang: str) -> str:
    result = snapshot.current
    currency = result.currency
    points = [
        charts.PortfolioPoint(
            name=row["name"],
            group=row["group"],
            revenue=row["revenue_cents"] / 100,
            hours=row["effort_hours"],
            margin=row["margin_cents"] / 100,
            reasons=reason_labels(row["reasons"]),
            href=_customer_url(snapshot, row["id"]),
        )
        for row in plotted_customers(result).iter_rows(named=True)
    ]
    totals = result.totals
    average = totals.revenue / Decimal(str(totals.effort_hours)) if totals.effort_hours else 0
    labels = charts.PortfolioLabels(
        title=_("Portfolio: revenue against effort"),
        desc=_(
            "One mark per customer: revenue upwards, effort hours to the right, colour by "
            "group, size by margin."
        ),
        x_axis=_("Effort"),
        y_axis=_("Revenue"),
        margin=_("Margin"),
        log_note=_("logarithmic"),
        groups=group_labels(),
        size_note=_("Area: margin; hollow: loss"),
        rate_line=_("average %(rate)s per hour")
        % {"rate": formatting.format_money(average, lang, currency)},
    )
    return charts.portfolio_chart(
        points,
        labels,
        money=lambda v: _short_money(v, lang, currency),
        hours=lambda v: f"{formatting.format_number(v, lang, 2, trim=True)} h",
    )


def whale_chart(snapshot: Snapshot, lang: str) -> str:
    result = snapshot.current
    cumulative = [cents / 100 for cents in result.whale_frame()["cumulative_cents"].to_list()]
    labels = charts.WhaleLabels(
        title=_("Whale curve: cumulative margin"),
        desc=_(
            "Customers sorted by margin, best first; the line adds up their margins. Where it "
            "falls, customers cost more than they bring."
        ),
        x_axis=_("Customers, by margin"),
        y_axis=_("Cumulative margin"),
        peak=_("Peak: {money} after {customers} customers"),
        total=_("Total margin {money}"),
    )
    return charts.whale_chart(
        cumulative,
        labels,
        money=lambda v: _short_money(v, lang, result.currency),
        percent=lambda v: formatting.format_percent(v, lang, 0),
    )


def budget_chart(snapshot: Snapshot, lang: str) -> str:
    labels = charts.BudgetLabels(
        title=_("Time budget: target against actual"),
        desc=_("The share of customer time each group got, against its target."),
        caption=_("{actual} ({hours}), target {target}"),
    )
    return charts.budget_chart(
        budget_bars(snapshot.current),
        labels,
        percent=lambda v: formatting.format_percent(v, lang, 0),
        hours=lambda v: formatting.format_hours(v, lang, 0),
    )


def budget_bars(result: AnalysisResult) -> list[charts.BudgetBar]:
    names = {**group_labels(), "spontaneous": _("Spontaneous")}
    return [
        charts.BudgetBar(key, names[key], line.target, line.actual_share, line.actual_hours)
        for key, line in result.budget.items()
    ]


def group_labels() -> dict[str | None, str]:
    return {
        "A": _("Group A"),
        "B": _("Group B"),
        "C": _("Group C"),
        None: _("no group"),
    }


@dataclass(frozen=True)
class WhaleStep:
    share_of_customers: float
    customers: int
    margin: Decimal
    share_of_margin: float | None


def whale_steps(result: AnalysisResult) -> list[WhaleStep]:
    """The whale curve as a few rows: the best 10 %, 20 %, 50 % and all customers."""
    cumulative = result.whale_frame()["cumulative_cents"].to_list()
    total = Decimal(cumulative[-1]) / 100 if cumulative else Decimal(0)
    steps = []
    for share in WHALE_STEPS:
        count = max(1, round(len(cumulative) * share)) if cumulative else 0
        margin = Decimal(cumulative[count - 1]) / 100 if count else Decimal(0)
        of_total = float(margin / total) if total > 0 else None
        steps.append(WhaleStep(share, count, margin, of_total))
    return steps


def top_customers(snapshot: Snapshot) -> list[dict]:
    """The chart's table: the customers with the highest revenue, with their figures."""
    rows = plotted_customers(snapshot.current).head(TABLE_ROWS).iter_rows(named=True)
    return [
        {
            "pk": snapshot.pk(row["id"]),
            "name": row["name"],
            "group": row["group"],
            "reasons": row["reasons"],
            "revenue": Decimal(row["revenue_cents"]) / 100,
            "hours": row["effort_hours"],
            "margin": Decimal(row["margin_cents"]) / 100,
        }
        for row in rows
    ]


def _customer_url(snapshot: Snapshot, number: str) -> str | None:
    pk = snapshot.pk(number)
    return reverse("customer_detail", args=[pk]) if pk else None


def _short_money(value: float, lang: str, currency: str) -> str:
    """Axis labels in whole units: 40.000 € rather than 40.000,00 €."""
    return WHOLE_CENTS.sub("", formatting.format_money(round(value), lang, currency))
