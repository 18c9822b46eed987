"""E-invoices: every sample in shared/samples/einvoice, with the values read from the files."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kundenwert.importers import einvoice
from kundenwert.importers.records import CustomerRef, UnsupportedFile
from tests.conftest import SAMPLES

EINVOICES = SAMPLES / "einvoice"
BERLIN = "Europe/Berlin"

KUNDEN_AG_MITTE = CustomerRef(name="Kunden AG Mitte", id="GE2020211")
LE_CLIENT_FULL = CustomerRef(
    name="LE CLIENT",
    id="3654789851",
    emails=("me@buyer.com", "buyer@buyer.com"),
    domain="buyer.com",
)
XRECHNUNG_BUYER = CustomerRef(
    name="[Buyer name]", id="[Buyer identifier]", emails=("buyer@info.de",), domain="info.de"
)
MINIMAL_BUYER = CustomerRef(
    name="[Buyer name]", emails=("rechnungseingang@test.de",), domain="test.de"
)
R1234567_BUYER = CustomerRef(
    name="[Buyer name]", id="B123456789", emails=("buyer@info.de",), domain="info.de"
)

# file: (number, customer, issue date, net, due date); every sample is in EUR.
EXPECTED = {
    # ZUGFeRD 2.3 (FeRD examples): due date from "Zahlbar innerhalb 30 Tagen netto …,
    # 3% Skonto innerhalb 10 Tagen" = 15.11. + 30 days.
    "zugferd/zugferd_2p3_EN16931_Einfach.xml": (
        "471102",
        KUNDEN_AG_MITTE,
        date(2024, 11, 15),
        "473.00",
        date(2024, 12, 15),
    ),
    "zugferd/zugferd_2p3_EN16931_Einfach_DueDate.xml": (
        "471102",
        KUNDEN_AG_MITTE,
        date(2024, 11, 15),
        "473.00",
        date(2024, 12, 15),
    ),
    # Type 389, a self-billed invoice ("Gutschrift" in the German sense): revenue, positive.
    "zugferd/zugferd_2p3_EN16931_Gutschrift.xml": (
        "471102",
        KUNDEN_AG_MITTE,
        date(2024, 11, 15),
        "473.00",
        None,
    ),
    # Type 384 with negative totals: TaxBasisTotalAmount -7.67 (lines -7.90, allowances -0.23).
    "zugferd/zugferd_2p3_EN16931_Rechnungskorrektur.xml": (
        "RK21012345",
        CustomerRef(name="MUSTER-KUNDE GMBH", id="009420"),
        date(2024, 11, 15),
        "-7.67",
        None,
    ),
    "zugferd/zugferd_2p3_MINIMUM_Rechnung.xml": (
        "471102",
        CustomerRef(name="Kunden AG Frankreich"),
        date(2024, 11, 15),
        "198.00",
        None,
    ),
    "zugferd/zugferd_2p3_BASIC-WL_Einfach.xml": (
        "TX-471102",
        CustomerRef(name="Taxi-Gast AG Mitte"),
        date(2024, 11, 15),
        "16.90",
        date(2024, 12, 15),
    ),
    "zugferd/zugferd_2p3_XRECHNUNG_Einfach.xml": (
        "471102",
        CustomerRef(
            name="Kunden AG Mitte", id="GE2020211", emails=("info@kunde.de",), domain="kunde.de"
        ),
        date(2024, 11, 15),
        "473.00",
        date(2024, 12, 15),
    ),
    # Factur-X (akretion): BT-109 100.00 = lines 95.00 - allowances 9.00 + charges 14.00.
    "facturx/invoice_EN16931.pdf": (
        "F20260023",
        LE_CLIENT_FULL,
        date(2026, 1, 31),
        "100.00",
        date(2026, 3, 2),
    ),
    "facturx/factur-x-en16931.xml": (
        "F20260023",
        LE_CLIENT_FULL,
        date(2026, 1, 31),
        "100.00",
        date(2026, 3, 2),
    ),
    "facturx/factur-x-basic.xml": (
        "F20260023",
        CustomerRef(
            name="LE CLIENT", id="3654789851", emails=("me@buyer.com",), domain="buyer.com"
        ),
        date(2026, 1, 31),
        "100.00",
        date(2026, 3, 2),
    ),
    # MINIMUM has only the legal registration id (BT-47), which is not the buyer id.
    "facturx/factur-x-minimum.xml": (
        "F20260023",
        CustomerRef(name="LE CLIENT"),
        date(2026, 1, 31),
        "100.00",
        None,
    ),
    # UBL: the buyer's name is the legal RegistrationName (BT-44), not the trading name;
    # EndpointID has scheme 0225, so it is no e-mail address.
    "facturx/ubl-21-en16931.xml": (
        "F124212",
        CustomerRef(
            name="Ma jolie boutique SARL",
            id="78787878400018",
            emails=("laetita.durand@jolieboutique.com",),
            domain="jolieboutique.com",
        ),
        date(2026, 6, 17),
        "273.00",
        date(2026, 7, 16),
    ),
    # ZUGFeRD 1.0 (CrossIndustryDocument).
    "facturx/zugferd-comfort.xml": (
        "471102",
        KUNDEN_AG_MITTE,
        date(2013, 3, 5),
        "473.00",
        date(2013, 4, 4),
    ),
    # XRechnung (KoSIT test suite); "Zahlbar sofort ohne Abzug" is due on the issue date.
    "xrechnung/01.01a-INVOICE_ubl.xml": (
        "123456XX",
        XRECHNUNG_BUYER,
        date(2016, 4, 4),
        "314.86",
        date(2016, 4, 4),
    ),
    "xrechnung/01.01a-INVOICE_uncefact.xml": (
        "123456XX",
        XRECHNUNG_BUYER,
        date(2016, 4, 4),
        "314.86",
        date(2016, 4, 4),
    ),
    "xrechnung/01.05_minimal_test_ubl.xml": (
        "1234567",
        MINIMAL_BUYER,
        date(2018, 4, 13),
        "4743.75",
        date(2018, 4, 13),
    ),
    "xrechnung/01.05_minimal_test_uncefact.xml": (
        "1234567",
        MINIMAL_BUYER,
        date(2018, 4, 13),
        "4743.75",
        date(2018, 4, 13),
    ),
    "xrechnung/01.07a-INVOICE_ubl.xml": (
        "R1234567",
        R1234567_BUYER,
        date(2016, 6, 30),
        "38.00",
        date(2016, 8, 14),
    ),
    "xrechnung/01.07a-INVOICE_uncefact.xml": (
        "R1234567",
        R1234567_BUYER,
        date(2016, 6, 30),
        "38.00",
        date(2016, 8, 14),
    ),
    # Type 384 replacing PRG1502168 in full: positive; "14 Tage" after 24.04.2015.
    "xrechnung/01.18a-INVOICE_ubl.xml": (
        "PRG1502112",
        CustomerRef(
            name="[Buyer name]", id="BI123456", emails=("buyer@info.de",), domain="info.de"
        ),
        date(2015, 4, 24),
        "8870.00",
        date(2015, 5, 8),
    ),
    # Type 389 (self-billed): positive.
    "xrechnung/01.20a-INVOICE_ubl.xml": (
        "1234567890",
        CustomerRef(name="Kunde 1", emails=("buyer@info.de",), domain="info.de"),
        date(2021, 1, 25),
        "300.00",
        date(2021, 2, 4),
    ),
}


def parse(path: Path):
    return einvoice.parse(path, time_zone=BERLIN)


def test_every_sample_is_covered():
    files = {str(p.relative_to(EINVOICES)) for p in EINVOICES.rglob("*") if p.is_file()}
    assert files == set(EXPECTED)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_it_reads_each_sample_invoice(name):
    number, customer, issued, net, due = EXPECTED[name]
    path = EINVOICES / name

    parsed = parse(path)

    assert parsed.errors == []
    assert einvoice.sniff("", path.read_bytes()[: 64 * 1024])
    [invoice] = parsed.invoices
    assert (invoice.number, invoice.customer, invoice.issue_date) == (number, customer, issued)
    assert (invoice.net, invoice.currency, invoice.due_date) == (Decimal(net), "EUR", due)
    assert invoice.paid_date is None


def test_it_warns_that_a_corrected_invoice_may_count_twice():
    parsed = parse(EINVOICES / "xrechnung/01.18a-INVOICE_ubl.xml")

    assert parsed.warnings == [
        "01.18a-INVOICE_ubl.xml: invoice PRG1502112 corrects invoice PRG1502168; if that one "
        "is imported too, check that its amount is not counted twice"
    ]


def test_a_pdf_and_its_xml_give_the_same_invoice():
    from_pdf = parse(EINVOICES / "facturx/invoice_EN16931.pdf").invoices[0]
    from_xml = parse(EINVOICES / "facturx/factur-x-en16931.xml").invoices[0]

    assert (from_pdf.number, from_pdf.customer, from_pdf.net, from_pdf.due_date) == (
        from_xml.number,
        from_xml.customer,
        from_xml.net,
        from_xml.due_date,
    )


# --- credit notes, written here from the samples' shape -------------------------------------

UBL_CREDIT_NOTE = """<?xml version="1.0" encoding="UTF-8"?>
<CreditNote xmlns="urn:oasis:names:specification:ubl:schema:xsd:CreditNote-2"
  xmlns:cac="urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2"
  xmlns:cbc="urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2">
  <cbc:ID>GS-2026-7</cbc:ID>
  <cbc:IssueDate>2026-03-02</cbc:IssueDate>
  <cbc:CreditNoteTypeCode>381</cbc:CreditNoteTypeCode>
  <cbc:DocumentCurrencyCode>EUR</cbc:DocumentCurrencyCode>
  <cac:AccountingCustomerParty><cac:Party>
    <cac:PartyLegalEntity><cbc:RegistrationName>Bäckerei Sommer GmbH</cbc:RegistrationName>
    </cac:PartyLegalEntity>
  </cac:Party></cac:AccountingCustomerParty>
  <cac:PaymentMeans><cbc:PaymentMeansCode>58</cbc:PaymentMeansCode>
    <cbc:PaymentDueDate>2026-03-16</cbc:PaymentDueDate></cac:PaymentMeans>
  <cac:LegalMonetaryTotal>
    <cbc:LineExtensionAmount currencyID="EUR">120.50</cbc:LineExtensionAmount>
    <cbc:TaxExclusiveAmount currencyID="EUR">120.50</cbc:TaxExclusiveAmount>
    <cbc:PayableAmount currencyID="EUR">143.40</cbc:PayableAmount>
  </cac:LegalMonetaryTotal>
