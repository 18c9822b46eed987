"""From exports to the analysis: a Toggl export, invoices (an invoice list, or e-invoices in
CII and UBL) and a bank statement for the same customers, each naming them its own way,
give the effort and the late payments `kundenwert analyze` reports."""

from __future__ import annotations

import json
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from kundenwert.billing.models import Invoice
from kundenwert.cli import main
from kundenwert.customers.models import Customer
from tests.importers.test_einvoice import UBL_CREDIT_NOTE, cii

pytestmark = pytest.mark.django_db

TOGGL_HEADER = (
    "User,Email,Client,Project,Task,Description,Billable,Start date,Start time,"
    "End date,End time,Duration,Tags,Amount (EUR)\n"
)


def toggl_export(path: Path) -> Path:
    """Sommer: 4 × 2:30 h in the period and 5 h before it; Berger: 12 × 2:30 h."""
    entries = [("Bäckerei Sommer GmbH", f"2026-0{month}-10") for month in (1, 2, 3, 4)]
    entries += [("Bäckerei Sommer GmbH", "2025-05-05"), ("Bäckerei Sommer GmbH", "2025-05-05")]
    entries += [("Kanzlei Berger & Partner", f"2026-0{1 + n % 6}-{10 + n:02d}") for n in range(12)]
    lines = [
        f"Anna,anna@example.de,{client},Beratung,,Termin,Yes,{day},09:00:00,{day},11:30:00,02:30:00,,"
        for client, day in entries
    ]
    path.write_text(TOGGL_HEADER + "\n".join(lines) + "\n", encoding="utf-8")
    return path


def invoice_list(path: Path) -> Path:
    path.write_text(
        "Rechnungsnummer;Rechnungsdatum;Fälligkeit;Kunde;Netto\n"
        "RE-1;10.01.2026;24.01.2026;Baeckerei Sommer;5.000,00\n"
        "RE-2;10.02.2026;24.02.2026;Baeckerei Sommer;3.000,00\n"
        "RE-3;01.03.2026;15.03.2026;Kanzlei Berger und Partner;1.000,00\n"
        "RE-4;01.04.2026;15.04.2026;Kanzlei Berger und Partner;800,00\n",
        encoding="utf-8",
    )
    return path


def entry(amount: str, day: str, payer: str, text: str, ref: str) -> str:
    return f"""
      <Ntry>
        <Amt Ccy="EUR">{amount}</Amt><CdtDbtInd>CRDT</CdtDbtInd><Sts>BOOK</Sts>
        <BookgDt><Dt>{day}</Dt></BookgDt><ValDt><Dt>{day}</Dt></ValDt>
        <AcctSvcrRef>{ref}</AcctSvcrRef>
        <NtryDtls><TxDtls>
          <Refs><EndToEndId>NOTPROVIDED</EndToEndId></Refs>
          <RltdPties><Dbtr><Nm>{payer}</Nm></Dbtr></RltdPties>
          <RmtInf><Ustrd>{text}</Ustrd></RmtInf>
        </TxDtls></NtryDtls>
      </Ntry>"""


def bank_statement(path: Path, entries: list[str] | None = None) -> Path:
    """By default: RE-1 paid 27 days late, RE-2 34 days late, RE-3 early, RE-4 35 days late."""
    entries = entries or [
        entry("5950.00", "2026-02-20", "BAECKEREI SOMMER GMBH", "Rechnung RE-1", "B1"),
        entry("3570.00", "2026-03-30", "BAECKEREI SOMMER GMBH", "RE-2 vielen Dank", "B2"),
        entry("1190.00", "2026-03-10", "Kanzlei Berger", "Rechnung RE-3", "B3"),
        entry("952.00", "2026-05-20", "Kanzlei Berger", "RE 4", "B4"),
    ]
    path.write_text(
        f"""<?xml version="1.0" encoding="UTF-8"?>
<Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.02">
  <BkToCstmrStmt>
    <GrpHdr><MsgId>E2E</MsgId><CreDtTm>2026-06-01T08:00:00</CreDtTm></GrpHdr>
    <Stmt>
      <Id>1</Id><CreDtTm>2026-06-01T08:00:00</CreDtTm>
      <Acct><Id><IBAN>DE02120300000000202051</IBAN></Id></Acct>{"".join(entries)}
    </Stmt>
  </BkToCstmrStmt>
</Document>
""",
        encoding="utf-8",
    )
    return path


