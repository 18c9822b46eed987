"""The patterns in words, German and English: names, figures with what they rest on,
the cross-customer headings, trends and measurements.

German texts are descriptive (no form of address), as they appear next to a customer.
Kundenwert does not know hourly rates, so it cannot see whether weekend work carried a
surcharge: the heading asks the owner to check instead of claiming there was none.
"""

from __future__ import annotations

from kundenwert.analysis.period import Period
from kundenwert.lib.formatting import (
    format_date,
    format_hours,
    format_money,
    format_number,
    format_percent,
    language,
)
from kundenwert.patterns.catalogue import COUNT, DAYS, SHARE, pattern
from kundenwert.patterns.measure import Figure, Measurement
from kundenwert.patterns.settings import PatternSettings

NAMES = {
    "odd_hours": ("Arbeit am Wochenende und spätabends", "work at weekends and late evenings"),
    "unbilled": ("nicht abgerechnete Stunden", "unbilled hours"),
    "discount": ("Nachlässe (Gutschriften)", "discounts (credit notes)"),
    "out_of_scope": ("Sonderwünsche außerhalb des Auftrags", "out-of-scope requests"),
    "days_late": ("Zahlungsverzug", "late payment"),
    "unplanned_calls": ("ungeplante Anrufe", "unplanned calls"),
    "mood": ("Stimmung nach Kontakten", "mood after contacts"),
}
HEADINGS = {
    "odd_hours": (
        "Arbeit am Wochenende und spätabends, Zuschlag prüfen",
        "work at weekends and late evenings, check the surcharge",
    ),
    "unbilled": ("viele nicht abgerechnete Stunden", "many unbilled hours"),
    "discount": ("Nachlässe sind zur Regel geworden", "discounts have become the rule"),
    "out_of_scope": ("häufige Sonderwünsche", "frequent out-of-scope requests"),
    "days_late": ("zahlen im Schnitt spät", "pay late on average"),
    "unplanned_calls": ("viele ungeplante Anrufe", "many unplanned calls"),
    "mood": ("gedrückte Stimmung nach Kontakten", "low mood after contacts"),
}
DIRECTIONS = {
    "better": ("besser", "better"),
    "worse": ("schlechter", "worse"),
    "unchanged": ("unverändert", "unchanged"),
    None: ("nicht beurteilbar", "cannot be judged"),
}


def _pick(lang: str, pair: tuple[str, str]) -> str:
    return pair[0] if language(lang) == "de" else pair[1]


def _num(value: float | None, lang: str, decimals: int = 1) -> str:
    return format_number(value or 0, lang, decimals, trim=True)


def _plural(n: float | None, lang: str, de: tuple[str, str], en: tuple[str, str]) -> str:
    """'1 Rechnung', '3 Rechnungen' / '1 invoice', '3 invoices'."""
    count = int(n or 0)
    one, many = de if language(lang) == "de" else en
    return f"{count} {one if count == 1 else many}"


def pattern_name(key: str, lang: str) -> str:
    return _pick(lang, NAMES[pattern(key).key])


def heading(key: str, count: int, lang: str) -> str:
    """'häufige Sonderwünsche: 3 Kunden'."""
    customers = _plural(count, lang, ("Kunde", "Kunden"), ("customer", "customers"))
    return f"{_pick(lang, HEADINGS[pattern(key).key])}: {customers}"


def direction_name(direction: str | None, lang: str) -> str:
    return _pick(lang, DIRECTIONS[direction])


def value_text(key: str, value: float | None, lang: str) -> str:
    """The bare figure: '30 %', '5', '22 Tage', '-1,2'; '–' when there is none."""
    if value is None:
        return "–"
    kind = pattern(key).kind
    if kind == SHARE:
        return format_percent(value, lang)
    if kind == COUNT:
        return _num(value, lang, 0)
    if kind == DAYS:
        return _plural(round(value), lang, ("Tag", "Tage"), ("day", "days"))
    return _num(value, lang)


def threshold_text(key: str, settings: PatternSettings, lang: str) -> str:
    """By how much the figure must change to count as moved."""
    readings = pattern(key)
    moved_by = readings.moved_by(settings)
    if readings.kind == SHARE:
        points = _num(moved_by * 100, lang)
        return _pick(lang, (f"{points} Prozentpunkte", f"{points} percentage points"))
    if readings.kind == DAYS:
        return _plural(moved_by, lang, ("Tag", "Tage"), ("day", "days"))
    return _num(moved_by, lang)


def figure_text(key: str, figure: Figure, lang: str, currency: str = "EUR") -> str:
    """The figure with what it rests on: '3 von 10 h am Wochenende oder spätabends (30 %)'."""
    if not figure.enough or figure.value is None:
        return _too_little(key, figure, lang)
    return FIGURE_TEXTS[pattern(key).key](figure, lang, currency)


def _too_little(key: str, figure: Figure, lang: str) -> str:
    kind = pattern(key).kind
    if kind == SHARE and figure.basis:
        hours = format_hours(figure.basis, lang)
        return _pick(lang, (f"zu wenig Daten ({hours})", f"too little data ({hours})"))
    return _pick(lang, ("keine Daten", "no data"))