</CreditNote>
"""


def cii(type_code: str = "380", net: str = "1000.00", terms: str = "", extra: str = "") -> str:
    description = f"<ram:Description>{terms}</ram:Description>" if terms else ""
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<rsm:CrossIndustryInvoice
  xmlns:rsm="urn:un:unece:uncefact:data:standard:CrossIndustryInvoice:100"
  xmlns:ram="urn:un:unece:uncefact:data:standard:ReusableAggregateBusinessInformationEntity:100"
  xmlns:udt="urn:un:unece:uncefact:data:standard:UnqualifiedDataType:100">
  <rsm:ExchangedDocument>
    <ram:ID>RE-2026-001</ram:ID><ram:TypeCode>{type_code}</ram:TypeCode>
    <ram:IssueDateTime><udt:DateTimeString format="102">20260301</udt:DateTimeString>
    </ram:IssueDateTime>
  </rsm:ExchangedDocument>
  <rsm:SupplyChainTradeTransaction>
    <ram:ApplicableHeaderTradeAgreement>
      <ram:BuyerTradeParty><ram:Name>Bäckerei Sommer GmbH</ram:Name></ram:BuyerTradeParty>
    </ram:ApplicableHeaderTradeAgreement>
    <ram:ApplicableHeaderTradeSettlement>
      <ram:InvoiceCurrencyCode>EUR</ram:InvoiceCurrencyCode>
      <ram:SpecifiedTradePaymentTerms>{description}</ram:SpecifiedTradePaymentTerms>
      <ram:SpecifiedTradeSettlementHeaderMonetarySummation>
        <ram:TaxBasisTotalAmount>{net}</ram:TaxBasisTotalAmount>{extra}
      </ram:SpecifiedTradeSettlementHeaderMonetarySummation>
    </ram:ApplicableHeaderTradeSettlement>
  </rsm:SupplyChainTradeTransaction>
</rsm:CrossIndustryInvoice>
"""


