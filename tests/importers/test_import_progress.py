"""Progress of long imports: the lines read of a large file, then the records written, each
stage ending with done == total; the CLI's bars show them."""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path

import pytest
from django.utils import translation

from kundenwert.commands.import_report import progress_bar
from kundenwert.importers import progress
from kundenwert.importers.services import do_import_files
from tests.conftest import SAMPLES

pytestmark = pytest.mark.django_db

TOGGL = SAMPLES / "timetracking" / "solidtime_fixture__toggl_time_entries_import_test_1.csv"
ZUGFERD = SAMPLES / "einvoice" / "zugferd" / "zugferd_2p3_EN16931_Einfach.xml"
ROWS = 25_000


def long_toggl_export(folder: Path, rows: int = ROWS) -> Path:
    """The Toggl sample's header and its row with a client, `rows` times, a minute apart."""
    header, _, with_client = TOGGL.read_text(encoding="utf-8-sig").splitlines()
    lines = [header]
    for n in range(rows):
        moment = datetime(2024, 3, 4, 8, 0) + timedelta(minutes=n)
        fields = with_client.split(",")
        fields[7:11] = [f"{moment:%Y-%m-%d}", f"{moment:%H:%M:%S}", f"{moment:%Y-%m-%d}", ""]
        lines.append(",".join(fields))
    path = folder / "toggl_long.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_a_long_file_reports_its_lines_then_its_records_and_every_stage_ends_full(tmp_path):
    calls: list[tuple[str, int, int]] = []

    report = do_import_files(
        [long_toggl_export(tmp_path), ZUGFERD], progress=lambda *a: calls.append(a)
    )

    assert report.kinds["time_entries"].added == ROWS
    assert calls[:5] == [
        ("reading files", 0, 2),
        ("reading rows", 10_001, ROWS + 1),  # the header is line 1
        ("reading rows", 20_001, ROWS + 1),
        ("reading rows", ROWS + 1, ROWS + 1),
        ("reading files", 1, 2),
    ]
    # The e-invoice is short: no lines are counted for it.
    assert calls[5:7] == [("reading files", 1, 2), ("reading files", 2, 2)]
    written = [c for c in calls if c[0] == "time_entries"]
    assert [done for _, done, _ in written] == [10_000, 20_000, ROWS]
    assert {total for _, _, total in written} == {ROWS}
    assert calls[-1] == ("invoices", 1, 1)


def test_the_lines_of_a_file_are_counted_with_or_without_a_last_line_break(tmp_path):
    ended, open_end, archive = tmp_path / "a.csv", tmp_path / "b.csv", tmp_path / "c.xlsx"
    ended.write_bytes(b"h\n1\n2\n")
    open_end.write_bytes(b"h\n1\n2")
    archive.write_bytes(b"PK\x03\x04 a workbook")

    assert progress.count_lines(ended) == progress.count_lines(open_end) == 3
    assert progress.count_lines(archive) == 0  # unknown: no plain text
    assert progress.count_lines(tmp_path) == 0
    assert progress.count_lines(tmp_path / "missing.csv") == 0


def test_rows_are_reported_only_to_whoever_listens():
    heard: list[int] = []

    progress.rows_read(1)  # nobody listens: nothing happens
    with progress.listening(heard.append):
        progress.rows_read(10_001)
    progress.rows_read(20_001)

    assert heard == [10_001]


@pytest.mark.parametrize(
    ("lang", "labels"),
    [
        ("de", ("Dateien werden gelesen", "toggl_long.csv wird gelesen", "Zeiteinträge")),
        ("en", ("Reading the files", "Reading toggl_long.csv", "Time entries")),
    ],
)
def test_the_cli_shows_a_bar_per_large_file_read_and_per_kind_written(tmp_path, lang, labels):
    path = long_toggl_export(tmp_path, 100)

    with translation.override(lang), progress_bar([path, ZUGFERD]) as bar:
        bar("reading files", 0, 2)
        bar("reading rows", 10_001, 50_001)
        bar("reading rows", 50_001, 50_001)
        bar("reading files", 1, 2)
        bar("time_entries", 50_000, 50_000)
        bar("invoices", 1, 1)  # too small to wait for: no bar
        tasks = {task.description: (task.completed, task.total) for task in bar.bar.tasks}

    files, rows, entries = labels
    assert tasks == {files: (1, 2), rows: (50_001, 50_001), entries: (50_000, 50_000)}
