"""E-invoices: ZUGFeRD 1 and 2.x, Factur-X and XRechnung, as XML or as a PDF with the XML
attached. One InvoiceRecord per file.

Three syntaxes carry the same EN 16931 business terms (BT):
- CII, the UN/CEFACT Cross Industry Invoice (root rsm:CrossIndustryInvoice): ZUGFeRD 2.x,
  Factur-X, XRechnung CII;
- ZUGFeRD 1.0 (root rsm:CrossIndustryDocument, urn:ferd:CrossIndustryDocument:invoice:1p0),
  CII's predecessor: the same ram: elements under differently named containers;
- UBL 2.1 Invoice and CreditNote: XRechnung UBL, Peppol.

What is read, by business term:
- number BT-1, issue date BT-2, type code BT-3, currency BT-5;
- net: BT-109 "Invoice total amount without VAT" (CII TaxBasisTotalAmount, UBL
  TaxExclusiveAmount): the line total (BT-106) less document allowances plus document
  charges. That is the revenue the method counts. Not BT-106 (it ignores document-level
  discounts and charges), not BT-112 (it holds VAT) and not BT-115 (it is also reduced by
  prepayments). Rounded to cents;
- due date: BT-9. Without it, the payment terms text (BT-20) where it states days:
  "zahlbar innerhalb 30 Tagen", "14 Tage", "Net 30", "30 jours net"; the largest number of
  days stated wins, because a Skonto period in the same text is always the shorter one.
  "sofort" / "immediately" is 0 days. Dates written in the terms text are not read: they
  are usually BT-9 as well, and a text may name other dates (an order, a period);
- buyer: name BT-44 (UBL RegistrationName, else the trading name BT-45), id BT-46 (CII ID,
  else GlobalID; UBL PartyIdentification), e-mail from the electronic address BT-49 (when its
  scheme is EM or it is an address) and the contact e-mail BT-58, domain from those.

Sign: credit notes (type codes 81, 83, 261, 262, 296, 308, 381, 396, 420, 458, 502, 503,
532, and every UBL CreditNote) state positive amounts for the credit, so the net is
negated. Every other type keeps the sign it is written with: a corrected invoice (384) that
reduces the amount has negative totals (as in the FeRD "Rechnungskorrektur" example), one
that replaces an invoice in full has positive totals (as in the XRechnung 01.18a example);
a self-billed invoice (389, the German "Gutschrift" of the FeRD examples) is revenue, not a
credit. A corrected invoice that names the invoice it corrects gets a warning, since both
may then count as revenue.
"""

from __future__ import annotations

import hashlib
import io
import re
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from pathlib import Path

from lxml import etree

from kundenwert.importers.mail import clean_address, company_domain
from kundenwert.importers.records import CustomerRef, InvoiceRecord, ParsedFile, UnsupportedFile
from kundenwert.importers.xml_tools import child_text as _text
from kundenwert.importers.xml_tools import children as _all
from kundenwert.importers.xml_tools import first_child as _one
from kundenwert.portfolio.errors import RowError, shorten

NAME = "einvoice"
LABEL = "E-invoice (ZUGFeRD, Factur-X, XRechnung)"

CREDIT_NOTE_TYPES = frozenset(
    {"81", "83", "261", "262", "296", "308", "381", "396", "420", "458", "502", "503", "532"}
)
CORRECTION_TYPE = "384"
MAX_NUMBER_LENGTH = 64  # invoice numbers and customer numbers (Invoice.number, Customer.number)

_CII_ROOT = "CrossIndustryInvoice"
_FERD1_ROOT = "CrossIndustryDocument"
_UBL_ROOTS = {"Invoice", "CreditNote"}
_SNIFF_MARKERS = (
    b"urn:un:unece:uncefact:data:standard:CrossIndustryInvoice",
    b"urn:ferd:CrossIndustryDocument",
    b"urn:oasis:names:specification:ubl:schema:xsd:Invoice-2",
    b"urn:oasis:names:specification:ubl:schema:xsd:CreditNote-2",
)
_CENT = Decimal("0.01")
# "30 Tagen", "14 Tage", "10 Werktage", "30 days", "30 jours"; "Net 30", "netto 30" (but not
# "netto 15.12.2024", a date).
_DAYS = re.compile(
    r"(\d{1,3})\s*(?:kalender|werk)?(?:tagen?|tg|days?|jours?)\b"
    r"|\bnet(?:to)?\s+(\d{1,3})(?![\d.,])",
    re.IGNORECASE,
)
_IMMEDIATELY = re.compile(
    r"\b(?:sofort|umgehend|immediately|upon receipt|on receipt|à réception)\b", re.IGNORECASE
)
_MAX_TERM_DAYS = 365
# CII's format 102 (YYYYMMDD) and UBL's xs:date (YYYY-MM-DD).
_DATE = re.compile(r"(?P<year>\d{4})-?(?P<month>\d{2})-?(?P<day>\d{2})")


