"""Hostile values for the fuzz tests (issue 9, "bad input everywhere"), as Hypothesis
strategies: what a careless paste, a broken client or an attacker may send.

Every strategy draws from a fixed catalogue of known troublemakers (very long strings,
control characters, right-to-left override, emoji, HTML and SQL fragments, format strings,
numbers beyond any column, days outside the calendar) and from random text, so a
derandomised run hits the catalogue on every machine and still looks a little further.

The other `test_fuzz_*` modules import the strategies from here; the tests below check that
the catalogue holds what the issue lists.
"""

from __future__ import annotations

import json

from hypothesis import given, settings
from hypothesis import strategies as st

LONG = 10_001  # longer than any column and any form's max_length

# --- the catalogue -------------------------------------------------------------------------

CONTROL = [
    "\x00",
    "a\x00b",
    "\x00" * 3,
    "\x1b[31mred\x1b[0m",
    "\x07\x08\x0b\x0c\x7f",
    "line\r\nbreak",
    "\u202eevil\u202c",  # right-to-left override
    "\u200b\u200d\ufeff",  # zero-width characters and a byte-order mark
    "\x85\u2028\u2029",  # next line, line and paragraph separators
]
EMOJI = ["😀", "👩‍👩‍👧‍👦", "🇩🇪", "Bäckerei 🥨 Sommer", "e\u0301\u0301\u0301"]
MARKUP = [
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
    "'><svg onload=alert(1)>",
    "javascript:alert(1)",
    "</textarea><b>bold</b>",
    "{{ 7*7 }} {% debug %}",
    "%s %d %(name)s {0} {name}",
    "&amp; &lt; &#0; &#x0;",
]
SQL = [
    "'; DROP TABLE customers_customer; --",
    "' OR '1'='1",
    '" OR ""="',
    "1; SELECT pg_sleep(1)",
    "%",
    "_",
    "\\",
]
PATHS = ["../../etc/passwd", "/", "//evil.example/", "https://evil.example/", "C:\\con"]
BLANK = ["", " ", "   ", "\t", "\n", "\r\n", "\u00a0", "\u3000"]
NUMBERS = [
    "-1",
    "0",
    "-0",
    "1e308",
    "-1e308",
    "1e309",
    "99999999999999999999",
    "-99999999999999999999",
    "9223372036854775808",
    "2147483648",
    "0.000000001",
    "1.23456789012345",
    "NaN",
    "inf",
    "-Infinity",
    "1,5",
    "1 000",
    "0x10",
    "1_000",
    "١٢٣",  # Arabic-Indic digits
    "１２",  # full-width digits
    "+5",
    "5.",
    ".5",
]
DATES = [
    "0001-01-01",
    "9999-12-31",
    "10000-01-01",
    "1900-02-29",
    "2024-02-30",
    "0000-00-00",
    "1899-12-31",
    "1900-01-01",
    "2999-12-31",
    "3000-01-01",
    "2026-13-01",
    "-2026-01-01",
    "31.12.9999",
    "01.01.0001",
    "29.02.1900",
    "２０２６-０１-０１",
    "2026-1-1",
    "20260101",
]
TIMES = ["T00:00", "T23:59", " 12:00", "T24:00", "T12:00:60"]

TEXTS = [*CONTROL, *EMOJI, *MARKUP, *SQL, *PATHS, *BLANK]
CATALOGUE = [*TEXTS, *NUMBERS, *DATES]

# --- strategies ----------------------------------------------------------------------------

# Any character a UTF-8 form post can carry (lone surrogates cannot be encoded).
CHARACTERS = st.characters(exclude_categories=["Cs"])


def long_strings() -> st.SearchStrategy[str]:
    """Strings of more than 10,000 characters, some of them with hostile pieces inside."""
    piece = st.sampled_from(["x", "ä", "😀", "<b>", "'", "\x00", "\u202e", " "])
    return st.builds(lambda p, tail: p * LONG + tail, piece, st.sampled_from(["", "x", "\x00"]))


def hostile_texts() -> st.SearchStrategy[str]:
    """Text that should be refused or kept as typed, never crash or break a page."""
    return st.one_of(
        st.sampled_from(TEXTS),
        long_strings(),
        st.text(CHARACTERS, max_size=40),
        st.builds("{}{}{}".format, st.sampled_from(TEXTS), st.just("x"), st.sampled_from(TEXTS)),
    )


def hostile_numbers() -> st.SearchStrategy[str]:
    return st.one_of(
        st.sampled_from(NUMBERS),
        st.integers(min_value=-(10**30), max_value=10**30).map(str),
        st.floats(allow_nan=True, allow_infinity=True).map(repr),
        st.sampled_from(["", " ", "\x00", "1\x00"]),
    )


def hostile_dates() -> st.SearchStrategy[str]:
    return st.one_of(
        st.sampled_from(DATES),
        st.dates().map(lambda d: d.isoformat()),
        st.sampled_from(["", " ", "\x00", "2026-01-01\x00", "today", "<script>"]),
    )


def hostile_datetimes() -> st.SearchStrategy[str]:
    return st.one_of(
        st.builds(str.__add__, st.sampled_from(DATES), st.sampled_from(TIMES)),
        st.datetimes().map(lambda d: d.isoformat(timespec="minutes")),
        hostile_dates(),
    )


def hostile_values() -> st.SearchStrategy[str]:
    """Anything of the above: for fields whose kind does not matter."""
    return st.one_of(hostile_texts(), hostile_numbers(), hostile_dates())


# JSON bodies of the API: the same strings, plus what JSON adds (other types, nesting,
# lone surrogates written as escapes, which a form post cannot carry).
JSON_ODDITIES = [
    None,
    True,
    False,
    0,
    -1,
    10**20,
    -(10**20),
    1e308,
    1.5,
    [],
    {},
    ["x"],
    {"$gt": ""},
    json.loads('"\\ud800"'),
    json.loads('"a\\udfffb"'),
]


def hostile_json_values() -> st.SearchStrategy[object]:
    return st.one_of(
        hostile_values(),
        hostile_datetimes(),
        st.sampled_from(JSON_ODDITIES),
        st.integers(min_value=-(2**70), max_value=2**70),
    )


# --- the catalogue holds what the issue asks for --------------------------------------------


def test_the_catalogue_holds_each_kind_the_issue_names():
    assert "\x00" in CONTROL and "\u202eevil\u202c" in CONTROL
    assert any(c.startswith("\x1b") for c in CONTROL)
    assert any("<script>" in m for m in MARKUP) and any("onerror" in m for m in MARKUP)
    assert any("DROP TABLE" in s for s in SQL)
    assert {"-1", "1e308", "99999999999999999999"} <= set(NUMBERS)
    assert {"0001-01-01", "9999-12-31", "10000-01-01", "1900-02-29"} <= set(DATES)
    assert {"", " "} <= set(BLANK)


@settings(max_examples=5, derandomize=True, database=None)
@given(long_strings())
def test_long_strings_are_longer_than_ten_thousand_characters(value):
    assert len(value) > 10_000
