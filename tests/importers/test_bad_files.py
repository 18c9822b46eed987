# ruff: noqa: E501 - the table of files reads best one per line
"""Truncated, empty, binary and malformed files of every format: one clean error naming the
file, and the database as it was.

The files damaged are good ones: the real samples of shared/samples where there are any
(time tracking, e-invoices as UBL, CII and PDF, CAMT.053, MT940, vCard, iCalendar, a single
.eml) and files written here in the tools' shape where there are none (Kimai, an invoice
list, an mbox, which holds the .eml sample between two messages). The database holds the
customers the contacts, meetings and mails name, so that whatever such a file keeps would
be written, and every table is counted before and after.

Some damage is no error by design; `KEEPS` says for each such case exactly what is written
and which entries are skipped, each named with its file and place:
- a vCard file cut inside its last card keeps the complete cards and skips the cut one; one
  whose cards are garbage skips them (a card that cannot be read never stops the others);
- an iCalendar file cut in its closing END:VCALENDAR still holds every event whole (cut
  inside an event, it is an error: `test_a_calendar_cut_inside_an_event_is_an_error`);
- an mbox has no end marker: cut in the body of its last message, it keeps every message,
  which are recorded by their headers; a single .eml, cut or with garbage after its first
  header, is still a message, skipped with the reason (the sample is a mailing list);
- an MT940 file whose cut falls after its last statement ("-") has lost nothing, and one
  with garbage after its first tag holds no bookings, which a warning says.
"""

from __future__ import annotations

import io
import random
import shutil
import zipfile
from dataclasses import dataclass
from datetime import datetime, time, timedelta
from pathlib import Path

import openpyxl
import pytest

from kundenwert.activity.models import Interaction, TimeEntry
from kundenwert.billing.models import Invoice, Payment
from kundenwert.cli import main
from kundenwert.customers.models import Contact, Customer
from kundenwert.importers.services import ImportInvalid, do_import_files
from tests.conftest import SAMPLES
from tests.importers.test_mail import message

pytestmark = pytest.mark.django_db

TIMETRACKING = SAMPLES / "timetracking"
EINVOICE = SAMPLES / "einvoice"
BANK = SAMPLES / "bank"
CONTACTS = SAMPLES / "contacts" / "ezvcard_gmail-list.vcf"
CALENDAR = SAMPLES / "calendar" / "icalendar_docs_example_with_attendees.ics"
EML = SAMPLES / "email" / "cpython_msg_02.eml"
ME = "inhaber@kundenwert-beratung.de"
OWN = (ME, "me@example.com")  # the owner: the calendar sample's organiser is me@example.com
KIMAI_CSV = (
    "Date,Begin,End,Duration,Customer,Project,Activity,Description\n"
    "2026-11-23,09:00,10:30,1:30,Alpen Verlag GmbH,Web,Design,Startseite\n"
    "2026-11-24,13:00,13:20,0:20,Alpen Verlag GmbH,Web,Support,Fehler\n"
)
INVOICE_LIST = (
    "Rechnungsnummer;Rechnungsdatum;Kunde;Netto\n"
    "RE-1;05.01.2026;Alpen Verlag GmbH;1.200,00\n"
    "RE-2;06.01.2026;Alpen Verlag GmbH;300,00\n"
)


def kimai_xlsx() -> bytes:
    book = openpyxl.Workbook()
    book.active.append(["Date", "Begin", "End", "Duration", "Customer", "Project", "Activity"])
    book.active.append(
        [datetime(2026, 11, 23), time(9), time(10), timedelta(hours=1), "Alpen", "Web", "Design"]
    )
    stream = io.BytesIO()
    book.save(stream)
    return stream.getvalue()


def solidtime_zip() -> bytes:
    stream = io.BytesIO()
    with zipfile.ZipFile(stream, "w") as archive:
        for file in (TIMETRACKING / "solidtime_export_example").iterdir():
            archive.write(file, file.name)
    return stream.getvalue()


