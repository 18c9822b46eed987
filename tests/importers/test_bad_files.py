# ruff: noqa: E501 - the table of files reads best one per line
"""Truncated, empty, binary and malformed files of every format of these importers: one
clean error naming the file, and the database as it was."""

from __future__ import annotations

import io
import random
import shutil
import zipfile
from datetime import datetime, time, timedelta
from pathlib import Path

import openpyxl
import pytest

from kundenwert.activity.models import TimeEntry
from kundenwert.billing.models import Invoice
from kundenwert.cli import main
from kundenwert.customers.models import Customer
from kundenwert.importers.services import ImportInvalid, do_import_files
from tests.conftest import SAMPLES

pytestmark = pytest.mark.django_db

TIMETRACKING = SAMPLES / "timetracking"
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
}  # fmt: skip


def truncated(data: bytes) -> bytes:
    """Cut inside the last row (or the archive), where a download that broke off ends."""
    if data.startswith(b"PK"):
        return data[: len(data) * 2 // 3]
    last = data.rstrip(b"\r\n").rfind(b"\n") + 1
    return data[: last + (len(data) - last) // 3]


def binary() -> bytes:
    return random.Random(7).randbytes(4096)


def malformed(name: str, data: bytes) -> bytes:
    """The header kept, the rows broken: an unclosed quote, or a damaged archive member."""
    if data.startswith(b"PK"):
        return data[:30] + b"\xff" * 200 + data[230:]
    header = data.splitlines()[0]
    return header + b'\n"unclosed,quote,2024-03-04\nBig Company,,,,,\n'


def database() -> tuple:
    return Customer.objects.count(), TimeEntry.objects.count(), Invoice.objects.count()


def write(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def format_of(key: str) -> str:
    return key.split("-")[0]


@pytest.fixture
def existing():
    Customer.objects.create(number="K1", name="Schon da")
    return database()


@pytest.mark.parametrize("key", GOOD_FILES)
@pytest.mark.parametrize("damage", ["truncated", "empty", "binary", "malformed"])
@pytest.mark.parametrize("given", ["auto", "format given"])
def test_a_damaged_file_is_one_clean_error_and_changes_nothing(
    tmp_path, existing, key, damage, given
):
    name, data = GOOD_FILES[key]
    damaged = {
        "truncated": lambda: truncated(data),
        "empty": lambda: b"",
        "binary": binary,
        "malformed": lambda: malformed(name, data),
    }[damage]()
    path = write(tmp_path, name, damaged)
    form = "auto" if given == "auto" else format_of(key)

    with pytest.raises(ImportInvalid) as invalid:
        do_import_files([path], format=form)

    assert invalid.value.errors and all(e.file.startswith(name) for e in invalid.value.errors)
    assert database() == existing


@pytest.mark.parametrize("key", GOOD_FILES)
def test_the_good_files_behind_these_cases_do_import(tmp_path, key):
    name, data = GOOD_FILES[key]

    report = do_import_files([write(tmp_path, name, data)])

    assert report.changes > 0


def test_the_command_prints_the_error_lines_and_no_traceback(tmp_path, existing, capsys):
    path = write(tmp_path, "kimai.xlsx", truncated(GOOD_FILES["kimai-xlsx"][1]))

    assert main(["import", str(path)]) == 2

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
