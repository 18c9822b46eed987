"""Properties of the reader and writer over many generated inputs."""

from __future__ import annotations

from datetime import datetime, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

import polars as pl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from polars.testing import assert_frame_equal

from kundenwert.lib import parsing
from kundenwert.portfolio import Portfolio
from kundenwert.portfolio.errors import PortfolioInvalid
from kundenwert.portfolio.reader import read_folder, read_table
from kundenwert.portfolio.schema import (
    CUSTOMERS,
    INTERACTIONS,
    INVOICES,
    TABLES,
    TIME_ENTRIES,
    Column,
    Table,
)
from kundenwert.portfolio.writer import write_folder

BERLIN = ZoneInfo("Europe/Berlin")
SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# --- valid portfolios ------------------------------------------------------------------

any_text = st.text(st.characters(exclude_categories=("Cs",)), min_size=1)
strings = any_text.filter(lambda s: parsing.strip(s) != "")


def valid_values(column: Column) -> st.SearchStrategy:
    """Values a frame read from a folder can hold: None only where there is no default."""
    strategy = _kind_values(column)
    if column.required or column.default is not None:
        return strategy
    return st.none() | strategy


def _kind_values(column: Column) -> st.SearchStrategy:
    match column.kind:
        case "enum" if column.choices:
            return st.sampled_from(column.choices)
        case "enum":
            return st.from_regex(r"[A-Z]{3}", fullmatch=True)
        case "date":
            return st.dates()
        case "datetime":
            return st.datetimes().map(lambda d: d.replace(microsecond=0))
        case "money" | "minutes":
            return _decimals(column)
        case "int":
            return st.integers(int(column.minimum or -(2**63)), int(column.maximum or 2**63 - 1))
        case "bool":
            return st.booleans()
    return strings


def _decimals(column: Column) -> st.SearchStrategy:
    dtype = column.dtype
    largest = Decimal(10) ** (dtype.precision - dtype.scale) - Decimal("0.01")
    low = -largest if column.minimum is None else Decimal(column.minimum)
    if column.exclusive_minimum:
        low += Decimal("0.01")
    return st.decimals(low, largest, places=2, allow_nan=False, allow_infinity=False)


def rows(table: Table, **fixed: st.SearchStrategy) -> st.SearchStrategy:
    columns = {c.name: fixed.get(c.name, valid_values(c)) for c in table.columns}
    unique = (lambda row: tuple(row[k] for k in table.key)) if table.key else None
    return st.lists(st.fixed_dictionaries(columns), max_size=4, unique_by=unique)


def as_frame(table: Table, records: list[dict]) -> pl.DataFrame:
    return pl.DataFrame(records, schema=table.polars_schema, orient="row")


@st.composite
def portfolios(draw: st.DrawFn) -> Portfolio:
    customers = draw(rows(CUSTOMERS))
    for customer in customers:
        if customer["group_override"] and not customer["override_reason"]:
            customer["override_reason"] = "set by hand"
    frames = {CUSTOMERS.name: as_frame(CUSTOMERS, customers)}
    ids = [c["id"] for c in customers]
    if ids:
        for table in TABLES:
            if table is not CUSTOMERS:
                records = draw(rows(table, customer_id=st.sampled_from(ids)))
                frames[table.name] = as_frame(table, records)
    return Portfolio.from_frames(frames)


@SETTINGS
@given(portfolio=portfolios())
def test_random_valid_portfolios_survive_write_and_read_unchanged(tmp_path_factory, portfolio):
    path = tmp_path_factory.mktemp("round-trip")
    first = write_folder(portfolio, path / "first")

    read = read_folder(path / "first")
    second = write_folder(read, path / "second")

    for table in TABLES:
        assert_frame_equal(read.frame(table), portfolio.frame(table))
    assert [p.read_bytes() for p in second] == [p.read_bytes() for p in first]


# --- anything at all ---------------------------------------------------------------------

