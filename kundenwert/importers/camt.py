"""CAMT.053 bank-to-customer statements (ISO 20022, versions 2 to 8): the bookings.

A file holds one or more statements (Stmt), each a list of entries (Ntry). Every booked
entry becomes one PaymentRecord, and so does every transaction of a batch entry (one Ntry
with several TxDtls, as banks book a collective transfer): booking date, amount signed by
CdtDbtInd (CRDT positive, DBIT negative), currency, the counterparty (the debtor of a credit,
the creditor of a debit, their ultimate party when that is all there is), the remittance
information (unstructured Ustrd, then the structured references: referred document number,
creditor reference, additional remittance text), the end-to-end id and the bank's own
reference (AcctSvcrRef).

An entry with a single TxDtls is booked with the entry's amount: banks fill the details'
own Amt inconsistently (the genkgo examples give "0 SEK" there). Entries not yet booked
(status PDNG or INFO) are skipped.

camt.052 (intraday account report) and camt.054 (debit/credit notification) are rejected:
neither is a statement. A camt.052 shows bookings that may still change during the day, and
a camt.054 notifies bookings (often the single items of a batch) that the day's camt.053
statement of the same account holds too; importing them beside the statement would count
payments twice. The statement is the one record of what was booked.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation
from pathlib import Path

from lxml import etree

from kundenwert.importers.records import ParsedFile, PaymentRecord, UnsupportedFile
from kundenwert.importers.xml_tools import child_text as _text
from kundenwert.importers.xml_tools import children as _all
from kundenwert.importers.xml_tools import first_child as _one
from kundenwert.importers.xml_tools import is_named
from kundenwert.portfolio.errors import RowError, shorten

NAME = "camt053"
LABEL = "CAMT.053 bank statement (ISO 20022)"

SUPPORTED_VERSIONS = range(2, 9)
_NAMESPACE = re.compile(r"urn:iso:std:iso:20022:tech:xsd:camt\.(?P<kind>\d{3})\.001\.(?P<v>\d{2})")
_OTHER_KINDS = {
    "052": (
        "is a camt.052 intraday account report, not a statement: its bookings may still "
        "change during the day. Import the day's camt.053 statement instead"
    ),
    "054": (
        "is a camt.054 debit/credit notification, not a statement: the bookings it "
        "notifies are in the camt.053 statement of the same account, and importing both "
        "would count them twice. Import the camt.053 statement instead"
    ),
}
# No entities, DTDs or network: a statement is data, never instructions to the parser.
_SAFE = {"resolve_entities": False, "no_network": True, "load_dtd": False, "remove_comments": True}
_LISTS = ("{*}Stmt", "{*}Ntry")  # the elements the reader is told about
_NOT_PROVIDED = "NOTPROVIDED"  # what SEPA writes for an end-to-end id the payer left empty
_CENT = Decimal("0.01")


class _Invalid(ValueError):
    def __init__(self, element: str, value: str | None, message: str) -> None:
        super().__init__(message)
        self.element, self.value, self.message = element, value, message


def sniff(name: str, head: bytes) -> bool:
    # camt.052 and .054 are claimed too, so that parsing can say why they are not imported.
    return b"urn:iso:std:iso:20022:tech:xsd:camt.05" in head


def parse(path: Path, *, time_zone: str) -> ParsedFile:
    with path.open("rb") as file:
        digest = hashlib.file_digest(file, "sha256").hexdigest()
    parsed = ParsedFile(path.name, NAME, digest)
    try:
        _read(path, parsed)
    except etree.XMLSyntaxError as problem:
        line = problem.lineno if problem.lineno and problem.lineno > 0 else None
        message = f"is not well-formed XML ({problem.msg})"
        return ParsedFile(
            path.name, NAME, digest, errors=[RowError(path.name, line, None, None, message)]
        )
    return parsed


def _read(path: Path, parsed: ParsedFile) -> None:
    """Every entry of every statement, read as the file is parsed and then dropped, so that
    a year of bookings (43 MB of XML for 50,000) is never held as one tree."""
    _, root = next(etree.iterparse(str(path), events=("start",), **_SAFE))
    _check_kind(root)
    events = etree.iterparse(str(path), events=("start", "end"), tag=_LISTS, **_SAFE)
    statements = entries = 0
    for event, element in events:
        if event == "start":
            if _is_statement(element):
                statements, entries = statements + 1, 0
        elif _is_statement(element.getparent()) and is_named(element, "Ntry"):
            entries += 1
            _read_entry(element, f"Stmt[{statements}]/Ntry[{entries}]", parsed)
            _forget(element)
    if not statements:
        parsed.errors.append(
            RowError(path.name, None, None, None, "holds no statement", "BkToCstmrStmt/Stmt")
        )


def _is_statement(element: etree._Element | None) -> bool:
    """A Stmt of the document's BkToCstmrStmt."""
    if element is None or not is_named(element, "Stmt"):
        return False
    group = element.getparent()
    if group is None or not is_named(group, "BkToCstmrStmt"):
        return False
    document = group.getparent()
    return document is not None and document.getparent() is None


