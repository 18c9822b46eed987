"""The analysis as the API gives it: method.md's JSON for the portfolio or one customer.

With the default period the web app's analysis is used (kundenwert.customers.
analysis_service): computed once per data change and kept, so the API and the pages show
the same figures and a client polling the API costs nothing while nothing changed.
With `from` and `to` the period is analysed on request, as `kundenwert analyze` does.
"""

from __future__ import annotations

from datetime import date

from django.utils import timezone

from kundenwert.analysis import AnalysisError, AnalysisResult, Period, analyze
from kundenwert.customers.analysis_service import current_analysis
from kundenwert.customers.models import Customer
from kundenwert.exchange.loader import load_for_analysis
from kundenwert.followups import Followup
from kundenwert.planning.data import current_open_followups, open_followups_on
from kundenwert.workspace.services import analysis_settings


def analysis_result(as_of: date, period: tuple[date, date] | None = None) -> AnalysisResult:
    """Raises AnalysisError when the analysis refuses (e.g. invoices in several currencies)."""
    if period is not None:
        chosen = Period(*period)
        return analyze(load_for_analysis(chosen), analysis_settings(), as_of, chosen)
    snapshot = current_analysis(as_of)
    if snapshot.current is None:
        raise snapshot.refusal("no analysis")
    return snapshot.current


def analysis_json(as_of: date, period: tuple[date, date] | None = None) -> dict:
    return analysis_result(as_of, period).to_json()


def customer_figures(customer: Customer, as_of: date, lang: str) -> dict:
    """The customer's entry of the analysis JSON, with its reasons as sentences."""
    result = analysis_result(as_of)
    entry = result.customers_json_frame().filter(id=customer.number).to_dicts()
    if not entry:  # a customer added after the analysis' data was read
        raise AnalysisError("The customer is not in the analysis yet; try again.")
    explained = result.customer(customer.number)
    period = {"from": result.period.start.isoformat(), "to": result.period.end.isoformat()}
    return {
        **entry[0],
        "as_of": result.as_of.isoformat(),
        "period": period,
        "explanations": {code: explained.explain(code, lang) for code in explained.explained_codes},
    }


def open_followups(as_of: date) -> list[Followup]:
    """method.md section 4's list. Today's is kept with today's analysis, under the key the
    dashboard keeps it (a done or snoozed follow-up is a change: a new analysis, a new list);
    another day's is worked out on request."""
    if as_of != timezone.localdate():
        return open_followups_on(as_of)
    return current_open_followups(current_analysis(as_of))
