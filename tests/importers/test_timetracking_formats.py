# ruff: noqa: E501 - the CSV fixtures keep the long lines the tools write
"""The time-tracking formats the samples do not cover, from small realistic fixtures written
here: Clockify and Kimai with German headers, Kimai as CSV and Excel, Toggl and Clockify
with other date settings, solidtime's report CSV and an export whose entries name only their
project. Headers follow the tools' exports as documented in each importer module."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest

from kundenwert.importers import clockify, kimai, solidtime, toggl
from kundenwert.importers.detect import detect

ZONE = "Europe/Berlin"


def write(path: Path, text: str, encoding: str = "utf-8") -> Path:
    path.write_bytes(text.strip().replace("\n", "\r\n").encode(encoding) + b"\r\n")
    return path


def summary(parsed) -> list[tuple]:
    return [(e.customer.name, e.start, e.minutes, e.billable, e.user) for e in parsed.time_entries]


# --- Clockify -------------------------------------------------------------------------------

CLOCKIFY_GERMAN = """
"Projekt","Kunde","Beschreibung","Aufgabe","Benutzer","Gruppe","E-Mail","Tags","Abrechenbar","Startdatum","Startzeit","Enddatum","Endzeit","Dauer (h)","Dauer (dezimal)","Abrechnungssatz (EUR)","Abrechnungsbetrag (EUR)"
"Relaunch","Bäckerei Sommer GmbH","Startseite entworfen","Design","Anna Berger","","anna@example.de","","Ja","02.11.2026","09:15:00","02.11.2026","11:45:30","02:30:30","2,51","95,00","238,29"
"Relaunch","Bäckerei Sommer GmbH","Abstimmung","","Anna Berger","","anna@example.de","","Nein","03.11.2026","23:30:00","04.11.2026","00:15:00","00:45:00","0,75","0,00","0,00"
"Intern","","Buchhaltung","","Anna Berger","","anna@example.de","","Nein","04.11.2026","08:00:00","04.11.2026","09:00:00","01:00:00","1,00","0,00","0,00"
"""


def test_it_reads_a_german_clockify_export(tmp_path):
    path = write(tmp_path / "Clockify_Zeiteintraege.csv", CLOCKIFY_GERMAN)

    assert detect(path) is clockify
    parsed = clockify.parse(path, time_zone=ZONE)

    assert parsed.errors == []
    assert summary(parsed) == [
        (
            "Bäckerei Sommer GmbH",
            datetime(2026, 11, 2, 9, 15),
            Decimal("150.50"),
            True,
            "Anna Berger",
        ),
        (
            "Bäckerei Sommer GmbH",
            datetime(2026, 11, 3, 23, 30),
            Decimal("45.00"),
            False,
            "Anna Berger",
        ),
    ]
    assert parsed.skipped == [("line 4", "has no client")]


def test_it_reads_a_clockify_export_with_day_first_dates_when_a_day_is_above_12(tmp_path):
    text = CLOCKIFY_ENGLISH.format(first="05/11/2026", second="23/11/2026")
    parsed = clockify.parse(write(tmp_path / "clockify.csv", text), time_zone=ZONE)

    assert [e.start.date() for e in parsed.time_entries] == [date(2026, 11, 5), date(2026, 11, 23)]


def test_it_reads_an_english_clockify_export_month_first_by_default(tmp_path):
    text = CLOCKIFY_ENGLISH.format(first="05/11/2026", second="06/11/2026")
    parsed = clockify.parse(write(tmp_path / "clockify.csv", text), time_zone=ZONE)

    assert [e.start.date() for e in parsed.time_entries] == [date(2026, 5, 11), date(2026, 6, 11)]


CLOCKIFY_ENGLISH = """
Project,Client,Description,Task,User,Group,Email,Tags,Billable,Start Date,Start Time,End Date,End Time,Duration (h),Duration (decimal),Billable Rate (USD),Billable Amount (USD)
Site,Acme Inc.,Call,,Bob,,bob@example.com,,Yes,{first},02:00 PM,{first},02:30 PM,00:30:00,0.50,100.00,50.00
Site,Acme Inc.,Fix,,Bob,,bob@example.com,,Yes,{second},9:05 AM,{second},10:05 AM,01:00:00,1.00,100.00,100.00
"""


def test_a_clockify_row_with_a_wrong_date_names_line_column_and_value(tmp_path):
    text = CLOCKIFY_ENGLISH.format(first="05/11/2026", second="31/02/2026")
    parsed = clockify.parse(write(tmp_path / "clockify.csv", text), time_zone=ZONE)

    assert [str(e) for e in parsed.errors] == [
        "clockify.csv, line 3, column Start Date: '31/02/2026' is not a date "
        "(like 2026-11-23, 23.11.2026 or 11/23/2026)"
    ]


# --- Kimai ------------------------------------------------------------------------------------

KIMAI_ENGLISH = """
Date,Begin,End,Duration,Currency,Price,Internal price,User,Name,E-mail,Customer,Project,Activity,Description,Billable,Tags
2026-11-23,09:00,10:30,1:30,EUR,135.00,90.00,anna,Anna Berger,anna@example.de,Kanzlei Berger & Partner,Website,Design,Startseite,Yes,
2026-11-23,13:00,13:20,0:20,EUR,30.00,20.00,anna,Anna Berger,anna@example.de,Kanzlei Berger & Partner,Website,Support,,No,
"""

KIMAI_GERMAN = """
Datum;Von;Bis;Dauer;Währung;Preis;Benutzer;Kunde;Projekt;Tätigkeit;Beschreibung;Abrechenbar;Schlagworte
23.11.2026;09:00;10:30;1,5;EUR;135,00;anna;Bäckerei Sommer GmbH;Website;Design;Menü „Brote“;Ja;
24.11.2026;16:45;17:00;0,25;EUR;22,50;anna;Bäckerei Sommer GmbH;Website;Support;;Nein;
"""


def test_it_reads_an_english_kimai_csv(tmp_path):
    path = write(tmp_path / "kimai-export.csv", KIMAI_ENGLISH)

    assert detect(path) is kimai
    parsed = kimai.parse(path, time_zone=ZONE)

    assert summary(parsed) == [
        ("Kanzlei Berger & Partner", datetime(2026, 11, 23, 9, 0), Decimal("90.00"), True, "anna"),
        (
            "Kanzlei Berger & Partner",
            datetime(2026, 11, 23, 13, 0),
            Decimal("20.00"),
            False,
            "anna",
        ),
    ]
    assert [e.description for e in parsed.time_entries] == ["Startseite", "Support"]


def test_it_reads_a_german_kimai_csv_in_windows_1252_with_semicolons(tmp_path):
    path = write(tmp_path / "kimai.csv", KIMAI_GERMAN, encoding="cp1252")

    assert detect(path) is kimai
    parsed = kimai.parse(path, time_zone=ZONE)

    assert summary(parsed) == [
        ("Bäckerei Sommer GmbH", datetime(2026, 11, 23, 9, 0), Decimal("90.00"), True, "anna"),
        ("Bäckerei Sommer GmbH", datetime(2026, 11, 24, 16, 45), Decimal("15.00"), False, "anna"),
    ]
    assert parsed.time_entries[0].description == "Menü „Brote“"


def kimai_workbook(path: Path, german: bool) -> Path:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["Kimai – Export"])  # a title above the header, as Kimai's template may have
    if german:
        sheet.append(
            [
                "Datum",
                "Beginn",
                "Ende",
                "Dauer",
                "Kunde",
                "Projekt",
                "Tätigkeit",
                "Beschreibung",
                "Benutzer",
            ]
        )
    else:
        sheet.append(
            [
                "Date",
                "Begin",
                "End",
                "Duration",
                "Customer",
                "Project",
                "Activity",
                "Description",
                "User",
            ]
        )
    sheet.append([datetime(2026, 11, 23), time(9, 0), time(10, 30), timedelta(hours=1, minutes=30),
                  "Bäckerei Sommer GmbH", "Website", "Design", "Startseite", "anna"])  # fmt: skip
    sheet.append([])  # an empty row in between
    sheet.append([datetime(2026, 11, 24), datetime(2026, 11, 24, 8, 0), datetime(2026, 11, 24, 8, 45),
                  0.75, "Autohaus Krüger KG", "Wartung", "Support", None, "ben"])  # fmt: skip
    book.save(path)
    return path


@pytest.mark.parametrize("german", [False, True], ids=["english", "german"])
def test_it_reads_a_kimai_excel_export_with_typed_cells(tmp_path, german):
    path = kimai_workbook(tmp_path / "kimai.xlsx", german)

    assert detect(path) is kimai
    parsed = kimai.parse(path, time_zone=ZONE)

    assert parsed.errors == []
    assert summary(parsed) == [
        ("Bäckerei Sommer GmbH", datetime(2026, 11, 23, 9, 0), Decimal("90.00"), True, "anna"),
        ("Autohaus Krüger KG", datetime(2026, 11, 24, 8, 0), Decimal("45.00"), True, "ben"),
    ]
    assert [e.location for e in parsed.time_entries] == ["line 3", "line 5"]


def test_a_kimai_excel_row_with_a_wrong_value_names_its_row(tmp_path):
    path = kimai_workbook(tmp_path / "kimai.xlsx", german=False)
    book = openpyxl.load_workbook(path)
    book.active["D3"] = "anderthalb"
    book.save(path)

    parsed = kimai.parse(path, time_zone=ZONE)

    assert [str(e) for e in parsed.errors] == [
        "kimai.xlsx, line 3, column Duration: 'anderthalb' is not a duration "
        "(like 1:30:00, 01:30 or 1.5 hours)"
    ]


# --- Toggl and solidtime ---------------------------------------------------------------------


def test_it_reads_an_older_toggl_export_with_german_dates_and_stop_columns(tmp_path):
    text = """