def _forget(entry: etree._Element) -> None:
    """Drop an entry that has been read, and what came before it in its statement."""
    entry.clear(keep_tail=True)
    statement = entry.getparent()
    while entry.getprevious() is not None:
        del statement[0]


def _check_kind(root: etree._Element) -> None:
    """Rejects what is not a camt.053 statement; the message follows the file's name."""
    match = _NAMESPACE.fullmatch(etree.QName(root).namespace or "")
    if match is None:
        raise UnsupportedFile("is not an ISO 20022 camt bank statement")
    kind, version = match["kind"], int(match["v"])
    if kind in _OTHER_KINDS:
        raise UnsupportedFile(_OTHER_KINDS[kind])
    if kind != "053":
        raise UnsupportedFile(f"is a camt.{kind} message, not a camt.053 statement")
    if version not in SUPPORTED_VERSIONS:
        raise UnsupportedFile(f"is camt.053 version {version}; versions 2 to 8 can be imported")


def _read_entry(entry: etree._Element, location: str, parsed: ParsedFile) -> None:
    status = _text(entry, "Sts") or _text(_one(entry, "Sts"), "Cd") or "BOOK"
    if status.upper() != "BOOK":
        parsed.skipped.append((location, f"not booked yet (status {status})"))
        return
    try:
        parsed.payments.extend(_payments(entry, location))
    except _Invalid as problem:
        parsed.errors.append(
            RowError(
                parsed.file,
                None,
                None,
                shorten(problem.value),
                problem.message,
                f"{location}/{problem.element}",
            )
        )


@dataclass(frozen=True)
class _Entry:
    """What an entry says for each of its transactions."""

    booked: date
    bank_reference: str | None  # AcctSvcrRef
    info: str | None  # AddtlNtryInf: the only text some banks give


@dataclass(frozen=True)
class _Money:
    amount: Decimal  # as written: positive
    currency: str
    credit: bool


def _payments(element: etree._Element, location: str) -> list[PaymentRecord]:
    entry = _Entry(
        booked=_booking_date(element),
        bank_reference=_text(element, "AcctSvcrRef"),
        info=_text(element, "AddtlNtryInf"),
    )
    money = _Money(*_amount(_one(element, "Amt"), "Amt"), _credit(element, "CdtDbtInd"))
    details = [tx for group in _all(element, "NtryDtls") for tx in _all(group, "TxDtls")]
    if len(details) <= 1 or any(_transaction_amount(tx) is None for tx in details):
        # One booking: the entry's amount, with what its (single) details say about it.
        return [_record(entry, location, money, details[0] if len(details) == 1 else None)]
    records = []
    for number, tx in enumerate(details, start=1):
        amount, currency = _amount(_transaction_amount(tx), f"TxDtls[{number}]/Amt")
        credit = (
            _credit(tx, f"TxDtls[{number}]/CdtDbtInd")
            if _one(tx, "CdtDbtInd") is not None
            else money.credit
        )
        tx_location = f"{location}/TxDtls[{number}]"
        records.append(_record(entry, tx_location, _Money(amount, currency, credit), tx))
    return records


