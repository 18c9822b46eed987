"""vCard contacts: every sample in shared/samples/contacts, with the values read from the files."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from kundenwert.importers import vcard
from kundenwert.importers.records import ContactRecord, CustomerRef
from tests.conftest import SAMPLES

CONTACTS = SAMPLES / "contacts"
N = "Ñ"


def read(path: Path):
    return vcard.parse(path, time_zone="Europe/Berlin")


def contact(name, org=None, emails=(), domain=None, role=None, phone=None, birthday=None, card=1):
    customer = CustomerRef(name=org, emails=emails, domain=domain) if org or emails else None
    return ContactRecord(
        location=f"card {card}",
        name=name,
        customer=customer,
        role=role,
        emails=emails,
        phone=phone,
        birthday=birthday,
    )


IBM = ("john.doe@ibm.com",)

EXPECTED = {
    # vCard 3.0; FN keeps its escaped comma.
    "ezvcard_John_Doe_GMAIL.vcf": [
        contact(
            "Mr. John Richter, James Doe Sr.", "IBM", IBM, "ibm.com", "Money Counter",
            "905-555-1234", date(1980, 3, 22),
        )
    ],
    # ORG:IBM;Accounting → IBM; the preferred TEL (CELL, pref).
    "ezvcard_John_Doe_IPHONE.vcf": [
        contact(
            "Mr. John Richter James Doe Sr.", "IBM", IBM, "ibm.com", "Money Counter",
            "905-555-1234", date(2012, 6, 6),
        )
    ],
    # The preferred TEL is the WORK one here.
    "ezvcard_John_Doe_MAC_ADDRESS_BOOK.vcf": [
        contact(
            "Mr. John Richter,James Doe Sr.", "IBM", IBM, "ibm.com", "Money Counter",
            "905-777-1234", date(2012, 6, 6),
        )
    ],
    # vCard 2.1 from Outlook: BDAY 19800322; the address really ends in .cm.
    "ezvcard_John_Doe_MS_OUTLOOK.vcf": [
        contact(
            "Mr. John Richter James Doe Sr.", "IBM", ("john.doe@ibm.cm",), "ibm.cm",
            "Money Counter", "(905) 555-1234", date(1980, 3, 22),
        )
    ],
    # Freemail addresses name no company domain.
    "ezvcard_gmail-list.vcf": [
        contact("Arnold Smith", emails=("asmithk@gmail.com",), card=1),
        contact("Chris Beatle", emails=("chrisy55d@yahoo.com",), card=2),
        contact("Doug White", emails=("dwhite@gmail.com",), card=3),
    ],
    "ezvcard_gmail-single.vcf": [
        contact(
            "Greg Dartmouth", "TheCompany", ("gdartmouth@hotmail.com",), None, "TheJobTitle",
            "555 555 1111", date(1960, 9, 10),
        )
    ],
    # Outlook 2003, 2.1 with quoted-printable NOTE and a base64 KEY; ORG "Company, The".
    "ezvcard_outlook-2003.vcf": [
        contact(
            "John Doe III", "Company, The", ("jdoe@hotmail.com",), None, "The Job Title",
            "BusinessPhone", date(1980, 3, 21),
        )
    ],
    "ezvcard_outlook-2007.vcf": [
        contact(
            "Mr. Michael Angstadt Jr.", "TheCompany", ("mike.angstadt@gmail.com",), None,
            "TheJobTitle", "(111) 555-1111", date(1922, 3, 10),
        )
    ],
    # vCard 4.0: BDAY --0203 has no year; the TEL with PREF=1 is a tel: URI.
    "ezvcard_rfc6350-example.vcf": [
        contact(
            "Simon Perreault", "Viagenie", ("simon.perreault@viagenie.ca",), "viagenie.ca",
            None, "+1-418-656-9254;ext=102", None,
        )
    ],
    # The preferred address first; the first company domain among the five.
    "ezvcard_thunderbird-MoreFunctionsForAddressBook-extension.vcf": [
        contact(
            "John Doe", "TheOrganization",
            (
                "doe.john@hotmail.com",
                "additional-email@company.com",
                "additional-email1@company.com",
                "additional-email2@company.com",
                "additional-email3@company.com",
            ),
            "company.com", "TheTitle", "555-555-1111", date(1970, 9, 21),
        )
    ],
    "vobject_radicale-1587.vcf": [contact("Given Family")],
    # Android 2.1: two cards with nothing but an address (the address is the name), then
    # quoted-printable UTF-8 names with soft line breaks; card 5's second EMAIL is no address.
    "ezvcard_John_Doe_ANDROID.vcf": [
        contact("john.doe@company.com", None, ("john.doe@company.com",), "company.com", card=1),
        contact("jane.doe@company.com", None, ("jane.doe@company.com",), "company.com", card=2),
        contact(" ".join([N] * 5), phone="123456789", card=3),
        contact(" ".join([N] * 11), phone="123456", card=4),
        contact(
            " ".join([N] * 4), N * 12, ("bob@company.com",), "company.com", phone="123456", card=5
        ),
        contact(N * 4, N * 44, ("henry@company.com",), "company.com", phone="55556666", card=6),
    ],
}  # fmt: skip


def test_every_sample_is_covered():
    assert {p.name for p in CONTACTS.glob("*") if p.is_file()} == set(EXPECTED)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_it_reads_each_sample(name):
    path = CONTACTS / name

    parsed = read(path)

    assert vcard.sniff("", path.read_bytes())
    assert (parsed.errors, parsed.skipped) == ([], [])
    assert parsed.contacts == EXPECTED[name]


def test_a_birthday_without_a_year_is_left_out_with_a_warning():
    parsed = read(CONTACTS / "ezvcard_rfc6350-example.vcf")

    assert parsed.warnings == [
        "ezvcard_rfc6350-example.vcf, card 1: birthday '--0203' has no year; not stored"
    ]


def test_an_entry_that_is_no_address_is_left_out_with_a_warning():
    parsed = read(CONTACTS / "ezvcard_John_Doe_ANDROID.vcf")

    assert parsed.warnings == [
        f"ezvcard_John_Doe_ANDROID.vcf, card 5: '{N * 14}' is not an e-mail address"
    ]


def write(tmp_path: Path, text: str, encoding: str = "utf-8") -> Path:
    path = tmp_path / "contacts.vcf"
    path.write_bytes(text.replace("\n", "\r\n").encode(encoding))
    return path


def test_an_unreadable_card_is_reported_and_the_others_import(tmp_path):
    text = (
        "BEGIN:VCARD\nVERSION:3.0\nFN:Anna Berger\nEMAIL:anna@berger-partner.de\nEND:VCARD\n"
        "BEGIN:VCARD\nVERSION:3.0\nFN:Broken\nthis line is no property\nEND:VCARD\n"
        "BEGIN:VCARD\nVERSION:3.0\nEND:VCARD\n"
        "BEGIN:VCARD\nVERSION:3.0\nFN:Jörg Sommer\nORG:Bäckerei Sommer GmbH\nEND:VCARD\n"
        "BEGIN:VCARD\nVERSION:3.0\nFN:Cut off\n"
    )

    parsed = read(write(tmp_path, text))

    assert [c.name for c in parsed.contacts] == ["Anna Berger", "Jörg Sommer"]
    assert parsed.contacts[1].customer == CustomerRef(name="Bäckerei Sommer GmbH")
    assert parsed.skipped == [
        (
            "line 6, card 2",
            "line 3 of the card is not a vCard property: 'this line is no property'",
        ),
        ("line 11, card 3", "the card has no name and no e-mail address"),
        ("line 19, card 5", "the card is incomplete (no END:VCARD)"),
    ]
    assert parsed.errors == []


def test_windows_1252_and_quoted_printable_with_a_charset_are_decoded(tmp_path):
    text = (
        "BEGIN:VCARD\nVERSION:2.1\nN:Müller;Jörg\n"
        "ORG;CHARSET=ISO-8859-1;ENCODING=QUOTED-PRINTABLE:B=E4ckerei M=FCller=\n GmbH\n"
        "BDAY:1975-12-31T00:00:00Z\nEND:VCARD\n"
    )

    [person] = read(write(tmp_path, text, encoding="cp1252")).contacts

    assert (person.name, person.customer.name, person.birthday) == (
        "Jörg Müller",
        "Bäckerei Müller GmbH",
        date(1975, 12, 31),
    )


def test_apples_year_1604_means_no_year(tmp_path):
    text = "BEGIN:VCARD\nVERSION:3.0\nFN:A\nBDAY;X-APPLE-OMIT-YEAR=1604:1604-05-17\nEND:VCARD\n"

    [person] = read(write(tmp_path, text)).contacts

    assert person.birthday is None


@pytest.mark.parametrize(
    "content", [b"", bytes(range(256)) * 3, b"name,email\nAnna,anna@example.com\n"]
)
def test_files_without_cards_are_a_clean_error(tmp_path, content):
    path = tmp_path / "contacts.vcf"
    path.write_bytes(content)

    parsed = read(path)

    assert parsed.contacts == []
    assert str(parsed.errors[0]) == ("contacts.vcf: contains no vCard (BEGIN:VCARD … END:VCARD)")


def test_a_truncated_file_keeps_the_complete_cards(tmp_path):
    text = (CONTACTS / "ezvcard_gmail-list.vcf").read_text(encoding="utf-8")
    cut = text[: text.index("Doug White") + 4]

    parsed = read(write(tmp_path, cut.replace("\r\n", "\n")))

    assert [c.name for c in parsed.contacts] == ["Arnold Smith", "Chris Beatle"]
    assert parsed.skipped == [("line 13, card 3", "the card is incomplete (no END:VCARD)")]