Member,Email,Client,Project,Task,Description,Billable,Start date,Start time,Stop date,Stop time,Duration,Tags
Anna,anna@example.de,Hansa Logistik AG,Portal,,Konzept,Yes,23.11.2026,17:00:00,23.11.2026,18:15:00,01:15:00,
"""
    parsed = toggl.parse(write(tmp_path / "Toggl_time_entries.csv", text), time_zone=ZONE)

    assert summary(parsed) == [
        ("Hansa Logistik AG", datetime(2026, 11, 23, 17, 0), Decimal("75.00"), True, "Anna")
    ]


def test_it_reads_solidtimes_report_csv(tmp_path):
    text = """
Description,Task,Project,Client,User,Start,End,Duration,Duration (decimal),Billable,Tags
Workshop,,Strategie,Alpen Verlag GmbH,Anna Berger,2026-11-23 09:00:00,2026-11-23 12:00:00,3:00:00,3,Yes,"Vor Ort, Kunde"
"""
    path = write(tmp_path / "time-entries-report.csv", text)

    assert detect(path) is solidtime
    parsed = solidtime.parse(path, time_zone=ZONE)

    assert summary(parsed) == [
        ("Alpen Verlag GmbH", datetime(2026, 11, 23, 9, 0), Decimal("180.00"), True, "Anna Berger")
    ]


def test_a_solidtime_entry_without_a_client_takes_its_projects_client(tmp_path):
    folder = tmp_path / "export"
    folder.mkdir()
    write(folder / "clients.csv", "id,name\nc1,Rhein Immobilien GmbH")
    write(folder / "projects.csv", "id,name,client_id\np1,Exposés,c1\np2,Intern,")
    write(folder / "members.csv", "id,name\nm1,Anna Berger")
    write(
        folder / "time_entries.csv",
        """
id,description,start,end,billable,member_id,client_id,project_id,task_id
e1,Texte,2026-11-23T08:00:00Z,2026-11-23T09:30:00Z,true,m1,,p1,
e2,Ablage,2026-11-23T10:00:00Z,2026-11-23T10:30:00Z,false,m1,,p2,
e3,Texte,2026-11-24T08:00:00Z,2026-11-24T09:00:00Z,true,m1,c9,p1,
""",
    )

    parsed = solidtime.parse(folder, time_zone=ZONE)

    assert summary(parsed) == [
        (
            "Rhein Immobilien GmbH",
            datetime(2026, 11, 23, 9, 0),
            Decimal("90.00"),
            True,
            "Anna Berger",
        )
    ]
    assert parsed.skipped == [("line 3", "has no client")]
    assert [str(e) for e in parsed.errors] == [
        "export/time_entries.csv, line 4, column client_id: 'c9' is not an id in clients.csv"
    ]
