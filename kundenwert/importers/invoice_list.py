"""Invoice lists exported as CSV by invoicing tools (lexoffice, sevDesk, Invoice Ninja …).

Every tool names its columns differently, so the columns are found through a mapping from
our fields to header names: either given (and then saved by name, see
`kundenwert.importers.services.do_save_column_mapping`), or found by the German and English
names these tools use (`SYNONYMS`). The fields:

| field       | required | e.g.                                                      |
| ----------- | -------- | --------------------------------------------------------- |
| number      | yes      | Rechnungsnummer, Rechnungs-Nr., Invoice Number            |
| issue_date  | yes      | Rechnungsdatum, Datum, Invoice Date                       |
| customer    | yes (or customer_id) | Kunde, Kundenname, Client                     |
| customer_id | no       | Kundennummer, Customer Number: matched as the customer's id |
| net         | yes (or gross) | Netto, Nettobetrag, Betrag netto, Net               |
| gross, tax  | no       | Brutto, USt: net = gross − tax when there is no net column |
| due_date    | no       | Fälligkeit, Fällig am, Due Date                           |
| paid_date   | no       | Bezahlt am, Zahlungsdatum, Paid Date                      |
| currency    | no (EUR) | Währung, Currency                                         |
| email       | no       | E-Mail: helps to match the customer                       |
| status      | no       | drafts and cancelled invoices are skipped                 |
| type        | no       | a credit note (Gutschrift, Storno, credit) counts negative |

Numbers in German (1.234,56) or English (1,234.56) notation, with or without a currency
sign; dates ISO, 23.11.2026, or with slashes (day-first for German headers, month-first for
English ones, unless the rows show otherwise). With only a gross column, its amount is taken
as net and a warning says so.

DATEV files (EXTF/DTVF booking batches, "Buchungsstapel") are recognised and rejected: they
hold bookings by account, without customer names or due dates.
"""

from __future__ import annotations

import itertools
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from pathlib import Path

from kundenwert.importers import csv_tools
from kundenwert.importers.csv_tools import FieldProblem, Skip
from kundenwert.importers.records import CustomerRef, InvoiceRecord, ParsedFile, UnsupportedFile
from kundenwert.lib import parsing
from kundenwert.portfolio.errors import RowError

NAME = "invoice_list"
LABEL = "invoice list as CSV (lexoffice, sevDesk, Invoice Ninja … by column mapping)"
KIND = "invoices"

# field → (English names, German names)
SYNONYMS: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "number": (
        ("Invoice Number", "Invoice No.", "Invoice No", "Invoice #", "Number"),
        ("Rechnungsnummer", "Rechnungs-Nr.", "Rechnungs-Nr", "Rechnungsnr.", "Re.-Nr.",
         "Belegnummer", "Beleg-Nr.", "Nummer"),
    ),
    "issue_date": (
        ("Invoice Date", "Issue Date", "Date"),
        ("Rechnungsdatum", "Belegdatum", "Datum"),
    ),
    "due_date": (
        ("Due Date", "Due On", "Due"),
        ("Fälligkeit", "Fällig am", "Fälligkeitsdatum", "Fällig"),
    ),
    "paid_date": (
        ("Paid Date", "Payment Date", "Paid On", "Paid At"),
        ("Bezahlt am", "Zahlungsdatum", "Bezahldatum", "Zahlungseingang", "Bezahlt"),
    ),
    "net": (
        ("Net", "Net Amount", "Amount (net)", "Subtotal", "Net Total"),
        ("Netto", "Nettobetrag", "Betrag netto", "Betrag (netto)", "Summe netto", "Nettosumme",
         "Netto (EUR)", "Gesamt netto"),
    ),
    "gross": (
        ("Gross", "Gross Amount", "Total", "Amount", "Invoice Total"),
        ("Brutto", "Bruttobetrag", "Betrag brutto", "Betrag (brutto)", "Summe brutto",
         "Gesamtbetrag", "Brutto (EUR)", "Gesamt brutto", "Betrag"),
    ),
    "tax": (
        ("Tax", "Tax Amount", "VAT", "VAT Amount"),
        ("USt", "USt.", "Umsatzsteuer", "MwSt", "MwSt.", "Steuer", "Steuerbetrag", "USt-Betrag"),
    ),
    "customer": (
        ("Client", "Customer", "Client Name", "Customer Name", "Company"),
        ("Kunde", "Kundenname", "Kunde Name", "Empfänger", "Firma", "Rechnungsempfänger",
         "Kontakt"),
    ),
    "customer_id": (
        ("Customer Number", "Client Number", "Customer ID", "Client ID", "Customer No."),
        ("Kundennummer", "Kunden-Nr.", "Kunden-Nr", "Kundennr.", "Kd.-Nr."),
    ),
    "email": (("Email", "E-mail", "Client Email", "Customer Email"), ("E-Mail", "Kunden-E-Mail")),
    "currency": (("Currency",), ("Währung",)),
    "status": (("Status", "Invoice Status"), ("Rechnungsstatus", "Belegstatus")),
    "type": (("Type", "Document Type", "Invoice Type"), ("Belegart", "Typ", "Rechnungstyp",
                                                         "Dokumenttyp")),
}  # fmt: skip
FIELDS = tuple(SYNONYMS)
SKIPPED_STATUSES = {
    "draft": "is a draft",
    "entwurf": "is a draft",
    "cancelled": "is cancelled",
    "canceled": "is cancelled",
    "storniert": "is cancelled",
    "void": "is cancelled",
    "reversed": "is cancelled",
    "deleted": "is deleted",
    "gelöscht": "is deleted",
}
# A correction (Rechnungskorrektur) may raise an amount as well as lower it: its sign is
# taken as written.
CREDIT_WORDS = ("gutschrift", "storno", "credit")
DATEV_MARKERS = ("EXTF", "DTVF")


