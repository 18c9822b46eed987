from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest

from kundenwert.accounts.models import ChangeRecord
from kundenwert.activity.models import Interaction, TimeEntry
from kundenwert.billing.models import Invoice
from kundenwert.customers.models import Customer
from kundenwert.exchange.services import do_import_folder
from kundenwert.portfolio.errors import PortfolioInvalid
from kundenwert.sales.models import Delivery, Offer
from tests.conftest import write_folder

pytestmark = pytest.mark.django_db
BERLIN = ZoneInfo("Europe/Berlin")


def test_it_imports_every_table_of_a_folder(small_folder):
    report = do_import_folder(small_folder)

    assert {name: t.added for name, t in report.tables.items()} == {
        "customers": 2,
        "invoices": 2,
        "offers": 1,
        "deliveries": 1,
        "time_entries": 3,
        "interactions": 1,
        "direct_costs": 0,
    }
    sommer = Customer.objects.get(number="K1")
    assert (sommer.name, sommer.potential, sommer.useful, sommer.heart) == (
        "Bäckerei Sommer GmbH",
        4,
        True,
        False,
    )
    assert sommer.since == date(2021, 3, 1)
    berger = Customer.objects.get(number="K2")
    assert (berger.group_override, berger.override_reason) == ("C", "Zahlt nie pünktlich")
    credit = Invoice.objects.get(number="RE-2")
    assert (credit.net, credit.currency, credit.due_date, credit.paid_date) == (
        Decimal("-99.99"),
        "EUR",
        None,
        None,
    )
    assert Offer.objects.get().amount == Decimal("5000.00")
    assert Delivery.objects.get().live_date is None
    call = Interaction.objects.get()
    assert (call.direction, call.planned, call.minutes, call.mood, call.note) == (
        "in",
        False,
        Decimal("25.00"),
        -2,
        "Beschwerde, laut",
    )


def test_it_keeps_wall_clock_times_and_converts_offsets_to_berlin(small_folder):
    do_import_folder(small_folder)

    starts = sorted(t.start.astimezone(BERLIN) for t in TimeEntry.objects.all())
    assert starts[0] == datetime(2026, 1, 5, 9, 0, tzinfo=BERLIN)
    # 01:30 at +01:00 on the night clocks go forward is 01:30 in Berlin (CET).
    assert starts[-1] == datetime(2026, 3, 29, 1, 30, tzinfo=BERLIN)


def test_it_changes_nothing_when_the_same_folder_is_imported_twice(small_folder):
    do_import_folder(small_folder)
    counts = (TimeEntry.objects.count(), Invoice.objects.count(), Interaction.objects.count())

    second = do_import_folder(small_folder)

    assert second.changes == 0
    assert second.tables["time_entries"].unchanged == 3
    assert (
        TimeEntry.objects.count(),
        Invoice.objects.count(),
        Interaction.objects.count(),
    ) == counts


def test_it_keeps_identical_time_entries_as_separate_rows(small_folder):
    do_import_folder(small_folder)

    assert TimeEntry.objects.filter(customer__number="K1", minutes=90).count() == 2


def test_it_updates_a_record_found_by_its_natural_key(small_folder):
    do_import_folder(small_folder)
    invoices = (
        (small_folder / "invoices.csv").read_text().replace(",-99.99,,", ",-99.99,,2026-02-20")
    )
    (small_folder / "invoices.csv").write_text(invoices)

    report = do_import_folder(small_folder)

    assert (report.tables["invoices"].changed, report.tables["invoices"].unchanged) == (1, 1)
    assert Invoice.objects.get(number="RE-2").paid_date == date(2026, 2, 20)
    assert report.changes == 1


def test_it_adds_only_the_new_rows_of_an_overlapping_export(small_folder):
    do_import_folder(small_folder)
    with (small_folder / "time_entries.csv").open("a") as f:
        f.write("K1,2026-04-01T08:00:00,30,true,anna,Website,Korrektur\n")

    report = do_import_folder(small_folder)

    assert (report.tables["time_entries"].added, report.tables["time_entries"].unchanged) == (1, 3)
    assert TimeEntry.objects.count() == 4


def test_a_dry_run_reports_but_writes_nothing(small_folder):
    report = do_import_folder(small_folder, dry_run=True)

    assert report.tables["customers"].added == 2
    assert report.tables["time_entries"].added == 3
    assert Customer.objects.count() == 0
    assert TimeEntry.objects.count() == 0
    assert ChangeRecord.objects.count() == 0


def test_a_dry_run_after_an_import_reports_zero_changes(small_folder):
    do_import_folder(small_folder)

    assert do_import_folder(small_folder, dry_run=True).changes == 0


def test_an_import_is_recorded_in_the_change_log(small_folder):
    do_import_folder(small_folder)

    record = ChangeRecord.objects.get(action="import")
    assert "customers: +2" in record.summary
    assert record.changes["tables"]["time_entries"]["added"] == 3


def test_a_bad_row_means_nothing_is_written(small_folder):
    with (small_folder / "invoices.csv").open("a") as f:
        f.write("RE-3,K1,2026-13-01,,10.00,EUR,\n")

    with pytest.raises(PortfolioInvalid) as caught:
        do_import_folder(small_folder)

    assert [str(e) for e in caught.value.errors] == [str(caught.value.errors[0])]
    error = caught.value.errors[0]
    assert (error.file, error.line, error.column, error.value) == (
        "invoices.csv",
        4,
        "issue_date",
        "2026-13-01",
    )
    assert Customer.objects.count() == 0
    assert TimeEntry.objects.count() == 0


def test_a_folder_may_refer_to_customers_already_in_the_database(small_folder, tmp_path):
    do_import_folder(small_folder)
    later = write_folder(
        tmp_path / "later",
        {
            "invoices.csv": """
            number,customer_id,issue_date,net
            RE-9,K2,2026-05-01,300
        """,
        },
    )

    report = do_import_folder(later)

    assert report.tables["invoices"].added == 1
    assert Invoice.objects.get(number="RE-9").customer.number == "K2"
