"""One table, three files: XLSX with typed cells, CSV for programs, German CSV for Excel."""

from __future__ import annotations

import csv
import io
from datetime import date, datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

import openpyxl
import pytest

from kundenwert.reports import table as t
from kundenwert.reports.delimited import render_csv, render_csv_de
from kundenwert.reports.formats import render
from kundenwert.reports.xlsx import render_xlsx, sheet_title

BERLIN = ZoneInfo("Europe/Berlin")
COLUMNS = [
    t.Column("name", "Kunde"),
    t.Column("net", "Netto", t.MONEY),
    t.Column("hours", "Stunden", t.NUMBER, decimals=1),
    t.Column("share", "Anteil", t.PERCENT, decimals=1),
    t.Column("issued", "Datum", t.DATE),
    t.Column("at", "Zeitpunkt", t.DATETIME),
    t.Column("paid", "Bezahlt", t.BOOL),
    t.Column("channel", "Kanal", choices={"phone": "Telefon"}),
    t.Column("reasons", "Gründe", t.CODES, choices={"late_payer": "zahlt spät"}),
    t.Column("explained", "Erklärt", t.LINES),
    t.Column("ratio", "Verhältnis", t.NUMBER),
]
ROW = [
    "Bäckerei Sommer GmbH",
    Decimal("1234.5"),
    12.25,
    0.123456,
    date(2026, 11, 23),
    datetime(2026, 11, 23, 8, 30, tzinfo=ZoneInfo("UTC")),
    True,
    "phone",
    ["late_payer", "haggler"],
    ["erster Grund", "zweiter Grund"],
    float("inf"),
]


def table(*rows) -> t.Table:
    return t.Table("kunden", "Kunden", COLUMNS, list(rows or [ROW]))


def test_xlsx_keeps_numbers_dates_and_booleans_typed_with_formats():
    sheet = openpyxl.load_workbook(io.BytesIO(render_xlsx(table(), "de"))).active

    header, row = list(sheet.iter_rows(values_only=True))
    assert header == tuple(column.label for column in COLUMNS)
    assert row[1] == 1234.5 and sheet["B2"].number_format == "#,##0.00"
    assert sheet["C2"].number_format == "#,##0.0" and sheet["D2"].number_format == "0.0%"
    assert row[4] == datetime(2026, 11, 23) and sheet["E2"].number_format == "DD.MM.YYYY"
    assert row[5] == datetime(2026, 11, 23, 9, 30)  # local wall-clock time, no time zone
    assert row[6] is True
    assert row[7] == "Telefon" and row[8] == "zahlt spät, haggler"
    assert row[9] == "erster Grund\nzweiter Grund" and sheet["J2"].alignment.wrap_text
    assert row[10] is None  # an infinite ratio is missing, as in the analysis JSON


def test_xlsx_has_a_frozen_bold_header_column_widths_and_a_filter():
    sheet = openpyxl.load_workbook(io.BytesIO(render_xlsx(table(), "en"))).active

    assert sheet.freeze_panes == "A2"
    assert sheet["A1"].font.bold
    assert sheet.column_dimensions["A"].width == 24
    assert sheet.column_dimensions["J"].width == 70
    assert sheet.auto_filter.ref == "A1:K2"
    assert sheet["E2"].number_format == "YYYY-MM-DD"


def test_a_sheet_title_never_has_characters_excel_refuses():
    assert sheet_title("Kunden: A/B [2026]?") == "Kunden- A-B -2026--"
    assert len(sheet_title("x" * 40)) == 31


def test_plain_csv_is_for_programs_keys_dots_iso_dates_and_codes():
    text = render_csv(table()).content.decode("utf-8")

    rows = list(csv.reader(io.StringIO(text)))
    assert rows[0] == [column.key for column in COLUMNS]
    assert rows[1] == [
        "Bäckerei Sommer GmbH",
        "1234.50",
        "12.3",  # half up, as the pages round
        "0.123",  # the ratio of 12.3 %
        "2026-11-23",
        "2026-11-23T09:30:00",
        "true",
        "phone",
        "late_payer haggler",
        "erster Grund | zweiter Grund",
        "",
    ]
    assert text.endswith("\r\n") and not text.startswith("\ufeff")


def test_german_csv_uses_semicolons_decimal_commas_german_dates_and_labels():
    text = render_csv_de(table()).content.decode("utf-8")

    assert text.startswith("\ufeff")  # so that Excel reads it as UTF-8
    rows = list(csv.reader(io.StringIO(text.lstrip("\ufeff")), delimiter=";"))
    assert rows[0][:3] == ["Kunde", "Netto", "Stunden"]
    assert rows[1][:8] == [
        "Bäckerei Sommer GmbH",
        "1234,50",
        "12,3",
        "0,123",
        "23.11.2026",
        "23.11.2026 09:30",
        "ja",
        "Telefon",
    ]
    assert rows[1][8] == "zahlt spät, haggler"


@pytest.mark.parametrize(
    ("name", "shown"),
    [
        (
            '=HYPERLINK("http://evil.example","klick")',
            '\'=HYPERLINK("http://evil.example","klick")',
        ),
        ("+49 30 123", "'+49 30 123"),
        ("-Rabatt", "'-Rabatt"),
        ("@SUMME(A1)", "'@SUMME(A1)"),
        ("Müller = Meier", "Müller = Meier"),
    ],
)
def test_german_csv_keeps_formula_like_text_as_text(name, shown):
    text = render_csv_de(table([name, *ROW[1:]])).content.decode("utf-8")

    rows = list(csv.reader(io.StringIO(text.lstrip("\ufeff")), delimiter=";"))
    assert rows[1][0] == shown
    assert rows[1][1] == "1234,50"  # numbers stay numbers


def test_plain_csv_for_programs_keeps_text_exactly():
    text = render_csv(table(["=1+1", *ROW[1:]])).content.decode("utf-8")

    assert list(csv.reader(io.StringIO(text)))[1][0] == "=1+1"


def test_windows_1252_keeps_umlauts_and_the_euro_and_replaces_what_it_cannot_hold():
    row = ["Łódź Café č 😀 − €", *ROW[1:]]

    encoded = render_csv_de(table(row), "cp1252")

    text = encoded.content.decode("cp1252")
    assert "?ódz Café c ? - €" in text
    assert "Gründe" in text
    assert [(r.row, r.column, r.character) for r in encoded.replacements] == [
        (2, "Kunde", "Ł"),
        (2, "Kunde", "ź"),
        (2, "Kunde", "č"),
        (2, "Kunde", "😀"),
        (2, "Kunde", "−"),
    ]


def test_an_unknown_format_or_encoding_is_refused():
    with pytest.raises(ValueError, match="unknown format"):
        render(table(), "ods", "de")
    with pytest.raises(ValueError, match="unknown encoding"):
        render(table(), "csv-de", "de", "latin-9")


def test_the_file_names_and_content_types_say_what_the_file_is():
    assert render(table(), "xlsx", "de").filename == "kunden.xlsx"
    german = render(table(), "csv-de", "de", "cp1252")
    assert german.filename == "kunden-de.csv"
    assert german.content_type == "text/csv; charset=windows-1252"
    assert render(table(), "csv", "de").content_type == "text/csv; charset=utf-8"
