# ruff: noqa: E501 - CSV rows and records read best on one line
"""do_import_files: all or nothing, never twice, every record with its source."""

from __future__ import annotations

import csv
import types
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

import pytest

from kundenwert.accounts.models import ChangeRecord
from kundenwert.activity.models import Interaction, TimeEntry
from kundenwert.billing.models import Invoice, Payment
from kundenwert.customers.models import Contact, Customer
from kundenwert.exchange.services import do_export_folder, do_import_folder
from kundenwert.importers import detect
from kundenwert.importers.records import (
    ContactRecord,
    CustomerRef,
    InteractionRecord,
    ParsedFile,
    PaymentRecord,
)
from kundenwert.importers.services import ImportInvalid, do_import_files
from kundenwert.workspace.services import get_settings

pytestmark = pytest.mark.django_db

TOGGL_HEADER = "User,Email,Client,Project,Task,Description,Billable,Start date,Start time,End date,End time,Duration,Tags"


def toggl_row(day: str, client: str = "Bäckerei Sommer GmbH", text: str = "Texte") -> str:
    return (
        f"Anna,anna@example.de,{client},Website,,{text},Yes,{day},09:00:00,{day},10:30:00,01:30:00,"
    )


def toggl_file(path: Path, *days: str, rows: list[str] | None = None) -> Path:
    lines = [TOGGL_HEADER, *(toggl_row(day) for day in days), *(rows or [])]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def state() -> tuple:
    return (
        list(Customer.objects.order_by("number").values_list("number", "name")),
        sorted(TimeEntry.objects.values_list("customer__number", "start", "minutes", "source")),
        sorted(Invoice.objects.values_list("number", "net", "paid_date")),
        Interaction.objects.count(),
        Contact.objects.count(),
    )


# --- never twice ------------------------------------------------------------------------------


def test_importing_the_same_file_twice_changes_nothing(tmp_path):
    path = toggl_file(tmp_path / "toggl.csv", "2026-01-05", "2026-01-06")
    do_import_files([path])
    before = state()

    report = do_import_files([path])

    assert state() == before
    assert (report.kinds["time_entries"].added, report.kinds["time_entries"].unchanged) == (0, 2)
    assert report.changes == 0 and report.new_customers == []
    assert ChangeRecord.objects.filter(action="import").count() == 1


def test_overlapping_exports_add_only_the_new_rows(tmp_path):
    january_to_march = toggl_file(tmp_path / "q1.csv", "2026-01-15", "2026-02-16", "2026-03-17")
    february_to_april = toggl_file(tmp_path / "q2.csv", "2026-02-16", "2026-03-17", "2026-04-18")
    do_import_files([january_to_march])

    report = do_import_files([february_to_april])

    assert (report.kinds["time_entries"].added, report.kinds["time_entries"].unchanged) == (1, 2)
    assert TimeEntry.objects.count() == 4


def test_overlapping_exports_imported_together_add_no_doubles(tmp_path):
    january_to_march = toggl_file(tmp_path / "q1.csv", "2026-01-15", "2026-02-16", "2026-03-17")
    february_to_april = toggl_file(tmp_path / "q2.csv", "2026-02-16", "2026-03-17", "2026-04-18")

    report = do_import_files([january_to_march, february_to_april])

    assert (report.kinds["time_entries"].added, report.kinds["time_entries"].unchanged) == (4, 2)
    assert TimeEntry.objects.count() == 4


def test_two_identical_rows_of_one_file_stay_two_entries(tmp_path):
    path = toggl_file(tmp_path / "toggl.csv", "2026-01-05", "2026-01-05")

    assert do_import_files([path]).kinds["time_entries"].added == 2
    assert do_import_files([path]).kinds["time_entries"].unchanged == 2
    assert TimeEntry.objects.count() == 2


