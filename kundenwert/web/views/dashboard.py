from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.safestring import mark_safe

from kundenwert.customers.analysis_service import current_analysis
from kundenwert.web import dashboard
from kundenwert.web.language import ui_language
from kundenwert.web.permissions import owner_required


@owner_required
def dashboard_page(request: HttpRequest) -> HttpResponse:
    snapshot = current_analysis()
    context = {"snapshot": snapshot, "has_customers": bool(snapshot.customer_pks)}
    if snapshot.current is not None and snapshot.customer_pks:
        context.update(_analysis_context(snapshot, ui_language()))
    return render(request, "dashboard.html", context)


def _analysis_context(snapshot, lang: str) -> dict:
    current = snapshot.current
    candidates, candidate_count = dashboard.exit_candidates(snapshot, lang)
    followups, followup_count = dashboard.due_followups(snapshot, lang)

    def chart(name: str, build) -> str:
        # The chart modules escape every text they put in; the markup itself is ours.
        return mark_safe(snapshot.memo((name, lang), lambda: build(snapshot, lang)))  # noqa: S308

    return {
        "result": current,
        "key_figures": dashboard.key_figures(current, snapshot.previous, lang),
        "portfolio_chart": chart("portfolio", dashboard.portfolio_chart),
        "whale_chart": chart("whale", dashboard.whale_chart),
        "budget_chart": chart("budget", dashboard.budget_chart),
        "top_customers": snapshot.memo("top", lambda: dashboard.top_customers(snapshot)),
        "whale_steps": dashboard.whale_steps(current),
        "budget_bars": dashboard.budget_bars(current),
        "exit_candidates": candidates,
        "exit_count": candidate_count,
        "followups": followups,
        "followup_count": followup_count,
        "groups": current.totals.groups,
    }