csv_alphabet = st.sampled_from(list('0123456789-:.,;"\n\r \tTZ+eEaK\x00ü\ufeff') + ["true", "ja"])
header_names = st.sampled_from(sorted({c.name for t in TABLES for c in t.columns}) + ["", "x"])


@st.composite
def csv_like(draw: st.DrawFn) -> bytes:
    header = ",".join(draw(st.lists(header_names, min_size=1, max_size=8)))
    body = "".join(draw(st.lists(csv_alphabet, max_size=120)))
    return f"{header}\n{body}".encode()


@SETTINGS
@given(
    content=st.binary(max_size=300) | any_text.map(str.encode) | csv_like(),
    table=st.sampled_from(TABLES),
)
def test_any_bytes_in_a_csv_file_give_a_portfolio_or_portfolio_invalid(
    tmp_path_factory, content, table
):
    path = tmp_path_factory.mktemp("fuzz")
    (path / CUSTOMERS.filename).write_bytes(b"id,name\nK1,Alpha\n")
    (path / table.filename).write_bytes(content)

    try:
        portfolio = read_folder(path)
    except PortfolioInvalid as invalid:
        assert invalid.errors and all(str(e) for e in invalid.errors)
    else:
        assert isinstance(portfolio, Portfolio)


# --- the vectorised check against the value parsers ---------------------------------------


def _offsets() -> st.SearchStrategy[str]:
    return st.sampled_from(["", "Z", "+01:00", "-05:30", "+0200", "+14", "-23:59", "+24:00"])


def _near_datetimes() -> st.SearchStrategy[str]:
    # polars' time zone data has no daylight saving time after 2099 (the reader's docstring).
    until_2099 = st.datetimes(max_value=datetime(2099, 12, 31, 23, 59))
    written = st.builds(
        lambda d, sep, seconds, offset: d.strftime(f"%Y-%m-%d{sep}%H:%M{seconds}") + offset,
        until_2099,
        st.sampled_from(["T", " "]),
        st.sampled_from(["", ":00", ":59", ":60", ".5", ":07.123"]),
        _offsets(),
    )
    return written | st.text(st.sampled_from(list("0123456789-:T Z+.")), max_size=30)


def _near_numbers() -> st.SearchStrategy[str]:
    return st.decimals(allow_nan=False, allow_infinity=False).map(str) | st.text(
        st.sampled_from(list("0123456789.,-eE+ ")), max_size=20
    )


def _any_case(words: tuple[str, ...]) -> st.SearchStrategy[str]:
    return st.sampled_from(words).flatmap(
        lambda word: st.lists(st.booleans(), min_size=len(word), max_size=len(word)).map(
            lambda upper: "".join(c.upper() if u else c for c, u in zip(word, upper, strict=True))
        )
    )


NEAR_VALUES = {
    "date": st.dates().map(str) | st.text(st.sampled_from(list("0123456789-/. ")), max_size=12),
    "datetime": _near_datetimes(),
    "money": _near_numbers(),
    "minutes": _near_numbers(),
    "int": st.integers(-10, 10).map(str)
    | st.text(st.sampled_from(list("0123456789-+. ")), max_size=6),
    "bool": _any_case(tuple(parsing.BOOL_WORDS)) | st.text(max_size=6),
}

# (table, column, a valid row to put the value into)
CASES = [
    (INVOICES, "issue_date", {"number": "RE-1", "customer_id": "K1", "net": "1"}),
    (INVOICES, "net", {"number": "RE-1", "customer_id": "K1", "issue_date": "2026-01-01"}),
    (
        INVOICES,
        "currency",
        {"number": "RE-1", "customer_id": "K1", "issue_date": "2026-01-01", "net": "1"},
    ),
    (TIME_ENTRIES, "start", {"customer_id": "K1", "minutes": "1"}),
    (TIME_ENTRIES, "minutes", {"customer_id": "K1", "start": "2026-01-01T10:00"}),
    (INTERACTIONS, "mood", {"customer_id": "K1", "at": "2026-01-01T10:00", "channel": "email"}),
    (CUSTOMERS, "potential", {"id": "K1", "name": "Alpha"}),
    (CUSTOMERS, "useful", {"id": "K1", "name": "Alpha"}),
    (CUSTOMERS, "group_override", {"id": "K1", "name": "Alpha", "override_reason": "r"}),
    (CUSTOMERS, "status", {"id": "K1", "name": "Alpha"}),
]