def analysis(capsys) -> dict[str, dict]:
    capsys.readouterr()
    assert main(["analyze", "--as-of", "2026-06-30", "--format", "json"]) == 0
    result = json.loads(capsys.readouterr().out)
    return {customer["name"]: customer for customer in result["customers"]}


def test_a_toggl_export_and_invoices_give_each_customer_its_effort(tmp_path, capsys):
    files = [toggl_export(tmp_path / "toggl.csv"), invoice_list(tmp_path / "rechnungen.csv")]
    assert main(["import", *map(str, files)]) == 0

    customers = analysis(capsys)

    assert Customer.objects.count() == 2  # the invoice list's spellings found the same two
    sommer = customers["Bäckerei Sommer GmbH"]["metrics"]
    berger = customers["Kanzlei Berger & Partner"]["metrics"]
    assert (
        float(sommer["effort_hours"]) == 10.0
    )  # 4 × 2.5 h; the 2025 entries are before the period
    assert float(berger["effort_hours"]) == 30.0
    assert float(sommer["revenue"]) == 8000.0 and float(berger["revenue"]) == 1800.0


def test_a_bank_statement_adds_the_late_payments(tmp_path, capsys):
    files = [
        toggl_export(tmp_path / "toggl.csv"),
        invoice_list(tmp_path / "rechnungen.csv"),
        bank_statement(tmp_path / "kontoauszug.xml"),
    ]
    assert main(["import", *map(str, files)]) == 0

    customers = analysis(capsys)

    sommer = customers["Bäckerei Sommer GmbH"]
    berger = customers["Kanzlei Berger & Partner"]
    assert sommer["metrics"]["late_invoices"] == 2
    assert float(sommer["metrics"]["avg_days_late"]) == 30.5  # (27 + 34) / 2
    assert "late_payer" in sommer["reasons"]
    assert berger["metrics"]["late_invoices"] == 1
    assert "late_payer" not in berger["reasons"]


# --- the same with e-invoices --------------------------------------------------------------


def cii_invoice(folder: Path, number: str, issued: date, buyer: str, net: str, terms: str) -> Path:
    """A CII (ZUGFeRD / XRechnung) invoice without a due date: it comes from the terms."""
    text = (
        cii(net=net, terms=terms)
        .replace("RE-2026-001", number)
        .replace(">20260301<", f">{issued:%Y%m%d}<")
        .replace("Bäckerei Sommer GmbH", buyer)
    )
    path = folder / f"{number}.xml"
    path.write_text(text, encoding="utf-8")
    return path


def ubl_invoice(folder: Path, number: str, issued: date, due: date, buyer: str, net: str) -> Path:
    """A UBL invoice (XRechnung), written from the UBL credit note, its due date in BT-9."""
    text = (
        UBL_CREDIT_NOTE.replace("CreditNoteTypeCode>381<", "CreditNoteTypeCode>380<")
        .replace("CreditNote", "Invoice")
        .replace("<cbc:PaymentDueDate>2026-03-16</cbc:PaymentDueDate>", "")
        .replace(
            "<cbc:IssueDate>2026-03-02</cbc:IssueDate>",
            f"<cbc:IssueDate>{issued}</cbc:IssueDate><cbc:DueDate>{due}</cbc:DueDate>",
        )
        .replace("GS-2026-7", number)
        .replace("Bäckerei Sommer GmbH", buyer)
        .replace("120.50", net)
        .replace("143.40", f"{Decimal(net) * Decimal('1.19'):.2f}")  # the gross amount
    )
    path = folder / f"{number}.xml"
    path.write_text(text, encoding="utf-8")
    return path


