"""The agenda of a relationship talk in words, German and English, each item with its
numbers. Works on the stored JSON form of the items, so an old agenda reads as it was."""

from __future__ import annotations

from datetime import date

from kundenwert.lib.formatting import (
    format_date,
    format_hours,
    format_money,
    format_number,
    language,
)
from kundenwert.patterns.agenda import AgendaItem
from kundenwert.patterns.measure import Figure
from kundenwert.patterns.texts import figure_text, pattern_name

TITLES = {
    "out_of_scope": ("Sonderwünsche außerhalb des Auftrags", "Out-of-scope requests"),
    "late_payments": ("Zahlungen", "Payments"),
    "mood": ("Stimmung im Team nach Kontakten", "The team's mood after contacts"),
    "time_vs_revenue": ("Zeit gegen Umsatz", "Time against revenue"),
}


def _pick(lang: str, de: str, en: str) -> str:
    return de if language(lang) == "de" else en


def _num(value: float | None, lang: str, decimals: int = 1) -> str:
    return format_number(value or 0, lang, decimals, trim=True)


def item_title(item: AgendaItem, lang: str) -> str:
    if item.topic in TITLES:
        de, en = TITLES[item.topic]
        return _pick(lang, de, en)
    name = pattern_name(item.topic, lang)
    return name[0].upper() + name[1:]


def item_text(item: AgendaItem, lang: str, currency: str = "EUR") -> str:
    """The item's facts as a sentence with their numbers."""
    if item.topic in TEXTS:
        return TEXTS[item.topic](item.figures, lang, currency)
    fields = {k: item.figures[k] for k in ("value", "part", "basis", "count", "enough")}
    # A pattern's item holds a Figure's fields (agenda._extra), of the types mypy cannot see.
    figure = Figure(**fields)  # type: ignore[arg-type]
    return figure_text(item.topic, figure, lang, currency)


def _out_of_scope(f: dict, lang: str, currency: str) -> str:
    count = int(f["count"] or 0)
    if count == 0:
        return _pick(lang, "keine im Zeitraum", "none in the period")
    hours = format_hours(f["hours"] or 0, lang)
    latest = format_date(date.fromisoformat(f["latest"]), lang) if f["latest"] else "–"
    return _pick(
        lang,
        f"{count} im Zeitraum, zusammen {hours}, zuletzt am {latest}",
        f"{count} in the period, {hours} in all, the latest on {latest}",
    )


def _late_payments(f: dict, lang: str, currency: str) -> str:
    due, late, limit = int(f["invoices_due"]), int(f["late_invoices"]), int(f["late_after_days"])
    mean = _num(f["avg_days_late"], lang)
    late_mean = _num(f["late_avg_days"], lang)
    open_amount = format_money(f["open_overdue_amount"] or 0, lang, currency)
    open_count = int(f["open_overdue_count"])
    text = _pick(
        lang,
        f"{late} von {due} Rechnungen mehr als {limit} Tage nach Fälligkeit bezahlt",
        f"{late} of {due} invoices paid more than {limit} days after the due date",
    )
    if late:
        text += _pick(
            lang, f" (diese im Schnitt {late_mean} Tage)", f" ({late_mean} days on average)"
        )
    text += _pick(lang, f"; alle im Schnitt {mean} Tage", f"; all of them {mean} days on average")
    if due == 0:
        text = _pick(lang, "keine fällige Rechnung im Zeitraum", "no invoice due in the period")
    if open_count:
        text += _pick(
            lang,
            f"; heute offen und überfällig: {open_count} über {open_amount}",
            f"; open and overdue today: {open_count} for {open_amount}",
        )
    return text


def _mood(f: dict, lang: str, currency: str) -> str:
    ratings = int(f["ratings"])
    if ratings == 0:
        return _pick(lang, "keine Bewertung im Zeitraum", "no rating in the period")
    mean, negative = _num(f["mean"], lang), int(f["negative"])
    return _pick(
        lang,
        f"Ø {mean} (von -2 bis +2) aus {ratings} Bewertungen, {negative} davon negativ",
        f"mean {mean} (from -2 to +2) from {ratings} ratings, {negative} of them negative",
    )


def _time_vs_revenue(f: dict, lang: str, currency: str) -> str:
    hours = format_hours(f["hours"] or 0, lang)
    revenue = format_money(f["revenue"] or 0, lang, currency)
    cost = format_money(f["hourly_cost"], lang, currency)
    margin = format_money(f["margin"], lang, currency)
    rate = f["hourly_rate"]
    if rate is None:
        return _pick(
            lang,
            f"{hours} Aufwand, {revenue} Umsatz",
            f"{hours} of effort, {revenue} revenue",
        )
    rate_text = format_money(rate, lang, currency)
    return _pick(
        lang,
        f"{hours} Aufwand für {revenue} Umsatz: {rate_text} je Stunde bei {cost} internen "
        f"Kosten je Stunde; Marge {margin}",
        f"{hours} of effort for {revenue} revenue: {rate_text} an hour against an internal "
        f"cost of {cost} an hour; margin {margin}",
    )


TEXTS = {
    "out_of_scope": _out_of_scope,
    "late_payments": _late_payments,
    "mood": _mood,
    "time_vs_revenue": _time_vs_revenue,
}