def test_a_large_first_import_takes_the_fast_path_and_a_second_one_finds_every_row(
    tmp_path, monkeypatch
):
    from kundenwert.importers import writing

    monkeypatch.setattr(writing, "BULK_ROWS", 3)  # the index rebuild on SQLite
    days = [f"2026-01-{day:02d}" for day in range(1, 29)]
    path = toggl_file(tmp_path / "toggl.csv", *days, days[0])

    assert do_import_files([path]).kinds["time_entries"].added == 29
    again = do_import_files([path]).kinds["time_entries"]
    assert (again.added, again.unchanged) == (0, 29)


def test_the_folder_import_recognises_entries_this_import_added(tmp_path):
    do_import_files([toggl_file(tmp_path / "toggl.csv", "2026-01-05", "2026-01-06")])
    do_export_folder(tmp_path / "export")

    report = do_import_folder(tmp_path / "export")

    assert report.changes == 0
    assert report.tables["time_entries"].unchanged == 2


# --- all or nothing ---------------------------------------------------------------------------


def test_a_file_with_one_bad_row_writes_nothing_and_names_file_line_field_and_value(tmp_path):
    good = toggl_file(tmp_path / "good.csv", "2026-01-05")
    bad = toggl_file(tmp_path / "bad.csv", "2026-01-06", "2026-13-07", "2026-01-08")
    before = state()

    with pytest.raises(ImportInvalid) as invalid:
        do_import_files([good, bad])

    assert [str(e) for e in invalid.value.errors] == [
        "bad.csv, line 3, column Start date: '2026-13-07' is not a date "
        "(like 2026-11-23, 23.11.2026 or 11/23/2026)",
        "bad.csv, line 3, column End date: '2026-13-07' is not a date "
        "(like 2026-11-23, 23.11.2026 or 11/23/2026)",
    ][: len(invalid.value.errors)]
    assert invalid.value.total == len(invalid.value.errors) >= 1
    assert state() == before


def test_skip_invalid_writes_the_valid_rows_and_a_file_of_the_rejected_ones(tmp_path):
    bad = toggl_file(
        tmp_path / "bad.csv",
        "2026-01-06",
        rows=[toggl_row("2026-01-07").replace("01:30:00,", "lang,")],
    )

    report = do_import_files([bad], skip_invalid=True, rejected_dir=tmp_path / "rejected")

    assert report.kinds["time_entries"].added == 1
    assert [str(e) for e in report.rejected] == [
        "bad.csv, line 3, column Duration: 'lang' is not a duration (like 1:30:00, 01:30 or 1.5 hours)"
    ]
    rejected = tmp_path / "rejected" / "bad.csv.rejected.csv"
    assert report.rejected_files == [str(rejected)]
    with rejected.open(encoding="utf-8") as stream:
        assert list(csv.reader(stream)) == [
            ["file", "line", "element", "column", "value", "reason"],
            [
                "bad.csv",
                "3",
                "",
                "Duration",
                "lang",
                "is not a duration (like 1:30:00, 01:30 or 1.5 hours)",
            ],
        ]


def test_skip_invalid_writes_the_rejected_rows_next_to_the_input_by_default(tmp_path):
    bad = toggl_file(tmp_path / "bad.csv", "2026-13-01")

    report = do_import_files([bad], skip_invalid=True)

    assert report.rejected_files == [str(tmp_path / "bad.csv.rejected.csv")]
    assert TimeEntry.objects.count() == 0


def test_a_dry_run_reports_exactly_what_the_import_does_and_writes_nothing(tmp_path):
    path = toggl_file(
        tmp_path / "toggl.csv", "2026-01-05", rows=[toggl_row("2026-01-06", client="")]
    )

    preview = do_import_files([path], dry_run=True)
    assert state() == ([], [], [], 0, 0)
    assert ChangeRecord.objects.count() == 0
    real = do_import_files([path])

    assert {**preview.as_json(), "dry_run": False} == real.as_json()
    assert preview.kinds["time_entries"].added == 1
    assert [(s.location, s.reason) for s in preview.skipped] == [("line 3", "has no client")]


# --- customers and sources --------------------------------------------------------------------


