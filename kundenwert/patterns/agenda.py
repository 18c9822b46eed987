"""The agenda of a relationship talk (Beziehungstherapie), built from the facts.

Over the analysis period ending on the talk date (365 days by default) the agenda names,
each with its numbers:

1. out-of-scope requests: how many, the hours they took, the latest one;
2. late payments: invoices paid late, the mean delay, what is open and overdue today;
3. the staff's mood after contacts: mean rating, how many ratings, how many negative;
4. time against revenue: hours of effort, revenue, the effective hourly rate against the
   internal hourly cost, and the margin;

then every other pattern whose figure reaches its cross-customer limit (work at odd hours,
unbilled hours, discounts, unplanned calls). The first four are always on the agenda, so
the talk can also say what is fine. An item is `flagged` when its figure reaches the limit
(for late payments also: at least `late_invoices_min` invoices late; for time against
revenue: an hourly rate below the internal hourly cost). The flagged items that belong to
a pattern are the ones watched after the talk.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import date, datetime, timedelta

import polars as pl

from kundenwert.analysis import AnalysisSettings, Period, analyze
from kundenwert.patterns.across import period_figures
from kundenwert.patterns.catalogue import pattern
from kundenwert.patterns.settings import PatternSettings
from kundenwert.patterns.subset import one_customer
from kundenwert.portfolio import Portfolio

CORE_TOPICS = ("out_of_scope", "late_payments", "mood", "time_vs_revenue")
EXTRA_PATTERNS = ("odd_hours", "unbilled", "discount", "unplanned_calls")
TOPIC_PATTERNS = {"out_of_scope": "out_of_scope", "late_payments": "days_late", "mood": "mood"}


@dataclass(frozen=True)
class AgendaItem:
    topic: str  # a CORE_TOPICS key or a pattern key
    flagged: bool
    figures: dict[str, float | int | str | None]
    pattern: str | None = None  # the pattern a watch follows after the talk


@dataclass(frozen=True)
class Agenda:
    as_of: date
    period: Period
    currency: str
    items: list[AgendaItem] = field(default_factory=list)

    @property
    def watched_patterns(self) -> list[str]:
        return [i.pattern for i in self.items if i.flagged and i.pattern]

    def to_json(self) -> dict[str, object]:
        return {
            "as_of": self.as_of.isoformat(),
            "period": {"from": self.period.start.isoformat(), "to": self.period.end.isoformat()},
            "currency": self.currency,
            "items": [asdict(item) for item in self.items],
        }

    @classmethod
    def from_json(cls, data: dict) -> Agenda:
        period = Period(
            date.fromisoformat(data["period"]["from"]), date.fromisoformat(data["period"]["to"])
        )
        items = [AgendaItem(**item) for item in data["items"]]
        return cls(date.fromisoformat(data["as_of"]), period, data["currency"], items)


def talk_agenda(
    portfolio: Portfolio,
    customer_id: str,
    as_of: date,
    settings: PatternSettings | None = None,
    analysis: AnalysisSettings | None = None,
) -> Agenda:
    """Raises AnalysisError when the customer's invoices need a currency choice."""
    settings = settings or PatternSettings()
    analysis = analysis or AnalysisSettings()
    mine = one_customer(portfolio, customer_id)
    period = Period.ending(as_of, analysis.period_days)
    result = analyze(mine, analysis, as_of, period)
    metrics = result.customer(customer_id).metrics
    found = {r["pattern"]: r for r in period_figures(mine, period, settings, analysis).to_dicts()}
    items = [
        _out_of_scope(mine, period, found["out_of_scope"], settings),
        _late_payments(
            mine, metrics, found["days_late"], as_of, result.currency, settings, analysis
        ),
        _mood(found["mood"], settings),
        _time_vs_revenue(metrics, analysis),
    ]
    items += [_extra(key, found[key], settings) for key in EXTRA_PATTERNS]
    kept = [item for item in items if item.topic in CORE_TOPICS or item.flagged]
    return Agenda(as_of, period, result.currency, kept)


