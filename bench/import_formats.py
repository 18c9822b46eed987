#!/usr/bin/env python3
"""Rows per second of every importer: a realistic file per format, imported with the CLI.

    .venv/bin/python bench/import_formats.py [--only NAME …] [--scale 1.0] [--repeat 1]
                                             [--max-load 3] [--wait 900] [--timeout 900]
                                             [--generate] [--write]

For every importer in `kundenwert/importers/registry.py` (and the variants that take a
different path through it: Kimai CSV and Excel, solidtime CSV and export ZIP, e-invoices as
CII XML, UBL XML and Factur-X PDF, mail as one mbox and as single .eml files) the script
writes a generated file to bench/data/import/formats/ (git-ignored; kept and reused by
later runs; `--generate` only writes them). The files follow the structure of the real
exports in ../shared/samples/ (headers, quoting, number and date formats, XML elements,
vCard and iCalendar properties, mail headers); their data is made up: 2,000 customers with
German and international names and their own e-mail domains, a few big and many small ones.

Each file is imported with `kundenwert import PATH`, run as a child process as a user would,
into a fresh SQLite data folder (a temporary KUNDENWERT_DATA_DIR) prepared before the clock
starts: migrated, and holding the same 2,000 customers (a portfolio folder with
customers.csv, imported with `kundenwert import`), so that every importer matches against
the same customer base. For the bank statements the folder holds the open invoices that the
payments pay as well, or none at all (then the payments match nothing). Contacts, meetings
and mail never create customers, so without that base they would all be skipped.

The figures: wall-clock time of the whole command (starting Python, reading, checking,
matching, writing, the report), the child's CPU time and peak resident set size (wait4()),
the load average just before the run, the rows of the file (lines, invoices, bookings,
cards, events, messages) per second, and the records the database holds afterwards.
Before each run the script waits while the one-minute load is above `--max-load` (at most
`--wait` seconds over the whole script). A run that takes longer than `--timeout` seconds
is stopped and reported as such.

Prints a Markdown section; `--write` puts it into docs/benchmarks.md in place of the
"## Import of each format" section (after the Toggl section when there is none yet).
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import random
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import uuid
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from datetime import time as clock
from email.message import EmailMessage
from email.utils import format_datetime, make_msgid
from pathlib import Path
from zoneinfo import ZoneInfo

sys.path.insert(0, str(Path(__file__).resolve().parent))
import import_toggl as common  # noqa: E402

REPO = common.REPO
DOC = common.DOC
SECTION = "## Import of each format"
DATA = common.DATA / "formats"
SAMPLES = REPO.parent / "shared" / "samples"
FACTURX_SAMPLE = SAMPLES / "einvoice" / "facturx" / "invoice_EN16931.pdf"
ZONE = ZoneInfo("Europe/Berlin")
SEED = 4
CUSTOMERS = 2_000
VERSION = 1  # part of the file names: raise it when a generator changes

OWNER_NAME = "Anna Berger"
OWNER = "anna.berger@berger-beratung.de"
SELLER = "Berger Beratung GmbH"
SELLER_IBAN = "DE02120300000000202051"
FIRST = date(2023, 1, 2)
LAST = date(2025, 10, 31)

GIVEN = ["Anna", "Jonas", "Mia", "Lukas", "Sophie", "Felix", "Lea", "Paul", "Emma", "Ben",
         "Hannah", "Elias", "Marie", "Noah", "Lina", "Jürgen", "Sabine", "Thomas", "Petra",
         "Michael", "Claudia", "Stefan", "Andrea", "Özlem", "Zoë", "Björn", "Renée"]  # fmt: skip
FAMILY = ["Müller", "Schmidt", "Schneider", "Fischer", "Weber", "Meyer", "Wagner", "Becker",
          "Schulz", "Hoffmann", "Schäfer", "Koch", "Bauer", "Richter", "Klein", "Wolf",
          "Schröder", "Neumann", "Schwarz", "Zimmermann", "Braun", "Krüger", "Hofmann",
          "Hartmann", "Lange", "Yılmaz", "Nowak", "O'Brien"]  # fmt: skip
TITLES = ["Geschäftsführerin", "Geschäftsführer", "Inhaber", "Einkauf", "Buchhaltung",
          "Marketing", "Projektleitung", "Office Management", "IT-Leitung"]  # fmt: skip
FREEMAIL = ["gmx.de", "web.de", "t-online.de", "gmail.com"]
TEAM = [("Anna", "Berger"), ("Jonas", "Keller"), ("Mia", "Schulz"), ("Lukas", "Wagner"),
        ("Sophie", "Richter")]  # fmt: skip
SUBJECTS = ["Angebot für {p}", "Rückfrage zu {p}", "Termin nächste Woche", "Rechnung {n}",
            "AW: Abstimmung {p}", "Änderungswünsche", "Unterlagen für das Meeting",
            "Kurze Frage", "Freigabe {p}", "WG: Entwurf {p}", "Protokoll vom {d}"]  # fmt: skip
LINES = ["vielen Dank für die schnelle Rückmeldung.", "anbei die Unterlagen wie besprochen.",
         "können wir den Termin um eine Stunde verschieben?", "die Änderungen sehen gut aus.",
         "bitte prüfen Sie den Entwurf bis Freitag.", "wir brauchen noch die Freigabe der Texte.",
         "das Budget für das zweite Quartal ist freigegeben.", "gern morgen um 10 Uhr.",
         "ich melde mich nach Rücksprache mit dem Team.",
         "Größen und Maße folgen separat."]  # fmt: skip
MEETINGS = ["Jour fixe {p}", "Workshop {p}", "Abstimmung {p}", "Kick-off {p}", "Review {p}",
            "Telefonkonferenz", "Präsentation Konzept", "Projektstatus",
            "Kennenlernen"]  # fmt: skip
SUPPLIERS = [("Hausverwaltung Lindner GmbH", "Miete Büro {m}"), ("Telekom Deutschland GmbH",
             "Rechnung Festnetz {m}"), ("Finanzamt München", "USt-VZ {m}"), ("DATEV eG",
             "Lizenzen {m}"), ("Amazon Payments Europe", "Bestellung {n}"),
             ("Techniker Krankenkasse", "Beitrag {m}"),
             ("Adobe Systems Software", "Abo {m}")]  # fmt: skip


# --- the customer base ---------------------------------------------------------------------


@dataclass(frozen=True)
class Client:
    number: str  # the customer id in the database ("10001")
    name: str  # as the seed and most tools write it
    domain: str
    people: tuple[tuple[str, str], ...]
    projects: tuple[str, ...]

    @property
    def email(self) -> str:
        return f"info@{self.domain}"

    def address(self, person: tuple[str, str]) -> str:
        return f"{_slug(person[0])}.{_slug(person[1])}@{self.domain}"

    @property
    def short(self) -> str:
        """The name without its legal form, as people and address books write it."""
        return self.name.split(" ")[0] + " " + self.name.split(" ")[1]


def _slug(text: str) -> str:
    text = text.lower().translate(str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss"}))
    text = text.replace("ı", "i").replace("é", "e").replace("ë", "e").replace("'", "")
    return re.sub(r"[^a-z0-9]+", "-", text).strip("-")


def build_clients(count: int = CUSTOMERS, seed: int = SEED) -> list[Client]:
    rng = random.Random(seed)
    names = common.client_names(count, rng)  # the names of the Toggl benchmark
    clients, domains = [], set()
    for number, name in enumerate(names, start=10_001):
        words = name.split(" ")
        tld = ".com" if words[-1] in ("Ltd", "Inc.") else ".de"
        people = tuple((rng.choice(GIVEN), rng.choice(FAMILY)) for _ in range(rng.randint(1, 4)))
        projects = tuple(f"{words[0]} {task}" for task in rng.sample(common.TASKS, 3))
        domain = _slug(" ".join(words[:3]))
        while domain + tld in domains:  # "Agentur Brandt 633 GmbH" and "… AG" both exist
            domain += "-" + _slug(words[3] if len(words) > 3 else "x")
        domain += tld
        domains.add(domain)
        clients.append(Client(str(number), name, domain, people, projects))
    return clients


def weights(count: int) -> list[float]:
    return [1 / (rank + 1) ** 0.8 for rank in range(count)]  # a few big, many small


def working_days(first: date = FIRST, last: date = LAST) -> list[date]:
    days = (first + timedelta(days=d) for d in range((last - first).days + 1))
    return [day for day in days if day.weekday() < 5]


def de_number(value: float, places: int = 2) -> str:
    """1234.5 → "1.234,50" (German notation)."""
    text = f"{value:,.{places}f}"
    return text.replace(",", "\0").replace(".", ",").replace("\0", ".")


def euros(cents: int) -> str:
    return f"{cents // 100}.{cents % 100:02d}"


# --- time entries --------------------------------------------------------------------------


@dataclass(frozen=True)
class Entry:
    client: Client
    project: str
    task: str
    user: tuple[str, str]
    description: str
    billable: bool
    start: datetime  # local wall-clock time
    seconds: int

    @property
    def end(self) -> datetime:
        return self.start + timedelta(seconds=self.seconds)

    @property
    def user_name(self) -> str:
        return f"{self.user[0]} {self.user[1]}"

    @property
    def user_email(self) -> str:
        return f"{self.user[0].lower()}.{self.user[1].lower()}@berger-beratung.de"

    @property
    def hours(self) -> float:
        return self.seconds / 3600


def entries(clients: list[Client], rows: int, seed: int, minutes_only: bool = False):
    rng = random.Random(seed)
    days = working_days()
    chosen = rng.choices(clients, weights=weights(len(clients)), k=rows)
    for client in chosen:
        start = datetime.combine(rng.choice(days), clock()) + timedelta(
            minutes=rng.randrange(7 * 60, 18 * 60)
        )
        seconds = rng.randrange(5 * 60, 4 * 3600)
        if minutes_only:
            seconds -= seconds % 60
        else:
            start += timedelta(seconds=rng.randrange(60))
        yield Entry(
            client=client,
            project=rng.choice(client.projects),
            task=rng.choice(common.TASKS),
            user=rng.choice(TEAM),
            description=rng.choice(common.PHRASES),
            billable=rng.random() < 0.75,
            start=start,
            seconds=seconds,
        )


def hms(seconds: int) -> str:
    return f"{seconds // 3600:02d}:{seconds // 60 % 60:02d}:{seconds % 60:02d}"


def write_toggl(path: Path, rows: int, clients: list[Client]) -> None:
    with path.open("w", encoding="utf-8", newline="") as stream:
        writer = csv.writer(stream)
        writer.writerow(common.HEADER)
        for e in entries(clients, rows, 11):
            writer.writerow(
                [e.user_name, e.user_email, e.client.name, e.project, e.task, e.description,
                 "Yes" if e.billable else "No", f"{e.start:%Y-%m-%d}", f"{e.start:%H:%M:%S}",
                 f"{e.end:%Y-%m-%d}", f"{e.end:%H:%M:%S}", hms(e.seconds), "",
                 f"{e.hours * 95:.2f}" if e.billable else ""]
            )  # fmt: skip


CLOCKIFY_GERMAN = [
    "Projekt", "Kunde", "Beschreibung", "Aufgabe", "Benutzer", "Gruppe", "E-Mail", "Tags",
    "Abrechenbar", "Startdatum", "Startzeit", "Enddatum", "Endzeit", "Dauer (h)",
    "Dauer (dezimal)", "Abrechnungssatz (EUR)", "Abrechnungsbetrag (EUR)",
]  # fmt: skip


def write_clockify(path: Path, rows: int, clients: list[Client]) -> None:
    """A German workspace: German headers, DD.MM.YYYY, decimal commas, every field quoted."""
    with path.open("w", encoding="utf-8", newline="") as stream:
        writer = csv.writer(stream, quoting=csv.QUOTE_ALL)
        writer.writerow(CLOCKIFY_GERMAN)
        for e in entries(clients, rows, 12):
            rate = 95.0 if e.billable else 0.0
            writer.writerow(
                [e.project, e.client.name, e.description, e.task, e.user_name, "", e.user_email,
                 "", "Ja" if e.billable else "Nein", f"{e.start:%d.%m.%Y}", f"{e.start:%H:%M:%S}",
                 f"{e.end:%d.%m.%Y}", f"{e.end:%H:%M:%S}", hms(e.seconds), de_number(e.hours),
                 de_number(rate), de_number(e.hours * rate)]
            )  # fmt: skip


KIMAI_ENGLISH = [
    "Date", "Begin", "End", "Duration", "Currency", "Price", "Internal price", "User", "Name",
    "E-mail", "Customer", "Project", "Activity", "Description", "Billable", "Tags",
]  # fmt: skip
KIMAI_GERMAN = [
    "Datum", "Beginn", "Ende", "Dauer", "Währung", "Preis", "Benutzer", "Name", "E-Mail",
    "Kunde", "Projekt", "Tätigkeit", "Beschreibung", "Abrechenbar", "Schlagworte",
]  # fmt: skip


def write_kimai_csv(path: Path, rows: int, clients: list[Client]) -> None:
    with path.open("w", encoding="utf-8", newline="") as stream:
        writer = csv.writer(stream)
        writer.writerow(KIMAI_ENGLISH)
        for e in entries(clients, rows, 13, minutes_only=True):
            minutes = e.seconds // 60
            writer.writerow(
                [f"{e.start:%Y-%m-%d}", f"{e.start:%H:%M}", f"{e.end:%H:%M}",
                 f"{minutes // 60}:{minutes % 60:02d}", "EUR", f"{e.hours * 95:.2f}",
                 f"{e.hours * 60:.2f}", e.user[0].lower(), e.user_name, e.user_email,
                 e.client.name, e.project, e.task, e.description,
                 "Yes" if e.billable else "No", ""]
            )  # fmt: skip


def write_kimai_xlsx(path: Path, rows: int, clients: list[Client]) -> None:
    """German headers under a title row, with typed cells (date, times, duration)."""
    import openpyxl

    book = openpyxl.Workbook(write_only=True)
    sheet = book.create_sheet("Zeiterfassung")
    sheet.append(["Kimai – Export Zeiterfassung"])
    sheet.append(KIMAI_GERMAN)
    for e in entries(clients, rows, 14, minutes_only=True):
        sheet.append(
            [datetime.combine(e.start.date(), clock()), e.start.time(), e.end.time(),
             timedelta(seconds=e.seconds), "EUR", round(e.hours * 95, 2), e.user[0].lower(),
             e.user_name, e.user_email, e.client.name, e.project, e.task, e.description,
             "Ja" if e.billable else "Nein", None]
        )  # fmt: skip
    book.save(path)


HARVEST = [
    "Date", "Client", "Project", "Project Code", "Task", "Notes", "Hours", "Billable?",
    "Invoiced?", "Approved?", "First Name", "Last Name", "Roles", "Employee?", "Billable Rate",
    "Billable Amount", "Cost Rate", "Cost Amount", "Currency", "External Reference URL",
]  # fmt: skip


def write_harvest(path: Path, rows: int, clients: list[Client]) -> None:
    """As the sample: ISO dates, hours and amounts in German notation ("1,25", "2.000,0")."""
    with path.open("w", encoding="utf-8", newline="") as stream:
        writer = csv.writer(stream)
        writer.writerow(HARVEST)
        for e in entries(clients, rows, 15):
            hours = round(e.hours, 2)
            rate = 95.0 if e.billable else 0.0
            writer.writerow(
                [f"{e.start:%Y-%m-%d}", e.client.name, e.project, "", e.task, e.description,
                 de_number(hours), "Yes" if e.billable else "No", "No", "Yes", e.user[0],
                 e.user[1], "", "Yes", de_number(rate, 1), de_number(hours * rate, 1),
                 de_number(60.0, 1), de_number(hours * 60, 1), "Euro - EUR", ""]
            )  # fmt: skip


SOLIDTIME_CSV = ["description", "billable", "client", "project", "tags", "start", "end", "task",
                 "user_name", "user_email"]  # fmt: skip


def utc(moment: datetime) -> str:
    return moment.replace(tzinfo=ZONE).astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def write_solidtime_csv(path: Path, rows: int, clients: list[Client]) -> None:
    """solidtime's own time-entry CSV: times in UTC, every field quoted."""
    with path.open("w", encoding="utf-8", newline="") as stream:
        writer = csv.writer(stream, quoting=csv.QUOTE_ALL)
        writer.writerow(SOLIDTIME_CSV)
        for e in entries(clients, rows, 16):
            writer.writerow(
                [e.description, "true" if e.billable else "false", e.client.name, e.project, "",
                 utc(e.start), utc(e.end), e.task, e.user_name, e.user_email]
            )  # fmt: skip


