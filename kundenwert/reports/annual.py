"""The annual report (Kundenbestandsanalyse of a calendar year): its figures, built once
and rendered to HTML and PDF by document.py.

The year is analysed as a calendar year (1 January to 31 December) as of its last day, or
as of today while it is still running; the year before as of its own last day, so the
summary compares like with like. The settings are the stored analysis settings. The
charts are the dashboard's own (kundenwert.web.dashboard over kundenwert.charts), built
from a snapshot of these two results, so the PDF shows what the web app shows.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal

from django.utils import timezone, translation
from django.utils.translation import gettext as _

from kundenwert.analysis import AnalysisError, AnalysisResult, CustomerResult, Period, analyze
from kundenwert.analysis.texts import exit_causes
from kundenwert.charts import BudgetBar
from kundenwert.customers.analysis_service import Snapshot
from kundenwert.customers.reasons import reason_labels
from kundenwert.exchange.loader import load_for_analysis
from kundenwert.kaizen.presenters import FindingView
from kundenwert.lib import formatting
from kundenwert.reports import annual_parts as parts
from kundenwert.web import dashboard
from kundenwert.workspace.services import analysis_settings

GROUPS = ("A", "B", "C")


class ReportError(Exception):
    """No report for this year; the message says why."""


@dataclass(frozen=True)
class SummaryRow:
    label: str
    value: str
    previous: str
    change: str  # "+12,3 %", or "–" with nothing to compare with


@dataclass(frozen=True)
class CustomerLine:
    name: str
    number: str
    revenue: Decimal
    hours: float
    margin: Decimal
    rate: Decimal | None
    reasons: list[str]  # the explained reasons, deciding rule first
    exit_candidate: bool


@dataclass(frozen=True)
class GroupSection:
    key: str
    customers: list[CustomerLine]
    revenue: Decimal
    hours: float


@dataclass(frozen=True)
class ExitLine:
    name: str
    group: str | None
    causes: str
    reasons: str


@dataclass
class AnnualReport:
    year: int
    lang: str
    as_of: date
    current: AnalysisResult
    previous: AnalysisResult
    created_at: datetime
    summary: list[SummaryRow] = field(default_factory=list)
    groups: list[GroupSection] = field(default_factory=list)
    charts: dict[str, str] = field(default_factory=dict)  # portfolio, whale, budget: SVG
    budget: list[BudgetBar] = field(default_factory=list)
    whale_steps: list[dashboard.WhaleStep] = field(default_factory=list)
    payments: parts.Payments | None = None
    exits: list[ExitLine] = field(default_factory=list)
    patterns: list[FindingView] = field(default_factory=list)
    steps: list[parts.StepLine] = field(default_factory=list)
    followups: parts.FollowupStats | None = None

    @property
    def period(self) -> Period:
        return self.current.period

    @property
    def complete(self) -> bool:
        """Whether the year is over: else the report shows the year so far."""
        return self.as_of >= self.period.end

    @property
    def currency(self) -> str:
        return self.current.currency

    @property
    def inactive(self) -> int:
        return self.current.totals.groups.get("none", 0)


def build_annual_report(year: int, lang: str, today: date | None = None) -> AnnualReport:
    """Raises ReportError for a year that has not begun or needs a currency choice."""
    today = today or timezone.localdate()
    if year > today.year or year < 1900:
        raise ReportError(_("There is no report for %(year)s yet.") % {"year": year})
    with translation.override(lang):
        current, previous = _analyses(year, today, lang)
        report = AnnualReport(year, lang, current.as_of, current, previous, timezone.now())
        _fill(report, lang)
    return report


def _analyses(year: int, today: date, lang: str) -> tuple[AnalysisResult, AnalysisResult]:
    settings = analysis_settings()
    period, before = Period.year(year), Period.year(year - 1)
    try:
        current = analyze(load_for_analysis(period), settings, min(today, period.end), period)
        previous = analyze(load_for_analysis(before), settings, before.end, before)
    except AnalysisError as exc:
        raise ReportError(exc.text(lang)) from None
    return current, previous


def _fill(report: AnnualReport, lang: str) -> None:
    current = report.current
    report.summary = summary_rows(current, report.previous, lang)
    report.groups = [group_section(current, group, lang) for group in GROUPS]
    report.charts = charts(report, lang)
    report.budget = dashboard.budget_bars(current)
    report.whale_steps = dashboard.whale_steps(current)
    report.payments = parts.payments(current, report.previous)
    report.exits = [exit_line(c, lang) for c in current.exit_candidates]
    report.patterns = parts.pattern_findings(current, lang)
    report.steps = parts.kaizen_steps(current, lang)
    report.followups = parts.followup_stats(current, lang)


# --- summary --------------------------------------------------------------------------


def summary_rows(now: AnalysisResult, before: AnalysisResult, lang: str) -> list[SummaryRow]:
    currency = now.currency

    def money(value) -> str:
        return "–" if value is None else formatting.format_money(value, lang, currency)

    def hours(value) -> str:
        return formatting.format_hours(value, lang)

    rows = [
        (_("Revenue"), now.totals.revenue, before.totals.revenue, money),
        (_("Margin"), now.totals.margin, before.totals.margin, money),
        (_("Hours for customers"), now.totals.effort_hours, before.totals.effort_hours, hours),
        (_("Effective hourly rate"), hourly_rate(now), hourly_rate(before), money),
        (_("Active customers"), now.totals.active_customers, before.totals.active_customers, str),
        *(
            (_("Customers in group %(group)s") % {"group": g}, *_group_counts(now, before, g), str)
            for g in GROUPS
        ),
        (_("Exit candidates"), now.totals.exit_candidates, before.totals.exit_candidates, str),
        (_("Invoices paid late"), _late(now), _late(before), str),
    ]
    return [
        SummaryRow(label, show(value), show(previous), change(value, previous, lang))
        for label, value, previous, show in rows
    ]


def hourly_rate(result: AnalysisResult) -> Decimal | None:
    hours = result.totals.effort_hours
    return result.totals.revenue / Decimal(str(hours)) if hours else None


def change(now, before, lang: str) -> str:
    """The relative change, signed; "–" when there is nothing to compare with."""
    if now is None or before is None or before == 0:
        return "–"
    ratio = (Decimal(str(now)) - Decimal(str(before))) / abs(Decimal(str(before)))
    sign = "+" if ratio > 0 else ""
    return sign + formatting.format_percent(ratio, lang)


def _group_counts(now: AnalysisResult, before: AnalysisResult, group: str) -> tuple[int, int]:
    return now.totals.groups.get(group, 0), before.totals.groups.get(group, 0)


def _late(result: AnalysisResult) -> int:
    return int(result.frame["late_invoices"].sum() or 0)


# --- groups and exits -----------------------------------------------------------------


def group_section(result: AnalysisResult, group: str, lang: str) -> GroupSection:
    lines = [customer_line(c, lang) for c in result.in_group(group)]
    return GroupSection(
        group,
        lines,
        sum((line.revenue for line in lines), Decimal(0)),
        sum(line.hours for line in lines),
    )


def customer_line(c: CustomerResult, lang: str) -> CustomerLine:
    m = c.metrics
    return CustomerLine(
        name=c.name,
        number=c.id,
        revenue=m["revenue"],  # type: ignore[arg-type]
        hours=m["effort_hours"],  # type: ignore[arg-type]
        margin=m["margin"],  # type: ignore[arg-type]
        rate=m["effective_hourly_rate"],  # type: ignore[arg-type]
        reasons=[c.explain(code, lang) for code in c.explained_codes if code != "exit_candidate"],
        exit_candidate=c.exit_candidate,
    )


def exit_line(c: CustomerResult, lang: str) -> ExitLine:
    codes = list(c.reasons)
    if c.deciding not in codes:
        codes.insert(0, c.deciding)
    return ExitLine(c.name, c.group, exit_causes(c, lang), reason_labels(codes))


# --- charts ---------------------------------------------------------------------------


def charts(report: AnnualReport, lang: str) -> dict[str, str]:
    """The dashboard's three charts for the year; no links (a PDF is read away from the app)."""
    snapshot = Snapshot(("report", report.year), report.as_of, report.current, report.previous, {})
    return {
        "portfolio": dashboard.portfolio_chart(snapshot, lang),
        "whale": dashboard.whale_chart(snapshot, lang),
        "budget": dashboard.budget_chart(snapshot, lang),
    }