class MappingInvalid(Exception):
    """A mapping given by the user that names unknown fields or no columns."""


def sniff(name: str, head: bytes) -> bool:
    header = csv_tools.header_of(head)
    if _is_datev(header):
        return True
    fields = find_mapping(header)
    return {"number", "issue_date", "customer"} <= fields.keys() and bool(
        {"net", "gross"} & fields.keys()
    )


def find_mapping(header: Sequence[str]) -> dict[str, str]:
    """{field: header name} found by the synonyms; what `parse` uses without a mapping."""
    keys = {csv_tools.header_key(name): name for name in header}
    found: dict[str, str] = {}
    for field, (english, german) in SYNONYMS.items():
        for synonym in english + german:
            if (
                csv_tools.header_key(synonym) in keys
                and keys[csv_tools.header_key(synonym)] not in found.values()
            ):
                found[field] = keys[csv_tools.header_key(synonym)]
                break
    return found


def check_mapping(mapping: Mapping[str, str]) -> dict[str, str]:
    """A user's mapping, with its fields checked; raises MappingInvalid."""
    unknown = sorted(set(mapping) - set(FIELDS))
    if unknown:
        known = ", ".join(FIELDS)
        raise MappingInvalid(
            f"unknown field(s) {', '.join(unknown)} in the mapping; known: {known}"
        )
    return {field: str(header).strip() for field, header in mapping.items() if str(header).strip()}


def parse(path: Path, *, time_zone: str, mapping: Mapping[str, str] | None = None) -> ParsedFile:
    """`mapping` ({field: header name}) replaces the synonyms for the fields it names."""
    try:
        table = csv_tools.open_csv(path)
    except csv_tools.CsvProblem as problem:
        return ParsedFile(file=path.name, format=NAME, sha256="", errors=[problem.error])
    if _is_datev(table.header) or _is_datev(_first_line(path)):
        raise UnsupportedFile(
            "is a DATEV booking batch (Buchungsstapel), not an invoice list: it holds "
            "bookings by account, without customer names or due dates; export the list of "
            "invoices from your invoicing tool (lexoffice, sevDesk …) as CSV instead"
        )
    parsed = ParsedFile(file=path.name, format=NAME, sha256=csv_tools.file_sha256(path))
    columns = _columns(table, mapping, parsed)
    if columns is None:
        return parsed
    sample, rest = csv_tools.peek(table.rows(), 500)
    german = any(_is_german(field, table.header[i]) for field, i in columns.items())
    dates = (
        str(fields[columns[f]]).split(" ")[0]
        for _, fields in sample
        for f in ("issue_date", "due_date", "paid_date")
        if f in columns
    )
    order = csv_tools.guess_date_order(dates, "dmy" if german else "mdy")
    rows = InvoiceRows(table.header, columns, order)
    collected = csv_tools.collect_rows(
        parsed.file, itertools.chain(sample, rest), rows.record, parsed.invoices
    )
    parsed.errors += collected.errors
    parsed.skipped += collected.skipped
    if "net" not in columns:
        parsed.warnings.append(
            f"{parsed.file}: no net amount column; the amounts of column "
            f"'{table.header[columns['gross']]}' are taken as net"
        )
    return parsed


def _first_line(path: Path) -> tuple[str, ...]:
    return tuple(csv_tools.header_of(csv_tools.read_head(path, 512)))


