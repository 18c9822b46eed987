"""Patterns a customer relationship has fallen into, found in the data; pure polars, no Django.

    from kundenwert.patterns import quarterly, trends, across_customers, measure_step
    frame = quarterly(portfolio, as_of)           # figures per customer, pattern, quarter
    trends(frame)                                 # latest complete quarter against before
    across_customers(portfolio, as_of)            # "many unplanned calls: 1 customer"
    measure_step(portfolio, "K-1004", "odd_hours", started_on, as_of)  # before / after
    talk_agenda(portfolio, "K-1004", as_of)       # a relationship talk's agenda
    fit_scores(analysis_result, weights)          # the ideal-customer profile, 0-100

The rules and their defaults are in the module docstrings (catalogue.py, sums.py,
quarters.py, measure.py, across.py, agenda.py, ideal.py) and docs/kaizen-and-exits.md.
"""

from kundenwert.patterns.across import Finding, Listed, across_customers, period_figures
from kundenwert.patterns.agenda import Agenda, AgendaItem, talk_agenda
from kundenwert.patterns.catalogue import PATTERN_KEYS, PATTERNS, Pattern, pattern
from kundenwert.patterns.ideal import DEFAULT_WEIGHTS, Fit, ProfileError, Score, fit_scores
from kundenwert.patterns.measure import Figure, Measurement, Watch, measure_step, watch_after_talk
from kundenwert.patterns.quarters import quarterly, trends
from kundenwert.patterns.series import PatternSeries, QuarterFigure, customer_series
from kundenwert.patterns.settings import PatternSettings, PatternSettingsError

__all__ = [
    "DEFAULT_WEIGHTS",
    "PATTERNS",
    "PATTERN_KEYS",
    "Agenda",
    "AgendaItem",
    "Figure",
    "Finding",
    "Fit",
    "Listed",
    "Measurement",
    "Pattern",
    "PatternSeries",
    "PatternSettings",
    "PatternSettingsError",
    "ProfileError",
    "QuarterFigure",
    "Score",
    "Watch",
    "across_customers",
    "customer_series",
    "fit_scores",
    "measure_step",
    "pattern",
    "period_figures",
    "quarterly",
    "talk_agenda",
    "trends",
    "watch_after_talk",
]
