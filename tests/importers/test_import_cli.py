# ruff: noqa: E501 - expected output lines read best whole
"""`kundenwert import` with other tools' files, as a user runs it: output, exit status, files."""

from __future__ import annotations

import json
import shutil
import threading
import time
from decimal import Decimal

import pytest
from django.db import connections

from kundenwert.activity.models import TimeEntry
from kundenwert.billing.models import Invoice
from kundenwert.cli import main
from kundenwert.customers.models import Customer
from kundenwert.lib import import_lock
from kundenwert.web.paths import import_jobs_dir
from kundenwert.workspace.models import ColumnMapping
from tests.conftest import SAMPLES

pytestmark = pytest.mark.django_db

TIMETRACKING = SAMPLES / "timetracking"
TOGGL = TIMETRACKING / "solidtime_fixture__toggl_time_entries_import_test_1.csv"
HARVEST = TIMETRACKING / "solidtime_fixture__harvest_time_entries_import_test_1.csv"


def test_it_imports_a_toggl_export_and_lists_new_customers_and_skipped_rows(capsys):
    assert main(["import", "--lang", "en", str(TOGGL)]) == 0

    out = capsys.readouterr().out
    assert "time_entries" in out
    assert "New customers" in out and "NEU-0001" in out and "Big Company" in out
    assert "Skipped 1 record(s):" in out
    assert f"{TOGGL.name}, line 2: has no client" in out
    assert "2 change(s)." in out
    assert TimeEntry.objects.count() == 1


def test_the_report_is_german_unless_asked_otherwise(tmp_path, capsys):
    assert main(["import", str(TOGGL)]) == 0

    out = capsys.readouterr().out
    assert f"Importiert: {TOGGL.name} (toggl)" in out
    assert "Neue Kunden" in out and "NEU-0001" in out
    assert "Übersprungen (1):" in out
    assert f"{TOGGL.name}, Zeile 2: nennt keinen Kunden" in out
    assert "2 Änderung(en)." in out


def test_a_bad_file_is_named_in_german_by_default(tmp_path, capsys):
    bad = tmp_path / "toggl.csv"
    bad.write_text(
        TOGGL.read_text(encoding="utf-8-sig").replace("01:00:01", "eine Stunde"), encoding="utf-8"
    )

    assert main(["import", str(bad)]) == 2

    err = capsys.readouterr().err
    assert "toggl.csv: nichts wurde importiert, 1 Fehler gefunden:" in err
    assert (
        "toggl.csv, Zeile 3, Spalte Duration: 'eine Stunde' ist keine Dauer "
        "(wie 1:30:00, 01:30 oder 1.5 Stunden)"
    ) in err


def test_a_bad_file_exits_2_with_the_error_lines_and_no_traceback(tmp_path, capsys):
    bad = tmp_path / "toggl.csv"
    bad.write_text(
        TOGGL.read_text(encoding="utf-8-sig").replace("01:00:01", "eine Stunde"), encoding="utf-8"
    )

    assert main(["import", "--lang", "en", str(TOGGL), str(bad)]) == 2

    err = capsys.readouterr().err
    assert "nothing was imported, 1 error(s) found:" in err
    assert (
        "toggl.csv, line 3, column Duration: 'eine Stunde' is not a duration "
        "(like 1:30:00, 01:30 or 1.5 hours)"
    ) in err
    assert "Traceback" not in err
    assert Customer.objects.count() == 0


def test_a_dry_run_shows_the_preview_and_writes_nothing(capsys):
    assert main(["import", "--lang", "en", "--dry-run", str(TOGGL)]) == 0

    assert "Dry run: nothing was written" in capsys.readouterr().out
    assert Customer.objects.count() == 0


