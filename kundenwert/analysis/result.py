"""The result of an analysis, and its machine-readable form (method.md, section 2).

The result keeps one polars row per customer (`frame`, in revenue order); the Python
objects (`customers`, `whale_curve`) are built from it on first use, and the JSON is
built from it by polars, so a caller that only wants JSON never pays for 20,000 objects.

`to_json()` gives exactly method.md's object: the customer objects hold only `id`,
`name`, `group`, `reasons`, `exit_candidate` and `metrics` (metrics holds more than the
required keys, which method.md allows; see metrics.EXTRA_METRICS). Extra top-level keys,
which readers of the documented keys can ignore:

* `whale_curve`: customers by margin, highest first (ties by id), each with
  `cumulative_margin`; every customer is on it, inactive ones too, so it ends at the
  total margin;
* `totals`: portfolio sums, the analysis `currency`, `excluded_invoices` (in other
  currencies) and `ungrouped_hours` (see budget.py);
* `deciding`: for each customer id, the code of the grouping rule that decided.

Numbers: money is rounded to cents; hours, minutes and averages to 4 decimals; shares and
ratios to 6 significant digits (a share of 0.00004 among 20,000 customers stays visible).
An infinite or absent figure is null. Customers are listed by revenue, highest first,
ties by id: the ranking `high_revenue` uses.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from functools import cached_property

import polars as pl

from kundenwert.analysis.budget import BudgetLine
from kundenwert.analysis.metrics import (
    METRIC_KEYS,
    METRICS,
    MetricSpec,
    MetricValue,
    divided_by,
)
from kundenwert.analysis.period import Period
from kundenwert.analysis.settings import AnalysisSettings
from kundenwert.analysis.texts import explain

LANGUAGES = ("de", "en")


@dataclass(frozen=True, eq=False)
class CustomerResult:
    id: str
    name: str
    group: str | None  # "A" | "B" | "C" | None (inactive, not close to heart)
    reasons: list[str]  # every criterion that holds, in method.md's order
    exit_candidate: bool
    metrics: dict[str, MetricValue]  # money as Decimal, infinite effort_ratio as math.inf
    deciding: str  # the rule that decided: a reason code, `override` or `small_steady`
    exit_reasons: list[str] = field(default_factory=list)  # grouping.EXIT_CODES
    status: str | None = None
    override_reason: str | None = None
    currency: str = "EUR"
    settings: AnalysisSettings = field(default_factory=AnalysisSettings, repr=False)

    def explain(self, code: str, lang: str) -> str:
        return explain(self, code, lang)

    @property
    def explained_codes(self) -> list[str]:
        """The codes worth a sentence: the deciding rule when it is not a reason
        (override, small_steady), the reasons, and `exit_candidate` for one."""
        codes = list(self.reasons)
        if self.deciding not in codes:
            codes.insert(0, self.deciding)
        if self.exit_candidate:
            codes.append("exit_candidate")
        return codes

    @cached_property
    def explanations(self) -> dict[str, dict[str, str]]:
        """{lang: {code: text}} for 'de' and 'en' over `explained_codes`."""
        return {
            lang: {code: explain(self, code, lang) for code in self.explained_codes}
            for lang in LANGUAGES
        }


@dataclass(frozen=True)
class WhalePoint:
    id: str
    name: str
    margin: Decimal
    cumulative_margin: Decimal


@dataclass(frozen=True)
class Totals:
    customers: int
    active_customers: int
    revenue: Decimal  # all invoices in the analysis currency, credit notes included
    positive_revenue: Decimal  # the total that revenue shares refer to
    effort_hours: float
    cost: Decimal
    margin: Decimal
    currency: str
    excluded_invoices: int  # invoices in the period in other currencies
    ungrouped_hours: float
    groups: dict[str, int]  # "A", "B", "C", "none"
    exit_candidates: int

    def to_json(self) -> dict[str, object]:
        return {
            "customers": self.customers,
            "active_customers": self.active_customers,
            "revenue": float(self.revenue),
            "positive_revenue": float(self.positive_revenue),
            "effort_hours": round(self.effort_hours, 4),
            "cost": float(self.cost),
            "margin": float(self.margin),
            "currency": self.currency,
            "excluded_invoices": self.excluded_invoices,
            "ungrouped_hours": round(self.ungrouped_hours, 4),
            "groups": dict(self.groups),
            "exit_candidates": self.exit_candidates,
        }


@dataclass(frozen=True, eq=False)
class AnalysisResult:
    as_of: date
    period: Period
    settings: AnalysisSettings
    # One row per customer in revenue order. Besides the public metric columns it holds
    # working columns (cents, centi-minutes, is_<code>) whose names may change.
    frame: pl.DataFrame = field(repr=False)
    budget: dict[str, BudgetLine]
    totals: Totals

    @property
    def currency(self) -> str:
        return self.totals.currency

    @cached_property
    def customers(self) -> list[CustomerResult]:
        return customer_results(self.frame, self.settings, self.currency)

    @cached_property
    def whale_curve(self) -> list[WhalePoint]:
        rows = self.whale_frame().iter_rows()
        return [WhalePoint(i, n, cents(m), cents(c)) for i, n, m, c in rows]  # type: ignore[arg-type]

    @cached_property
    def _by_id(self) -> dict[str, CustomerResult]:
        return {c.id: c for c in self.customers}

    def customer(self, customer_id: str) -> CustomerResult:
        """The result of one customer; KeyError for an id not in the portfolio."""
        return self._by_id[customer_id]

    def in_group(self, group: str | None) -> list[CustomerResult]:
        return [c for c in self.customers if c.group == group]

    @property
    def exit_candidates(self) -> list[CustomerResult]:
        return [c for c in self.customers if c.exit_candidate]

    def whale_frame(self) -> pl.DataFrame:
        """id, name, margin_cents, cumulative_cents: by margin, highest first, ties by id."""
        return (
            self.frame.select("id", "name", "margin_cents")
            .sort(["margin_cents", "id"], descending=[True, False])
            .with_columns(cumulative_cents=pl.col("margin_cents").cum_sum())
        )

    def head_json(self) -> dict[str, object]:
        """The small top-level parts of the JSON (everything but the per-customer lists)."""
        return {
            "as_of": self.as_of.isoformat(),
            "period": {"from": self.period.start.isoformat(), "to": self.period.end.isoformat()},
            "settings": self.settings.as_json(),
            "budget": {key: _budget_json(line) for key, line in self.budget.items()},
            "totals": self.totals.to_json(),
            "deciding": dict(zip(self.frame["id"], self.frame["deciding"], strict=True)),
        }

    def customers_json_frame(self) -> pl.DataFrame:
        """The `customers` array of the JSON, one row per object."""
        metrics = pl.struct(*(json_expr(m).alias(m.name) for m in METRICS))
        return self.frame.select(
            "id", "name", "group", "reasons", "exit_candidate", metrics=metrics
        )

    def whale_json_frame(self) -> pl.DataFrame:
        money = {c: divided_by(pl.col(f"{c}_cents"), 100) for c in ("margin", "cumulative")}
        return self.whale_frame().select(
            "id", "name", margin=money["margin"], cumulative_margin=money["cumulative"]
        )

    def to_json(self) -> dict[str, object]:
        """method.md's machine-readable result as plain Python values."""
        head = self.head_json()
        return {
            "as_of": head["as_of"],
            "period": head["period"],
            "settings": head["settings"],
            "customers": self.customers_json_frame().to_dicts(),
            "budget": head["budget"],
            "whale_curve": self.whale_json_frame().to_dicts(),
            "totals": head["totals"],
            "deciding": head["deciding"],
        }


