"""Locale formatting for the interface: German and English."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from kundenwert.lib.formatting import (
    format_date,
    format_hours,
    format_money,
    format_number,
    format_percent,
)


def test_numbers_use_the_languages_separators():
    assert format_number(Decimal("1234.56"), "de") == "1.234,56"
    assert format_number(1234.56, "en") == "1,234.56"
    assert format_number(1234567, "de", 0) == "1.234.567"
    assert format_number(1234.5, "de", 2, grouping=False) == "1234,50"


def test_numbers_round_half_up_and_can_drop_trailing_zeros():
    assert format_number(0.125, "en", 2) == "0.13"
    assert format_number(2.675, "en", 2) == "2.68"  # the float 2.67499… prints as 2.675
    assert format_number(19.5, "de", 1, trim=True) == "19,5"
    assert format_number(19.0, "de", 1, trim=True) == "19"


def test_a_value_that_rounds_to_zero_has_no_minus_sign():
    assert format_number(-0.004, "de", 2) == "0,00"
    assert format_money(Decimal("-0.001"), "en") == "€0.00"


def test_money_in_german_and_english():
    assert format_money(Decimal("1234.56"), "de") == "1.234,56 €"
    assert format_money(Decimal("1234.56"), "en") == "€1,234.56"
    assert format_money(Decimal("-1234.5"), "de") == "-1.234,50 €"
    assert format_money(Decimal("-1234.5"), "en") == "-€1,234.50"
    assert format_money(10, "de", "CHF") == "10,00 CHF"
    assert format_money(10, "en", "CHF") == "CHF 10.00"
    assert format_money(10, "en", "usd") == "$10.00"


def test_dates_in_german_and_english():
    day = date(2026, 11, 23)
    assert format_date(day, "de") == "23.11.2026"
    assert format_date(day, "en") == "2026-11-23"
    assert format_date(day, "de", long=True) == "23. November 2026"
    assert format_date(day, "en", long=True) == "23 Nov 2026"
    assert format_date(date(2026, 3, 4), "de") == "04.03.2026"


def test_hours_and_percentages():
    assert format_hours(1234.56, "de") == "1.234,6 h"
    assert format_hours(0.25, "en", 2) == "0.25 h"
    assert format_percent(0.125, "de") == "12,5 %"
    assert format_percent(0.125, "en") == "12.5%"
    assert format_percent(0.5, "de", 0) == "50 %"


def test_infinity_is_shown_as_a_sign():
    assert format_number(float("inf"), "de") == "∞"


def test_language_codes_with_regions_are_accepted_and_others_refused():
    assert format_number(1.5, "de-AT", 1) == "1,5"
    assert format_number(1.5, "en_GB", 1) == "1.5"
    with pytest.raises(ValueError, match="unsupported language"):
        format_number(1, "fr")
