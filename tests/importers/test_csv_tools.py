"""Reading CSV exports: encodings, delimiters, line numbers, and the values in them."""

from __future__ import annotations

from datetime import date, datetime, time
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest

from kundenwert.importers import csv_tools
from kundenwert.importers.csv_tools import CsvProblem, csv_from_bytes


def rows(data: bytes) -> list[tuple[int, list[str]]]:
    return list(csv_from_bytes(data, "x.csv").rows())


@pytest.mark.parametrize(
    ("data", "encoding"),
    [
        ("Kunde,Stunden\nBäckerei Müller,1\n".encode(), "utf-8-sig"),
        (b"\xef\xbb\xbf" + "Kunde,Stunden\nBäckerei Müller,1\n".encode(), "utf-8-sig"),
        ("Kunde,Stunden\nBäckerei Müller,1\n".encode("cp1252"), "cp1252"),
    ],
    ids=["utf-8", "utf-8 with BOM", "windows-1252"],
)
def test_it_reads_utf8_with_and_without_bom_and_windows_1252(data, encoding):
    table = csv_from_bytes(data, "x.csv")

    assert (table.encoding, table.header) == (encoding, ("Kunde", "Stunden"))
    assert list(table.rows()) == [(2, ["Bäckerei Müller", "1"])]


@pytest.mark.parametrize(
    ("text", "delimiter"),
    [
        ('a,b;c\n"1;2",3\n', ","),
        ('a;b;c\n"1,5";2;3\n', ";"),
        ("a\tb\tc\n1\t2\t3\n", "\t"),
        ("sep=;\na;b\n1;2\n", ";"),
    ],
)
def test_it_finds_the_delimiter_in_the_header_line(text, delimiter):
    assert csv_from_bytes(text.encode(), "x.csv").delimiter == delimiter


def test_an_excel_sep_line_moves_the_header_to_line_2():
    assert rows(b"sep=;\na;b\n1;2\n") == [(3, ["1", "2"])]


def test_line_numbers_are_physical_lines_also_after_a_value_spanning_lines():
    data = b'a,b\n1,"two\nlines"\n\n3,4\r\n,\n5,6\n'

    assert rows(data) == [(2, ["1", "two\nlines"]), (5, ["3", "4"]), (7, ["5", "6"])]


def test_a_short_row_is_padded_and_empty_extra_fields_are_dropped():
    assert rows(b"a,b,c\n1\n2,3,4,,\n") == [(2, ["1", "", ""]), (3, ["2", "3", "4"])]


def test_a_row_with_more_values_than_the_header_is_an_error_naming_its_line():
    with pytest.raises(CsvProblem) as problem:
        rows(b"a,b\n1,2\n3,4,5\n")

    assert str(problem.value.error) == "x.csv, line 3: has 3 fields, but the header has 2"


def test_an_unclosed_quote_is_an_error_naming_the_line_it_starts_on():
    with pytest.raises(CsvProblem) as problem:
        rows(b'a,b\n1,2\n3,"four\n5,6\n')

    assert str(problem.value.error).startswith("x.csv, line 3: is not valid CSV")


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "x.csv: is empty; expected a header row"),
        (b"\xef\xbb\xbf \r\n", "x.csv: is empty; expected a header row"),
        (b"PK\x03\x04\x00\x00binary", "x.csv: is not a text file (CSV expected)"),
        (b"a,b\n\x81\x8d\x8f", "x.csv: is neither UTF-8 nor Windows-1252 text"),
    ],
)
def test_a_file_that_is_not_csv_text_is_one_error(data, message):
    with pytest.raises(CsvProblem) as problem:
        csv_from_bytes(data, "x.csv")

    assert str(problem.value.error).startswith(message)


def test_the_header_for_sniffing_never_fails():
    assert csv_tools.header_of(b"\xef\xbb\xbfUser;Client\n") == ("User", "Client")
    assert csv_tools.header_of(b"\x00\x01") == ()
    assert csv_tools.header_of(b"") == ()
    # a UTF-8 character cut in two by the end of the sniffed bytes
    assert csv_tools.header_of('"Kunde","Bä'.encode()[:-1]) == ("Kunde", "B")


@pytest.mark.parametrize(
    ("text", "money", "expected"),
    [
        ("1.234,56", True, "1234.56"),
        ("1,234.56", True, "1234.56"),
        ("1234,5", True, "1234.5"),
        ("1.234", True, "1234"),  # money has two decimals: three after a dot are thousands
        ("1,234", True, "1234"),
        ("1,234", False, "1.234"),  # hours: the one separator is the decimal one
        ("-99,99 €", True, "-99.99"),
        ("€ 1.000,00", True, "1000.00"),
        ("1'234.50", True, "1234.50"),
        ("2.001,0", True, "2001.0"),
        ("0,01", False, "0.01"),
        ("12", False, "12"),
    ],
)
def test_it_reads_german_and_english_numbers(text, money, expected):
    assert csv_tools.parse_number(text, money=money) == Decimal(expected)