def json_expr(metric: MetricSpec) -> pl.Expr:
    """A metric column as a rounded JSON number (see the module docstring)."""
    column = pl.col(metric.column)
    if metric.kind == "money":
        return divided_by(column, 100)
    if metric.kind == "minutes":
        return divided_by(column, 100).round(4)
    if metric.kind in ("hours", "average"):
        return column.round(4)
    if metric.kind == "ratio":
        return pl.when(column.is_finite()).then(column.round_sig_figs(6))
    return column


def cents(value: int | None) -> Decimal | None:
    return None if value is None else Decimal(value).scaleb(-2)


def customer_results(
    frame: pl.DataFrame, settings: AnalysisSettings, currency: str
) -> list[CustomerResult]:
    """One CustomerResult per row, metrics converted column by column."""
    metric_columns = [_python_values(m, frame[m.column]) for m in METRICS]
    rows = frame.select(
        "id",
        "name",
        "group",
        "reasons",
        "exit_candidate",
        "deciding",
        "exit_reasons",
        "status",
        "override_reason",
    ).iter_rows()
    return [
        CustomerResult(
            cid,
            name,
            group,
            reasons,
            candidate,
            deciding=deciding,
            exit_reasons=exits,
            metrics=dict(zip(METRIC_KEYS, values, strict=True)),
            status=status,
            override_reason=reason,
            currency=currency,
            settings=settings,
        )
        for (cid, name, group, reasons, candidate, deciding, exits, status, reason), values in zip(
            rows, zip(*metric_columns, strict=True), strict=True
        )
    ]


def _python_values(metric: MetricSpec, column: pl.Series) -> list[MetricValue]:
    values = column.to_list()
    if metric.kind == "money":
        return [cents(v) for v in values]
    if metric.kind == "minutes":
        return [None if v is None else v / 100 for v in values]
    return values


def _budget_json(line: BudgetLine) -> dict[str, float]:
    return {
        "target": line.target,
        "actual_hours": round(line.actual_hours, 4),
        "actual_share": float(f"{line.actual_share:.6g}"),
    }
