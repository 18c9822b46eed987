"""Short names of the analysis' reason codes for the interface, with the articles' German
terms where they have one. The full sentences with figures come from the analysis
(`CustomerResult.explain`); these are for filters, chips and chart tooltips."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

REASON_LABELS = {
    "high_revenue": _("high revenue"),
    "proportional_effort": _("effort in proportion"),
    "disproportionate_effort": _("disproportionate effort"),
    "low_revenue_high_effort": _("low revenue, high effort"),
    "late_payer": _("pays late"),
    "haggler": _("haggles over prices"),
    "talker": _("endless talker"),
    "empty_promises": _("empty promises"),
    "unjustified_complaints": _("complains without cause"),
    "rude": _("unfriendly manner"),
    "potential": _("potential"),
    "useful": _("useful"),
    "heart": _("close to heart"),
    "inactive": _("inactive"),
    "override": _("set by hand"),
    "small_steady": _("small and steady"),
    "exit_candidate": _("exit candidate"),
}

# The codes a customer can be filtered by: every criterion of method.md.
FILTER_CODES = tuple(
    code for code in REASON_LABELS if code not in ("override", "small_steady", "exit_candidate")
)


def reason_label(code: str) -> str:
    return str(REASON_LABELS.get(code, code))


def reason_labels(codes: list[str]) -> str:
    return ", ".join(reason_label(code) for code in codes)
