"""The ideal-customer criteria and a customer's scores in words, German and English."""

from __future__ import annotations

from kundenwert.lib.formatting import format_money, format_number, format_percent, language
from kundenwert.patterns.ideal import Score

LABELS = {
    "revenue": ("Umsatz", "revenue"),
    "hourly_rate": ("Stundensatz", "hourly rate"),
    "proportionate_effort": ("Aufwand im Verhältnis zum Umsatz", "effort in proportion"),
    "pays_on_time": ("zahlt pünktlich", "pays on time"),
    "fair_prices": ("verhandelt nicht über Preise", "does not haggle"),
    "in_scope": ("bleibt beim Auftrag", "keeps to the scope"),
    "few_interruptions": ("wenige ungeplante Anrufe", "few unplanned calls"),
    "friendly": ("freundlicher Umgang", "friendly"),
    "no_complaints": ("keine grundlosen Beschwerden", "no unjustified complaints"),
    "keeps_promises": ("nimmt Angebote an", "accepts offers"),
    "potential": ("Potenzial", "potential"),
    "useful": ("nützlich", "useful"),
    "heart": ("liegt am Herzen", "close to heart"),
}


def _pick(lang: str, de: str, en: str) -> str:
    return de if language(lang) == "de" else en


def criterion_label(key: str, lang: str) -> str:
    de, en = LABELS[key]
    return _pick(lang, de, en)


def score_text(score: Score, lang: str, currency: str = "EUR") -> str:
    """'zahlt pünktlich: im Schnitt 3,3 Tage nach Fälligkeit, 89 %, Gewicht 2'."""
    label = criterion_label(score.criterion, lang)
    figure = _figure(score, lang, currency)
    share = format_percent(score.score, lang, 0)
    weight = _pick(lang, f"Gewicht {score.weight}", f"weight {score.weight}")
    return f"{label}: {figure}, {share}, {weight}" if figure else f"{label}: {share}, {weight}"


def _num(value: float | None, lang: str, decimals: int = 1) -> str:
    return format_number(value or 0, lang, decimals, trim=True)


def _figure(score: Score, lang: str, currency: str) -> str:
    key, value = score.criterion, score.figure
    if key in ("revenue", "hourly_rate"):
        money = format_money(value or 0, lang, currency)
        return money if key == "revenue" else _pick(lang, f"{money} je Stunde", f"{money} an hour")
    if key == "proportionate_effort":
        return _pick(lang, f"Verhältnis {_num(value, lang, 2)}", f"ratio {_num(value, lang, 2)}")
    if key == "pays_on_time":
        days = _num(value, lang)
        return _pick(
            lang, f"im Schnitt {days} Tage nach Fälligkeit", f"{days} days late on average"
        )
    if key in COUNTED:
        n = int(value or 0)
        de, en = (pair[0 if n == 1 else 1] for pair in COUNTED[key])
        return _pick(lang, f"{n} {de}", f"{n} {en}")
    if key == "friendly":
        return _pick(lang, f"Stimmung Ø {_num(value, lang)}", f"mean mood {_num(value, lang)}")
    if key == "keeps_promises":
        return _pick(lang, f"{int(value or 0)} angenommen", f"{int(value or 0)} accepted")
    if key == "potential":
        return f"{int(value or 0)}/5"
    return ""  # useful, heart: the label says it


# (German singular, plural), (English singular, plural)
COUNTED = {
    "fair_prices": (
        ("Preisverhandlung", "Preisverhandlungen"),
        ("price negotiation", "price negotiations"),
    ),
    "in_scope": (
        ("Sonderwunsch", "Sonderwünsche"),
        ("out-of-scope request", "out-of-scope requests"),
    ),
    "few_interruptions": (
        ("ungeplanter Anruf", "ungeplante Anrufe"),
        ("unplanned call", "unplanned calls"),
    ),
    "no_complaints": (
        ("grundlose Beschwerde", "grundlose Beschwerden"),
        ("unjustified complaint", "unjustified complaints"),
    ),
}
