# ruff: noqa: E501 - the CSV fixtures keep the long lines the tools write
"""Invoice lists from invoicing tools, read through a column mapping.

There are no real lexoffice, sevDesk or Invoice Ninja exports among the samples: the
fixtures here follow the column names those tools use (German and English), in their number
and date formats. The DATEV samples are booking batches and are rejected.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from kundenwert.billing.models import Invoice
from kundenwert.importers import invoice_list
from kundenwert.importers.detect import detect
from kundenwert.importers.records import CustomerRef, UnsupportedFile
from kundenwert.importers.services import ImportInvalid, do_import_files, do_save_column_mapping
from kundenwert.workspace.models import ColumnMapping
from tests.conftest import SAMPLES

ZONE = "Europe/Berlin"

LEXOFFICE = """
Rechnungsnummer;Rechnungsdatum;Fälligkeit;Kundennummer;Kunde;Betrag netto;Umsatzsteuer;Betrag brutto;Währung;Status;Bezahlt am
RE-2026-001;05.01.2026;19.01.2026;10001;Bäckerei Sommer GmbH;1.200,00;228,00;1.428,00;EUR;bezahlt;18.01.2026
RE-2026-002;12.01.2026;26.01.2026;10002;Kanzlei Berger & Partner;850,50;161,60;1.012,10;EUR;offen;
RE-2026-003;20.01.2026;;10001;Bäckerei Sommer GmbH;99,00;18,81;117,81;EUR;Entwurf;
"""

SEVDESK = """
Rechnungs-Nr.;Datum;Fällig am;Kunde;E-Mail;Nettobetrag;Bruttobetrag;Belegart;Zahlungsdatum
1001;03.02.2026;17.02.2026;Autohaus Krüger KG;buchhaltung@autohaus-krueger.de;2.500,00 €;2.975,00 €;Rechnung;01.03.2026
1002;10.02.2026;24.02.2026;Autohaus Krüger KG;buchhaltung@autohaus-krueger.de;250,00 €;297,50 €;Gutschrift;
"""

INVOICE_NINJA = """
Invoice Number,Client,Invoice Date,Due Date,Amount,Balance,Status
0001,Acme Inc.,03/04/2026,04/03/2026,"1,190.00",0.00,Paid
0002,Acme Inc.,04/01/2026,05/01/2026,595.00,595.00,Sent
0003,Acme Inc.,04/15/2026,05/15/2026,100.00,100.00,Cancelled
"""


def write(path: Path, text: str, encoding: str = "utf-8") -> Path:
    path.write_text(text.strip() + "\n", encoding=encoding)
    return path


def test_it_reads_a_lexoffice_invoice_list_in_german_notation(tmp_path):
    path = write(tmp_path / "Rechnungen.csv", LEXOFFICE, encoding="cp1252")

    assert detect(path) is invoice_list
    parsed = invoice_list.parse(path, time_zone=ZONE)

    assert parsed.errors == []
    assert [
        (i.number, i.customer, i.issue_date, i.due_date, i.net, i.currency, i.paid_date)
        for i in parsed.invoices
    ] == [
        ("RE-2026-001", CustomerRef(name="Bäckerei Sommer GmbH", id="10001"), date(2026, 1, 5),
         date(2026, 1, 19), Decimal("1200.00"), "EUR", date(2026, 1, 18)),
        ("RE-2026-002", CustomerRef(name="Kanzlei Berger & Partner", id="10002"), date(2026, 1, 12),
         date(2026, 1, 26), Decimal("850.50"), "EUR", None),
    ]  # fmt: skip
    assert parsed.skipped == [("line 4", "invoice RE-2026-003 is a draft")]


def test_it_reads_a_sevdesk_list_with_a_credit_note_as_a_negative_amount(tmp_path):
    parsed = invoice_list.parse(write(tmp_path / "sevdesk.csv", SEVDESK), time_zone=ZONE)

    assert [(i.number, i.net, i.paid_date) for i in parsed.invoices] == [
        ("1001", Decimal("2500.00"), date(2026, 3, 1)),
        ("1002", Decimal("-250.00"), None),
    ]
    assert parsed.invoices[0].customer.emails == ("buchhaltung@autohaus-krueger.de",)


def test_it_reads_an_invoice_ninja_list_taking_the_gross_amount_with_a_warning(tmp_path):
    parsed = invoice_list.parse(write(tmp_path / "invoices.csv", INVOICE_NINJA), time_zone=ZONE)

    assert [(i.number, i.issue_date, i.due_date, i.net) for i in parsed.invoices] == [
        ("0001", date(2026, 3, 4), date(2026, 4, 3), Decimal("1190.00")),
        ("0002", date(2026, 4, 1), date(2026, 5, 1), Decimal("595.00")),
    ]
    assert parsed.skipped == [("line 4", "invoice 0003 is cancelled")]
    assert parsed.warnings == [
        "invoices.csv: no net amount column; the amounts of column 'Amount' are taken as net"
    ]


def test_an_explicit_mapping_names_columns_the_synonyms_do_not_know(tmp_path):
    text = "Beleg;Tag;Firma X;Summe ohne Steuer\nA-1;2026-05-02;Hansa Logistik AG;300\n"
    path = write(tmp_path / "export.csv", text)
    mapping = {
        "number": "Beleg",
        "issue_date": "Tag",
        "customer": "Firma X",
        "net": "Summe ohne Steuer",
    }

    assert not invoice_list.sniff(path.name, path.read_bytes())
    parsed = invoice_list.parse(path, time_zone=ZONE, mapping=mapping)

    assert [(i.number, i.customer.name, i.net) for i in parsed.invoices] == [
        ("A-1", "Hansa Logistik AG", Decimal("300"))
    ]


def test_a_mapping_naming_a_missing_column_is_an_error_on_line_1(tmp_path):
    path = write(tmp_path / "export.csv", LEXOFFICE)

    parsed = invoice_list.parse(path, time_zone=ZONE, mapping={"net": "Netto gesamt"})

    assert [str(e) for e in parsed.errors] == [
        "export.csv, line 1, column Netto gesamt: column of the mapping is not in the file"
    ]


def test_a_row_with_a_bad_amount_names_line_column_and_value(tmp_path):
    text = LEXOFFICE.replace("850,50", "850,5O")
    parsed = invoice_list.parse(write(tmp_path / "Rechnungen.csv", text), time_zone=ZONE)

    assert [str(e) for e in parsed.errors] == [
        "Rechnungen.csv, line 3, column Betrag netto: '850,5O' is not a number (like 1234.56 or 1.234,56)"
    ]


def test_an_invoice_number_twice_in_one_list_is_an_error(tmp_path):
    text = LEXOFFICE.replace("RE-2026-002", "RE-2026-001")
    parsed = invoice_list.parse(write(tmp_path / "Rechnungen.csv", text), time_zone=ZONE)

    assert [str(e) for e in parsed.errors] == [
        "Rechnungen.csv, line 3, column Rechnungsnummer: 'RE-2026-001' appears more than once (first on line 2)"
    ]


@pytest.mark.parametrize(
    "sample", ["datev_EXTF_buchungsstapel_OCA.csv", "datev_export_OCA_comma.csv"]
)
def test_the_datev_booking_batches_are_recognised_and_rejected_with_the_reason(sample):
    path = SAMPLES / "invoicing" / sample

    assert detect(path) is invoice_list
    with pytest.raises(UnsupportedFile, match="is a DATEV booking batch"):
        invoice_list.parse(path, time_zone=ZONE)


@pytest.mark.django_db
def test_a_datev_file_imports_nothing_and_says_why():
    with pytest.raises(ImportInvalid) as invalid:
        do_import_files([SAMPLES / "invoicing" / "datev_export_OCA_comma.csv"])

    assert "is a DATEV booking batch (Buchungsstapel), not an invoice list" in str(
        invalid.value.errors[0]
    )


@pytest.mark.django_db
def test_a_saved_mapping_is_used_by_its_name(tmp_path):
    text = "Beleg;Tag;Firma X;Summe ohne Steuer\nA-1;02.05.2026;Hansa Logistik AG;300,00\n"
    path = write(tmp_path / "export.csv", text)
    do_save_column_mapping(
        "Mein Tool",
        {"number": "Beleg", "issue_date": "Tag", "customer": "Firma X", "net": "Summe ohne Steuer"},
    )

    report = do_import_files([path], format="invoice_list", mapping="Mein Tool")

    assert report.kinds["invoices"].added == 1
    assert Invoice.objects.get().net == Decimal("300.00")
    assert ColumnMapping.objects.get().format == "invoice_list"


@pytest.mark.django_db
def test_an_unknown_saved_mapping_or_field_is_an_error(tmp_path):
    path = write(tmp_path / "export.csv", LEXOFFICE)

    with pytest.raises(ImportInvalid, match="is not a saved column mapping"):
        do_import_files([path], mapping="gibt es nicht")
    with pytest.raises(ImportInvalid, match="unknown field"):
        do_save_column_mapping("kaputt", {"nummer": "Beleg"})