def mailbox() -> bytes:
    """An mbox: a customer's mail, the .eml sample (a mailing-list digest), the owner's answer."""
    messages = [
        message('"Anna Sommer" <anna@sommer-baeckerei.de>', ME, subject="Angebot"),
        EML.read_text(encoding="utf-8"),
        message(
            ME,
            "berger@kanzlei-berger.de",
            date="Tue, 03 Mar 2026 17:00:00 +0000",
            message_id="<3@example>",
            body="Guten Tag,\nanbei das Angebot.\nMit freundlichen Grüßen",
        ),
    ]
    text = "".join(f"From x@y Mon Mar  2 09:15:00 2026\n{m.rstrip()}\n\n" for m in messages)
    return text.encode()


# format → (file name, content of a good file)
GOOD_FILES = {
    "toggl": ("toggl.csv", (TIMETRACKING / "solidtime_fixture__toggl_time_entries_import_test_1.csv").read_bytes()),
    "clockify": ("clockify.csv", (TIMETRACKING / "solidtime_fixture__clockify_time_entries_import_test_1.csv").read_bytes()),
    "harvest": ("harvest.csv", (TIMETRACKING / "solidtime_fixture__harvest_time_entries_import_test_1.csv").read_bytes()),
    "solidtime": ("solidtime.csv", (TIMETRACKING / "solidtime_fixture__generic_time_entries_import_test_1.csv").read_bytes()),
    "kimai": ("kimai.csv", KIMAI_CSV.encode()),
    "kimai-xlsx": ("kimai.xlsx", kimai_xlsx()),
    "solidtime-zip": ("solidtime.zip", solidtime_zip()),
    "invoice_list": ("rechnungen.csv", INVOICE_LIST.encode()),
    "einvoice-ubl": ("xrechnung.xml", (EINVOICE / "xrechnung" / "01.07a-INVOICE_ubl.xml").read_bytes()),
    "einvoice-cii": ("zugferd.xml", (EINVOICE / "zugferd" / "zugferd_2p3_EN16931_Einfach.xml").read_bytes()),
    "einvoice-pdf": ("facturx.pdf", (EINVOICE / "facturx" / "invoice_EN16931.pdf").read_bytes()),
    "camt053": ("auszug.xml", (BANK / "camt" / "genkgo_camt053.v8.xml").read_bytes()),
    "mt940": ("auszug.sta", (BANK / "mt940" / "cmxl_mt940.sta").read_bytes()),
    "vcard": ("kontakte.vcf", CONTACTS.read_bytes()),
    "ical": ("kalender.ics", CALENDAR.read_bytes()),
    "mail-eml": ("digest.eml", EML.read_bytes()),
    "mail-mbox": ("postfach.mbox", mailbox()),
}  # fmt: skip