def write_solidtime_zip(path: Path, rows: int, clients: list[Client]) -> None:
    """solidtime's organisation export: CSV files that name clients, projects, tasks and
    members by id, as in the sample export folder."""
    rng = random.Random(17)

    def new_id() -> str:
        return str(uuid.UUID(int=rng.getrandbits(128), version=4))

    organisation, stamp = new_id(), "2025-11-03T08:00:00Z"
    members = {person: (new_id(), new_id()) for person in TEAM}  # member id, user id
    client_ids = {c.number: new_id() for c in clients}
    project_ids = {(c.number, p): new_id() for c in clients for p in c.projects}
    task_ids = {key: {t: new_id() for t in common.TASKS} for key in project_ids}

    def table(header: list[str], records: Iterator[list[str]]) -> bytes:
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\n")
        writer.writerow(header)
        writer.writerows(records)
        return buffer.getvalue().encode()

    stamp_cols = [stamp, stamp]
    files = {
        "meta.json": json.dumps(
            {
                "id": new_id(),
                "version": "1.0",
                "organizations": [organisation],
                "exported_at": stamp,
            },
            separators=(",", ":"),
        ).encode(),  # fmt: skip
        "organizations.csv": table(
            ["id", "name", "billable_rate", "currency", "created_at", "updated_at"],
            iter([[organisation, SELLER, "9500", "EUR", *stamp_cols]]),
        ),
        "members.csv": table(
            [
                "id",
                "user_id",
                "name",
                "email",
                "organization_id",
                "billable_rate",
                "role",
                "created_at",
                "updated_at",
            ],
            (
                [
                    m,
                    u,
                    f"{g} {f}",
                    f"{g.lower()}.{f.lower()}@berger-beratung.de",
                    organisation,
                    "",
                    "employee",
                    *stamp_cols,
                ]
                for (g, f), (m, u) in members.items()
            ),
        ),  # fmt: skip
        "clients.csv": table(
            ["id", "name", "organization_id", "archived_at", "created_at", "updated_at"],
            ([client_ids[c.number], c.name, organisation, "", *stamp_cols] for c in clients),
        ),
        "projects.csv": table(
            [
                "id",
                "name",
                "color",
                "billable_rate",
                "is_public",
                "client_id",
                "organization_id",
                "is_billable",
                "archived_at",
                "created_at",
                "updated_at",
            ],
            (
                [
                    pid,
                    p,
                    "#ef5350",
                    "9500",
                    "false",
                    client_ids[n],
                    organisation,
                    "true",
                    "",
                    *stamp_cols,
                ]
                for (n, p), pid in project_ids.items()
            ),
        ),  # fmt: skip
        "tasks.csv": table(
            ["id", "name", "project_id", "organization_id", "done_at", "created_at", "updated_at"],
            (
                [tid, t, project_ids[key], organisation, "", *stamp_cols]
                for key, tasks in task_ids.items()
                for t, tid in tasks.items()
            ),
        ),  # fmt: skip
        "tags.csv": table(["id", "name", "organization_id", "created_at", "updated_at"], iter([])),
    }
    header = ["id", "description", "start", "end", "billable_rate", "billable", "member_id",
              "user_id", "organization_id", "client_id", "project_id", "task_id", "tags",
              "is_imported", "still_active_email_sent_at", "created_at", "updated_at"]  # fmt: skip
    files["time_entries.csv"] = table(
        header,
        ([new_id(), e.description, utc(e.start), utc(e.end), "9500" if e.billable else "",
          "true" if e.billable else "false", members[e.user][0], members[e.user][1],
          organisation, client_ids[e.client.number], project_ids[(e.client.number, e.project)],
          task_ids[(e.client.number, e.project)][e.task], "[]", "false", "", *stamp_cols]
         for e in entries(clients, rows, 18)),
    )  # fmt: skip
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, content in files.items():
            archive.writestr(name, content)