@dataclass(frozen=True)
class _CiiDialect:
    """Where CII and its ZUGFeRD 1 predecessor keep the elements read here."""

    document: str
    transaction: str
    agreement: str
    settlement: str
    totals: str


_CII = _CiiDialect(
    document="ExchangedDocument",
    transaction="SupplyChainTradeTransaction",
    agreement="ApplicableHeaderTradeAgreement",
    settlement="ApplicableHeaderTradeSettlement",
    totals="SpecifiedTradeSettlementHeaderMonetarySummation",
)
_FERD1 = _CiiDialect(
    document="HeaderExchangedDocument",
    transaction="SpecifiedSupplyChainTradeTransaction",
    agreement="ApplicableSupplyChainTradeAgreement",
    settlement="ApplicableSupplyChainTradeSettlement",
    totals="SpecifiedTradeSettlementMonetarySummation",
)


class _Invalid(ValueError):
    """A required element that is missing or holds no usable value."""

    def __init__(self, element: str, value: str | None, message: str) -> None:
        super().__init__(message)
        self.element, self.value, self.message = element, value, message


def sniff(name: str, head: bytes) -> bool:
    if head.startswith(b"%PDF"):
        return True  # only parsing finds out whether an invoice is attached
    return any(marker in head for marker in _SNIFF_MARKERS)


def parse(path: Path, *, time_zone: str) -> ParsedFile:
    data = path.read_bytes()
    parsed = ParsedFile(path.name, NAME, hashlib.sha256(data).hexdigest())
    if data.startswith(b"%PDF"):
        data = _xml_from_pdf(data, parsed)
        if data is None:
            return parsed
    root = _xml_root(data, parsed)
    if root is None:
        return parsed
    try:
        invoice, corrected = _read(root)
    except _Invalid as problem:
        parsed.errors.append(
            RowError(
                path.name, None, None, shorten(problem.value), problem.message, problem.element
            )
        )
        return parsed
    parsed.invoices.append(invoice)
    if corrected:
        parsed.warnings.append(
            f"{path.name}: invoice {invoice.number} corrects invoice {', '.join(corrected)}; "
            "if that one is imported too, check that its amount is not counted twice"
        )
    return parsed


# --- Reading the container ---------------------------------------------------------------


# The names the standards give the attached XML (ZUGFeRD 1, ZUGFeRD 2 / Factur-X, XRechnung).
_EINVOICE_ATTACHMENTS = {"zugferd-invoice.xml", "factur-x.xml", "xrechnung.xml"}


def _xml_from_pdf(data: bytes, parsed: ParsedFile) -> bytes | None:
    """The invoice XML attached to a Factur-X / ZUGFeRD PDF (PDF/A-3 embedded file)."""
    from pypdf import PdfReader  # imported here: only PDFs need it, and it loads slowly

    try:
        attachments = PdfReader(io.BytesIO(data)).attachments
        files = [
            (name, content)
            for name, contents in attachments.items()
            for content in contents
            if name.lower().endswith(".xml")
        ]
    except Exception as problem:  # pypdf raises many kinds of exception on a broken PDF
        parsed.errors.append(
            RowError(parsed.file, None, None, None, f"is not a readable PDF ({problem})")
        )
        return None
    for _name, content in files:
        if any(marker in content[:20_000] for marker in _SNIFF_MARKERS):
            return content
    for name, content in files:
        if name.lower() in _EINVOICE_ATTACHMENTS:
            return content  # an e-invoice by its name that does not read as one: say why
    raise UnsupportedFile(
        "is a PDF without an attached e-invoice (no ZUGFeRD, Factur-X or "
        "XRechnung XML inside); only such PDFs can be imported"
    )


def _xml_root(data: bytes, parsed: ParsedFile) -> etree._Element | None:
    # No entities, no network, no DTD: an invoice from outside must not reach anything else.
    parser = etree.XMLParser(
        resolve_entities=False, no_network=True, load_dtd=False, remove_comments=True
    )
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError as problem:
        line = problem.lineno if problem.lineno and problem.lineno > 0 else None
        parsed.errors.append(
            RowError(parsed.file, line, None, None, f"is not well-formed XML ({problem.msg})")
        )
        return None
    if root is None:
        parsed.errors.append(RowError(parsed.file, None, None, None, "is an empty XML document"))
        return None
    return root


