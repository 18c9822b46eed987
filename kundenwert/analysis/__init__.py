"""method.md's customer base analysis, pure: polars frames in, a result out, no Django.

    from kundenwert.analysis import analyze, Period
    result = analyze(portfolio, settings, as_of=date(2026, 11, 23))
    result.customers  # CustomerResult per customer, in revenue order
    result.to_json()  # the machine-readable result of method.md

Decisions where method.md leaves room are written in the module docstrings of
aggregate.py, metrics.py, criteria.py, grouping.py, budget.py, result.py, output.py and
machine.py.
"""

from kundenwert.analysis.budget import BudgetLine
from kundenwert.analysis.core import analyze
from kundenwert.analysis.errors import AnalysisError, MixedCurrenciesError
from kundenwert.analysis.period import Period
from kundenwert.analysis.result import AnalysisResult, CustomerResult, Totals, WhalePoint
from kundenwert.analysis.settings import AnalysisSettings
from kundenwert.analysis.texts import explain

__all__ = [
    "AnalysisError",
    "AnalysisResult",
    "AnalysisSettings",
    "BudgetLine",
    "CustomerResult",
    "MixedCurrenciesError",
    "Period",
    "Totals",
    "WhalePoint",
    "analyze",
    "explain",
]