# --- invoices ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Invoice:
    number: str
    client: Client
    issued: date
    net_cents: int
    rate: int  # VAT percent
    credit: bool = False
    lines: tuple[tuple[str, int, int], ...] = ()  # (name, quantity, unit cents)

    @property
    def tax_cents(self) -> int:
        return round(self.net_cents * self.rate / 100)

    @property
    def gross_cents(self) -> int:
        return self.net_cents + self.tax_cents

    @property
    def due(self) -> date:
        return self.issued + timedelta(days=14)


def invoices(clients: list[Client], count: int, seed: int, prefix: str = "RE") -> list[Invoice]:
    rng = random.Random(seed)
    days = working_days()
    chosen = rng.choices(clients, weights=weights(len(clients)), k=count)
    issued = sorted(rng.choice(days) for _ in range(count))
    made = []
    for number, (client, day) in enumerate(zip(chosen, issued, strict=True), start=1):
        lines = tuple(
            (f"{rng.choice(common.TASKS)} {rng.choice(client.projects)}", rng.randint(1, 40),
             rng.choice((6500, 8500, 9500, 12000, 14500)))
            for _ in range(rng.randint(1, 4))
        )  # fmt: skip
        net = sum(quantity * price for _, quantity, price in lines)
        made.append(
            Invoice(
                number=f"{prefix}-{day.year}-{number:06d}",
                client=client,
                issued=day,
                net_cents=net,
                rate=rng.choice((19, 19, 19, 7)),
                credit=rng.random() < 0.04,
                lines=lines,
            )
        )
    return made


INVOICE_LIST = ["Rechnungsnummer", "Rechnungsdatum", "Fälligkeit", "Kundennummer", "Kunde",
                "Betrag netto", "Umsatzsteuer", "Betrag brutto", "Währung", "Status",
                "Bezahlt am", "Belegart"]  # fmt: skip


def write_invoice_list(path: Path, rows: int, clients: list[Client]) -> None:
    """An invoice list as lexoffice exports it: semicolons, UTF-8 with BOM, German numbers
    and dates, a status (drafts are skipped) and the document type (credit notes)."""
    rng = random.Random(21)
    with path.open("w", encoding="utf-8-sig", newline="") as stream:
        writer = csv.writer(stream, delimiter=";")
        writer.writerow(INVOICE_LIST)
        for invoice in invoices(clients, rows, 22):
            roll = rng.random()
            status = "Entwurf" if roll < 0.02 else "offen" if roll < 0.2 else "bezahlt"
            paid = invoice.issued + timedelta(days=rng.randint(3, 45))
            writer.writerow(
                [invoice.number, f"{invoice.issued:%d.%m.%Y}", f"{invoice.due:%d.%m.%Y}",
                 invoice.client.number, invoice.client.name,
                 de_number(invoice.net_cents / 100), de_number(invoice.tax_cents / 100),
                 de_number(invoice.gross_cents / 100), "EUR", status,
                 f"{paid:%d.%m.%Y}" if status == "bezahlt" else "",
                 "Gutschrift" if invoice.credit else "Rechnung"]
            )  # fmt: skip