def test_the_json_report_has_every_kind_and_the_new_customers(capsys):
    assert main(["import", "--lang", "en", "--output", "json", str(TOGGL), str(HARVEST)]) == 0

    report = json.loads(capsys.readouterr().out)
    assert report["kinds"]["time_entries"]["added"] == 2
    assert report["kinds"]["time_entries"]["skipped"] == 2
    assert report["new_customers"] == [{"number": "NEU-0001", "name": "Big Company"}]
    assert [f["format"] for f in report["files"]] == ["toggl", "harvest"]


def test_a_customer_map_sends_a_client_to_an_existing_customer(tmp_path, capsys):
    Customer.objects.create(number="K7", name="Großkunde AG")
    customer_map = tmp_path / "kunden.csv"
    customer_map.write_text("source_name,customer_id\nBig Company,K7\n", encoding="utf-8")

    assert main(["import", "--lang", "en", "--customer-map", str(customer_map), str(TOGGL)]) == 0

    assert TimeEntry.objects.get().customer.number == "K7"
    assert "New customers" not in capsys.readouterr().out


def test_a_broken_customer_map_exits_2(tmp_path, capsys):
    customer_map = tmp_path / "kunden.csv"
    customer_map.write_text("name,id\nBig Company,K7\n", encoding="utf-8")

    assert main(["import", "--lang", "en", "--customer-map", str(customer_map), str(TOGGL)]) == 2

    assert (
        "kunden.csv, line 1, column source_name: required column is missing"
        in capsys.readouterr().err
    )


def test_an_unknown_format_exits_2_listing_the_known_ones(capsys):
    assert main(["import", "--lang", "en", "--format", "tempo", str(TOGGL)]) == 2

    err = capsys.readouterr().err
    assert "'tempo' is not a known format; known are:" in err and "toggl (" in err


def test_a_format_given_by_name_is_used_whatever_the_content_suggests(capsys):
    assert main(["import", "--lang", "en", "--format", "harvest", str(TOGGL)]) == 2

    assert "required column is missing" in capsys.readouterr().err


def test_skip_invalid_imports_the_good_rows_and_says_where_the_rejected_ones_are(tmp_path, capsys):
    bad = tmp_path / "toggl.csv"
    text = TOGGL.read_text(encoding="utf-8-sig")
    bad.write_text(
        text + text.splitlines()[2].replace("2024-03-04", "2024-03-44") + "\n", encoding="utf-8"
    )

    assert (
        main(
            [
                "import",
                "--lang",
                "en",
                "--skip-invalid",
                "--rejected-dir",
                str(tmp_path / "out"),
                str(bad),
            ]
        )
        == 0
    )

    out = capsys.readouterr().out
    assert "Rejected: toggl.csv, line 4, column Start date: '2024-03-44' is not a date" in out
    assert (
        f"The rejected rows and their reasons are in {tmp_path / 'out' / 'toggl.csv.rejected.csv'}"
        in out
    )
    assert TimeEntry.objects.count() == 1


def test_portfolio_folders_and_other_files_are_imported_in_one_command(small_folder, capsys):
    assert main(["import", "--lang", "en", str(small_folder), str(TOGGL)]) == 0

    out = capsys.readouterr().out
    assert f"Imported {small_folder}" in out and "Imported solidtime_fixture__toggl" in out
    assert Customer.objects.count() == 3


def test_a_solidtime_export_folder_goes_to_the_file_import(tmp_path, capsys):
    folder = shutil.copytree(TIMETRACKING / "solidtime_export_example", tmp_path / "export")

    assert main(["import", "--lang", "en", str(folder)]) == 0

    assert "export (solidtime)" in capsys.readouterr().out
    assert TimeEntry.objects.get().customer.name == "Big Company"