def _hours_share(figure: Figure, lang: str, de: str, en: str) -> str:
    part = _num(figure.part, lang)
    whole = format_hours(figure.basis or 0, lang)
    share = format_percent(figure.value or 0, lang)
    return _pick(lang, (f"{part} von {whole} {de} ({share})", f"{part} of {whole} {en} ({share})"))


def _odd_hours(figure: Figure, lang: str, currency: str) -> str:
    return _hours_share(
        figure, lang, "am Wochenende oder spätabends", "at weekends or late in the evening"
    )


def _unbilled(figure: Figure, lang: str, currency: str) -> str:
    return _hours_share(figure, lang, "nicht abrechenbar", "not billable")


def _discount(figure: Figure, lang: str, currency: str) -> str:
    credits = format_money(figure.part or 0, lang, currency)
    gross = format_money(figure.basis or 0, lang, currency)
    share = format_percent(figure.value or 0, lang)
    return _pick(
        lang,
        (
            f"Gutschriften über {credits} auf {gross} Rechnungsbetrag ({share})",
            f"credit notes of {credits} on {gross} invoiced ({share})",
        ),
    )


def _out_of_scope(figure: Figure, lang: str, currency: str) -> str:
    return _plural(
        figure.value,
        lang,
        ("Sonderwunsch außerhalb des Auftrags", "Sonderwünsche außerhalb des Auftrags"),
        ("out-of-scope request", "out-of-scope requests"),
    )


def _days_late(figure: Figure, lang: str, currency: str) -> str:
    days = _num(figure.value, lang)
    late = int(figure.count or 0)
    invoices = _plural(figure.basis, lang, ("Rechnung", "Rechnungen"), ("invoice", "invoices"))
    return _pick(
        lang,
        (
            f"im Schnitt {days} Tage nach Fälligkeit bezahlt; {late} von {invoices} verspätet",
            f"paid {days} days after the due date on average; {late} of {invoices} late",
        ),
    )


def _unplanned_calls(figure: Figure, lang: str, currency: str) -> str:
    calls = _plural(
        figure.count, lang, ("ungeplanter Anruf", "ungeplante Anrufe"), ("call", "calls")
    )
    hours = _num(figure.part, lang)
    effort = format_hours(figure.basis or 0, lang)
    share = format_percent(figure.value or 0, lang)
    return _pick(
        lang,
        (
            f"{calls}: {hours} von {effort} Aufwand ({share})",
            f"{calls} unplanned: {hours} of {effort} of effort ({share})",
        ),
    )


def _mood(figure: Figure, lang: str, currency: str) -> str:
    mean = _num(figure.value, lang)
    ratings = _plural(figure.basis, lang, ("Bewertung", "Bewertungen"), ("rating", "ratings"))
    low = int(figure.count or 0)
    return _pick(
        lang,
        (
            f"Ø {mean} aus {ratings}, {low} davon negativ",
            f"mean {mean} from {ratings}, {low} of them negative",
        ),
    )


FIGURE_TEXTS = {
    "odd_hours": _odd_hours,
    "unbilled": _unbilled,
    "discount": _discount,
    "out_of_scope": _out_of_scope,
    "days_late": _days_late,
    "unplanned_calls": _unplanned_calls,
    "mood": _mood,
}


def period_text(period: Period, lang: str) -> str:
    return f"{format_date(period.start, lang)} – {format_date(period.end, lang)}"


def measurement_text(
    measurement: Measurement, settings: PatternSettings, lang: str, currency: str = "EUR"
) -> str:
    """'vorher (…): …; nachher (…): …; besser (Schwelle 5 Prozentpunkte)'."""
    key = measurement.pattern
    before = figure_text(key, measurement.before_figure, lang, currency)
    after = figure_text(key, measurement.after_figure, lang, currency)
    verdict = direction_name(measurement.direction, lang)
    limit = threshold_text(key, settings, lang)
    windows = (period_text(measurement.before, lang), period_text(measurement.after, lang))
    return _pick(
        lang,
        (
            f"vorher ({windows[0]}): {before}; nachher ({windows[1]}): {after}; "
            f"{verdict} (Schwelle {limit})",
            f"before ({windows[0]}): {before}; after ({windows[1]}): {after}; "
            f"{verdict} (threshold {limit})",
        ),
    )


def trend_text(
    key: str, latest: float | None, baseline: float | None, direction: str | None, lang: str
) -> str:
    """'18,2 % gegen Ø 21 % davor: besser'; 'kein Trend' without two quarters."""
    if latest is None or baseline is None:
        return _pick(lang, ("kein Trend", "no trend"))
    now, then = value_text(key, latest, lang), value_text(key, baseline, lang)
    verdict = direction_name(direction, lang)
    return _pick(
        lang,
        (
            f"{now} gegen Ø {then} davor: {verdict}",
            f"{now} against a mean of {then} before: {verdict}",
        ),
    )
