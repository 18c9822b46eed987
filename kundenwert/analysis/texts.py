"""Reason texts: each reason code with its figure and its threshold, in German or English.

`explain(customer, code, lang)` covers every reason code of criteria.py, the deciding
codes `override` and `small_steady`, and `exit_candidate` (why the customer is one).
German texts are descriptive (no form of address), as they appear next to a customer.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import TYPE_CHECKING

from kundenwert.lib.formatting import (
    format_hours,
    format_money,
    format_number,
    format_percent,
    language,
)

if TYPE_CHECKING:
    from kundenwert.analysis.metrics import MetricValue
    from kundenwert.analysis.result import CustomerResult

Text = Callable[["CustomerResult", str], str]


def explain(customer: CustomerResult, code: str, lang: str) -> str:
    """The reason `code` of `customer` as a sentence with its figure and threshold."""
    lang = language(lang)
    if code not in TEXTS:
        raise KeyError(f"no text for reason code {code!r}")
    return TEXTS[code](customer, lang)


def _de_en(lang: str, de: str, en: str) -> str:
    return de if lang == "de" else en


def _num(value: MetricValue, lang: str, decimals: int = 1) -> str:
    return format_number(value or 0, lang, decimals, trim=True)


def _count(n: MetricValue, one: str, many: str) -> str:
    """'1 Rechnung', '3 Rechnungen'."""
    return f"{n} {one if n == 1 else many}"


def high_revenue(c: CustomerResult, lang: str) -> str:
    m = c.metrics
    revenue = format_money(m["revenue"], lang, c.currency)  # type: ignore[arg-type]
    share = format_percent(m["revenue_share"], lang)  # type: ignore[arg-type]
    before = format_percent(m["revenue_share_before"], lang)  # type: ignore[arg-type]
    limit = format_percent(c.settings.high_revenue_share, lang)
    if m["revenue_rank"] == 1:
        return _de_en(
            lang,
            f"Umsatz {revenue} ({share} des Gesamtumsatzes), der umsatzstärkste Kunde; "
            f"Grenze {limit}",
            f"revenue {revenue} ({share} of total revenue), the highest of all customers; "
            f"limit {limit}",
        )
    return _de_en(
        lang,
        f"Umsatz {revenue} ({share} des Gesamtumsatzes), Rang {m['revenue_rank']}; die "
        f"umsatzstärkeren Kunden haben zusammen {before}; Grenze {limit}",
        f"revenue {revenue} ({share} of total revenue), rank {m['revenue_rank']}; the "
        f"customers ranked before it have {before} together; limit {limit}",
    )


def _effort_against_revenue(c: CustomerResult, lang: str) -> str:
    m = c.metrics
    effort = format_percent(m["effort_share"], lang)  # type: ignore[arg-type]
    revenue = format_percent(m["revenue_share"], lang)  # type: ignore[arg-type]
    ratio = _num(m["effort_ratio"], lang, 2)
    limit = _num(c.settings.effort_ratio_limit, lang, 2)
    return _de_en(
        lang,
        f"Aufwandsanteil {effort} bei Umsatzanteil {revenue}: Verhältnis {ratio}; Grenze {limit}",
        f"effort share {effort} against revenue share {revenue}: ratio {ratio}; limit {limit}",
    )


def _effort_without_revenue(c: CustomerResult, lang: str) -> str:
    hours = format_hours(c.metrics["effort_hours"], lang)  # type: ignore[arg-type]
    share = format_percent(c.metrics["effort_share"], lang)  # type: ignore[arg-type]
    limit = _num(c.settings.effort_ratio_limit, lang, 2)
    return _de_en(
        lang,
        f"kein Umsatz, aber {hours} Aufwand ({share} des gesamten Aufwands); "
        f"Grenze Verhältnis {limit}",
        f"no revenue but {hours} of effort ({share} of all effort); limit ratio {limit}",
    )


def proportional_effort(c: CustomerResult, lang: str) -> str:
    return _effort_against_revenue(c, lang)


def disproportionate_effort(c: CustomerResult, lang: str) -> str:
    return _effort_against_revenue(c, lang)


def low_revenue_high_effort(c: CustomerResult, lang: str) -> str:
    ratio = c.metrics["effort_ratio"]
    if ratio is not None and math.isinf(ratio):
        return _effort_without_revenue(c, lang)
    prefix = _de_en(lang, "wenig Umsatz, viel Aufwand: ", "low revenue, high effort: ")
    return prefix + _effort_against_revenue(c, lang)


def late_payer(c: CustomerResult, lang: str) -> str:
    m = c.metrics
    late, due = m["late_invoices"], m["invoices_due"]
    days = _num(m["late_invoices_avg_days"], lang)
    limit = c.settings.late_after_days
    return _de_en(
        lang,
        f"{late} von {_count(due, 'Rechnung', 'Rechnungen')} verspätet "
        f"bezahlt, im Schnitt {days} Tage; Grenze {limit} Tage",
        f"{late} of {_count(due, 'invoice', 'invoices')} paid late, "
        f"{days} days on average; limit {limit} days",
    )


def haggler(c: CustomerResult, lang: str) -> str:
    n, limit = c.metrics["price_negotiations"], c.settings.price_negotiations_min
    return _de_en(
        lang,
        f"{_count(n, 'Preisverhandlung', 'Preisverhandlungen')}; Grenze {limit}",
        f"{_count(n, 'price negotiation', 'price negotiations')}; limit {limit}",
    )


def talker(c: CustomerResult, lang: str) -> str:
    m, s = c.metrics, c.settings
    calls, call_minutes, hours = (
        m["unplanned_calls"],
        m["unplanned_call_minutes"],
        m["effort_hours"],
    )
    # Both are floats (result._python_values, metrics.divided_by), never None or Decimal.
    assert isinstance(call_minutes, int | float) and isinstance(hours, int | float)
    minutes = _num(call_minutes, lang)
    effort_minutes = hours * 60
    share = format_percent(call_minutes / effort_minutes, lang) if effort_minutes else "–"
    limit = format_percent(s.talker_minutes_share, lang)
    return _de_en(
        lang,
        f"{calls} unangekündigte Anrufe mit {minutes} Minuten, {share} des Aufwands; "
        f"Grenze {s.talker_calls_min} Anrufe und {limit}",
        f"{calls} unplanned calls taking {minutes} minutes, {share} of the effort; "
        f"limit {s.talker_calls_min} calls and {limit}",
    )


def empty_promises(c: CustomerResult, lang: str) -> str:
    m, limit = c.metrics, c.settings.empty_promises_offers_min
    return _de_en(
        lang,
        f"{_count(m['offers_sent'], 'Angebot', 'Angebote')} geschickt, "
        f"keines angenommen; Grenze {limit} Angebote",
        f"{_count(m['offers_sent'], 'offer', 'offers')} sent, none accepted; limit {limit} offers",
    )


def unjustified_complaints(c: CustomerResult, lang: str) -> str:
    n, limit = c.metrics["unjustified_complaints"], c.settings.unjustified_complaints_min
    return _de_en(
        lang,
        f"{_count(n, 'unberechtigte Beschwerde', 'unberechtigte Beschwerden')}; Grenze {limit}",
        f"{_count(n, 'unjustified complaint', 'unjustified complaints')}; limit {limit}",
    )


def rude(c: CustomerResult, lang: str) -> str:
    m, s = c.metrics, c.settings
    mood, limit = _num(m["mood_avg"], lang), _num(s.rude_mood_max, lang)
    return _de_en(
        lang,
        f"Stimmung im Schnitt {mood} aus "
        f"{_count(m['mood_count'], 'Bewertung', 'Bewertungen')}; "
        f"Grenze {limit} bei mindestens {s.rude_ratings_min} Bewertungen",
        f"mood {mood} on average from "
        f"{_count(m['mood_count'], 'rating', 'ratings')}; "
        f"limit {limit} with at least {s.rude_ratings_min} ratings",
    )


def potential(c: CustomerResult, lang: str) -> str:
    rating, limit = c.metrics["potential"], c.settings.potential_min
    return _de_en(
        lang,
        f"Potenzial {rating} von 5; Grenze {limit}",
        f"potential rated {rating} of 5; limit {limit}",
    )


def useful(c: CustomerResult, lang: str) -> str:
    return _de_en(
        lang,
        "als nützlich markiert (beruflich oder privat)",
        "marked useful (professionally or privately)",
    )


def heart(c: CustomerResult, lang: str) -> str:
    return _de_en(lang, "liegt am Herzen", "marked close to heart")


def inactive(c: CustomerResult, lang: str) -> str:
    return _de_en(
        lang,
        "keine Rechnung, Zeiterfassung, Interaktion oder Angebot im Zeitraum",
        "no invoice, time entry, interaction or offer in the period",
    )


def override(c: CustomerResult, lang: str) -> str:
    text = _de_en(lang, f"Gruppe {c.group} von Hand gesetzt", f"group {c.group} set by hand")
    return f"{text}: {c.override_reason}" if c.override_reason else text


def small_steady(c: CustomerResult, lang: str) -> str:
    return _de_en(
        lang,
        "kleiner Kunde ohne Auffälligkeiten (Gruppe B, die am wenigsten kostet)",
        "small customer without issues (group B, the cheapest to keep)",
    )


def exit_candidate(c: CustomerResult, lang: str) -> str:
    return _de_en(lang, "Trennungskandidat: ", "exit candidate: ") + exit_causes(c, lang)


def exit_causes(c: CustomerResult, lang: str) -> str:
    """Why the customer is an exit candidate, without the label ("Gruppe C; …")."""
    lang = language(lang)
    return "; ".join(EXIT_TEXTS[code](c, lang) for code in c.exit_reasons)


def _exit_late(c: CustomerResult, lang: str) -> str:
    days = _num(c.metrics["avg_days_late"], lang)
    limit = _num(c.settings.exit_avg_days_late, lang)
    return _de_en(
        lang,
        f"zahlt im Schnitt {days} Tage zu spät; Grenze {limit} Tage",
        f"pays {days} days late on average; limit {limit} days",
    )


EXIT_TEXTS: dict[str, Text] = {
    "group_c": lambda c, lang: _de_en(lang, "Gruppe C", "group C"),
    "unjustified_complaints": lambda c, lang: _de_en(
        lang, "beschwert sich ohne Grund", "complains without cause"
    ),
    "late_payer": _exit_late,
}

TEXTS: dict[str, Text] = {
    "high_revenue": high_revenue,
    "proportional_effort": proportional_effort,
    "disproportionate_effort": disproportionate_effort,
    "low_revenue_high_effort": low_revenue_high_effort,
    "late_payer": late_payer,
    "haggler": haggler,
    "talker": talker,
    "empty_promises": empty_promises,
    "unjustified_complaints": unjustified_complaints,
    "rude": rude,
    "potential": potential,
    "useful": useful,
    "heart": heart,
    "inactive": inactive,
    "override": override,
    "small_steady": small_steady,
    "exit_candidate": exit_candidate,
}