def _is_datev(header: Sequence[str]) -> bool:
    return bool(header) and header[0].strip().strip('"') in DATEV_MARKERS


def _is_german(field: str, header: str) -> bool:
    return csv_tools.header_key(header) in {csv_tools.header_key(n) for n in SYNONYMS[field][1]}


def _columns(
    table: csv_tools.CsvTable, mapping: Mapping[str, str] | None, parsed: ParsedFile
) -> dict[str, int] | None:
    """{field: column position}, or None with the errors added to `parsed`."""
    names = {**find_mapping(table.header), **check_mapping(mapping or {})}
    columns: dict[str, int] = {}
    for field, name in names.items():
        position = table.index(name)
        if position is None:
            message = "column of the mapping is not in the file"
            parsed.errors.append(RowError(parsed.file, table.header_line, name, None, message))
        else:
            columns[field] = position
    for group in (("number",), ("issue_date",), ("customer", "customer_id"), ("net", "gross")):
        if not any(field in columns for field in group):
            wanted = " or ".join(SYNONYMS[f][1][0] + " / " + SYNONYMS[f][0][0] for f in group)
            message = "required column is missing (give a column mapping if it has another name)"
            parsed.errors.append(RowError(parsed.file, table.header_line, wanted, None, message))
    return None if parsed.errors else columns


@dataclass
class InvoiceRows:
    header: Sequence[str]
    columns: dict[str, int]
    date_order: str

    def __post_init__(self) -> None:
        self.first_line: dict[str, int] = {}
        self.dates: dict[str, date] = {}  # a list repeats its dates: parsed once each

    def record(self, line: int, fields: Sequence[object]) -> InvoiceRecord:
        number = self.text(fields, "number")
        if not number:
            raise self.problem("number", None, "a value is required")
        status = self.text(fields, "status").casefold()
        if status in SKIPPED_STATUSES:
            raise Skip(f"invoice {number} {SKIPPED_STATUSES[status]}")
        if number in self.first_line:
            message = f"appears more than once (first on line {self.first_line[number]})"
            raise self.problem("number", number, message)
        self.first_line[number] = line
        customer = CustomerRef(
            name=self.text(fields, "customer") or None,
            id=self.text(fields, "customer_id") or None,
            emails=tuple(filter(None, [self.text(fields, "email")])),
        )
        if not customer.name and not customer.id:
            raise self.problem("customer", None, "a value is required")
        return InvoiceRecord(
            location=f"line {line}",
            number=number,
            customer=customer,
            issue_date=self.date(fields, "issue_date", required=True),
            net=self.net(fields),
            currency=self.currency(fields),
            due_date=self.date(fields, "due_date"),
            paid_date=self.date(fields, "paid_date"),
        )

    def text(self, fields: Sequence[object], field: str) -> str:
        position = self.columns.get(field)
        return "" if position is None else str(fields[position]).strip()

    def problem(self, field: str, value: object, message: str) -> FieldProblem:
        return FieldProblem(self.header[self.columns[field]], value, message)

    def date(self, fields: Sequence[object], field: str, required: bool = False) -> date | None:
        text = self.text(fields, field).split(" ")[0]
        if not text:
            if required:
                raise self.problem(field, None, "a value is required")
            return None
        found = self.dates.get(text)
        if found is None:
            try:
                found = self.dates[text] = csv_tools.parse_local_date(text, self.date_order)
            except ValueError as error:
                raise self.problem(field, self.text(fields, field), str(error)) from None
        return found

    def amount(self, fields: Sequence[object], field: str) -> Decimal | None:
        text = self.text(fields, field)
        if not text:
            return None
        try:
            value = csv_tools.parse_number(text, money=True)
        except ValueError as error:
            raise self.problem(field, text, str(error)) from None
        if value != value.quantize(Decimal("0.01")):
            raise self.problem(field, text, "has more than two decimals")
        return value

    def net(self, fields: Sequence[object]) -> Decimal:
        net = self.amount(fields, "net")
        if net is None and "gross" in self.columns:
            gross = self.amount(fields, "gross")
            net = None if gross is None else gross - (self.amount(fields, "tax") or Decimal(0))
        if net is None:
            raise self.problem(
                "net" if "net" in self.columns else "gross", None, "a value is required"
            )
        kind = self.text(fields, "type").casefold()
        if net > 0 and any(word in kind for word in CREDIT_WORDS):
            net = -net  # a credit note listed with a positive amount
        return net

    def currency(self, fields: Sequence[object]) -> str:
        text = self.text(fields, "currency")
        if not text or text == "€":
            return "EUR"
        try:
            return parsing.parse_currency(text)
        except ValueError as error:
            raise self.problem("currency", text, str(error)) from None
