"""What every importer produces: plain records that name their source, and errors.

An importer reads one file and returns a `ParsedFile`. It never touches the database and
never resolves customers itself: a record names its customer with a `CustomerRef` (any of
id, name, e-mail addresses, domain), which the services layer matches against the
database (by id, exact name, normalised name, e-mail address or domain, or the user's
customer map) before writing. Every record carries its `location` in the file (a line
number for text formats, an element path for XML, a card or event index), so that an
error, a skip and the stored `source` of a record can all point back to it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal

from kundenwert.portfolio.errors import RowError


@dataclass(frozen=True)
class CustomerRef:
    name: str | None = None
    id: str | None = None
    emails: tuple[str, ...] = ()
    domain: str | None = None

    def __str__(self) -> str:
        return self.id or self.name or (self.emails[0] if self.emails else self.domain or "?")


@dataclass(frozen=True)
class TimeEntryRecord:
    location: str
    customer: CustomerRef
    start: datetime  # naive wall-clock time in the installation's time zone
    minutes: Decimal  # > 0, two decimals
    billable: bool = True
    user: str | None = None
    project: str | None = None
    description: str | None = None


@dataclass(frozen=True)
class InvoiceRecord:
    location: str
    number: str
    customer: CustomerRef
    issue_date: date
    net: Decimal  # negative for credit notes and corrections that reduce the amount
    currency: str = "EUR"
    due_date: date | None = None
    paid_date: date | None = None


@dataclass(frozen=True)
class PaymentRecord:
    """An incoming (amount > 0) or outgoing (amount < 0) booking on a bank statement."""

    location: str
    booked_on: date
    amount: Decimal
    currency: str = "EUR"
    payer: str | None = None  # the counterparty's name
    reference: str | None = None  # remittance information (Verwendungszweck)
    end_to_end_id: str | None = None
    bank_reference: str | None = None  # the bank's own id of the booking, when it has one


@dataclass(frozen=True)
class ContactRecord:
    location: str
    name: str
    customer: CustomerRef | None = None  # from the organisation, or the e-mail domain
    role: str | None = None
    emails: tuple[str, ...] = ()
    phone: str | None = None
    birthday: date | None = None


@dataclass(frozen=True)
class InteractionRecord:
    """A meeting from a calendar or an e-mail from a mailbox."""

    location: str
    customer: CustomerRef
    at: datetime  # naive wall-clock time in the installation's time zone
    channel: str  # "meeting" or "email" (the portfolio's channel values)
    direction: str = "out"  # "in" or "out"
    minutes: Decimal = Decimal("0")
    note: str | None = None
    key: str | None = None  # a stable id (UID + recurrence date, Message-ID) for re-imports


@dataclass
class ParsedFile:
    file: str  # the file's name, as errors name it
    format: str  # the importer's name, e.g. "toggl", "zugferd", "camt053"
    sha256: str
    time_entries: list[TimeEntryRecord] = field(default_factory=list)
    invoices: list[InvoiceRecord] = field(default_factory=list)
    payments: list[PaymentRecord] = field(default_factory=list)
    contacts: list[ContactRecord] = field(default_factory=list)
    interactions: list[InteractionRecord] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)
    skipped: list[tuple[str, str]] = field(default_factory=list)  # (location, why)
    warnings: list[str] = field(default_factory=list)

    @property
    def record_count(self) -> int:
        return sum(
            len(records)
            for records in (
                self.time_entries,
                self.invoices,
                self.payments,
                self.contacts,
                self.interactions,
            )
        )


class UnsupportedFile(Exception):
    """A file that is not for this product (e.g. a camt.052 intraday report): say why."""