def truncated(data: bytes) -> bytes:
    """Cut inside the last row (or the archive, or the PDF), where a download that broke
    off ends."""
    if data.startswith((b"PK", b"%PDF")):
        return data[: len(data) * 2 // 3]
    last = data.rstrip(b"\r\n").rfind(b"\n") + 1
    return data[: last + (len(data) - last) // 3]


def binary() -> bytes:
    return random.Random(7).randbytes(4096)


def malformed(name: str, data: bytes) -> bytes:
    """The first line kept, the rest broken: an unclosed quote, a damaged archive member, or
    a PDF whose attached invoice is damaged."""
    if data.startswith(b"PK"):
        return data[:30] + b"\xff" * 200 + data[230:]
    if data.startswith(b"%PDF"):
        start = data.index(b"stream\n", data.index(b"/Type /EmbeddedFile")) + len(b"stream\n")
        return data[:start] + b"\xff" * 100 + data[start + 100 :]
    header = data.splitlines()[0]
    return header + b'\n"unclosed,quote,2024-03-04\nBig Company,,,,,\n'


def damaged(key: str, damage: str) -> tuple[str, bytes]:
    name, data = GOOD_FILES[key]
    return name, {
        "truncated": lambda: truncated(data),
        "empty": lambda: b"",
        "binary": binary,
        "malformed": lambda: malformed(name, data),
    }[damage]()


TABLES = (Customer, TimeEntry, Invoice, Payment, Contact, Interaction)


def database() -> dict[str, int]:
    return {table.__name__: table.objects.count() for table in TABLES}


def write(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def format_of(key: str) -> str:
    return key.split("-")[0]


def import_files(paths: list[Path], form: str = "auto"):
    return do_import_files(paths, format=form, owner_addresses=OWN)


@pytest.fixture
def existing():
    """A customer of no file, and those the contacts, the meeting and the mails name."""
    Customer.objects.create(number="K1", name="Schon da")
    for number, name, email in [
        ("K2", "Smith Verlag", "asmithk@gmail.com"),
        ("K3", "Beatle Studio", "chrisy55d@yahoo.com"),
        ("K4", "White & Partner", "dwhite@gmail.com"),
        ("K5", "Radtreff GmbH", "another_friend@example.com"),
        ("K6", "Bäckerei Sommer GmbH", "anna@sommer-baeckerei.de"),
        ("K7", "Kanzlei Berger", "kanzlei@kanzlei-berger.de"),
    ]:
        Customer.objects.create(number=number, name=name, email=email)
    return database()


@dataclass(frozen=True)
class Kept:
    """What a damaged file writes by design instead of failing: the records (`written`)
    and the report's skipped entries and warnings, each naming the file."""

    written: tuple[str, ...] = ()
    skipped: tuple[str, ...] = ()
    warnings: tuple[str, ...] = ()


def written() -> list[str]:
    """The contacts, meetings, mails and payments in the database, one line each."""
    rows = [f"contact {c.name} of {c.customer.name}" for c in Contact.objects.all()]
    rows += [
        f"{i.channel} {i.direction} {i.at:%Y-%m-%d %H:%M} {i.customer.name}"
        for i in Interaction.objects.all()
    ]
    rows += [f"payment {p.booked_on} {p.amount}" for p in Payment.objects.all()]
    return sorted(rows)


# The credits of the MT940 sample's three statements (its debits are no payments).
MT940_CREDITS = (
    "payment 2002-11-02 3000.00",
    "payment 2003-10-20 20000.00",
    "payment 2003-10-20 40.00",
    "payment 2013-10-17 18500.00",
    "payment 2013-10-18 3656.74",
    "payment 2013-10-19 23040.00",
    "payment 2013-10-24 4200.00",
)
MAILS = (
    "email in 2026-03-02 08:15 Bäckerei Sommer GmbH",
    "email out 2026-03-03 17:00 Kanzlei Berger",
)

# (format, damage) → what the damaged file keeps by design (see the module's docstring)
KEEPS = {
    ("vcard", "truncated"): Kept(
        written=("contact Arnold Smith of Smith Verlag", "contact Chris Beatle of Beatle Studio"),
        skipped=("kontakte.vcf, line 13, card 3: the card is incomplete (no END:VCARD)",),
    ),
    ("vcard", "malformed"): Kept(
        skipped=("kontakte.vcf, line 1, card 1: the card is incomplete (no END:VCARD)",),
    ),
    ("ical", "truncated"): Kept(
        written=("meeting out 2026-03-28 07:00 Radtreff GmbH",),
        skipped=(
            "kalender.ics, line 5, event 1: no attendees and no organizer: nothing names the customer",
        ),
    ),
    ("mail-eml", "truncated"): Kept(
        skipped=("digest.eml, message 1: mailing list (X-Mailman-Version)",),
    ),
    ("mail-eml", "malformed"): Kept(
        skipped=("digest.eml, message 1: no sender address (From)",),
    ),
    ("mail-mbox", "truncated"): Kept(
        written=MAILS,
        skipped=("postfach.mbox, line 10, message 2: mailing list (X-Mailman-Version)",),
    ),
    ("mt940", "truncated"): Kept(
        written=MT940_CREDITS,
        warnings=("auszug.sta: 9 outgoing booking(s) left out (only money received counts)",),
    ),
    ("mt940", "malformed"): Kept(
        warnings=("auszug.sta: the statement holds no bookings (:61:)",),
    ),
}
FAILING = [
    (key, damage)
    for key in GOOD_FILES
    for damage in ("truncated", "empty", "binary", "malformed")
    if (key, damage) not in KEEPS
]


@pytest.mark.parametrize(("key", "damage"), FAILING)
@pytest.mark.parametrize("given", ["auto", "format given"])
def test_a_damaged_file_is_one_clean_error_and_changes_nothing(
    tmp_path, existing, key, damage, given
):
    name, data = damaged(key, damage)
    path = write(tmp_path, name, data)
    form = "auto" if given == "auto" else format_of(key)

    with pytest.raises(ImportInvalid) as invalid:
        import_files([path], form)

    assert invalid.value.errors and all(e.file.startswith(name) for e in invalid.value.errors)
    assert database() == existing


@pytest.mark.parametrize(("key", "damage"), KEEPS)
@pytest.mark.parametrize("given", ["auto", "format given"])
def test_a_damaged_file_that_keeps_its_complete_entries_writes_exactly_those(
    tmp_path, existing, key, damage, given
):
    name, data = damaged(key, damage)
    expected = KEEPS[key, damage]
    form = "auto" if given == "auto" else format_of(key)

    report = import_files([write(tmp_path, name, data)], form)

    assert written() == sorted(expected.written)
    assert [f"{s.file}, {s.location}: {s.reason}" for s in report.skipped] == list(expected.skipped)
    # The expected warnings, beside those on payments matching no invoice.
    assert [w for w in report.warnings if "match no open invoice" not in w] == list(
        expected.warnings
    )
    kinds = {"Contact": "contacts", "Interaction": "interactions", "Payment": "payments"}
    after = database()
    for table, count in existing.items():
        added = report.kinds[kinds[table]].added if table in kinds else 0
        assert after[table] == count + added, table
    assert sum(r.added for r in report.kinds.values()) == len(expected.written)


@pytest.mark.parametrize("key", GOOD_FILES)
def test_the_good_files_behind_these_cases_do_import(tmp_path, existing, key):
    name, data = GOOD_FILES[key]

    report = import_files([write(tmp_path, name, data)])

    if key == "mail-eml":  # the sample is a mailing-list digest: read, and skipped as such
        assert [s.reason for s in report.skipped] == ["mailing list (X-Mailman-Version)"]
    else:
        assert report.changes > 0
        assert database() != existing


def test_a_calendar_cut_inside_an_event_is_an_error(tmp_path, existing):
    data = GOOD_FILES["ical"][1]
    cut = data[: data.rindex(b"ATTENDEE:")]

    with pytest.raises(ImportInvalid) as invalid:
        import_files([write(tmp_path, "kalender.ics", cut)])

    assert [str(e) for e in invalid.value.errors] == [
        "kalender.ics: contains no complete calendar (BEGIN:VCALENDAR … END:VCALENDAR)"
    ]
    assert database() == existing


def test_an_mt940_statement_cut_before_its_closing_balance_is_an_error(tmp_path, existing):
    data = GOOD_FILES["mt940"][1]
    cut = data[: data.index(b":62F:")]  # inside the first statement, after its bookings

    with pytest.raises(ImportInvalid) as invalid:
        import_files([write(tmp_path, "auszug.sta", cut)])

    [error] = invalid.value.errors
    assert (error.file, error.column) == ("auszug.sta", ":60F:")
    assert error.line == data[: data.index(b":60F:")].count(b"\n") + 1
    assert "no closing balance (:62F:" in error.message
    assert database() == existing


def test_the_command_prints_the_error_lines_and_no_traceback(tmp_path, existing, capsys):
    path = write(tmp_path, "kimai.xlsx", truncated(GOOD_FILES["kimai-xlsx"][1]))

    assert main(["import", "--lang", "en", str(path)]) == 2

    err = capsys.readouterr().err
    assert "nothing was imported, 1 error(s) found:" in err
    assert "kimai.xlsx: " in err and "Traceback" not in err
    assert database() == existing


def test_a_folder_that_is_a_broken_solidtime_export_is_an_error(tmp_path, existing):
    folder = tmp_path / "export"
    shutil.copytree(TIMETRACKING / "solidtime_export_example", folder)
    (folder / "clients.csv").write_bytes(b"\x00\x01\x02")

    with pytest.raises(ImportInvalid) as invalid:
        do_import_files([folder])

    assert [str(e) for e in invalid.value.errors] == [
        "export/clients.csv: is not a text file (CSV expected)"
    ]
    assert database() == existing