@pytest.mark.parametrize("text", ["", "abc", "1,2,3.4.5", "12.34.56,7", "1.2.3", "--1", "1e3"])
def test_it_rejects_what_is_not_a_number(text):
    with pytest.raises(ValueError, match="is not a number"):
        csv_tools.parse_number(text, money=True)


@pytest.mark.parametrize(
    ("text", "order", "expected"),
    [
        ("2026-11-23", "mdy", date(2026, 11, 23)),
        ("23.11.2026", "mdy", date(2026, 11, 23)),  # a dotted date is always day-first
        ("23.11.26", "dmy", date(2026, 11, 23)),
        ("11/23/2026", "mdy", date(2026, 11, 23)),
        ("23/11/2026", "dmy", date(2026, 11, 23)),
        ("03/04/2024", "mdy", date(2024, 3, 4)),
        ("03/04/2024", "dmy", date(2024, 4, 3)),
    ],
)
def test_it_reads_dates_in_the_orders_the_formats_use(text, order, expected):
    assert csv_tools.parse_local_date(text, order) == expected


def test_the_date_order_is_taken_from_the_first_day_above_12():
    assert csv_tools.guess_date_order(["03/04/2024", "11/23/2024"], "dmy") == "mdy"
    assert csv_tools.guess_date_order(["03/04/2024", "23/11/2024"], "mdy") == "dmy"
    assert csv_tools.guess_date_order(["03/04/2024"], "dmy") == "dmy"
    assert csv_tools.guess_date_order(["03.04.2024"], "mdy") == "dmy"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("14:30", time(14, 30)),
        ("14:30:05", time(14, 30, 5)),
        ("2:30 PM", time(14, 30)),
        ("10:23:52 AM", time(10, 23, 52)),
        ("12:05 AM", time(0, 5)),
        ("12:05 pm", time(12, 5)),
    ],
)
def test_it_reads_24_and_12_hour_times(text, expected):
    assert csv_tools.parse_clock(text) == expected


@pytest.mark.parametrize("text", ["25:00", "13:00 PM", "9", "9.30"])
def test_it_rejects_what_is_not_a_time(text):
    with pytest.raises(ValueError, match="is not a time of day"):
        csv_tools.parse_clock(text)


@pytest.mark.parametrize(
    ("text", "minutes"),
    [
        ("1:30:00", "90"),
        ("01:30", "90"),
        ("25:00:30", "1500.5"),
        ("1.5", "90"),
        ("1,5", "90"),
        ("0,25", "15"),
        ("0", "0"),
    ],
)
def test_it_reads_durations_as_clock_or_decimal_hours(text, minutes):
    assert csv_tools.parse_duration(text) == Decimal(minutes)


@pytest.mark.parametrize("text", ["1:75", "-1", "eine Stunde", "1:30:99"])
def test_it_rejects_what_is_not_a_duration(text):
    with pytest.raises(ValueError):
        csv_tools.parse_duration(text)


def test_minutes_are_rounded_half_up_to_two_decimals():
    assert csv_tools.round_minutes(Decimal(3601) / 60) == Decimal("60.02")
    assert csv_tools.round_minutes(Decimal("0.005")) == Decimal("0.01")


def test_an_end_before_the_start_is_on_the_next_day():
    start, end = datetime(2026, 11, 23, 23, 30), datetime(2026, 11, 23, 0, 15)

    assert csv_tools.minutes_between(start, end) == Decimal(45)


def test_a_datetime_with_an_offset_becomes_berlin_wall_clock_time():
    zone = ZoneInfo("Europe/Berlin")

    assert csv_tools.parse_local_datetime("2026-07-01T08:00:00Z", "ymd", zone) == datetime(
        2026, 7, 1, 10
    )
    assert csv_tools.parse_local_datetime("23.11.2026 14:30", "dmy", zone) == datetime(
        2026, 11, 23, 14, 30
    )


@pytest.mark.parametrize(
    ("text", "expected"), [("Yes", True), ("nein", False), ("", True), ("1", True)]
)
def test_it_reads_yes_and_no_in_english_and_german(text, expected):
    assert csv_tools.parse_yes_no(text) is expected


def test_a_last_row_cut_off_without_a_final_line_break_is_an_error():
    with pytest.raises(CsvProblem) as problem:
        rows(b"a,b,c\n1,2,3\n4,5")

    assert str(problem.value.error) == (
        "x.csv, line 3: ends after 2 of the header's 3 fields: the file seems cut off"
    )
    assert rows(b"a,b,c\n1,2,3\n4,5\n") == [(2, ["1", "2", "3"]), (3, ["4", "5", ""])]


def test_an_impossible_utc_date_says_what_is_expected():
    with pytest.raises(ValueError, match="is not a date and time"):
        csv_tools.parse_local_datetime("2024-02-30T09:23:52Z", "ymd", ZoneInfo("Europe/Berlin"))