def _read(root: etree._Element) -> tuple[InvoiceRecord, list[str]]:
    kind = etree.QName(root).localname
    if kind == _CII_ROOT:
        return _read_cii(root, _CII)
    if kind == _FERD1_ROOT:
        return _read_cii(root, _FERD1)
    if kind in _UBL_ROOTS:
        return _read_ubl(root)
    raise UnsupportedFile(
        f"is an XML document of kind '{kind}', not an e-invoice (ZUGFeRD, Factur-X or XRechnung)"
    )


# --- CII and ZUGFeRD 1 -------------------------------------------------------------------


def _read_cii(root: etree._Element, dialect: _CiiDialect) -> tuple[InvoiceRecord, list[str]]:
    document = _one(root, dialect.document)
    transaction = _one(root, dialect.transaction)
    agreement = _one(transaction, dialect.agreement)
    settlement = _one(transaction, dialect.settlement)
    number = _number(_required_text(document, "ID", f"{dialect.document}/ID"), dialect.document)
    type_code = _text(document, "TypeCode") or "380"
    issued = _cii_date(_one(document, "IssueDateTime"), f"{dialect.document}/IssueDateTime")
    net_element = f"{dialect.totals}/TaxBasisTotalAmount"
    net = _amount(
        _required_text(_one(settlement, dialect.totals), "TaxBasisTotalAmount", net_element),
        net_element,
    )
    terms = _all(settlement, "SpecifiedTradePaymentTerms")
    due_dates = [
        _cii_date(due, "SpecifiedTradePaymentTerms/DueDateDateTime")
        for term in terms
        for due in _all(term, "DueDateDateTime")
    ]
    terms_text = " ".join(_text(term, "Description") or "" for term in terms)
    record = InvoiceRecord(
        location=dialect.document,
        number=number,
        customer=_cii_buyer(_one(agreement, "BuyerTradeParty")),
        issue_date=issued,
        net=_signed(net, type_code, credit_note=False),
        currency=_currency(_text(settlement, "InvoiceCurrencyCode"), "InvoiceCurrencyCode"),
        due_date=max(due_dates) if due_dates else _due_from_terms(terms_text, issued),
    )
    corrected = []
    if type_code == CORRECTION_TYPE:
        references = _all(settlement, "InvoiceReferencedDocument")
        corrected = [t for t in (_text(r, "IssuerAssignedID") for r in references) if t]
    return record, corrected


def _cii_buyer(party: etree._Element) -> CustomerRef:
    name = _text(party, "Name") or _text(
        _one(party, "SpecifiedLegalOrganization"), "TradingBusinessName"
    )
    buyer_id = _text(party, "ID") or _text(party, "GlobalID")
    addresses = [
        uri
        for communication in _all(party, "URIUniversalCommunication")
        for uri in _all(communication, "URIID")
        if uri.get("schemeID", "EM").upper() == "EM" or "@" in (uri.text or "")
    ]
    contact_mails = [
        uri
        for contact in _all(party, "DefinedTradeContact")
        for mail in _all(contact, "EmailURIUniversalCommunication")
        for uri in _all(mail, "URIID")
    ]
    mails = [e.text or "" for e in addresses + contact_mails]
    return _buyer(name, buyer_id, mails, "BuyerTradeParty")


def _cii_date(element: etree._Element | None, where: str) -> date:
    """udt:DateTimeString with format 102 (YYYYMMDD), as EN 16931 requires for dates."""
    value = _text(element, "DateTimeString")
    if value is None:
        raise _Invalid(where, None, "is missing")
    return _date(value, where)


# --- UBL ---------------------------------------------------------------------------------