def test_every_entry_remembers_its_file_hash_and_line(tmp_path):
    path = toggl_file(tmp_path / "toggl.csv", "2026-01-05")
    report = do_import_files([path])

    entry = TimeEntry.objects.get()
    assert entry.source == f"toggl.csv, line 2 (sha256:{report.files[0].sha256[:12]})"
    assert entry.start == datetime(2026, 1, 5, 8, 0, tzinfo=__import__("datetime").UTC)
    assert entry.minutes == Decimal("90.00")


def test_time_entries_go_to_the_existing_customer_whatever_the_legal_form(tmp_path):
    Customer.objects.create(number="K1", name="Bäckerei Sommer GmbH")
    path = toggl_file(tmp_path / "t.csv", rows=[toggl_row("2026-01-05", client="BAECKEREI SOMMER")])

    report = do_import_files([path])

    assert report.new_customers == []
    assert TimeEntry.objects.get().customer.number == "K1"


def test_the_customer_map_sends_a_name_to_the_customer_it_names(tmp_path):
    Customer.objects.create(number="K1", name="Bäckerei Sommer GmbH")
    Customer.objects.create(number="K2", name="Konditorei Sommer")
    customer_map = tmp_path / "map.csv"
    customer_map.write_text("source_name,customer_id\nSommer Backwaren,K2\n", encoding="utf-8")
    path = toggl_file(tmp_path / "t.csv", rows=[toggl_row("2026-01-05", client="Sommer Backwaren")])

    do_import_files([path], customer_map=customer_map)

    assert TimeEntry.objects.get().customer.number == "K2"


def test_new_customers_are_created_numbered_and_listed(tmp_path):
    rows = [
        toggl_row("2026-01-05", client="Hansa Logistik AG"),
        toggl_row("2026-01-06", client="hansa logistik"),
    ]

    report = do_import_files([toggl_file(tmp_path / "t.csv", rows=rows)])

    assert [(c.number, c.name) for c in report.new_customers] == [("NEU-0001", "Hansa Logistik AG")]
    assert list(Customer.objects.values_list("number", "name")) == [
        ("NEU-0001", "Hansa Logistik AG")
    ]
    assert TimeEntry.objects.filter(customer__number="NEU-0001").count() == 2


def test_one_change_record_is_kept_per_import(tmp_path):
    do_import_files([toggl_file(tmp_path / "t.csv", "2026-01-05")])

    record = ChangeRecord.objects.get()
    assert (record.action, record.model) == ("import", "files")
    assert "time_entries: +1" in record.summary
    assert record.changes["kinds"]["time_entries"]["added"] == 1


def test_progress_is_reported_per_kind(tmp_path):
    calls = []

    do_import_files(
        [toggl_file(tmp_path / "t.csv", "2026-01-05")], progress=lambda *a: calls.append(a)
    )

    assert ("reading files", 1, 1) in calls
    assert calls[-1] == ("time_entries", 1, 1)


# --- invoices ---------------------------------------------------------------------------------

INVOICES = """Rechnungsnummer;Rechnungsdatum;Fälligkeit;Kunde;Netto;Bezahlt am
RE-1;05.01.2026;19.01.2026;Bäckerei Sommer GmbH;{net};{paid}
"""


def invoice_file(path: Path, net: str = "1.200,00", paid: str = "") -> Path:
    path.write_text(INVOICES.format(net=net, paid=paid), encoding="utf-8")
    return path


def test_invoices_are_updated_by_number_and_keep_a_paid_date_set_by_a_payment(tmp_path):
    do_import_files([invoice_file(tmp_path / "a.csv")])
    Invoice.objects.update(paid_date=date(2026, 1, 20))  # as a bank statement would

    report = do_import_files([invoice_file(tmp_path / "b.csv", net="1.250,00")])

    assert (report.kinds["invoices"].changed, report.kinds["invoices"].added) == (1, 0)
    invoice = Invoice.objects.get()
    assert (invoice.net, invoice.paid_date) == (Decimal("1250.00"), date(2026, 1, 20))
    assert invoice.source.startswith("b.csv, line 2 (sha256:")


