"""German spreadsheet CSV (the lists' csv-de, a folder file saved by German Excel) reads as a
portfolio folder file: the exports round-trip through the folder reader and importer."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import polars as pl
import pytest
from django.utils import translation

from kundenwert.activity.models import Interaction
from kundenwert.billing.models import Invoice
from kundenwert.exchange.loader import load_portfolio
from kundenwert.exchange.services import do_import_folder
from kundenwert.portfolio import german_csv
from kundenwert.portfolio.errors import RowError
from kundenwert.portfolio.reader import read_folder
from kundenwert.portfolio.schema import CUSTOMERS, INTERACTIONS, INVOICES, TABLES_BY_NAME
from kundenwert.portfolio.writer import csv_bytes
from kundenwert.reports import lists
from kundenwert.reports.formats import render
from kundenwert.reports.querysets import ListFilter
from tests.web import conftest as web

# The web tests' demo portfolio (history ending today) and a fresh analysis for each test.
demo, today, fresh_analysis = web.demo, web.today, web.fresh_analysis

EXPORTS = {"interactions": lists.interactions_table, "invoices": lists.invoices_table}
INVOICE_FIELDS = ("number", "customer__number", "issue_date", "due_date", "net", "currency")
INTERACTION_FIELDS = (
    "customer__number",
    "at",
    "channel",
    "direction",
    "planned",
    "minutes",
    "tracked",
    "out_of_scope",
    "price_negotiation",
    "complaint",
    "mood",
    "user_name",
    "note",
)


def german_folder(tmp_path: Path, today: date, encoding: str, lang: str = "de") -> Path:
    """interactions.csv and invoices.csv as the lists' csv-de, customers.csv as the folder
    writer writes it, all from the database."""
    folder = tmp_path / f"german-{encoding}-{lang}"
    folder.mkdir()
    with translation.override(lang):
        for name, build in EXPORTS.items():
            rendered = render(build(ListFilter(), today), "csv-de", lang, encoding)
            # Windows-1252 lacks letters of a few customers' names, which are no folder column.
            assert {r.column for r in rendered.replacements} <= {"Kunde", "Customer"}
            (folder / f"{name}.csv").write_bytes(rendered.content)
    customers = load_portfolio(tables=["customers"]).customers
    (folder / "customers.csv").write_bytes(csv_bytes(CUSTOMERS, customers))
    return folder


def in_order(frame: pl.DataFrame) -> pl.DataFrame:
    return frame.sort(frame.columns, nulls_last=True)


@pytest.mark.parametrize(("encoding", "lang"), [("utf-8", "de"), ("cp1252", "de"), ("utf-8", "en")])
def test_the_german_csv_exports_read_as_the_rows_of_the_database(
    demo, tmp_path, today, encoding, lang
):
    folder = german_folder(tmp_path, today, encoding, lang)
    head = (folder / "interactions.csv").read_bytes().splitlines()[0]
    assert b";" in head and (b"Kanal" in head if lang == "de" else b"Channel" in head)

    read = read_folder(folder)

    stored = load_portfolio(tables=["customers", "invoices", "interactions"])
    assert read.invoices.height == Invoice.objects.count() > 0
    assert read.interactions.height == Interaction.objects.count() > 0
    assert read.invoices["net"].sum() == stored.invoices["net"].sum()
    assert read.interactions["minutes"].sum() == stored.interactions["minutes"].sum()
    # Every row exactly, codes and all: dates, datetimes, decimals, ja/nein, labels.
    assert in_order(read.invoices).equals(in_order(stored.invoices))
    assert in_order(read.interactions).equals(in_order(stored.interactions))
    assert set(read.interactions["channel"]) <= set(INTERACTIONS.column("channel").choices)
    assert read.interactions["mood"].min() < 0  # written '-1, so no spreadsheet runs it
    # The customer's name is no folder column: ignored with a warning, as in the plain csv.
    assert any("unknown column" in warning for warning in read.warnings)


def test_a_german_export_imported_again_adds_and_changes_nothing(demo, tmp_path, today):
    folder = german_folder(tmp_path, today, "cp1252")

    report = do_import_folder(folder)

    assert report.tables["invoices"].unchanged == Invoice.objects.count()
    assert report.tables["interactions"].unchanged == Interaction.objects.count()
    assert not report.changes


def test_a_german_export_brings_back_every_row_into_an_emptied_database(demo, tmp_path, today):
    folder = german_folder(tmp_path, today, "utf-8")
    invoices = set(Invoice.objects.values_list(*INVOICE_FIELDS, "paid_date"))
    interactions = sorted(Interaction.objects.values_list(*INTERACTION_FIELDS))
    Interaction.objects.all().delete()
    Invoice.objects.all().delete()

    report = do_import_folder(folder)

    assert report.tables["invoices"].added == len(invoices)
    assert report.tables["interactions"].added == len(interactions)
    assert set(Invoice.objects.values_list(*INVOICE_FIELDS, "paid_date")) == invoices
    assert sorted(Interaction.objects.values_list(*INTERACTION_FIELDS)) == interactions


def test_a_wrong_value_in_a_german_file_is_named_with_its_line_as_ever(folder, read_errors):
    path = folder(
        customers=["id,name", "K1,Alpha"],
        invoices=(
            "Rechnungsnummer;Kundennummer;Kunde;Rechnungsdatum;Nettobetrag;Währung\r\n"
            "R-1;K1;Alpha;02.01.2026;1.234,50;EUR\r\n"
            "R-2;K1;Alpha;31.02.2026;99,00;EUR\r\n"
            "R-3;K1;Alpha;03.01.2026;12,345;EUR\r\n"
        ).encode("cp1252"),
    )

    errors = read_errors(path)

    assert errors[0] == RowError(
        "invoices.csv", 3, "issue_date", "31.02.2026", "is not a date (YYYY-MM-DD)"
    )
    assert [(e.line, e.column, e.value) for e in errors[1:]] == [(4, "net", "12,345")]


def test_a_folder_file_saved_by_german_excel_reads(folder):
    path = folder(
        customers=(
            "id;name;status;since;useful;notes\r\n"
            'K1;Müller, Söhne;Active;01.03.2024;WAHR;"zwei\r\nZeilen"\r\n'
            "K2;Beta;lead;;FALSCH;'=1+1\r\n"
        ).encode("cp1252"),
        invoices=["number;customer_id;issue_date;net", "R1;K2;5.1.2026;1.234,5"],
    )

    read = read_folder(path)

    customers = read.customers.select("id", "name", "status", "since", "useful", "notes")
    assert customers.rows() == [
        ("K1", "Müller, Söhne", "active", date(2024, 3, 1), True, "zwei\r\nZeilen"),
        ("K2", "Beta", "lead", None, False, "=1+1"),
    ]
    assert read.invoices.select("issue_date", "net").rows()[0] == (date(2026, 1, 5), 1234.5)


def test_a_file_in_the_folders_own_dialect_is_read_where_it_is(folder):
    path = folder(invoices=["number,customer_id,issue_date,net", "R1;x,K1,2026-01-02,10.00"])
    file = path / "invoices.csv"
    before = file.read_bytes()

    with german_csv.folder_dialect(file, INVOICES) as readable:
        assert readable == file
    assert file.read_bytes() == before


def test_a_converted_copy_is_removed_after_reading(folder):
    path = folder(invoices=["number;customer_id;issue_date;net", "R1;K1;02.01.2026;10,00"])

    with german_csv.folder_dialect(path / "invoices.csv", INVOICES) as readable:
        assert readable != path / "invoices.csv"
        assert readable.read_text().splitlines() == [
            "number,customer_id,issue_date,net",
            "R1,K1,2026-01-02,10.00",
        ]
    assert not readable.exists()


@pytest.mark.parametrize("lang", ["de", "en"])
def test_the_labels_are_those_the_exports_write(db, today, lang):
    with translation.override(lang):
        for name, build in EXPORTS.items():
            table = TABLES_BY_NAME[name]
            for column in build(ListFilter(), today).columns:
                expected = column.key if column.key in table.column_names else column.label
                assert german_csv.folder_name(table, column.label) == expected
                for code, label in column.choices.items():
                    codes = german_csv.CHOICES[name][column.key]
                    assert label in codes[code], (name, column.key, code)