def write(tmp_path: Path, text: str, name: str = "invoice.xml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_a_ubl_credit_note_is_negative_with_its_due_date_from_payment_means(tmp_path):
    [credit] = parse(write(tmp_path, UBL_CREDIT_NOTE)).invoices

    assert (credit.number, credit.net, credit.due_date) == (
        "GS-2026-7",
        Decimal("-120.50"),
        date(2026, 3, 16),
    )


@pytest.mark.parametrize(
    ("type_code", "net", "expected"),
    [
        ("381", "1000.00", "-1000.00"),  # credit note: positive in the file, a credit
        ("261", "50.00", "-50.00"),  # self-billed credit note
        ("384", "-200.00", "-200.00"),  # a correction that reduces: negative as written
        ("384", "1200.00", "1200.00"),  # a correction replacing an invoice in full
        ("389", "300.00", "300.00"),  # self-billed invoice: revenue
        ("380", "99.999", "100.00"),  # rounded to cents
    ],
)
def test_the_sign_follows_the_document_type(tmp_path, type_code, net, expected):
    [invoice] = parse(write(tmp_path, cii(type_code, net))).invoices

    assert invoice.net == Decimal(expected)


@pytest.mark.parametrize(
    ("terms", "due"),
    [
        ("Zahlbar innerhalb 14 Tagen ohne Abzug", date(2026, 3, 15)),
        ("2% Skonto bei Zahlung innerhalb 7 Tagen, 30 Tage netto", date(2026, 3, 31)),
        ("Net 30", date(2026, 3, 31)),
        ("Payment within 10 days", date(2026, 3, 11)),
        ("Zahlbar sofort, ohne Abzug", date(2026, 3, 1)),
        ("Zahlbar bis 20.03.2026 netto", None),  # a date in the text is not read
        ("Vielen Dank für Ihren Auftrag", None),
    ],
)
def test_a_missing_due_date_comes_from_payment_terms_in_days(tmp_path, terms, due):
    [invoice] = parse(write(tmp_path, cii(terms=terms))).invoices

    assert invoice.due_date == due


# --- bad files --------------------------------------------------------------------------------


def test_a_truncated_invoice_is_an_xml_error_with_its_line(tmp_path):
    text = (EINVOICES / "xrechnung/01.07a-INVOICE_ubl.xml").read_text(encoding="utf-8")
    parsed = parse(write(tmp_path, text[: len(text) // 2]))

    assert parsed.invoices == []
    [error] = parsed.errors
    assert error.line is not None
    assert "is not well-formed XML" in str(error)


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "is not well-formed XML"),
        (bytes(range(256)) * 4, "is not well-formed XML"),
    ],
)
def test_empty_and_binary_files_are_clean_errors(tmp_path, content, message):
    path = tmp_path / "invoice.xml"
    path.write_bytes(content)

    parsed = parse(path)

    assert parsed.invoices == []
    assert message in str(parsed.errors[0])


def test_a_missing_net_amount_names_the_element(tmp_path):
    text = cii().replace("<ram:TaxBasisTotalAmount>1000.00</ram:TaxBasisTotalAmount>", "")

    [error] = parse(write(tmp_path, text)).errors

    assert error.element == "SpecifiedTradeSettlementHeaderMonetarySummation/TaxBasisTotalAmount"
    assert str(error).endswith("is missing")


def test_a_bad_amount_names_element_and_value(tmp_path):
    [error] = parse(write(tmp_path, cii(net="1.000,00"))).errors

    assert str(error) == (
        "invoice.xml, element SpecifiedTradeSettlementHeaderMonetarySummation/"
        "TaxBasisTotalAmount: '1.000,00' is not an amount (like 1234.56)"
    )


def test_a_bad_date_names_element_and_value(tmp_path):
    text = cii().replace(">20260301<", ">20261301<")

    [error] = parse(write(tmp_path, text)).errors

    assert (error.element, error.value) == ("ExchangedDocument/IssueDateTime", "20261301")


def test_a_bad_currency_and_an_overlong_number_are_errors(tmp_path):
    bad_currency = cii().replace(">EUR<", ">Euro<")
    long_number = cii().replace("RE-2026-001", "R" * 65)

    [currency] = parse(write(tmp_path, bad_currency)).errors
    [number] = parse(write(tmp_path, long_number)).errors

    assert (currency.element, currency.value) == ("InvoiceCurrencyCode", "Euro")
    assert number.message == "is longer than 64 characters for a number"


def test_an_xml_that_is_no_invoice_is_rejected_with_the_reason(tmp_path):
    camt = SAMPLES / "bank/camt/genkgo_camt053.v2.minimal.xml"

    with pytest.raises(UnsupportedFile, match="kind 'Document', not an e-invoice"):
        parse(camt)


def test_a_pdf_without_an_invoice_is_rejected_with_the_reason(tmp_path):
    from pypdf import PdfWriter

    writer = PdfWriter()
    writer.add_blank_page(width=100, height=100)
    path = tmp_path / "letter.pdf"
    with path.open("wb") as pdf:
        writer.write(pdf)

    with pytest.raises(UnsupportedFile, match="a PDF without an attached e-invoice"):
        parse(path)


def test_a_broken_pdf_is_a_clean_error(tmp_path):
    data = (EINVOICES / "facturx/invoice_EN16931.pdf").read_bytes()
    path = tmp_path / "broken.pdf"
    path.write_bytes(data[:2000])

    try:
        parsed = parse(path)
    except UnsupportedFile:
        return  # the cut-off PDF still opens but its attachment is gone: also a clean answer
    assert parsed.invoices == []
    assert parsed.errors


def test_entities_are_not_expanded(tmp_path):
    text = cii().replace(
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY secret SYSTEM "file:///etc/passwd">]>',
    )
    text = text.replace("Bäckerei Sommer GmbH", "&secret;")

    parsed = parse(write(tmp_path, text))

    assert all("root:" not in str(i.customer) for i in parsed.invoices)


