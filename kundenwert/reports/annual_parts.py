"""The annual report's sections that read more than the analysis: payment behaviour, the
patterns and kaizen steps of the year, and what happened to the follow-ups.

Each function returns plain rows for the template, in the active language.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from django.db.models import Q
from django.utils.translation import gettext as _

from kundenwert.analysis import AnalysisError, AnalysisResult
from kundenwert.billing.models import Invoice
from kundenwert.followups.output import kind_label
from kundenwert.kaizen.config import pattern_settings
from kundenwert.kaizen.data import portfolio_since
from kundenwert.kaizen.presenters import FindingView, finding_views, step_view
from kundenwert.patterns import across_customers
from kundenwert.planning.data import open_followups_on
from kundenwert.planning.models import FollowupState, KaizenStep
from kundenwert.reports.querysets import local_midnight

LATE_PAYER_ROWS = 15


# --- payment behaviour ----------------------------------------------------------------


@dataclass(frozen=True)
class PaymentFigures:
    invoices: int  # issued in the year, in the analysis currency
    due: int  # of them, those with a days_late (paid, or unpaid past due)
    late: int  # later than the limit
    avg_days_late: float | None  # over the invoices with a days_late; early counts as 0


@dataclass(frozen=True)
class LatePayer:
    name: str
    group: str | None
    invoices: int
    late: int
    avg_days_late: float | None


@dataclass(frozen=True)
class OpenInvoices:
    count: int
    amount: Decimal
    overdue: int
    overdue_amount: Decimal


@dataclass(frozen=True)
class Payments:
    current: PaymentFigures
    previous: PaymentFigures
    open: OpenInvoices
    late_payers: list[LatePayer]
    late_after_days: int


def payments(current: AnalysisResult, previous: AnalysisResult) -> Payments:
    return Payments(
        payment_figures(current),
        payment_figures(previous),
        open_invoices(current),
        late_payers(current),
        current.settings.late_after_days,
    )


def payment_figures(result: AnalysisResult) -> PaymentFigures:
    frame = result.frame
    due = int(frame["invoices_due"].sum() or 0)
    weighted = (frame["avg_days_late"].fill_null(0) * frame["invoices_due"]).sum()
    return PaymentFigures(
        invoices=int(frame["invoices"].sum() or 0),
        due=due,
        late=int(frame["late_invoices"].sum() or 0),
        avg_days_late=float(weighted) / due if due else None,
    )


def late_payers(result: AnalysisResult) -> list[LatePayer]:
    rows = [
        LatePayer(
            c.name,
            c.group,
            int(c.metrics["invoices"] or 0),
            int(c.metrics["late_invoices"] or 0),
            c.metrics["avg_days_late"],  # type: ignore[arg-type]
        )
        for c in result.customers
        if c.metrics["late_invoices"]
    ]
    rows.sort(key=lambda row: (-row.late, -(row.avg_days_late or 0), row.name))
    return rows[:LATE_PAYER_ROWS]


def open_invoices(result: AnalysisResult) -> OpenInvoices:
    """The year's invoices not paid by the as-of date, and which of them were overdue."""
    as_of, terms = result.as_of, timedelta(days=result.settings.payment_terms_days)
    unpaid = Invoice.objects.filter(
        Q(paid_date__isnull=True) | Q(paid_date__gt=as_of),
        issue_date__range=(result.period.start, result.period.end),
        currency=result.currency,
        net__gt=0,
    ).values_list("issue_date", "due_date", "net")
    count, amount, overdue, overdue_amount = 0, Decimal(0), 0, Decimal(0)
    for issued, due, net in unpaid:
        count, amount = count + 1, amount + net
        if (due or issued + terms) < as_of:
            overdue, overdue_amount = overdue + 1, overdue_amount + net
    return OpenInvoices(count, amount, overdue, overdue_amount)


# --- patterns and kaizen steps --------------------------------------------------------


@dataclass(frozen=True)
class StepLine:
    customer: str
    area: str
    step: str
    started_on: date
    review_on: date
    reaction: str
    measured: str  # the pattern before and after the step, or ""


def pattern_findings(result: AnalysisResult, lang: str) -> list[FindingView]:
    """The patterns found across customers in the year, those with customers only."""
    portfolio = portfolio_since(result.period.start)
    found = across_customers(
        portfolio, result.as_of, pattern_settings(), result.settings, result.period
    )
    views = finding_views(found, {}, lang, result.currency)
    return [view for view in views if view.customers]


def kaizen_steps(result: AnalysisResult, lang: str) -> list[StepLine]:
    """The steps that ran in the year: started in it, or started before and reviewed in it."""
    start, end = result.period.start, result.period.end
    steps = (
        KaizenStep.objects.select_related("customer", "tracking")
        .filter(started_on__lte=end)
        .filter(Q(started_on__gte=start) | Q(review_on__gte=start))
        .order_by("started_on", "id")
    )
    return [_step_line(step, result.as_of, lang) for step in steps]


def _step_line(step: KaizenStep, as_of: date, lang: str) -> StepLine:
    return StepLine(
        step.customer.name,
        step.area,
        step.step,
        step.started_on,
        step.review_on,
        step.get_reaction_display(),
        step_view(step, as_of, lang).text,
    )


# --- follow-ups -----------------------------------------------------------------------


@dataclass(frozen=True)
class FollowupLine:
    kind: str  # the label
    done: int
    snoozed: int
    dismissed: int
    open: int  # still open on the as-of date


@dataclass(frozen=True)
class FollowupStats:
    lines: list[FollowupLine]
    total: FollowupLine
    error: str = ""  # why the open ones could not be worked out


def followup_stats(result: AnalysisResult, lang: str) -> FollowupStats:
    """What was done with follow-ups in the year (their last change), and what stayed open.

    Follow-ups are derived from the data, not stored; only what someone did with one is
    (planning.FollowupState), so done, snoozed and dismissed count the states last changed
    in the year, and open ones are those the engine finds open on the as-of date.
    """
    handled = _handled(result)
    try:
        still_open = _open_by_kind(result.as_of)
        error = ""
    except AnalysisError as exc:
        still_open, error = {}, exc.text(lang)
    kinds = sorted(set(handled) | set(still_open))
    lines = [_followup_line(kind, handled.get(kind, {}), still_open, lang) for kind in kinds]
    total = FollowupLine(
        _("Together"),
        sum(line.done for line in lines),
        sum(line.snoozed for line in lines),
        sum(line.dismissed for line in lines),
        sum(line.open for line in lines),
    )
    return FollowupStats(lines, total, error)


def _handled(result: AnalysisResult) -> dict[str, dict[str, int]]:
    since = local_midnight(result.period.start)
    until = local_midnight(result.period.end + timedelta(days=1))
    states = FollowupState.objects.filter(updated_at__gte=since, updated_at__lt=until)
    counts: dict[str, dict[str, int]] = {}
    for kind, status in states.values_list("kind", "status"):
        counts.setdefault(kind, {}).setdefault(status, 0)
        counts[kind][status] += 1
    return counts


def _open_by_kind(as_of: date) -> dict[str, int]:
    counts: dict[str, int] = {}
    for item in open_followups_on(as_of):
        counts[item.kind] = counts.get(item.kind, 0) + 1
    return counts


def _followup_line(kind: str, handled: dict[str, int], still_open: dict, lang: str):
    return FollowupLine(
        kind_label(kind, lang),
        handled.get("done", 0),
        handled.get("snoozed", 0),
        handled.get("dismissed", 0),
        still_open.get(kind, 0),
    )