def test_an_invoice_list_sets_a_paid_date_it_knows(tmp_path):
    do_import_files([invoice_file(tmp_path / "a.csv")])

    report = do_import_files([invoice_file(tmp_path / "b.csv", paid="18.01.2026")])

    assert report.kinds["invoices"].changed == 1
    assert Invoice.objects.get().paid_date == date(2026, 1, 18)


def test_an_unchanged_invoice_list_changes_nothing(tmp_path):
    do_import_files([invoice_file(tmp_path / "a.csv")])

    report = do_import_files([invoice_file(tmp_path / "a.csv")])

    assert (report.kinds["invoices"].unchanged, report.changes) == (1, 0)


# --- contacts, interactions and payments, through an importer made for the test ------------------


@pytest.fixture
def fake_importer(monkeypatch):
    """An importer whose files say which records they hold: {file name: ParsedFile fields}."""
    contents: dict[str, dict] = {}
    module = types.SimpleNamespace(
        NAME="fake",
        LABEL="records for the test",
        sniff=lambda name, head: head.startswith(b"FAKE"),
        parse=lambda path, time_zone: ParsedFile(
            path.name, "fake", "f" * 64, **contents[path.name]
        ),
    )
    real = detect.available
    monkeypatch.setattr(detect, "available", lambda: (module, *real()))

    def add(path: Path, **records) -> Path:
        path.write_bytes(b"FAKE")
        contents[path.name] = records
        return path

    return add


def meeting(at: datetime, key: str | None, note: str = "Abstimmung", email: str = "a@sommer.de"):
    return InteractionRecord(
        location=f"event {key}",
        customer=CustomerRef(emails=(email,)),
        at=at,
        channel="meeting",
        minutes=Decimal(60),
        note=note,
        key=key,
    )


def test_a_moved_meeting_is_updated_by_its_key_and_never_added_twice(tmp_path, fake_importer):
    Customer.objects.create(number="K1", name="Bäckerei Sommer", email="info@sommer.de")
    first = fake_importer(
        tmp_path / "cal1.ics", interactions=[meeting(datetime(2026, 3, 2, 9), "uid-1")]
    )
    moved = fake_importer(
        tmp_path / "cal2.ics", interactions=[meeting(datetime(2026, 3, 3, 14), "uid-1")]
    )

    assert do_import_files([first]).kinds["interactions"].added == 1
    report = do_import_files([moved])

    assert report.kinds["interactions"].changed == 1
    assert list(Interaction.objects.values_list("customer__number", "channel", "minutes")) == [
        ("K1", "meeting", Decimal("60.00"))
    ]
    assert Interaction.objects.get().at.day == 3


def test_interactions_without_a_key_are_matched_on_their_content(tmp_path, fake_importer):
    Customer.objects.create(number="K1", name="Bäckerei Sommer", email="info@sommer.de")
    path = fake_importer(
        tmp_path / "mail.mbox",
        interactions=[
            meeting(datetime(2026, 3, 2, 9), None),
            meeting(datetime(2026, 3, 2, 9), None),
        ],
    )

    assert do_import_files([path]).kinds["interactions"].added == 2
    assert do_import_files([path]).kinds["interactions"].unchanged == 2


def test_mail_and_meetings_never_create_customers(tmp_path, fake_importer):
    path = fake_importer(
        tmp_path / "mail.mbox",
        interactions=[meeting(datetime(2026, 3, 2, 9), "m1", email="x@neu.de")],
    )

    report = do_import_files([path])

    assert report.new_customers == [] and Customer.objects.count() == 0
    assert [s.reason for s in report.kinds["interactions"].skipped] == [
        "no customer matches 'x@neu.de' (add it to a customer map, or create the customer first)"
    ]


