"""Reading kaizen steps: the measurement of a step's pattern before and after its start.

On or after the review date the measurement is taken as of the review date, so it stays
the same whenever it is looked at; before it, as of today (an interim look).
"""

from __future__ import annotations

from datetime import date, timedelta

from kundenwert.kaizen.config import pattern_settings
from kundenwert.kaizen.data import customer_portfolio
from kundenwert.patterns import Measurement, measure_step
from kundenwert.planning.models import KaizenStep
from kundenwert.workspace.services import analysis_settings


def step_pattern(step: KaizenStep) -> str:
    tracking = getattr(step, "tracking", None)
    return tracking.pattern if tracking is not None else ""


def measured_as_of(step: KaizenStep, today: date) -> date:
    return min(today, step.review_on)


def step_measurement(step: KaizenStep, today: date) -> Measurement | None:
    """None without a target pattern or before the step has started."""
    key = step_pattern(step)
    as_of = measured_as_of(step, today)
    if not key or as_of < step.started_on:
        return None
    settings = pattern_settings()
    since = step.started_on - timedelta(days=settings.measure_window_days)
    portfolio = customer_portfolio(step.customer, since)
    return measure_step(
        portfolio,
        step.customer.number,
        key,
        step.started_on,
        as_of,
        settings,
        analysis_settings(),
    )


def is_due_for_review(step: KaizenStep, today: date) -> bool:
    tracking = getattr(step, "tracking", None)
    return step.review_on <= today and (tracking is None or tracking.reviewed_on is None)