def near_values(column: Column) -> st.SearchStrategy[str]:
    if column.kind == "enum":
        words = column.choices or ("EUR", "chf")
        near = _any_case(words) | st.text(st.sampled_from(list("ABCEURabc ")), max_size=4)
    else:
        near = NEAR_VALUES[column.kind]
    padded = st.builds(lambda pad, value: pad + value + pad, st.sampled_from(["", " ", "\t"]), near)
    return padded | st.text(max_size=10)


def expected_value(column: Column, text: str) -> object:
    """The value the scalar parsers give, or ValueError with the message the reader should give."""
    stripped = parsing.strip(text)
    if not stripped and column.required:
        raise ValueError("a value is required")
    if not stripped:
        return column.default
    value = {
        "date": lambda: parsing.parse_date(stripped),
        "datetime": lambda: parsing.parse_datetime(stripped, BERLIN),
        "money": lambda: parsing.parse_decimal(stripped, 16),
        "minutes": lambda: parsing.parse_decimal(stripped, 10),
        "int": lambda: parsing.parse_int(stripped),
        "bool": lambda: parsing.parse_bool(stripped),
        "enum": lambda: (
            parsing.parse_choice(stripped, column.choices)
            if column.choices
            else parsing.parse_currency(stripped)
        ),
    }[column.kind]()
    too_low = column.minimum is not None and (
        value <= column.minimum if column.exclusive_minimum else value < column.minimum
    )
    too_high = column.maximum is not None and value > column.maximum
    if too_low or too_high:
        raise ValueError("out of range")
    return value


@pytest.mark.parametrize(
    ("table", "name", "row"), CASES, ids=[f"{t.name}.{n}" for t, n, _ in CASES]
)
def test_the_vectorised_check_agrees_with_the_value_parsers(tmp_path_factory, table, name, row):
    column = table.column(name)

    @SETTINGS
    @given(text=near_values(column))
    def check(text: str) -> None:
        path = tmp_path_factory.mktemp("agree") / table.filename
        pl.DataFrame([{**row, name: text}]).write_csv(path)

        frame, errors, _ = read_table(path, table)

        try:
            expected = expected_value(column, text)
        except ValueError as error:
            assert [(e.line, e.column) for e in errors] == [(2, name)]
            if str(error) != "out of range":
                assert errors[0].message == str(error)
        else:
            assert errors == []
            assert frame[name].to_list() == [expected]

    check()


def test_offsets_near_the_end_of_time_are_rejected_not_overflowing(tmp_path):
    path = tmp_path / TIME_ENTRIES.filename
    path.write_text(
        "customer_id,start,minutes\nK1,9999-12-31T23:30-01:00,1\nK1,0001-01-01T00:00+01:00,1\n"
    )

    _, errors, _ = read_table(path, TIME_ENTRIES)

    assert [(e.line, e.column) for e in errors] == [(2, "start"), (3, "start")]


def test_value_parsers_convert_offsets_like_the_standard_library():
    moment = datetime(2026, 10, 25, 0, 59, 59)
    for minutes in range(0, 180, 7):
        text = (moment + timedelta(minutes=minutes)).strftime("%Y-%m-%dT%H:%M:%SZ")
        aware = datetime.fromisoformat(text.replace("Z", "+00:00"))
        assert parsing.parse_datetime(text, BERLIN) == aware.astimezone(BERLIN).replace(tzinfo=None)
