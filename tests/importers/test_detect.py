"""Which importer reads a file: by its content first, by its name only when that is unclear."""

from __future__ import annotations

import shutil

import pytest

from kundenwert.importers import clockify, harvest, invoice_list, kimai, solidtime, toggl
from kundenwert.importers.detect import UnknownFormat, by_name, detect
from tests.conftest import SAMPLES

TIMETRACKING = SAMPLES / "timetracking"


@pytest.mark.parametrize(
    ("sample", "module"),
    [
        ("solidtime_fixture__toggl_time_entries_import_test_1.csv", toggl),
        ("solidtime_fixture__toggl_time_entries_import_test_2.csv", toggl),
        ("solidtime_fixture__clockify_time_entries_import_test_1.csv", clockify),
        ("solidtime_fixture__clockify_time_entries_import_test_6.csv", clockify),
        ("solidtime_fixture__clockify_projects_import_test_1.csv", clockify),
        ("solidtime_fixture__harvest_time_entries_import_test_1.csv", harvest),
        ("solidtime_fixture__harvest_clients_import_test_1.csv", harvest),
        ("solidtime_fixture__harvest_projects_import_test_1.csv", harvest),
        ("solidtime_fixture__generic_time_entries_import_test_1.csv", solidtime),
        ("solidtime_export_example", solidtime),
        ("solidtime_export_example/time_entries.csv", solidtime),
    ],
)
def test_every_time_tracking_sample_is_recognised_by_its_content(sample, module):
    assert detect(TIMETRACKING / sample) is module


def test_the_content_decides_even_under_a_misleading_name(tmp_path):
    misleading = tmp_path / "harvest_export.xlsx"
    shutil.copy(
        TIMETRACKING / "solidtime_fixture__toggl_time_entries_import_test_1.csv", misleading
    )

    assert detect(misleading) is toggl


def test_an_excel_file_is_recognised_by_its_name():
    assert kimai.sniff("", b"PK\x03\x04...") is False
    assert kimai.sniff("zeiten.xlsx", b"PK\x03\x04...") is True


def test_a_file_nothing_fits_is_named_with_the_supported_formats(tmp_path):
    path = tmp_path / "notes.txt"
    path.write_text("Einkaufsliste: Brot, Milch\n", encoding="utf-8")

    with pytest.raises(UnknownFormat) as unknown:
        detect(path)

    message = str(unknown.value.error)
    assert message.startswith("notes.txt: is not in a format Kundenwert can import; supported are:")
    assert "toggl (Toggl Track detailed report (CSV))" in message
    assert "invoice_list (" in message


def test_an_empty_file_says_so(tmp_path):
    path = tmp_path / "leer.csv"
    path.write_bytes(b"")

    with pytest.raises(UnknownFormat, match="leer.csv: is empty"):
        detect(path)


def test_a_format_asked_for_by_name_must_exist():
    assert by_name("kimai", "x.csv") is kimai
    assert by_name("invoice_list", "x.csv") is invoice_list
    with pytest.raises(UnknownFormat, match="'tempo' is not a known format; known are: "):
        by_name("tempo", "x.csv")