def test_a_mapping_from_a_json_file_is_used_and_saved_by_name(tmp_path, capsys):
    export = tmp_path / "export.csv"
    export.write_text(
        "Beleg;Tag;Firma X;Summe\nA-1;02.05.2026;Hansa Logistik AG;300,00\n", encoding="utf-8"
    )
    mapping = tmp_path / "mapping.json"
    mapping.write_text(
        json.dumps({"number": "Beleg", "issue_date": "Tag", "customer": "Firma X", "net": "Summe"}),
        encoding="utf-8",
    )

    args = ["import", "--format", "invoice_list", "--mapping", str(mapping)]
    assert main([*args, "--save-mapping", "Mein Tool", str(export)]) == 0

    assert "Spaltenzuordnung „Mein Tool“ gespeichert." in capsys.readouterr().out
    assert Invoice.objects.get().number == "A-1"
    assert ColumnMapping.objects.get(name="Mein Tool").mapping["net"] == "Summe"


def test_a_mapping_reads_a_list_no_importer_recognises_without_naming_the_format(tmp_path, capsys):
    export = tmp_path / "export.csv"
    export.write_text(
        "Beleg;Tag;Firma X;Summe\nA-7;03.05.2026;Hansa Logistik AG;410,50\n", encoding="utf-8"
    )
    mapping = tmp_path / "mapping.json"
    mapping.write_text(
        json.dumps({"number": "Beleg", "issue_date": "Tag", "customer": "Firma X", "net": "Summe"}),
        encoding="utf-8",
    )

    assert main(["import", "--lang", "en", str(export)]) == 2  # unknown headers, no mapping
    assert main(["import", "--lang", "en", "--mapping", str(mapping), str(export)]) == 0

    invoice = Invoice.objects.get()
    assert (invoice.number, invoice.net, invoice.customer.name) == (
        "A-7",
        Decimal("410.50"),
        "Hansa Logistik AG",
    )


def test_a_folder_of_exports_stands_for_the_files_in_it(tmp_path, capsys):
    folder = tmp_path / "exporte"
    folder.mkdir()
    shutil.copy(TOGGL, folder / "toggl.csv")
    shutil.copy(HARVEST, folder / "harvest.csv")

    assert main(["import", "--lang", "en", str(folder)]) == 0

    assert "harvest.csv (harvest), toggl.csv (toggl)" in capsys.readouterr().out
    assert TimeEntry.objects.count() == 2


@pytest.mark.django_db(transaction=True)
def test_it_waits_while_another_import_holds_the_lock_and_says_so(capsys):
    """The lock the web app's import jobs take (an import from the page, say)."""
    results, err = [], ""

    def run() -> None:
        try:
            results.append(main(["import", "--lang", "en", str(TOGGL)]))
        finally:
            connections.close_all()  # this thread's own: PostgreSQL drops the test database

    command = threading.Thread(target=run)
    with import_lock.one_import_at_a_time(import_jobs_dir()):
        command.start()
        deadline = time.monotonic() + 20
        while "Another import is running" not in err and time.monotonic() < deadline:
            time.sleep(0.05)
            err += capsys.readouterr().err
        assert "Another import is running; this one waits for it to end." in err
        assert command.is_alive() and not TimeEntry.objects.exists()
    command.join(timeout=60)

    assert results == [0]
    assert TimeEntry.objects.count() == 1
    assert not import_lock.import_running(import_jobs_dir())


def test_a_mapping_file_that_is_not_a_json_object_is_refused_in_german(tmp_path, capsys):
    export = tmp_path / "export.csv"
    export.write_text("Beleg;Summe\nA-1;300,00\n", encoding="utf-8")
    broken, listed = tmp_path / "broken.json", tmp_path / "listed.json"
    broken.write_text("{number: Beleg", encoding="utf-8")
    listed.write_text('["Beleg", "Summe"]', encoding="utf-8")

    assert main(["import", "--mapping", str(broken), str(export)]) == 2
    assert f"{broken}: keine lesbare Spaltenzuordnung in JSON (" in capsys.readouterr().err
    assert main(["import", "--mapping", str(listed), str(export)]) == 2
    expected = f"{listed}: erwartet wird ein Objekt {{Feld: Spaltenname}}"
    assert expected in capsys.readouterr().err
    assert Invoice.objects.count() == 0
