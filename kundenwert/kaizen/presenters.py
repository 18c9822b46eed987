"""What the pages show, built from the patterns' results: rows and sentences, no queries
beyond loading one customer's records."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from kundenwert.customers.models import Customer
from kundenwert.kaizen.config import pattern_settings
from kundenwert.kaizen.data import customer_currency, customer_portfolio
from kundenwert.kaizen.steps import step_measurement, step_pattern
from kundenwert.patterns import Figure, Finding, Measurement, PatternSeries, customer_series
from kundenwert.patterns.quarters import last_quarters, quarter_bounds
from kundenwert.patterns.texts import (
    figure_text,
    heading,
    measurement_text,
    pattern_name,
    trend_text,
    value_text,
)
from kundenwert.planning.models import KaizenStep
from kundenwert.workspace.services import analysis_settings


@dataclass(frozen=True)
class Cell:
    value: str
    detail: str  # the figure with what it rests on
    partial: bool
    enough: bool


@dataclass(frozen=True)
class PatternRow:
    key: str
    name: str
    cells: list[Cell]
    trend: str
    direction: str | None


@dataclass(frozen=True)
class ListedCustomer:
    pk: int | None
    name: str
    detail: str


@dataclass(frozen=True)
class FindingView:
    key: str
    heading: str
    customers: list[ListedCustomer]


@dataclass(frozen=True)
class StepView:
    step: KaizenStep
    pattern: str
    measurement: Measurement | None
    text: str


def quarter_name(label: str) -> str:
    """'2026-Q3' as 'Q3 2026'."""
    return f"{label[-2:]} {label[:4]}"


def customer_pattern_rows(customer: Customer, today: date, lang: str) -> dict[str, object]:
    """The context of the pattern table (kaizen/_patterns.html) for a customer page."""
    settings = pattern_settings()
    labels = last_quarters(today, settings.quarters)
    portfolio = customer_portfolio(customer, quarter_bounds(labels[0])[0])
    series = customer_series(portfolio, customer.number, today, settings, analysis_settings())
    currency = customer_currency(customer.pk)
    return {
        "pattern_quarters": [quarter_name(label) for label in labels],
        "pattern_rows": [pattern_row(s, lang, currency) for s in series],
    }


def pattern_row(series: PatternSeries, lang: str, currency: str = "EUR") -> PatternRow:
    cells = [
        Cell(
            value_text(series.pattern, q.figure.value, lang) if q.figure.enough else "–",
            figure_text(series.pattern, q.figure, lang, currency),
            q.partial,
            q.figure.enough,
        )
        for q in series.quarters
    ]
    trend = trend_text(series.pattern, series.latest, series.baseline, series.direction, lang)
    name = pattern_name(series.pattern, lang)
    return PatternRow(series.pattern, name[0].upper() + name[1:], cells, trend, series.direction)


def finding_views(
    findings: list[Finding], pks: dict[str, int], lang: str, currency: str
) -> list[FindingView]:
    views = []
    for finding in findings:
        customers = [
            ListedCustomer(
                pks.get(c.customer_id),
                c.name,
                figure_text(
                    finding.pattern, Figure(c.value, c.part, c.basis, c.count, True), lang, currency
                ),
            )
            for c in finding.customers
        ]
        views.append(
            FindingView(finding.pattern, heading(finding.pattern, len(customers), lang), customers)
        )
    return views


def step_view(step: KaizenStep, today: date, lang: str) -> StepView:
    key = step_pattern(step)
    measurement = step_measurement(step, today)
    currency = customer_currency(step.customer_id)
    text = measurement_text(measurement, pattern_settings(), lang, currency) if measurement else ""
    return StepView(step, key, measurement, text)
