"""Numbers, money, dates, hours and percentages for the interface, in German and English.

No locale module: the output must not depend on the machine's locale settings.

| what     | de              | en              |
| -------- | --------------- | --------------- |
| number   | 1.234,56        | 1,234.56        |
| money    | 1.234,56 €      | €1,234.56       |
| money    | -1.234,56 €     | -€1,234.56      |
| money    | 1.234,56 CHF    | CHF 1,234.56    |
| date     | 23.11.2026      | 2026-11-23      |
| long     | 23. November 2026 | 23 Nov 2026   |
| hours    | 1.234,5 h       | 1,234.5 h       |
| percent  | 12,5 %          | 12.5%           |

English dates are ISO 8601 (2026-11-23): unambiguous for British and American readers
alike and sortable; the long form (23 Nov 2026) is for running text. Rounding is half up
(as on an invoice), never binary-float rounding: 0.125 € shows as 0,13 €. A value that
rounds to zero shows without a minus sign. Infinity shows as ∞. Separators are plain
ASCII spaces, so the strings can be compared and copied as they are.
"""

from __future__ import annotations

import math
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from functools import cache

LANGUAGES = ("de", "en")
CURRENCY_SYMBOLS = {"EUR": "€", "USD": "$", "GBP": "£"}
GERMAN_MONTHS = (
    "Januar",
    "Februar",
    "März",
    "April",
    "Mai",
    "Juni",
    "Juli",
    "August",
    "September",
    "Oktober",
    "November",
    "Dezember",
)
ENGLISH_MONTHS = (
    "Jan",
    "Feb",
    "Mar",
    "Apr",
    "May",
    "Jun",
    "Jul",
    "Aug",
    "Sep",
    "Oct",
    "Nov",
    "Dec",
)

GERMAN_SEPARATORS = str.maketrans({",": ".", ".": ","})

Number = Decimal | float | int


@cache
def language(lang: str) -> str:
    """'de' or 'en' from a language code such as 'de', 'de-AT' or 'en_GB'."""
    code = (lang or "").strip().lower()[:2]
    if code not in LANGUAGES:
        raise ValueError(f"unsupported language {lang!r}: use one of {', '.join(LANGUAGES)}")
    return code


def format_number(
    value: Number, lang: str, decimals: int = 2, *, trim: bool = False, grouping: bool = True
) -> str:
    """A number with `decimals` places and thousands separators.

    `trim` drops trailing zeros of the fraction (19,50 -> 19,5; 19,00 -> 19); `grouping`
    False leaves out the thousands separators (for CSV).
    """
    lang = language(lang)
    if isinstance(value, float) and math.isinf(value):
        return "∞" if value > 0 else "-∞"
    rounded = _round(value, decimals)
    text = f"{abs(rounded):{',' if grouping else ''}.{decimals}f}"
    if trim and decimals > 0:
        text = text.rstrip("0").rstrip(".")
    if lang == "de":
        text = text.translate(GERMAN_SEPARATORS)
    return f"-{text}" if rounded < 0 else text


def format_money(amount: Number, lang: str, currency: str = "EUR") -> str:
    """An amount rounded to cents with its currency, placed as the language expects."""
    lang = language(lang)
    rounded = _round(amount, 2)
    digits = format_number(abs(rounded), lang, 2)
    sign = "-" if rounded < 0 else ""
    symbol = CURRENCY_SYMBOLS.get(currency.upper(), currency.upper())
    if lang == "de":
        return f"{sign}{digits} {symbol}"
    separator = "" if len(symbol) == 1 else " "
    return f"{sign}{symbol}{separator}{digits}"


def format_hours(hours: Number, lang: str, decimals: int = 1) -> str:
    return f"{format_number(hours, lang, decimals)} h"


def format_percent(ratio: Number, lang: str, decimals: int = 1) -> str:
    """A share (0.125) as a percentage (12,5 % / 12.5%)."""
    lang = language(lang)
    if isinstance(ratio, float) and math.isinf(ratio):
        return format_number(ratio, lang)
    number = format_number(Decimal(str(ratio)) * 100, lang, decimals, trim=True)
    return f"{number} %" if lang == "de" else f"{number}%"


def format_date(day: date, lang: str, *, long: bool = False) -> str:
    lang = language(lang)
    if lang == "de":
        if long:
            return f"{day.day}. {GERMAN_MONTHS[day.month - 1]} {day.year}"
        return f"{day.day:02d}.{day.month:02d}.{day.year}"
    if long:
        return f"{day.day} {ENGLISH_MONTHS[day.month - 1]} {day.year}"
    return day.isoformat()


@cache
def _unit(decimals: int) -> Decimal:
    return Decimal(1).scaleb(-decimals)


def _round(value: Number, decimals: int) -> Decimal:
    # A float is taken as the decimal it prints as (0.125, not 0.12499999999999999).
    exact = value if isinstance(value, Decimal) else Decimal(str(value))
    rounded = exact.quantize(_unit(decimals), rounding=ROUND_HALF_UP)
    return rounded if rounded != 0 else abs(rounded)
