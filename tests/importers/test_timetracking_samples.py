"""Every time-tracking sample in ../shared/samples/timetracking: imported with the figures
read off the file by hand, or rejected with its reason.

The samples are solidtime's test files (see SOURCES.txt): each holds one entry without a
client and of zero length (skipped) and one real entry, mostly "Working hard" for Big
Company on 4 March 2024 from 10:23:00 to 11:23:01 local time (60.02 minutes).
"""

from __future__ import annotations

import zipfile
from datetime import date, datetime
from decimal import Decimal

import pytest

from kundenwert.activity.models import TimeEntry
from kundenwert.customers.models import Customer
from kundenwert.importers import clockify, harvest, solidtime, toggl
from kundenwert.importers.records import UnsupportedFile
from kundenwert.importers.services import do_import_files
from tests.conftest import SAMPLES

TIMETRACKING = SAMPLES / "timetracking"
ZONE = "Europe/Berlin"


def totals(parsed) -> dict:
    entries = parsed.time_entries
    return {
        "count": len(entries),
        "minutes": sum((e.minutes for e in entries), Decimal(0)),
        "first": min(e.start.date() for e in entries) if entries else None,
        "last": max(e.start.date() for e in entries) if entries else None,
        "customers": sorted({e.customer.name for e in entries}),
        "skipped": parsed.skipped,
        "errors": parsed.errors,
    }


BIG_COMPANY_HOUR = {
    "count": 1,
    "minutes": Decimal("60.02"),  # 1:00:01
    "first": date(2024, 3, 4),
    "last": date(2024, 3, 4),
    "customers": ["Big Company"],
    "skipped": [("line 2", "has no client")],
    "errors": [],
}


def test_it_imports_the_first_toggl_sample_with_its_totals():
    parsed = toggl.parse(
        TIMETRACKING / "solidtime_fixture__toggl_time_entries_import_test_1.csv", time_zone=ZONE
    )

    assert totals(parsed) == BIG_COMPANY_HOUR
    entry = parsed.time_entries[0]
    assert (entry.location, entry.start, entry.billable) == (
        "line 3",
        datetime(2024, 3, 4, 10, 23),
        True,
    )
    assert (entry.user, entry.project, entry.description) == (
        "Peter Tester",
        "Project for Big Company",
        "Working hard",
    )


def test_it_imports_the_second_toggl_sample_with_its_special_characters():
    parsed = toggl.parse(
        TIMETRACKING / "solidtime_fixture__toggl_time_entries_import_test_2.csv", time_zone=ZONE
    )

    assert totals(parsed) == {
        "count": 1,
        "minutes": Decimal("0.03"),  # 00:00:02
        "first": date(2024, 10, 15),
        "last": date(2024, 10, 15),
        "customers": ["Real World Client"],
        "skipped": [],
        "errors": [],
    }
    entry = parsed.time_entries[0]
    assert entry.start == datetime(2024, 10, 15, 12, 2, 17)
    assert entry.billable is False
    assert entry.description.startswith('\\\\ 🔥 Special characters  """`!@#$%^&*()_+')
    assert entry.description.endswith("<>\\/?~ \\\\\\")


def test_it_imports_the_clockify_sample_reading_03_04_2024_month_first():
    parsed = clockify.parse(
        TIMETRACKING / "solidtime_fixture__clockify_time_entries_import_test_1.csv", time_zone=ZONE
    )

    assert totals(parsed) == BIG_COMPANY_HOUR
    assert parsed.time_entries[0].start == datetime(2024, 3, 4, 10, 23)  # "10:23 AM"


def test_it_skips_every_row_of_the_clockify_sample_without_a_client_column():
    parsed = clockify.parse(
        TIMETRACKING / "solidtime_fixture__clockify_time_entries_import_test_6.csv", time_zone=ZONE
    )

    assert totals(parsed)["count"] == 0
    assert parsed.skipped == [("line 2", "has no client"), ("line 3", "has no client")]
    assert parsed.errors == []
    assert any("no client column" in warning for warning in parsed.warnings)