def _record(
    entry: _Entry, location: str, money: _Money, tx: etree._Element | None
) -> PaymentRecord:
    refs = _one(tx, "Refs")
    end_to_end = _text(refs, "EndToEndId")
    return PaymentRecord(
        location=location,
        booked_on=entry.booked,
        amount=money.amount if money.credit else -money.amount,
        currency=money.currency,
        payer=_counterparty(tx, money.credit),
        reference=_remittance(tx) or entry.info,
        end_to_end_id=None if end_to_end in (None, _NOT_PROVIDED) else end_to_end,
        bank_reference=_text(refs, "AcctSvcrRef") or entry.bank_reference,
    )


def _transaction_amount(tx: etree._Element) -> etree._Element | None:
    """A batch item's own amount: TxDtls/Amt (version 3 on) or AmtDtls/TxAmt/Amt (all)."""
    direct = _one(tx, "Amt")
    if direct is not None:
        return direct
    return _one(_one(_one(tx, "AmtDtls"), "TxAmt"), "Amt")


def _counterparty(tx: etree._Element | None, credit: bool) -> str | None:
    """Who paid us (the debtor of a credit) or whom we paid (the creditor of a debit)."""
    parties = _one(tx, "RltdPties")
    roles = ("Dbtr", "UltmtDbtr") if credit else ("Cdtr", "UltmtCdtr")
    for role in roles:
        party = _one(parties, role)
        # From version 8 on the name sits one level deeper, in Pty.
        name = _text(party, "Nm") or _text(_one(party, "Pty"), "Nm")
        if name:
            return name[:200]
    return None


def _remittance(tx: etree._Element | None) -> str | None:
    info = _one(tx, "RmtInf")
    parts = [" ".join((e.text or "").split()) for e in _all(info, "Ustrd")]
    for structured in _all(info, "Strd"):
        for document in _all(structured, "RfrdDocInf"):
            parts.append(_text(document, "Nb") or "")
        parts.append(_text(_one(structured, "CdtrRefInf"), "Ref") or "")
        parts += [" ".join((e.text or "").split()) for e in _all(structured, "AddtlRmtInf")]
    text = " ".join(p for p in parts if p)
    return text or _text(tx, "AddtlTxInf")


def _booking_date(entry: etree._Element) -> date:
    for container in ("BookgDt", "ValDt"):
        element = _one(entry, container)
        value = _text(element, "Dt") or _text(element, "DtTm")
        if value:
            return _date(value, f"{container}/Dt")
    raise _Invalid("BookgDt", None, "is missing")


def _date(value: str, where: str) -> date:
    # A DtTm is the bank's local date and time; its date part is the booking day.
    match = re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})(?:T.*)?", value)
    if match:
        try:
            return date(int(match[1]), int(match[2]), int(match[3]))
        except ValueError:
            pass
    raise _Invalid(where, value, "is not a date (YYYY-MM-DD)")


def _amount(element: etree._Element | None, where: str) -> tuple[Decimal, str]:
    if element is None:
        raise _Invalid(where, None, "is missing")
    value = (element.text or "").strip()
    try:
        amount = Decimal(value)
    except InvalidOperation:
        raise _Invalid(where, value, "is not an amount (like 1234.56)") from None
    if not amount.is_finite() or amount < 0 or amount >= Decimal("1e12"):
        raise _Invalid(where, value, "is not an amount (like 1234.56)")
    currency = (element.get("Ccy") or "").strip().upper()
    if not re.fullmatch(r"[A-Z]{3}", currency):
        raise _Invalid(f"{where}/@Ccy", currency, "is not a currency code (like EUR)")
    return amount.quantize(_CENT), currency


def _credit(parent: etree._Element, where: str) -> bool:
    value = _text(parent, "CdtDbtInd")
    if value not in ("CRDT", "DBIT"):
        raise _Invalid(where, value, "is neither CRDT (credit) nor DBIT (debit)")
    return value == "CRDT"
