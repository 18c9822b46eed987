"""The importers, in the order in which `detect` asks them whether a file is theirs.

Each module has NAME (the `--format` value), LABEL (for people),
`sniff(name: str, head: bytes) -> bool` (a cheap look at the file name and its first
bytes) and `parse(path: Path, *, time_zone: str) -> ParsedFile`. More specific formats come
first: a Factur-X PDF before a plain PDF, solidtime's ZIP before a CSV.
"""

from __future__ import annotations

import importlib
from functools import cache
from types import ModuleType

MODULES = (
    "kundenwert.importers.einvoice",  # ZUGFeRD / Factur-X (PDF, XML), XRechnung UBL and CII
    "kundenwert.importers.camt",  # CAMT.053 bank statements
    "kundenwert.importers.mt940",  # MT940 bank statements
    "kundenwert.importers.vcard",  # vCard 3 and 4
    "kundenwert.importers.ical",  # iCalendar events
    "kundenwert.importers.mail",  # mbox and .eml
    "kundenwert.importers.solidtime",  # solidtime CSV and export ZIP
    "kundenwert.importers.toggl",  # Toggl Track detailed CSV
    "kundenwert.importers.clockify",  # Clockify detailed CSV
    "kundenwert.importers.kimai",  # Kimai CSV and XLSX
    "kundenwert.importers.harvest",  # Harvest CSV
    "kundenwert.importers.invoice_list",  # lexoffice / sevDesk / Invoice Ninja CSV by mapping
)


@cache
def importers() -> tuple[ModuleType, ...]:
    return tuple(importlib.import_module(name) for name in MODULES)


def by_name(name: str) -> ModuleType:
    for module in importers():
        if name == module.NAME:
            return module
    raise KeyError(name)