def test_it_imports_solidtimes_generic_csv_converting_utc_to_berlin_time():
    parsed = solidtime.parse(
        TIMETRACKING / "solidtime_fixture__generic_time_entries_import_test_1.csv", time_zone=ZONE
    )

    assert totals(parsed) == BIG_COMPANY_HOUR
    assert parsed.time_entries[0].start == datetime(2024, 3, 4, 10, 23)  # 09:23:00Z


def test_it_imports_the_harvest_sample_with_german_decimal_hours():
    parsed = harvest.parse(
        TIMETRACKING / "solidtime_fixture__harvest_time_entries_import_test_1.csv", time_zone=ZONE
    )

    assert totals(parsed) == {**BIG_COMPANY_HOUR, "minutes": Decimal("0.60")}  # "0,01" hours
    entry = parsed.time_entries[0]
    assert entry.start == datetime(2024, 3, 4, 0, 0)  # Harvest has no time of day
    assert (entry.user, entry.description, entry.billable) == ("Peter Tester", "Working hard", True)


@pytest.mark.parametrize(
    "path", ["solidtime_export_example", "solidtime_export_example/time_entries.csv"]
)
def test_it_imports_the_solidtime_export_resolving_client_project_and_member_ids(path):
    parsed = solidtime.parse(TIMETRACKING / path, time_zone=ZONE)

    assert totals(parsed) == BIG_COMPANY_HOUR
    entry = parsed.time_entries[0]
    assert entry.start == datetime(2024, 3, 4, 10, 23)
    assert (entry.user, entry.project, entry.description) == (
        "Peter Tester",
        "Project for Big Company",
        "Working hard",
    )


def test_it_imports_the_solidtime_export_as_a_zip_archive(tmp_path):
    archive = tmp_path / "solidtime-export.zip"
    with zipfile.ZipFile(archive, "w") as zipped:
        for file in (TIMETRACKING / "solidtime_export_example").iterdir():
            zipped.write(file, f"export/{file.name}")

    assert solidtime.sniff(archive.name, archive.read_bytes()[:65536])
    assert totals(solidtime.parse(archive, time_zone=ZONE)) == BIG_COMPANY_HOUR


@pytest.mark.parametrize(
    ("module", "sample", "reason"),
    [
        (
            clockify,
            "solidtime_fixture__clockify_projects_import_test_1.csv",
            "is a Clockify project list",
        ),
        (
            harvest,
            "solidtime_fixture__harvest_clients_import_test_1.csv",
            "is a Harvest client list",
        ),
        (
            harvest,
            "solidtime_fixture__harvest_projects_import_test_1.csv",
            "is a Harvest project list",
        ),
    ],
)
def test_it_rejects_the_project_and_client_lists_with_the_reason(module, sample, reason):
    assert module.sniff(sample, (TIMETRACKING / sample).read_bytes())
    with pytest.raises(UnsupportedFile, match=reason):
        module.parse(TIMETRACKING / sample, time_zone=ZONE)


@pytest.mark.django_db
def test_all_samples_together_store_each_piece_of_work_once():
    files = sorted(TIMETRACKING.glob("*time_entries*.csv")) + [
        TIMETRACKING / "solidtime_export_example"
    ]

    report = do_import_files(files)

    # Toggl, Clockify, solidtime's CSV and its export hold the same hour of Big Company
    # (same start, minutes, person, project and text): it is stored once.
    entries = report.kinds["time_entries"]
    assert (entries.added, entries.unchanged, len(entries.skipped)) == (3, 3, 7)
    assert [(c.number, c.name) for c in report.new_customers] == [
        ("NEU-0001", "Big Company"),
        ("NEU-0002", "Real World Client"),
    ]
    stored = sorted(TimeEntry.objects.values_list("customer__name", "minutes"))
    assert stored == [
        ("Big Company", Decimal("0.60")),
        ("Big Company", Decimal("60.02")),
        ("Real World Client", Decimal("0.03")),
    ]
    assert Customer.objects.count() == 2