XML_SAMPLES = sorted(p for p in EINVOICES.rglob("*.xml"))


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    sample=st.sampled_from(XML_SAMPLES),
    cut=st.integers(min_value=0, max_value=20_000),
    position=st.integers(min_value=0, max_value=70_000),
    junk=st.binary(min_size=0, max_size=12),
)
def test_mutated_invoices_give_nothing_but_clean_errors(tmp_path, sample, cut, position, junk):
    data = sample.read_bytes()
    at = position % (len(data) + 1)
    mutated = data[:at] + junk + data[at + cut % 40 :]
    path = tmp_path / "fuzz.xml"
    path.write_bytes(mutated)

    try:
        parsed = parse(path)
    except UnsupportedFile:
        return
    assert len(parsed.invoices) + len(parsed.errors) == 1


def pdf_with_attachment(path: Path, name: str, content: bytes) -> Path:
    from pypdf import PdfWriter

    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    writer.add_attachment(name, content)
    with path.open("wb") as target:
        writer.write(target)
    return path


def test_a_pdf_whose_factur_x_attachment_is_damaged_says_what_is_wrong_with_the_xml(tmp_path):
    path = pdf_with_attachment(tmp_path / "rechnung.pdf", "factur-x.xml", b"<rsm:Cross")

    parsed = parse(path)

    [error] = parsed.errors
    assert error.file == "rechnung.pdf"
    assert error.message.startswith("is not well-formed XML")
    assert parsed.invoices == []


def test_a_pdf_with_some_other_xml_attached_is_no_e_invoice(tmp_path):
    path = pdf_with_attachment(tmp_path / "brief.pdf", "daten.xml", b"<daten/>")

    with pytest.raises(UnsupportedFile, match="without an attached e-invoice"):
        parse(path)