def _reached(key: str, row: dict, settings: PatternSettings) -> bool:
    return bool(row["enough"]) and pattern(key).at_limit(row["value"], settings)


def _out_of_scope(
    mine: Portfolio, period: Period, row: dict, settings: PatternSettings
) -> AgendaItem:
    marked = mine.interactions.filter(
        pl.col("out_of_scope").fill_null(False)
        & pl.col("at").dt.date().is_between(period.start, period.end)
    )
    minutes = float(marked["minutes"].cast(pl.Float64).fill_null(0).sum())
    latest = marked["at"].max()
    assert latest is None or isinstance(latest, datetime)  # `at` is a Datetime column
    figures = {
        "count": int(row["value"]),
        "hours": minutes / 60,
        "latest": latest.date().isoformat() if latest is not None else None,
    }
    return AgendaItem(
        "out_of_scope", _reached("out_of_scope", row, settings), figures, "out_of_scope"
    )


def _late_payments(
    mine: Portfolio,
    metrics: dict,
    row: dict,
    as_of: date,
    currency: str,
    settings: PatternSettings,
    analysis: AnalysisSettings,
) -> AgendaItem:
    in_currency = mine.invoices.filter(pl.col("currency").fill_null("EUR") == currency)
    open_due = _open_overdue(in_currency, as_of, analysis)
    figures = {
        "invoices_due": int(metrics["invoices_due"] or 0),
        "late_invoices": int(metrics["late_invoices"] or 0),
        "late_after_days": analysis.late_after_days,
        "avg_days_late": metrics["avg_days_late"],
        "late_avg_days": metrics["late_invoices_avg_days"],
        "open_overdue_count": open_due.height,
        "open_overdue_amount": float(open_due["net"].cast(pl.Float64).sum()),
    }
    flagged = (
        _reached("days_late", row, settings)
        or figures["late_invoices"] >= analysis.late_invoices_min
    )
    return AgendaItem("late_payments", flagged, figures, "days_late")


def _open_overdue(invoices: pl.DataFrame, as_of: date, analysis: AnalysisSettings) -> pl.DataFrame:
    """Unpaid invoices (not credit notes) whose due date has passed, whenever issued."""
    due = pl.coalesce(
        pl.col("due_date"), pl.col("issue_date") + timedelta(days=analysis.payment_terms_days)
    )
    return invoices.filter(pl.col("paid_date").is_null() & (pl.col("net") > 0) & (due < as_of))


def _mood(row: dict, settings: PatternSettings) -> AgendaItem:
    ratings = int(row["basis"] or 0)
    figures = {"mean": row["value"], "ratings": ratings, "negative": int(row["count"] or 0)}
    flagged = ratings >= settings.mood_ratings_min and _reached("mood", row, settings)
    return AgendaItem("mood", flagged, figures, "mood")


def _time_vs_revenue(metrics: dict, analysis: AnalysisSettings) -> AgendaItem:
    hours = float(metrics["effort_hours"] or 0)
    revenue = float(metrics["revenue"] or 0)
    rate = metrics["effective_hourly_rate"]
    figures: dict[str, float | int | str | None] = {
        "hours": hours,
        "revenue": revenue,
        "hourly_rate": None if rate is None else float(rate),
        "hourly_cost": float(analysis.hourly_cost),
        "margin": float(metrics["margin"] or 0),
    }
    flagged = hours > 0 and (rate is None or float(rate) < float(analysis.hourly_cost))
    return AgendaItem("time_vs_revenue", flagged, figures)


def _extra(key: str, row: dict, settings: PatternSettings) -> AgendaItem:
    figures = {name: row[name] for name in ("value", "part", "basis", "count")}
    return AgendaItem(key, _reached(key, row, settings), {**figures, "enough": row["enough"]}, key)