def e_invoices(folder: Path) -> list[Path]:
    """Sommer in CII, due dates from the payment terms; Berger in UBL with due dates."""
    folder.mkdir()
    in_14_days = "Zahlbar innerhalb 14 Tagen ohne Abzug"
    sommer, berger = "Baeckerei Sommer", "Kanzlei Berger und Partner"
    return [
        # due 24.01. (14 days), paid 20.02.: 27 days late
        cii_invoice(folder, "RE-2026-101", date(2026, 1, 10), sommer, "5000.00", in_14_days),
        # due 12.03. (30 days), paid 15.04.: 34 days late
        cii_invoice(folder, "RE-2026-102", date(2026, 2, 10), sommer, "3000.00", "Net 30"),
        # due 16.03., paid 26.03.: 10 days after the due date, within the 14 that count as late
        cii_invoice(folder, "RE-2026-103", date(2026, 3, 2), sommer, "2000.00", in_14_days),
        # due 15.06., still open on 30.06.: 15 days late
        cii_invoice(folder, "RE-2026-104", date(2026, 6, 1), sommer, "1000.00", in_14_days),
        # due 15.03., paid 10.03.: early, counts as 0 days
        ubl_invoice(folder, "RE-2026-201", date(2026, 3, 1), date(2026, 3, 15), berger, "1000.00"),
        # due 15.04., paid 20.05.: 35 days late
        ubl_invoice(folder, "RE-2026-202", date(2026, 4, 1), date(2026, 4, 15), berger, "800.00"),
    ]


def statement_for_the_e_invoices(path: Path) -> Path:
    """The gross amounts (net + 19 % VAT), each naming its invoice."""
    sommer, berger = "BAECKEREI SOMMER GMBH", "Kanzlei Berger"
    return bank_statement(
        path,
        [
            entry("5950.00", "2026-02-20", sommer, "Rechnung RE-2026-101", "B1"),
            entry("3570.00", "2026-04-15", sommer, "RE-2026-102 vielen Dank", "B2"),
            entry("2380.00", "2026-03-26", sommer, "Rechnung RE-2026-103", "B3"),
            entry("1190.00", "2026-03-10", berger, "Rechnung RE-2026-201", "B4"),
            entry("952.00", "2026-05-20", berger, "RE-2026-202", "B5"),
        ],
    )


def test_e_invoices_and_a_bank_statement_give_the_late_payments(tmp_path, capsys):
    files = [
        toggl_export(tmp_path / "toggl.csv"),
        *e_invoices(tmp_path / "rechnungen"),
        statement_for_the_e_invoices(tmp_path / "kontoauszug.xml"),
    ]
    assert main(["import", *map(str, files)]) == 0

    paid = {i.number: (i.customer.name, i.due_date, i.paid_date) for i in Invoice.objects.all()}
    assert paid == {
        "RE-2026-101": ("Bäckerei Sommer GmbH", date(2026, 1, 24), date(2026, 2, 20)),
        "RE-2026-102": ("Bäckerei Sommer GmbH", date(2026, 3, 12), date(2026, 4, 15)),
        "RE-2026-103": ("Bäckerei Sommer GmbH", date(2026, 3, 16), date(2026, 3, 26)),
        "RE-2026-104": ("Bäckerei Sommer GmbH", date(2026, 6, 15), None),
        "RE-2026-201": ("Kanzlei Berger & Partner", date(2026, 3, 15), date(2026, 3, 10)),
        "RE-2026-202": ("Kanzlei Berger & Partner", date(2026, 4, 15), date(2026, 5, 20)),
    }

    customers = analysis(capsys)

    assert Customer.objects.count() == 2  # the e-invoices' buyers are the Toggl clients
    sommer = customers["Bäckerei Sommer GmbH"]
    berger = customers["Kanzlei Berger & Partner"]
    # Sommer: 27, 34, 10 and 15 days after the due date; late means more than 14 days.
    assert sommer["metrics"]["late_invoices"] == 3
    assert float(sommer["metrics"]["avg_days_late"]) == 21.5  # (27 + 34 + 10 + 15) / 4
    assert float(sommer["metrics"]["revenue"]) == 11000.0
    assert "late_payer" in sommer["reasons"]  # at least 2 late invoices
    # Berger: paid 5 days early (0) and 35 days late.
    assert berger["metrics"]["late_invoices"] == 1
    assert float(berger["metrics"]["avg_days_late"]) == 17.5  # (0 + 35) / 2
    assert float(berger["metrics"]["revenue"]) == 1800.0
    assert "late_payer" not in berger["reasons"]
