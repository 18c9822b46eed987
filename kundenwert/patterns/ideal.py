"""How well each customer and lead fits the ideal-customer profile (Wunschkunden), 0-100.

The profile is a weight (0-5) per criterion below; 0 leaves a criterion out. Each criterion
gives a score from 0 to 1 out of the analysis period's figures, or none when the data says
nothing about it (no interactions, no invoice due, no offer, no rating). The fit is the
weighted mean of the scores a customer has, times 100, rounded; none when it has none.

| criterion            | score 1 (ideal) ... score 0                                 |
| -------------------- | ----------------------------------------------------------- |
| revenue              | rank among customers with revenue: first ... last (~0)      |
| hourly_rate          | rate of twice the internal hourly cost ... the cost or less |
| proportionate_effort | effort ratio 1 or less ... effort_ratio_limit (1.5) or more |
| pays_on_time         | 0 days late on average ... exit_avg_days_late (30) or more  |
| fair_prices          | no price negotiation ... price_negotiations_min (2) or more |
| in_scope             | no out-of-scope request ... out_of_scope_min (4) or more    |
| few_interruptions    | no unplanned call ... talker_calls_min (5) or more          |
| friendly             | mood +2 ... mood -2                                         |
| no_complaints        | no unjustified complaint ... unjustified_complaints_min (2) |
| keeps_promises       | share of offers accepted                                    |
| potential            | the owner's rating 5 ... 1                                  |
| useful, heart        | marked ... not marked                                       |

Leads are scored on behaviour and the owner's ratings only: revenue, hourly rate, effort
and payment say nothing yet about a customer that has not bought. Ended customers are
not scored. Limits between the ends are linear.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType

import polars as pl

from kundenwert.analysis import AnalysisResult, AnalysisSettings
from kundenwert.analysis.metrics import METRICS
from kundenwert.patterns.settings import PatternSettings

COLUMN = {m.name: m.column for m in METRICS}
DEFAULT_WEIGHTS = MappingProxyType(
    {
        "revenue": 2,
        "hourly_rate": 3,
        "proportionate_effort": 2,
        "pays_on_time": 2,
        "fair_prices": 2,
        "in_scope": 2,
        "few_interruptions": 1,
        "friendly": 2,
        "no_complaints": 2,
        "keeps_promises": 1,
        "potential": 1,
        "useful": 1,
        "heart": 1,
    }
)
CRITERIA = tuple(DEFAULT_WEIGHTS)
NOT_FOR_LEADS = ("revenue", "hourly_rate", "proportionate_effort", "pays_on_time")
MAX_WEIGHT = 5


class ProfileError(ValueError):
    """Weights that cannot be used; the message names the criterion."""


@dataclass(frozen=True)
class Score:
    criterion: str
    score: float  # 0..1
    weight: int
    figure: float | None  # what the score was read from, in the criterion's unit


@dataclass(frozen=True)
class Fit:
    customer_id: str
    name: str
    status: str
    fit: int | None  # 0..100
    scores: list[Score]  # the criteria it was scored on, heaviest first


def checked_weights(weights: Mapping[str, object]) -> dict[str, int]:
    """Every criterion with an integer weight 0-5; unknown criteria are refused."""
    unknown = set(weights) - set(CRITERIA)
    if unknown:
        raise ProfileError(f"unknown criteria: {', '.join(sorted(unknown))}")
    checked = {}
    for key in CRITERIA:
        value = weights.get(key, 0)
        if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= MAX_WEIGHT:
            raise ProfileError(f"{key}: the weight must be a whole number from 0 to {MAX_WEIGHT}")
        checked[key] = value
    return checked


def fit_scores(
    result: AnalysisResult, weights: dict[str, int], settings: PatternSettings | None = None
) -> list[Fit]:
    """Every customer and lead with its fit, best first (ties by id; unscored last)."""
    weights = checked_weights(weights)
    frame = score_frame(result, settings or PatternSettings())
    used = [key for key in CRITERIA if weights[key] > 0]
    fits = [_fit(row, weights, used) for row in frame.to_dicts()]
    return sorted(fits, key=lambda f: (f.fit is None, -(f.fit or 0), f.customer_id))


def score_frame(result: AnalysisResult, settings: PatternSettings) -> pl.DataFrame:
    """id, name, status, then `<criterion>` (score) and `<criterion>_figure` columns."""
    a = result.settings
    frame = result.frame.filter(pl.col("status").fill_null("active") != "ended")
    ranked = frame.filter(pl.col("revenue_rank").is_not_null()).height
    scores = _scores(a, settings, max(ranked, 1))
    lead = pl.col("status") == "lead"
    return frame.select(
        "id",
        "name",
        status=pl.col("status").fill_null("active"),
        **{
            key: pl.when(lead & pl.lit(key in NOT_FOR_LEADS)).then(None).otherwise(score)
            for key, (score, _) in scores.items()
        },
        **{f"{key}_figure": figure.cast(pl.Float64) for key, (_, figure) in scores.items()},
    )


def _clip(expr: pl.Expr) -> pl.Expr:
    return expr.clip(0.0, 1.0)


def _fewer_is_better(column: str, limit: float) -> pl.Expr:
    return _clip(1 - pl.col(column) / max(limit, 1))


def _scores(
    a: AnalysisSettings, settings: PatternSettings, ranked: int
) -> dict[str, tuple[pl.Expr, pl.Expr]]:
    """(score, figure) per criterion; a score of None means no data."""
    spoke = pl.col("interactions") > 0
    rate = pl.col(COLUMN["effective_hourly_rate"]) / 100
    cost = float(a.hourly_cost)
    ratio = pl.col("effort_ratio")
    limit = a.effort_ratio_limit
    return {
        "revenue": (
            pl.when(pl.col("revenue_rank").is_not_null())
            .then(1 - (pl.col("revenue_rank") - 1) / ranked)
            .otherwise(0.0),
            pl.col(COLUMN["revenue"]) / 100,
        ),
        "hourly_rate": (_clip(rate / cost - 1) if cost > 0 else pl.lit(1.0), rate),
        "proportionate_effort": (
            pl.when(ratio.is_not_null()).then(_clip((limit - ratio) / max(limit - 1, 1e-9))),
            ratio,
        ),
        "pays_on_time": (
            pl.when(pl.col("invoices_due") > 0).then(
                _fewer_is_better("avg_days_late", a.exit_avg_days_late)
            ),
            pl.col("avg_days_late"),
        ),
        "fair_prices": _count_score(spoke, "price_negotiations", a.price_negotiations_min),
        "in_scope": _count_score(spoke, "out_of_scope_requests", settings.out_of_scope_min),
        "few_interruptions": _count_score(spoke, "unplanned_calls", a.talker_calls_min),
        "friendly": (
            pl.when(pl.col("mood_count") > 0).then((pl.col("mood_avg") + 2) / 4),
            pl.col("mood_avg"),
        ),
        "no_complaints": _count_score(
            spoke, "unjustified_complaints", a.unjustified_complaints_min
        ),
        "keeps_promises": (
            pl.when(pl.col("offers_sent") > 0).then(
                pl.col("offers_accepted") / pl.col("offers_sent")
            ),
            pl.col("offers_accepted"),
        ),
        "potential": (
            pl.when(pl.col("potential").is_not_null()).then((pl.col("potential") - 1) / 4),
            pl.col("potential"),
        ),
        "useful": (pl.col("useful").cast(pl.Float64), pl.col("useful")),
        "heart": (pl.col("heart").cast(pl.Float64), pl.col("heart")),
    }


def _count_score(spoke: pl.Expr, column: str, limit: float) -> tuple[pl.Expr, pl.Expr]:
    """Fewer is better; no interactions in the period means no data."""
    return pl.when(spoke).then(_fewer_is_better(column, limit)), pl.col(column)


def _fit(row: dict, weights: dict[str, int], used: list[str]) -> Fit:
    scores = [
        Score(key, float(row[key]), weights[key], row[f"{key}_figure"])
        for key in used
        if row[key] is not None
    ]
    total = sum(s.weight for s in scores)
    # Half up, as people round: a fit of 72.5 shows as 73.
    fit = int(100 * sum(s.score * s.weight for s in scores) / total + 0.5) if total else None
    scores.sort(key=lambda s: (-s.weight, CRITERIA.index(s.criterion)))
    return Fit(row["id"], row["name"], row["status"], fit, scores)