def _xml(text: object) -> str:
    return str(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def cii_invoice(invoice: Invoice, with_due_date: bool) -> bytes:
    """A ZUGFeRD 2.3 / Factur-X EN 16931 invoice (CII), element by element as the FeRD
    example zugferd_2p3_EN16931_Einfach.xml has them."""
    client = invoice.client
    person = client.people[0]
    type_code = "381" if invoice.credit else "380"
    items = []
    for number, (name, quantity, price) in enumerate(invoice.lines, start=1):
        items.append(f"""
    <ram:IncludedSupplyChainTradeLineItem>
      <ram:AssociatedDocumentLineDocument><ram:LineID>{number}</ram:LineID></ram:AssociatedDocumentLineDocument>
      <ram:SpecifiedTradeProduct><ram:SellerAssignedID>L{number:03d}</ram:SellerAssignedID><ram:Name>{_xml(name)}</ram:Name></ram:SpecifiedTradeProduct>
      <ram:SpecifiedLineTradeAgreement>
        <ram:GrossPriceProductTradePrice><ram:ChargeAmount>{euros(price)}</ram:ChargeAmount></ram:GrossPriceProductTradePrice>
        <ram:NetPriceProductTradePrice><ram:ChargeAmount>{euros(price)}</ram:ChargeAmount></ram:NetPriceProductTradePrice>
      </ram:SpecifiedLineTradeAgreement>
      <ram:SpecifiedLineTradeDelivery><ram:BilledQuantity unitCode="HUR">{quantity}.0000</ram:BilledQuantity></ram:SpecifiedLineTradeDelivery>
      <ram:SpecifiedLineTradeSettlement>
        <ram:ApplicableTradeTax><ram:TypeCode>VAT</ram:TypeCode><ram:CategoryCode>S</ram:CategoryCode><ram:RateApplicablePercent>{invoice.rate}.00</ram:RateApplicablePercent></ram:ApplicableTradeTax>
        <ram:SpecifiedTradeSettlementLineMonetarySummation><ram:LineTotalAmount>{euros(quantity * price)}</ram:LineTotalAmount></ram:SpecifiedTradeSettlementLineMonetarySummation>
      </ram:SpecifiedLineTradeSettlement>
    </ram:IncludedSupplyChainTradeLineItem>""")  # noqa: E501
    due = (
        f'<ram:DueDateDateTime><udt:DateTimeString format="102">{invoice.due:%Y%m%d}'
        "</udt:DateTimeString></ram:DueDateDateTime>"
        if with_due_date
        else ""
    )
    net, tax, gross = (
        euros(c) for c in (invoice.net_cents, invoice.tax_cents, invoice.gross_cents)
    )
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<rsm:CrossIndustryInvoice xmlns:rsm="urn:un:unece:uncefact:data:standard:CrossIndustryInvoice:100" xmlns:qdt="urn:un:unece:uncefact:data:standard:QualifiedDataType:100" xmlns:ram="urn:un:unece:uncefact:data:standard:ReusableAggregateBusinessInformationEntity:100" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:udt="urn:un:unece:uncefact:data:standard:UnqualifiedDataType:100">
  <rsm:ExchangedDocumentContext>
    <ram:GuidelineSpecifiedDocumentContextParameter><ram:ID>urn:cen.eu:en16931:2017</ram:ID></ram:GuidelineSpecifiedDocumentContextParameter>
  </rsm:ExchangedDocumentContext>
  <rsm:ExchangedDocument>
    <ram:ID>{invoice.number}</ram:ID>
    <ram:TypeCode>{type_code}</ram:TypeCode>
    <ram:IssueDateTime><udt:DateTimeString format="102">{invoice.issued:%Y%m%d}</udt:DateTimeString></ram:IssueDateTime>
    <ram:IncludedNote><ram:Content>Leistungszeitraum {invoice.issued:%m/%Y}. Vielen Dank für Ihren Auftrag.</ram:Content></ram:IncludedNote>
    <ram:IncludedNote><ram:Content>{SELLER}, Leopoldstraße 12, 80802 München, Geschäftsführerin: {OWNER_NAME}, HRB 123456</ram:Content><ram:SubjectCode>REG</ram:SubjectCode></ram:IncludedNote>
  </rsm:ExchangedDocument>
  <rsm:SupplyChainTradeTransaction>{"".join(items)}
    <ram:ApplicableHeaderTradeAgreement>
      <ram:BuyerReference>{client.number}</ram:BuyerReference>
      <ram:SellerTradeParty>
        <ram:Name>{SELLER}</ram:Name>
        <ram:DefinedTradeContact><ram:PersonName>{OWNER_NAME}</ram:PersonName><ram:EmailURIUniversalCommunication><ram:URIID>{OWNER}</ram:URIID></ram:EmailURIUniversalCommunication></ram:DefinedTradeContact>
        <ram:PostalTradeAddress><ram:PostcodeCode>80802</ram:PostcodeCode><ram:LineOne>Leopoldstraße 12</ram:LineOne><ram:CityName>München</ram:CityName><ram:CountryID>DE</ram:CountryID></ram:PostalTradeAddress>
        <ram:URIUniversalCommunication><ram:URIID schemeID="EM">{OWNER}</ram:URIID></ram:URIUniversalCommunication>
        <ram:SpecifiedTaxRegistration><ram:ID schemeID="VA">DE123456789</ram:ID></ram:SpecifiedTaxRegistration>
      </ram:SellerTradeParty>
      <ram:BuyerTradeParty>
        <ram:ID>{client.number}</ram:ID>
        <ram:Name>{_xml(client.name)}</ram:Name>
        <ram:DefinedTradeContact><ram:PersonName>{_xml(" ".join(person))}</ram:PersonName><ram:EmailURIUniversalCommunication><ram:URIID>{client.address(person)}</ram:URIID></ram:EmailURIUniversalCommunication></ram:DefinedTradeContact>
        <ram:PostalTradeAddress><ram:PostcodeCode>10115</ram:PostcodeCode><ram:LineOne>Hauptstraße 1</ram:LineOne><ram:CityName>Berlin</ram:CityName><ram:CountryID>DE</ram:CountryID></ram:PostalTradeAddress>
        <ram:URIUniversalCommunication><ram:URIID schemeID="EM">{client.email}</ram:URIID></ram:URIUniversalCommunication>
      </ram:BuyerTradeParty>
    </ram:ApplicableHeaderTradeAgreement>
    <ram:ApplicableHeaderTradeDelivery>
      <ram:ActualDeliverySupplyChainEvent><ram:OccurrenceDateTime><udt:DateTimeString format="102">{invoice.issued:%Y%m%d}</udt:DateTimeString></ram:OccurrenceDateTime></ram:ActualDeliverySupplyChainEvent>
    </ram:ApplicableHeaderTradeDelivery>
    <ram:ApplicableHeaderTradeSettlement>
      <ram:PaymentReference>{invoice.number}</ram:PaymentReference>
      <ram:InvoiceCurrencyCode>EUR</ram:InvoiceCurrencyCode>
      <ram:SpecifiedTradeSettlementPaymentMeans><ram:TypeCode>58</ram:TypeCode><ram:PayeePartyCreditorFinancialAccount><ram:IBANID>{SELLER_IBAN}</ram:IBANID></ram:PayeePartyCreditorFinancialAccount></ram:SpecifiedTradeSettlementPaymentMeans>
      <ram:ApplicableTradeTax><ram:CalculatedAmount>{tax}</ram:CalculatedAmount><ram:TypeCode>VAT</ram:TypeCode><ram:BasisAmount>{net}</ram:BasisAmount><ram:CategoryCode>S</ram:CategoryCode><ram:RateApplicablePercent>{invoice.rate}.00</ram:RateApplicablePercent></ram:ApplicableTradeTax>
      <ram:SpecifiedTradePaymentTerms><ram:Description>Zahlbar innerhalb 14 Tagen ohne Abzug.</ram:Description>{due}</ram:SpecifiedTradePaymentTerms>
      <ram:SpecifiedTradeSettlementHeaderMonetarySummation>
        <ram:LineTotalAmount>{net}</ram:LineTotalAmount>
        <ram:ChargeTotalAmount>0.00</ram:ChargeTotalAmount>
        <ram:AllowanceTotalAmount>0.00</ram:AllowanceTotalAmount>
        <ram:TaxBasisTotalAmount>{net}</ram:TaxBasisTotalAmount>
        <ram:TaxTotalAmount currencyID="EUR">{tax}</ram:TaxTotalAmount>
        <ram:GrandTotalAmount>{gross}</ram:GrandTotalAmount>
        <ram:DuePayableAmount>{gross}</ram:DuePayableAmount>
      </ram:SpecifiedTradeSettlementHeaderMonetarySummation>
    </ram:ApplicableHeaderTradeSettlement>
  </rsm:SupplyChainTradeTransaction>
</rsm:CrossIndustryInvoice>
""".encode()  # noqa: E501


def ubl_invoice(invoice: Invoice) -> bytes:
    """An XRechnung 3.0 UBL invoice, as the KoSIT test case 01.01a-INVOICE_ubl.xml has it."""
    client = invoice.client
    person = client.people[0]
    net, tax, gross = (
        euros(c) for c in (invoice.net_cents, invoice.tax_cents, invoice.gross_cents)
    )
    lines = "".join(
        f"""
    <cac:InvoiceLine>
        <cbc:ID>{number}</cbc:ID>
        <cbc:InvoicedQuantity unitCode="HUR">{quantity}</cbc:InvoicedQuantity>
        <cbc:LineExtensionAmount currencyID="EUR">{euros(quantity * price)}</cbc:LineExtensionAmount>
        <cac:Item>
            <cbc:Name>{_xml(name)}</cbc:Name>
            <cac:ClassifiedTaxCategory><cbc:ID>S</cbc:ID><cbc:Percent>{invoice.rate}</cbc:Percent><cac:TaxScheme><cbc:ID>VAT</cbc:ID></cac:TaxScheme></cac:ClassifiedTaxCategory>
        </cac:Item>
        <cac:Price><cbc:PriceAmount currencyID="EUR">{euros(price)}</cbc:PriceAmount></cac:Price>
    </cac:InvoiceLine>"""  # noqa: E501
        for number, (name, quantity, price) in enumerate(invoice.lines, start=1)
    )
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<ubl:Invoice xmlns:ubl="urn:oasis:names:specification:ubl:schema:xsd:Invoice-2"
             xmlns:cac="urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2"
             xmlns:cbc="urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2">
    <cbc:CustomizationID>urn:cen.eu:en16931:2017#compliant#urn:xeinkauf.de:kosit:xrechnung_3.0</cbc:CustomizationID>
    <cbc:ProfileID>urn:fdc:peppol.eu:2017:poacc:billing:01:1.0</cbc:ProfileID>
    <cbc:ID>{invoice.number}</cbc:ID>
    <cbc:IssueDate>{invoice.issued:%Y-%m-%d}</cbc:IssueDate>
    <cbc:DueDate>{invoice.due:%Y-%m-%d}</cbc:DueDate>
    <cbc:InvoiceTypeCode>380</cbc:InvoiceTypeCode>
    <cbc:Note>Leistungszeitraum {invoice.issued:%m/%Y}.</cbc:Note>
    <cbc:DocumentCurrencyCode>EUR</cbc:DocumentCurrencyCode>
    <cbc:BuyerReference>{client.number}</cbc:BuyerReference>
    <cac:AccountingSupplierParty>
        <cac:Party>
            <cbc:EndpointID schemeID="EM">{OWNER}</cbc:EndpointID>
            <cac:PartyName><cbc:Name>{SELLER}</cbc:Name></cac:PartyName>
            <cac:PostalAddress><cbc:StreetName>Leopoldstraße 12</cbc:StreetName><cbc:CityName>München</cbc:CityName><cbc:PostalZone>80802</cbc:PostalZone><cac:Country><cbc:IdentificationCode>DE</cbc:IdentificationCode></cac:Country></cac:PostalAddress>
            <cac:PartyTaxScheme><cbc:CompanyID>DE123456789</cbc:CompanyID><cac:TaxScheme><cbc:ID>VAT</cbc:ID></cac:TaxScheme></cac:PartyTaxScheme>
            <cac:PartyLegalEntity><cbc:RegistrationName>{SELLER}</cbc:RegistrationName><cbc:CompanyID>HRB 123456</cbc:CompanyID></cac:PartyLegalEntity>
            <cac:Contact><cbc:Name>{OWNER_NAME}</cbc:Name><cbc:Telephone>+49 89 1234567</cbc:Telephone><cbc:ElectronicMail>{OWNER}</cbc:ElectronicMail></cac:Contact>
        </cac:Party>
    </cac:AccountingSupplierParty>
    <cac:AccountingCustomerParty>
        <cac:Party>
            <cbc:EndpointID schemeID="EM">{client.email}</cbc:EndpointID>
            <cac:PartyIdentification><cbc:ID>{client.number}</cbc:ID></cac:PartyIdentification>
            <cac:PostalAddress><cbc:StreetName>Hauptstraße 1</cbc:StreetName><cbc:CityName>Berlin</cbc:CityName><cbc:PostalZone>10115</cbc:PostalZone><cac:Country><cbc:IdentificationCode>DE</cbc:IdentificationCode></cac:Country></cac:PostalAddress>
            <cac:PartyLegalEntity><cbc:RegistrationName>{_xml(client.name)}</cbc:RegistrationName></cac:PartyLegalEntity>
            <cac:Contact><cbc:Name>{_xml(" ".join(person))}</cbc:Name><cbc:ElectronicMail>{client.address(person)}</cbc:ElectronicMail></cac:Contact>
        </cac:Party>
    </cac:AccountingCustomerParty>
    <cac:PaymentMeans>
        <cbc:PaymentMeansCode>58</cbc:PaymentMeansCode>
        <cbc:PaymentID>{invoice.number}</cbc:PaymentID>
        <cac:PayeeFinancialAccount><cbc:ID>{SELLER_IBAN}</cbc:ID></cac:PayeeFinancialAccount>
    </cac:PaymentMeans>
    <cac:PaymentTerms><cbc:Note>Zahlbar innerhalb 14 Tagen ohne Abzug.</cbc:Note></cac:PaymentTerms>
    <cac:TaxTotal>
        <cbc:TaxAmount currencyID="EUR">{tax}</cbc:TaxAmount>
        <cac:TaxSubtotal>
            <cbc:TaxableAmount currencyID="EUR">{net}</cbc:TaxableAmount>
            <cbc:TaxAmount currencyID="EUR">{tax}</cbc:TaxAmount>
            <cac:TaxCategory><cbc:ID>S</cbc:ID><cbc:Percent>{invoice.rate}</cbc:Percent><cac:TaxScheme><cbc:ID>VAT</cbc:ID></cac:TaxScheme></cac:TaxCategory>
        </cac:TaxSubtotal>
    </cac:TaxTotal>
    <cac:LegalMonetaryTotal>
        <cbc:LineExtensionAmount currencyID="EUR">{net}</cbc:LineExtensionAmount>
        <cbc:TaxExclusiveAmount currencyID="EUR">{net}</cbc:TaxExclusiveAmount>
        <cbc:TaxInclusiveAmount currencyID="EUR">{gross}</cbc:TaxInclusiveAmount>
        <cbc:PayableAmount currencyID="EUR">{gross}</cbc:PayableAmount>
    </cac:LegalMonetaryTotal>{lines}
</ubl:Invoice>
""".encode()  # noqa: E501


def write_cii_folder(folder: Path, count: int, clients: list[Client]) -> None:
    folder.mkdir(parents=True)
    for number, invoice in enumerate(invoices(clients, count, 31, "ZF"), start=1):
        name = f"{invoice.number}.xml"
        (folder / name).write_bytes(cii_invoice(invoice, with_due_date=number % 3 != 0))


def write_ubl_folder(folder: Path, count: int, clients: list[Client]) -> None:
    folder.mkdir(parents=True)
    for invoice in invoices(clients, count, 32, "XR"):
        (folder / f"{invoice.number}.xml").write_bytes(ubl_invoice(invoice))


def write_pdf_folder(folder: Path, count: int, clients: list[Client]) -> None:
    """Factur-X PDFs: the visible page of the Factur-X sample (fonts and all, when the
    samples are there; a blank A4 page otherwise) with a generated CII invoice attached as
    factur-x.xml."""
    from pypdf import PdfReader, PdfWriter

    page = PdfWriter()
    if FACTURX_SAMPLE.exists():
        page.add_page(PdfReader(FACTURX_SAMPLE).pages[0])
    else:
        page.add_blank_page(595, 842)
    buffer = io.BytesIO()
    page.write(buffer)
    base = buffer.getvalue()
    folder.mkdir(parents=True)
    for invoice in invoices(clients, count, 33, "FX"):
        writer = PdfWriter(clone_from=io.BytesIO(base))
        writer.add_metadata({"/Title": f"{SELLER}: Rechnung {invoice.number}"})
        writer.add_attachment("factur-x.xml", cii_invoice(invoice, with_due_date=True))
        with (folder / f"{invoice.number}.pdf").open("wb") as stream:
            writer.write(stream)


# --- bank statements -----------------------------------------------------------------------


@dataclass(frozen=True)
class Booking:
    day: date
    cents: int  # positive: money received
    party: str
    iban: str
    text: str
    end_to_end: str  # "NOTPROVIDED" when the payer gave none
    bank_reference: str


def iban(rng: random.Random) -> str:
    return f"DE{rng.randint(10, 99)}{rng.randint(10**17, 10**18 - 1)}"


def bookings(clients: list[Client], count: int, seed: int) -> tuple[list[Booking], list[Invoice]]:
    """A year and more of a business account: about 60 % money received (most of it paying
    an invoice, which then is among the invoices returned: 70 % naming the invoice number,
    the others only by amount and payer), the rest rent, taxes, suppliers."""
    rng = random.Random(seed)
    days = working_days(date(2024, 1, 2), LAST)
    chosen_days = sorted(rng.choice(days) for _ in range(count))
    paid: list[Invoice] = []
    made = []
    for number, day in enumerate(chosen_days, start=1):
        roll = rng.random()
        reference = f"{day:%y%m%d}{number:010d}"
        if roll < 0.54:
            client = rng.choices(clients, weights=weights(len(clients)))[0]
            net = rng.randint(8, 400) * 2500
            invoice = Invoice(
                f"RE-{day.year}-{len(paid) + 1:06d}", client, day - timedelta(rng.randint(5, 40)),
                net, 19,
            )  # fmt: skip
            paid.append(invoice)
            payer = client.name.upper().replace("Ä", "AE").replace("Ö", "OE").replace("Ü", "UE")
            if roll < 0.38:
                text = rng.choice(
                    (f"{invoice.number} Kd-Nr. {client.number}", f"Rechnung {invoice.number}",
                     f"RG {invoice.number.replace('-', ' ')} vom {invoice.issued:%d.%m.%Y}")
                )  # fmt: skip
                end_to_end = invoice.number if rng.random() < 0.3 else "NOTPROVIDED"
            else:
                text = rng.choice(("Rechnung vom " + f"{invoice.issued:%d.%m.%Y}", "Danke",
                                   f"Kd-Nr. {client.number}"))  # fmt: skip
                end_to_end = "NOTPROVIDED"
            made.append(Booking(day, invoice.gross_cents, payer, iban(rng), text, end_to_end,
                                reference))  # fmt: skip
        elif roll < 0.6:
            person = f"{rng.choice(GIVEN)} {rng.choice(FAMILY)}"
            made.append(Booking(day, rng.randint(500, 50_000), person, iban(rng),
                                "Erstattung Auslagen", "NOTPROVIDED", reference))  # fmt: skip
        else:
            supplier, purpose = rng.choice(SUPPLIERS)
            text = purpose.format(m=f"{day:%m/%Y}", n=rng.randint(10**6, 10**7))
            made.append(Booking(day, -rng.randint(1_000, 500_000), supplier, iban(rng), text,
                                f"E2E{reference}", reference))  # fmt: skip
    # Invoices still open at the end of the statement: customers pay later.
    rng_open = random.Random(seed + 1)
    for extra in range(len(paid) // 5):
        client = rng_open.choices(clients, weights=weights(len(clients)))[0]
        paid.append(Invoice(f"RE-2025-{900_000 + extra:06d}", client, LAST - timedelta(10),
                            rng_open.randint(8, 400) * 2500, 19))  # fmt: skip
    return made, paid


def by_day(items: list[Booking]) -> Iterator[tuple[date, list[Booking]]]:
    day_items: dict[date, list[Booking]] = {}
    for item in items:
        day_items.setdefault(item.day, []).append(item)
    yield from day_items.items()


def write_camt(path: Path, count: int, clients: list[Client]) -> None:
    """camt.053.001.08: one statement (Stmt) per booking day, as German banks deliver
    them, entries with their transaction details as in the genkgo v8 sample."""
    items, _ = bookings(clients, count, 41)
    account = "DE02120300000000202051"
    balance = 2_500_000
    with path.open("w", encoding="utf-8") as out:
        out.write(
            '<?xml version="1.0" encoding="UTF-8"?>\n<Document xmlns="urn:iso:std:iso:20022:tech'
            ':xsd:camt.053.001.08" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">\n'
            "<BkToCstmrStmt>\n<GrpHdr><MsgId>CAMT053-BENCH-0001</MsgId>"
            "<CreDtTm>2025-11-01T06:00:00+01:00</CreDtTm></GrpHdr>\n"
        )
        for number, (day, day_items) in enumerate(by_day(items), start=1):
            closing = balance + sum(b.cents for b in day_items)
            out.write(
                f"<Stmt><Id>{day:%Y%m%d}-{number}</Id><ElctrncSeqNb>{number}</ElctrncSeqNb>"
                f"<CreDtTm>{day:%Y-%m-%d}T22:00:00+01:00</CreDtTm>"
                f"<FrToDt><FrDtTm>{day:%Y-%m-%d}T00:00:00+01:00</FrDtTm>"
                f"<ToDtTm>{day:%Y-%m-%d}T23:59:59+01:00</ToDtTm></FrToDt>"
                f"<Acct><Id><IBAN>{account}</IBAN></Id><Ccy>EUR</Ccy><Ownr><Nm>{SELLER}</Nm>"
                "</Ownr><Svcr><FinInstnId><BICFI>BYLADEM1001</BICFI></FinInstnId></Svcr></Acct>\n"
                + _balance("PRCD", balance, day)
                + _balance("CLBD", closing, day)
            )
            for item in day_items:
                out.write(_entry(item, account))
            out.write("</Stmt>\n")
            balance = closing
        out.write("</BkToCstmrStmt>\n</Document>\n")


def _balance(code: str, cents: int, day: date) -> str:
    side = "CRDT" if cents >= 0 else "DBIT"
    return (
        f"<Bal><Tp><CdOrPrtry><Cd>{code}</Cd></CdOrPrtry></Tp>"
        f'<Amt Ccy="EUR">{euros(abs(cents))}</Amt><CdtDbtInd>{side}</CdtDbtInd>'
        f"<Dt><Dt>{day:%Y-%m-%d}</Dt></Dt></Bal>\n"
    )


def _entry(item: Booking, account: str) -> str:
    credit = item.cents > 0
    side = "CRDT" if credit else "DBIT"
    amount = euros(abs(item.cents))
    party = f"<Pty><Nm>{_xml(item.party)}</Nm></Pty>"
    ours = f"<Pty><Nm>{SELLER}</Nm></Pty>"
    debtor, creditor = (party, ours) if credit else (ours, party)
    debtor_iban, creditor_iban = (item.iban, account) if credit else (account, item.iban)
    family = ("RCDT", "ESCT", "166") if credit else ("ICDT", "ESCT", "116")
    return (
        f'<Ntry><Amt Ccy="EUR">{amount}</Amt><CdtDbtInd>{side}</CdtDbtInd>'
        f"<Sts><Cd>BOOK</Cd></Sts><BookgDt><Dt>{item.day:%Y-%m-%d}</Dt></BookgDt>"
        f"<ValDt><Dt>{item.day:%Y-%m-%d}</Dt></ValDt>"
        f"<AcctSvcrRef>{item.bank_reference}</AcctSvcrRef>"
        f"<BkTxCd><Domn><Cd>PMNT</Cd><Fmly><Cd>{family[0]}</Cd><SubFmlyCd>{family[1]}"
        f"</SubFmlyCd></Fmly></Domn><Prtry><Cd>NTRF+{family[2]}+9310</Cd><Issr>DK</Issr>"
        "</Prtry></BkTxCd>\n"
        f"<NtryDtls><TxDtls><Refs><AcctSvcrRef>{item.bank_reference}</AcctSvcrRef>"
        f"<EndToEndId>{_xml(item.end_to_end)}</EndToEndId></Refs>"
        f'<Amt Ccy="EUR">{amount}</Amt><CdtDbtInd>{side}</CdtDbtInd>'
        f"<RltdPties><Dbtr>{debtor}</Dbtr><DbtrAcct><Id><IBAN>{debtor_iban}</IBAN></Id>"
        f"</DbtrAcct><Cdtr>{creditor}</Cdtr><CdtrAcct><Id><IBAN>{creditor_iban}</IBAN></Id>"
        f"</CdtrAcct></RltdPties><RmtInf><Ustrd>{_xml(item.text)}</Ustrd></RmtInf>"
        "</TxDtls></NtryDtls></Ntry>\n"
    )


def _mt_amount(cents: int) -> str:
    return f"{abs(cents) // 100},{abs(cents) % 100:02d}"


def _mt_fields(text: str, first: int, last: int, width: int = 27) -> str:
    """`text` over the sub-fields ?first … ?last of :86:, `width` characters each."""
    parts = [text[i : i + width] for i in range(0, len(text), width)][: last - first + 1]
    return "".join(f"?{first + n:02d}{part}" for n, part in enumerate(parts)) if text else ""


def _wrap(text: str, width: int = 65) -> str:
    return "\n".join(text[i : i + width] for i in range(0, len(text), width))


def write_mt940(path: Path, count: int, clients: list[Client]) -> None:
    """MT940 as German banks send it (the betterplace sample): one statement per booking
    day, :86: structured with ?00 booking text, ?20-?29 the SEPA purpose (EREF+, SVWZ+),
    ?30/?31 the payer's BIC and IBAN, ?32/?33 the payer's name; lines of 65 characters."""
    items, _ = bookings(clients, count, 41)  # the same bookings as the CAMT file
    balance = 2_500_000
    blocks = []
    for number, (day, day_items) in enumerate(by_day(items), start=1):
        closing = balance + sum(b.cents for b in day_items)
        side = "C" if balance >= 0 else "D"
        lines = [
            f":20:STARTUMS{number:05d}",
            ":25:12030000/0000202051",
            f":28C:{number:05d}/001",
            f":60F:{side}{day:%y%m%d}EUR{_mt_amount(balance)}",
        ]
        for item in day_items:
            mark = "CR" if item.cents > 0 else "DR"
            code = "166" if item.cents > 0 else "116"
            name = item.party[:54]
            details = (
                f"{code}?00{'GUTSCHR. UEBERWEISUNG' if item.cents > 0 else 'SEPA-UEBERWEISUNG'}"
                f"?100931{_mt_fields(f'EREF+{item.end_to_end}SVWZ+{item.text}', 20, 29)}"
                f"?30BYLADEM1001?31{item.iban}{_mt_fields(name, 32, 33)}"
            )
            lines.append(
                f":61:{day:%y%m%d}{day:%m%d}{mark}{_mt_amount(item.cents)}NTRFNONREF"
                f"//{item.bank_reference}"
            )
            lines.append(":86:" + _wrap(details))
        closing_side = "C" if closing >= 0 else "D"
        lines.append(f":62F:{closing_side}{day:%y%m%d}EUR{_mt_amount(closing)}")
        blocks.append("\n".join(lines) + "\n-")
        balance = closing
    path.write_text("\n".join(blocks) + "\n", encoding="latin-1", errors="replace")


def write_seed(folder: Path, clients: list[Client], open_invoices: list[Invoice]) -> None:
    """The portfolio folder imported before the clock starts: the customers (and, for the
    bank statements, the open invoices their payments pay)."""
    folder.mkdir(parents=True)
    with (folder / "customers.csv").open("w", encoding="utf-8", newline="") as stream:
        writer = csv.writer(stream)
        writer.writerow(["id", "name", "status", "email"])
        for client in clients:
            writer.writerow([client.number, client.name, "active", client.email])
    if open_invoices:
        with (folder / "invoices.csv").open("w", encoding="utf-8", newline="") as stream:
            writer = csv.writer(stream)
            writer.writerow(["number", "customer_id", "issue_date", "due_date", "net",
                             "currency", "paid_date"])  # fmt: skip
            for invoice in open_invoices:
                writer.writerow([invoice.number, invoice.client.number, invoice.issued,
                                 invoice.due, euros(invoice.net_cents), "EUR", ""])  # fmt: skip


# --- contacts, calendar, mail ----------------------------------------------------------------


def _fold(line: str) -> str:
    """RFC 5545/6350 folding: lines of at most 75 octets, continued after CRLF + space."""
    data = line.encode()
    if len(data) <= 75:
        return line
    parts, start = [], 0
    limit = 75
    while start < len(data):
        end = min(start + limit, len(data))
        while end < len(data) and (data[end] & 0xC0) == 0x80:  # not inside a character
            end -= 1
        parts.append(data[start:end].decode())
        start, limit = end, 74
    return "\r\n ".join(parts)


def _qp(text: str, charset: str) -> str:
    """Quoted-printable, as Outlook writes vCard 2.1 values."""
    return "".join(
        f"={byte:02X}" if byte > 126 or chr(byte) in "=;" else chr(byte)
        for byte in text.encode(charset)
    )


def write_vcards(path: Path, count: int, clients: list[Client]) -> None:
    """One address book: cards as Gmail (3.0), iPhone (3.0), Outlook (2.1, quoted-printable
    in Windows-1252) and vCard 4.0 write them; one card in ten a private contact with a
    freemail address and no company (skipped: contacts never create customers)."""
    rng = random.Random(51)
    cards = []
    for number in range(count):
        client = rng.choices(clients, weights=weights(len(clients)))[0]
        person = (rng.choice(GIVEN), rng.choice(FAMILY))
        given, family = person
        full = f"{given} {family}"
        title = rng.choice(TITLES)
        phone = f"+49 {rng.randint(30, 99)} {rng.randint(100000, 9999999)}"
        style = number % 4
        private = rng.random() < 0.1
        mail = (
            f"{_slug(given)}.{_slug(family)}{rng.randint(1, 99)}@{rng.choice(FREEMAIL)}"
            if private
            else client.address(person)
        )
        org = None if private else (client.name if rng.random() < 0.6 else client.short)
        birthday = date(rng.randint(1955, 2000), rng.randint(1, 12), rng.randint(1, 28))
        if style == 0:  # Gmail
            lines = ["BEGIN:VCARD", "VERSION:3.0", f"FN:{full}", f"N:{family};{given};;;",
                     f"EMAIL;TYPE=INTERNET;TYPE=WORK:{mail}", f"TEL;TYPE=CELL:{phone}"]  # fmt: skip
            lines += [f"ORG:{org}", f"TITLE:{title}"] if org else []
            lines += [f"BDAY:{birthday}"] if rng.random() < 0.3 else []
            lines += ["NOTE:Kennengelernt auf der Messe\\, bitte im Herbst melden.", "END:VCARD"]
        elif style == 1:  # iPhone / macOS
            lines = ["BEGIN:VCARD", "VERSION:3.0", "PRODID:-//Apple Inc.//iPhone OS 17.4//EN",
                     f"N:{family};{given};;;", f"FN:{full}"]  # fmt: skip
            lines += [f"ORG:{org};Vertrieb", f"TITLE:{title}"] if org else []
            lines += [f"item1.EMAIL;type=INTERNET;type=pref:{mail}",
                      f"TEL;type=WORK;type=VOICE;type=pref:{phone}",
                      "item2.ADR;type=WORK;type=pref:;;Hauptstraße 1;Berlin;;10115;Deutschland",
                      "item2.X-ABADR:de"]  # fmt: skip
            lines += [f"BDAY;value=date:{birthday}"] if rng.random() < 0.3 else []
            lines += ["END:VCARD"]
        elif style == 2:  # Outlook, vCard 2.1
            text = full + (org or "") + title
            charset = (
                "cp1252" if text.encode("cp1252", "ignore").decode("cp1252") == text else "utf-8"
            )
            label = "Windows-1252" if charset == "cp1252" else "UTF-8"
            qp = f"ENCODING=QUOTED-PRINTABLE;CHARSET={label}"
            name = f"{_qp(family, charset)};{_qp(given, charset)}"
            lines = ["BEGIN:VCARD", "VERSION:2.1", f"N;LANGUAGE=de;{qp}:{name}",
                     f"FN;{qp}:{_qp(full, charset)}"]  # fmt: skip
            if org:
                lines += [f"ORG;{qp}:{_qp(org, charset)}", f"TITLE;{qp}:{_qp(title, charset)}"]
            revised = f"REV:20240{rng.randint(1, 9)}1{rng.randint(0, 9)}T101500Z"
            lines += [f"TEL;WORK;VOICE:{phone}", f"EMAIL;PREF;INTERNET:{mail}", revised,
                      "END:VCARD"]  # fmt: skip
        else:  # vCard 4.0
            lines = ["BEGIN:VCARD", "VERSION:4.0", f"FN:{full}", f"N:{family};{given};;;",
                     f"EMAIL;TYPE=work:{mail}", f'TEL;VALUE=uri;TYPE="voice,work":tel:{phone.replace(" ", "-")}']  # fmt: skip  # noqa: E501
            lines += [f"ORG:{org}", f"TITLE:{title}"] if org else []
            lines += [f"BDAY:--{birthday:%m%d}"] if rng.random() < 0.1 else []
            lines += ["END:VCARD"]
        cards.append("\r\n".join(_fold(line) for line in lines))
    path.write_bytes(("\r\n".join(cards) + "\r\n").encode())


VTIMEZONE = """BEGIN:VTIMEZONE
TZID:Europe/Berlin
X-LIC-LOCATION:Europe/Berlin
BEGIN:DAYLIGHT
TZOFFSETFROM:+0100
TZOFFSETTO:+0200
TZNAME:CEST
DTSTART:19700329T020000
RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU
END:DAYLIGHT
BEGIN:STANDARD
TZOFFSETFROM:+0200
TZOFFSETTO:+0100
TZNAME:CET
DTSTART:19701025T030000
RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU
END:STANDARD
END:VTIMEZONE"""


def write_ics(path: Path, count: int, clients: list[Client]) -> None:
    """A Google Calendar export: the owner's calendar with meetings in local time
    (TZID=Europe/Berlin), the owner organising or attending each one with people of a
    customer; a few recurring meetings (weekly, six times), all-day events and cancelled
    ones (both skipped), all in the past."""
    rng = random.Random(61)
    days = working_days()
    stamp = "20251101T080000Z"
    out = ["BEGIN:VCALENDAR", "PRODID:-//Google Inc//Google Calendar 70.9054//EN",
           "VERSION:2.0", "CALSCALE:GREGORIAN", "METHOD:PUBLISH", f"X-WR-CALNAME:{OWNER}",
           "X-WR-TIMEZONE:Europe/Berlin", *VTIMEZONE.splitlines()]  # fmt: skip
    for _ in range(count):
        client = rng.choices(clients, weights=weights(len(clients)))[0]
        day = rng.choice(days)
        start = datetime.combine(day, clock(rng.randint(8, 17), rng.choice((0, 15, 30, 45))))
        end = start + timedelta(minutes=rng.choice((15, 30, 45, 60, 90, 120)))
        people = rng.sample(client.people, k=rng.randint(1, len(client.people)))
        summary = rng.choice(MEETINGS).format(p=rng.choice(client.projects))
        roll = rng.random()
        event = ["BEGIN:VEVENT"]
        if roll < 0.02:  # all day
            event += [f"DTSTART;VALUE=DATE:{day:%Y%m%d}",
                      f"DTEND;VALUE=DATE:{day + timedelta(1):%Y%m%d}"]  # fmt: skip
        else:
            event += [f"DTSTART;TZID=Europe/Berlin:{start:%Y%m%dT%H%M%S}",
                      f"DTEND;TZID=Europe/Berlin:{end:%Y%m%dT%H%M%S}"]  # fmt: skip
        if 0.02 <= roll < 0.05:
            event.append("RRULE:FREQ=WEEKLY;COUNT=6")
        organiser = (OWNER_NAME, OWNER) if rng.random() < 0.6 else (
            " ".join(people[0]), client.address(people[0])
        )  # fmt: skip
        event += [
            f"DTSTAMP:{stamp}",
            f"ORGANIZER;CN={organiser[0]}:mailto:{organiser[1]}",
            f"UID:{uuid.UUID(int=rng.getrandbits(128), version=4).hex}@google.com",
            f"ATTENDEE;CUTYPE=INDIVIDUAL;ROLE=REQ-PARTICIPANT;PARTSTAT=ACCEPTED;CN={OWNER_NAME};"
            f"X-NUM-GUESTS=0:mailto:{OWNER}",
        ]
        for person in people:
            event.append(
                "ATTENDEE;CUTYPE=INDIVIDUAL;ROLE=REQ-PARTICIPANT;PARTSTAT=ACCEPTED;"
                f"CN={' '.join(person)};X-NUM-GUESTS=0:mailto:{client.address(person)}"
            )
        event += [
            f"CREATED:{day - timedelta(7):%Y%m%d}T090000Z",
            f"DESCRIPTION:Agenda: {summary}\\nBitte Unterlagen vorab senden.",
            f"LAST-MODIFIED:{day - timedelta(2):%Y%m%d}T090000Z",
            f"LOCATION:{rng.choice(('Google Meet', 'Büro München', client.short))}",
            "SEQUENCE:0",
            f"STATUS:{'CANCELLED' if 0.05 <= roll < 0.06 else 'CONFIRMED'}",
            f"SUMMARY:{summary}",
            "TRANSP:OPAQUE",
            "END:VEVENT",
        ]
        out += event
    out.append("END:VCALENDAR")
    path.write_bytes(("\r\n".join(_fold(line) for line in out) + "\r\n").encode())


def messages(clients: list[Client], count: int, seed: int) -> Iterator[EmailMessage]:
    """The owner's mailbox: mail from and to people of customers (a third sent by the
    owner), with replies quoted; a few newsletters and auto-replies (skipped) and mail
    from private freemail addresses (matching no customer, so skipped too)."""
    rng = random.Random(seed)
    days = working_days()
    for number in range(count):
        client = rng.choices(clients, weights=weights(len(clients)))[0]
        person = rng.choice(client.people)
        them = f"{' '.join(person)} <{client.address(person)}>"
        me = f"{OWNER_NAME} <{OWNER}>"
        sent = datetime.combine(rng.choice(days), clock(rng.randint(7, 19), rng.randint(0, 59)))
        project = rng.choice(client.projects)
        subject = rng.choice(SUBJECTS).format(
            p=project, n=f"RE-2025-{rng.randint(1, 9999):06d}", d=f"{sent:%d.%m.%Y}"
        )
        message = EmailMessage()
        roll = rng.random()
        outgoing = roll < 0.33
        sender, recipient = (me, them) if outgoing else (them, me)
        if 0.94 <= roll < 0.97:
            sender, subject = "Shop Newsletter <newsletter@news.example-shop.de>", "Angebote"
            message["List-Unsubscribe"] = "<mailto:unsubscribe@news.example-shop.de>"
            message["Precedence"] = "bulk"
        elif roll >= 0.97:
            private = f"{rng.choice(GIVEN)}.{rng.choice(FAMILY)}@{rng.choice(FREEMAIL)}"
            sender = _slug(private.split("@")[0]).replace("-", ".") + "@" + private.split("@")[1]
        elif 0.9 <= roll < 0.91:
            message["Auto-Submitted"] = "auto-replied"
            subject = f"Abwesenheitsnotiz: {subject}"
        message["Delivered-To"] = OWNER
        message["Received"] = (
            f"from mail.{client.domain} (mail.{client.domain} [192.0.2.{number % 250 + 1}]) by "
            f"mx.berger-beratung.de with ESMTPS; {format_datetime(sent.replace(tzinfo=ZONE))}"
        )
        message["Date"] = format_datetime(sent.replace(tzinfo=ZONE))
        message["From"] = sender
        message["To"] = recipient
        if rng.random() < 0.2 and len(client.people) > 1:
            other = client.people[-1]
            message["Cc"] = f"{' '.join(other)} <{client.address(other)}>"
        message["Subject"] = subject
        message["Message-ID"] = make_msgid(idstring=f"{number}", domain=client.domain)
        salutation = f"Hallo {person[0]}," if outgoing else f"Hallo {OWNER_NAME.split()[0]},"
        signature = sender.split("<")[0].strip()
        body = [salutation, "", *rng.sample(LINES, k=rng.randint(1, 4)), "",
                "Viele Grüße", signature, "", "> " + rng.choice(LINES)]  # fmt: skip
        message.set_content("\n".join(body) + "\n")
        yield message


def write_mbox(path: Path, count: int, clients: list[Client]) -> None:
    """An mbox as Thunderbird keeps it: "From " lines, ">From " in bodies escaped."""
    with path.open("wb") as out:
        for message in messages(clients, count, 71):
            data = message.as_bytes()
            data = re.sub(rb"(?m)^(>*From )", rb">\1", data)
            moment = datetime.strptime(message["Date"], "%a, %d %b %Y %H:%M:%S %z")
            envelope = re.search(r"<([^>]+)>", str(message["From"]))
            address = envelope.group(1) if envelope else str(message["From"])
            out.write(f"From {address} {moment:%a %b %d %H:%M:%S %Y}\n".encode())
            out.write(data.rstrip(b"\n") + b"\n\n")


def write_eml_folder(folder: Path, count: int, clients: list[Client]) -> None:
    folder.mkdir(parents=True)
    for number, message in enumerate(messages(clients, count, 72), start=1):
        (folder / f"{number:05d}.eml").write_bytes(message.as_bytes())


# --- the formats -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Format:
    key: str  # for --only and the file names
    label: str
    rows: int  # at scale 1
    unit: str  # what a row is
    file: str  # the file or folder name, {n} the rows
    write: Callable[[Path, int, list[Client]], None]
    table: str  # where the records go
    seed: str = "customers"  # or "invoices": the open invoices of the bank statements
    files: bool = False  # a folder of one-record files: report files per second too


FORMATS = (
    Format("toggl", "Toggl Track detailed CSV", 100_000, "rows", "toggl_{n}.csv",
           write_toggl, "activity_timeentry"),
    Format("clockify", "Clockify detailed CSV (German headers and dates)", 100_000, "rows",
           "clockify_de_{n}.csv", write_clockify, "activity_timeentry"),
    Format("kimai_csv", "Kimai CSV", 100_000, "rows", "kimai_{n}.csv", write_kimai_csv,
           "activity_timeentry"),
    Format("kimai_xlsx", "Kimai Excel (XLSX, German headers)", 20_000, "rows",
           "kimai_de_{n}.xlsx", write_kimai_xlsx, "activity_timeentry"),
    Format("harvest", "Harvest detailed time CSV", 100_000, "rows", "harvest_{n}.csv",
           write_harvest, "activity_timeentry"),
    Format("solidtime_csv", "solidtime time-entry CSV", 100_000, "rows",
           "solidtime_{n}.csv", write_solidtime_csv, "activity_timeentry"),
    Format("solidtime_zip", "solidtime export ZIP", 100_000, "rows", "solidtime_export_{n}.zip",
           write_solidtime_zip, "activity_timeentry"),
    Format("invoice_list", "invoice list CSV (lexoffice, German)", 100_000, "invoices",
           "rechnungsliste_{n}.csv", write_invoice_list, "billing_invoice"),
    Format("einvoice_cii", "ZUGFeRD 2.3 / Factur-X XML (CII)", 2_000, "files",
           "zugferd_cii_{n}", write_cii_folder, "billing_invoice", files=True),
    Format("einvoice_ubl", "XRechnung 3.0 UBL XML", 2_000, "files", "xrechnung_ubl_{n}",
           write_ubl_folder, "billing_invoice", files=True),
    Format("einvoice_pdf", "Factur-X PDF (CII attached)", 2_000, "files", "facturx_pdf_{n}",
           write_pdf_folder, "billing_invoice", files=True),
    Format("camt053", "CAMT.053 (v8), no open invoices", 50_000, "bookings",
           "camt053_{n}.xml", write_camt, "billing_payment"),
    Format("mt940", "MT940, no open invoices", 50_000, "bookings", "mt940_{n}.sta",
           write_mt940, "billing_payment"),
    Format("camt053_matched", "CAMT.053 (v8), paying open invoices", 50_000, "bookings",
           "camt053_{n}.xml", write_camt, "billing_payment", seed="invoices"),
    Format("mt940_matched", "MT940, paying open invoices", 50_000, "bookings",
           "mt940_{n}.sta", write_mt940, "billing_payment", seed="invoices"),
    Format("vcard", "vCard (Gmail, iPhone, Outlook 2.1, 4.0)", 10_000, "cards",
           "kontakte_{n}.vcf", write_vcards, "customers_contact"),
    Format("ical", "iCalendar (Google Calendar export)", 10_000, "events",
           "kalender_{n}.ics", write_ics, "activity_interaction"),
    Format("mbox", "mail, one mbox", 10_000, "messages", "posteingang_{n}.mbox", write_mbox,
           "activity_interaction"),
    Format("eml", "mail, single .eml files", 2_000, "files", "mails_eml_{n}",
           write_eml_folder, "activity_interaction", files=True),
)  # fmt: skip


@dataclass
class Result:
    format: Format
    rows: int
    size_mb: float
    runs: list[common.Run] = field(default_factory=list)
    records: int = 0  # in the table after the import, less what the seed put there
    matched: int | None = None  # payments with an invoice
    seeded: int = 0  # invoices in the database before the import (bank statements)
    timed_out: float | None = None  # seconds after which the run was stopped

    @property
    def seconds(self) -> float:
        return statistics.median(r.seconds for r in self.runs)

    @property
    def peak(self) -> int:
        return max(r.peak_bytes for r in self.runs)


def size_of(path: Path) -> int:
    if path.is_dir():
        return sum(f.stat().st_size for f in path.iterdir())
    return path.stat().st_size


class Templates:
    """Migrated data folders holding the seed, made once per seed and copied for each run."""

    def __init__(self, scratch: Path, clients: list[Client]) -> None:
        self.scratch, self.clients = scratch, clients
        self.made: dict[str, tuple[Path, int]] = {}  # key → (folder, seed records)

    def folder(self, fmt: Format, rows: int) -> tuple[Path, int]:
        key = "customers" if fmt.seed == "customers" else f"invoices-{rows}"
        if key not in self.made:
            open_invoices = bookings(self.clients, rows, 41)[1] if fmt.seed == "invoices" else []
            seed = self.scratch / f"seed-{key}"
            write_seed(seed, self.clients, open_invoices)
            folder = common.migrated_folder(self.scratch / f"template-{key}")
            command = [common.KUNDENWERT, "import", str(seed)]
            subprocess.run(
                command, env=common.child_env(folder), check=True, stdout=subprocess.DEVNULL
            )
            customers = common.count_rows(folder, "customers_customer")
            if customers != len(self.clients):
                raise SystemExit(f"the seed holds {customers} customers, not {len(self.clients)}")
            self.made[key] = (folder, len(open_invoices))
        return self.made[key]


def run_format(
    fmt: Format,
    rows: int,
    clients: list[Client],
    templates: Templates,
    scratch: Path,
    quiet: common.Quiet,
    repeat: int,
    timeout: float,
) -> Result:
    path = common.generated(DATA / fmt.file.format(n=rows), lambda p: fmt.write(p, rows, clients))
    result = Result(fmt, rows, size_of(path) / 1e6)
    template, seeded = templates.folder(fmt, rows)
    result.seeded = seeded
    seeded_here = seeded if fmt.table == "billing_invoice" else 0
    for _ in range(repeat):
        data_dir = common.fresh_copy(template, scratch / "run")
        command = [common.KUNDENWERT, "import", str(path)]
        try:
            run = common.run_child(command, common.child_env(data_dir), quiet, timeout)
        except TimeoutError:
            result.timed_out = timeout
            shutil.rmtree(data_dir)
            break
        result.runs.append(run)
        result.records = common.count_rows(data_dir, fmt.table) - seeded_here
        if fmt.table == "billing_payment":
            result.matched = common.count_rows(data_dir, fmt.table, "invoice_id IS NOT NULL")
        shutil.rmtree(data_dir)
    return result


# --- the report -------------------------------------------------------------------------------


def report(results: list[Result], quiet: common.Quiet, when: str, repeat: int, scale: float):
    lines = [
        SECTION,
        "",
        f"Measured {when} with `bench/import_formats.py` on {common.host.describe()}. For each "
        "format a generated file (the structure of the real exports in `shared/samples/`, "
        "made-up data for 2,000 customers; see the script) is imported with `kundenwert "
        "import PATH`, run as a child process, into a fresh SQLite data folder prepared "
        "before the clock starts: migrated, and holding the same 2,000 customers (imported "
        "from a portfolio folder), so every importer matches against the same customer base "
        "and creates none; contacts, meetings and mail never create customers. Time is the "
        "wall-clock time of the whole command, including about 1 s of starting Python and "
        "Django; CPU time and peak memory (maximum resident set size) are the child's own "
        "(`wait4()`). *Rows* are the file's records (lines, invoices, bookings, cards, "
        "events, messages); *written* what the database holds afterwards (skipped rows "
        "below). "
        + (
            f"Each format {repeat} times, median time, largest peak."
            if repeat > 1
            else "One run per format."
        )
        + " The load average (1, 5, 15 minutes, `/proc/loadavg`) is the one just before the "
        "run; other jobs were running on the machine, and the figure still holds part of the "
        "script's previous run.",
        "",
        "| format | file | rows | written | time | rows/s | CPU time | peak memory | load before |",
        "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | --- |",
    ]
    for r in results:
        fmt = r.format
        size = f"{r.size_mb:,.1f} MB" if r.size_mb < 10 else f"{r.size_mb:,.0f} MB"
        what = f"{size}" + (f" in {r.rows:,} files" if fmt.files else "")
        if not r.runs:
            lines.append(
                f"| {fmt.label} | {what} | {r.rows:,} {fmt.unit} | – "
                f"| > {r.timed_out:.0f} s (stopped) | < {r.rows / r.timed_out:,.0f} | – | – | – |"
            )
            continue
        written = f"{r.records:,}"
        if r.matched is not None:
            written += f" ({r.matched:,} matched)"
        cpu = statistics.median(run.cpu_seconds for run in r.runs)
        lines.append(
            f"| {fmt.label} | {what} | {r.rows:,} {fmt.unit} | {written} | {r.seconds:.1f} s "
            f"| {r.rows / r.seconds:,.0f} | {cpu:.1f} s | {common.mib(r.peak)} "
            f"| {common.load_text(r.runs[0].load)} |"
        )
    lines += ["", *notes(results, scale)]
    if quiet.waited or quiet.gave_up:
        lines += [
            "",
            f"The script waited {quiet.waited:.0f} s for the one-minute load to drop below "
            f"{quiet.max_load}"
            + ("; it did not in the time allowed, and measured anyway." if quiet.gave_up else "."),
        ]
    return "\n".join(lines) + "\n"


def notes(results: list[Result], scale: float) -> list[str]:
    by_key = {r.format.key: r for r in results}
    found = [
        "What the generated files hold, and what is skipped on purpose: the invoice list has "
        "2 % drafts (skipped) and 4 % credit notes; the vCard file one private card in ten "
        "(a freemail address, no company: it names no customer and is skipped); the calendar "
        "2 % all-day and 1 % cancelled events (skipped) and 3 % weekly series of six (each "
        "occurrence is a meeting, so more meetings are written than events read); the mailbox "
        "a third sent mail, 3 % newsletters and 1 % auto-replies (skipped) and 3 % mail from "
        "private freemail addresses (no customer, skipped). Of the bank bookings about 40 % "
        "are outgoing (not stored: only money received counts), 6 % are refunds from "
        "private people that match nothing, 38 % pay an invoice and name its number, and "
        "16 % pay one without naming it (matched by amount and payer; where the amount "
        "settles several open invoices of that payer, the payment is left for the user to "
        "assign, as it should be).",
    ]
    bank = [by_key.get(k) for k in ("camt053", "mt940", "camt053_matched", "mt940_matched")]
    if any(bank):
        invoices_seeded = next((r.seeded for r in bank if r and r.seeded), 0)
        found += [
            "",
            "Bank statements are measured twice on the same file: against a database without "
            "invoices (the payments are stored but match nothing) and against one that holds "
            "the invoices the payments pay"
            + (
                f" ({invoices_seeded:,} invoices: those paid, and a fifth as many again "
                "that stay open)"
                if invoices_seeded
                else ""
            )
            + ", imported before the clock starts; the difference is the matching "
            "(`kundenwert/billing/payments.py`).",
        ]
    camt = by_key.get("camt053")
    if camt and camt.runs:
        found += [
            "",
            "CAMT is read entry by entry as the XML is parsed (lxml's iterparse), each entry "
            f"dropped once read: {camt.size_mb:,.0f} MB of statement took "
            f"{common.mib(camt.peak)} at its peak, the process and its database included.",
        ]
    if scale != 1:
        found += ["", f"All sizes scaled by {scale} (`--scale`)."]
    slow = [r for r in results if not r.runs]
    if slow:
        names = ", ".join(r.format.label for r in slow)
        found += ["", f"Stopped after the time limit: {names}."]
    return found


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", nargs="*", choices=[f.key for f in FORMATS], default=None)
    parser.add_argument("--scale", type=float, default=1.0, help="multiply every size")
    parser.add_argument("--repeat", type=int, default=1)
    parser.add_argument("--max-load", type=float, default=3.0, help="wait while above this")
    parser.add_argument("--wait", type=float, default=900, help="seconds of waiting, at most")
    parser.add_argument("--timeout", type=float, default=900, help="seconds per run, at most")
    parser.add_argument("--write", action="store_true", help=f"update {DOC.relative_to(REPO)}")
    parser.add_argument("--generate", action="store_true", help="only write the files")
    args = parser.parse_args()

    clients = build_clients()
    chosen = [f for f in FORMATS if args.only is None or f.key in args.only]
    if args.generate:
        for fmt in chosen:
            rows = max(1, round(fmt.rows * args.scale))
            path = DATA / fmt.file.format(n=rows)
            common.generated(path, lambda p, fmt=fmt, rows=rows: fmt.write(p, rows, clients))
            print(f"{path.relative_to(REPO)}: {size_of(path) / 1e6:,.1f} MB", flush=True)
        return 0
    quiet = common.Quiet(args.max_load, args.wait)
    when = datetime.now().strftime("%Y-%m-%d %H:%M")
    results = []
    with tempfile.TemporaryDirectory(prefix="kundenwert-bench-formats-") as scratch:
        templates = Templates(Path(scratch), clients)
        for fmt in chosen:
            rows = max(1, round(fmt.rows * args.scale))
            print(f"{fmt.label}: {rows:,} {fmt.unit} …", flush=True)
            result = run_format(
                fmt, rows, clients, templates, Path(scratch), quiet, args.repeat, args.timeout
            )
            results.append(result)
            if result.runs:
                print(
                    f"  {result.seconds:.1f} s, {rows / result.seconds:,.0f} {fmt.unit}/s, "
                    f"{result.records:,} written"
                    + (f" ({result.matched:,} matched)" if result.matched is not None else "")
                    + f", peak {common.mib(result.peak)}, "
                    f"load before {common.load_text(result.runs[0].load)}",
                    flush=True,
                )
            else:
                print(f"  stopped after {args.timeout:.0f} s", flush=True)
    section = report(results, quiet, when, args.repeat, args.scale)
    print()
    print(section)
    if args.write:
        common.write_section(section, SECTION, after=common.SECTION)
    return 0


if __name__ == "__main__":
    sys.exit(main())