def test_contacts_are_matched_by_email_or_name_within_their_customer(tmp_path, fake_importer):
    customer = Customer.objects.create(number="K1", name="Bäckerei Sommer GmbH")
    Contact.objects.create(customer=customer, name="Eva Sommer", email="eva@sommer.de")
    sommer = CustomerRef(name="Bäckerei Sommer")
    path = fake_importer(
        tmp_path / "contacts.vcf",
        contacts=[
            ContactRecord(
                "card 1", "Eva Sommer-Lang", sommer, emails=("EVA@sommer.de",), phone="0761 1"
            ),
            ContactRecord("card 2", "Max Sommer", sommer, role="Einkauf"),
            ContactRecord("card 3", "Max  Sommer", None, emails=("eva@sommer.de",)),
            ContactRecord("card 4", "Fremde Person", CustomerRef(name="Unbekannt KG")),
        ],
    )

    report = do_import_files([path])

    contacts = report.kinds["contacts"]
    assert (contacts.added, contacts.changed, contacts.unchanged, len(contacts.skipped)) == (
        1,
        1,
        1,
        1,
    )
    assert sorted(Contact.objects.values_list("name", "email", "phone", "role")) == [
        ("Eva Sommer", "eva@sommer.de", "0761 1", ""),
        ("Max Sommer", "", "", "Einkauf"),
    ]


def test_payments_of_a_statement_pay_the_invoices_of_the_same_import(tmp_path, fake_importer):
    statement = fake_importer(
        tmp_path / "statement.xml",
        payments=[
            PaymentRecord(
                "entry 1",
                date(2026, 1, 25),
                Decimal("1428.00"),
                payer="Bäckerei Sommer",
                reference="RE-1",
            ),
            PaymentRecord("entry 2", date(2026, 1, 26), Decimal("-50.00"), payer="Telekom"),
        ],
    )

    report = do_import_files([invoice_file(tmp_path / "a.csv"), statement])

    assert report.kinds["payments"].added == 1
    assert Payment.objects.get().invoice.number == "RE-1"
    assert Invoice.objects.get().paid_date == date(2026, 1, 25)
    assert report.payments[0]["file"] == "statement.xml"
    assert any("1 outgoing booking(s) left out" in w for w in report.warnings)


def test_the_owners_own_domains_are_never_taken_for_a_customer(tmp_path, fake_importer):
    settings = get_settings()
    settings.own_addresses = ["meine-agentur.de"]
    settings.save()
    Customer.objects.create(
        number="K1", name="Meine Agentur (intern)", email="team@meine-agentur.de"
    )
    path = fake_importer(
        tmp_path / "mail.mbox",
        interactions=[meeting(datetime(2026, 3, 2, 9), "m1", email="kollegin@meine-agentur.de")],
    )

    report = do_import_files([path])

    assert report.kinds["interactions"].added == 0
    assert len(report.kinds["interactions"].skipped) == 1


@pytest.mark.parametrize("zone", ["Europe/Berlin", "Australia/Lord_Howe", "America/St_Johns"])
def test_the_cached_utc_conversion_equals_pythons_across_clock_changes(zone):
    from datetime import UTC, timedelta
    from zoneinfo import ZoneInfo

    from kundenwert.importers.bulk import UtcClock

    tz = ZoneInfo(zone)
    clock = UtcClock(tz)
    days = [
        datetime(2026, month, day) for month, day in ((3, 29), (4, 5), (10, 4), (10, 25), (11, 1))
    ]
    for day in days:
        for minutes in range(0, 24 * 60, 7):
            local = day + timedelta(minutes=minutes, seconds=minutes % 60)
            expected = local.replace(tzinfo=tz).astimezone(UTC).replace(tzinfo=None)
            assert clock(local) == expected, local


def test_a_customer_the_map_names_for_a_meeting_only_is_created(tmp_path, fake_importer):
    customer_map = tmp_path / "map.csv"
    customer_map.write_text(
        "source_name,customer_id,customer_name\nneu.de,K-9,Neu GmbH\n", encoding="utf-8"
    )
    path = fake_importer(
        tmp_path / "cal.ics",
        interactions=[meeting(datetime(2026, 3, 2, 9), "m1", email="x@neu.de")],
    )

    report = do_import_files([path], customer_map=customer_map)

    assert [(c.number, c.name) for c in report.new_customers] == [("K-9", "Neu GmbH")]
    assert Interaction.objects.get().customer.number == "K-9"