def _read_ubl(root: etree._Element) -> tuple[InvoiceRecord, list[str]]:
    kind = etree.QName(root).localname
    credit_note = kind == "CreditNote"
    number = _number(_required_text(root, "ID", f"{kind}/ID"), kind)
    type_code = _text(root, f"{kind}TypeCode") or ("381" if credit_note else "380")
    issued = _date(_required_text(root, "IssueDate", f"{kind}/IssueDate"), f"{kind}/IssueDate")
    net_element = "LegalMonetaryTotal/TaxExclusiveAmount"
    net = _amount(
        _required_text(_one(root, "LegalMonetaryTotal"), "TaxExclusiveAmount", net_element),
        net_element,
    )
    due_texts = [_text(root, "DueDate")] + [
        _text(container, "PaymentDueDate")
        for container in _all(root, "PaymentMeans") + _all(root, "PaymentTerms")
    ]
    due_dates = [_date(text, f"{kind}/DueDate") for text in due_texts if text]
    terms_text = " ".join(_text(terms, "Note") or "" for terms in _all(root, "PaymentTerms"))
    party = _one(_one(root, "AccountingCustomerParty"), "Party")
    record = InvoiceRecord(
        location=kind,
        number=number,
        customer=_ubl_buyer(party),
        issue_date=issued,
        net=_signed(net, type_code, credit_note=credit_note),
        currency=_currency(_text(root, "DocumentCurrencyCode"), f"{kind}/DocumentCurrencyCode"),
        due_date=max(due_dates) if due_dates else _due_from_terms(terms_text, issued),
    )
    corrected = []
    if type_code == CORRECTION_TYPE:
        references = [
            _text(_one(reference, "InvoiceDocumentReference"), "ID")
            for reference in _all(root, "BillingReference")
        ]
        corrected = [r for r in references if r]
    return record, corrected


def _ubl_buyer(party: etree._Element | None) -> CustomerRef:
    name = _text(_one(party, "PartyLegalEntity"), "RegistrationName") or _text(
        _one(party, "PartyName"), "Name"
    )
    buyer_id = _text(_one(party, "PartyIdentification"), "ID")
    endpoint = _one(party, "EndpointID")
    mails = []
    if endpoint is not None and (
        endpoint.get("schemeID", "").upper() == "EM" or "@" in (endpoint.text or "")
    ):
        mails.append(endpoint.text or "")
    mails += [
        e.text or "" for contact in _all(party, "Contact") for e in _all(contact, "ElectronicMail")
    ]
    return _buyer(name, buyer_id, mails, "AccountingCustomerParty/Party")


# --- Shared ------------------------------------------------------------------------------


def _buyer(name: str | None, buyer_id: str | None, mails: list[str], where: str) -> CustomerRef:
    emails = tuple(dict.fromkeys(a for a in (clean_address(m) for m in mails) if a))
    if buyer_id and len(buyer_id) > MAX_NUMBER_LENGTH:
        buyer_id = None  # no customer number is that long: it cannot name one
    if not (name or buyer_id or emails):
        raise _Invalid(where, None, "names no buyer (no name, id or e-mail address)")
    return CustomerRef(name=name, id=buyer_id, emails=emails, domain=company_domain(emails))


def _number(text: str, document: str) -> str:
    if len(text) > MAX_NUMBER_LENGTH:
        raise _Invalid(
            f"{document}/ID", text, f"is longer than {MAX_NUMBER_LENGTH} characters for a number"
        )
    return text


def _currency(text: str | None, where: str) -> str:
    """BT-5; an invoice without one is in euros, the currency of all the samples."""
    code = (text or "EUR").upper()
    if not re.fullmatch(r"[A-Z]{3}", code):
        raise _Invalid(where, text, "is not a currency code (three letters like EUR)")
    return code


def _signed(net: Decimal, type_code: str, *, credit_note: bool) -> Decimal:
    return -net if credit_note or type_code in CREDIT_NOTE_TYPES else net


def _due_from_terms(text: str, issued: date) -> date | None:
    days = [int(a or b) for a, b in _DAYS.findall(text)]
    days = [d for d in days if d <= _MAX_TERM_DAYS]
    if days:
        return issued + timedelta(days=max(days))
    if _IMMEDIATELY.search(text):
        return issued
    return None


def _date(text: str, where: str) -> date:
    value = text.strip()
    match = _DATE.fullmatch(value)
    if match:
        try:
            return date(int(match["year"]), int(match["month"]), int(match["day"]))
        except ValueError:
            pass
    raise _Invalid(where, value, "is not a date (YYYYMMDD or YYYY-MM-DD)")


def _amount(text: str, where: str) -> Decimal:
    value = text.strip()
    try:
        amount = Decimal(value)
    except InvalidOperation:
        raise _Invalid(where, value, "is not an amount (like 1234.56)") from None
    if not amount.is_finite() or abs(amount) >= Decimal("1e12"):
        raise _Invalid(where, value, "is not an amount (like 1234.56)")
    return amount.quantize(_CENT, rounding=ROUND_HALF_UP)


def _required_text(parent: etree._Element | None, name: str, where: str) -> str:
    text = _text(parent, name)
    if text is None:
        raise _Invalid(where, None, "is missing")
    return text
