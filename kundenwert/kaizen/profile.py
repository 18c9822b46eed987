"""Reading the ideal-customer profile: the current version and how customers fit it."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from kundenwert.analysis import AnalysisResult
from kundenwert.kaizen.config import pattern_settings
from kundenwert.kaizen.models import IdealProfile
from kundenwert.patterns import DEFAULT_WEIGHTS, Fit, fit_scores

BEST_AND_WORST = 5
# Questions for the owner's reflection: the C criteria of method.md, turned on oneself.
REFLECTION_PROMPTS = (
    _("Do I pay my own suppliers on time?"),
    _("Do I haggle over prices that were fair?"),
    _("Do I ask for extras outside what I ordered?"),
    _("Do I call at odd hours or without need, and talk longer than it takes?"),
    _("Do I complain without real cause?"),
    _("Am I friendly and respectful with the people who work for me?"),
)


def current_profile() -> IdealProfile | None:
    return IdealProfile.objects.order_by("-version").first()


def current_weights() -> dict[str, int]:
    """The written profile's weights; the suggested defaults until one is written."""
    profile = current_profile()
    return dict(profile.weights) if profile else dict(DEFAULT_WEIGHTS)


def customer_fits(result: AnalysisResult) -> list[Fit]:
    """Every customer and lead against the current profile, best first."""
    return fit_scores(result, current_weights(), pattern_settings())


def best_and_worst(fits: list[Fit]) -> tuple[list[Fit], list[Fit]]:
    """Up to five of each, never the same customer in both lists; the worst first."""
    scored = [f for f in fits if f.fit is not None]
    count = min(BEST_AND_WORST, len(scored) // 2)
    if count == 0:
        return [], []
    return scored[:count], scored[::-1][:count]
