"""From exports to the analysis: a Toggl export, an invoice list and a bank statement for
the same customers, each naming them its own way, give the effort and the late payments
`kundenwert analyze` reports."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from kundenwert.cli import main
from kundenwert.customers.models import Customer

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


def bank_statement(path: Path) -> Path:
    """RE-1 paid 27 days late, RE-2 34 days late, RE-3 early, RE-4 35 days late."""
    entries = [
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
