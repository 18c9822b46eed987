"""Writing an import's records, inside the caller's transaction (see services.py).

Customers are matched first, and the unknown customers of time entries and invoices created;
then each kind of record is written its own way:

* time entries by content (the fingerprint of the portfolio folder import, so both
  recognise each other's rows) with multiset semantics, file by file: a row is added only
  where the file holds more copies of it than the database, so importing a file again, or
  an export overlapping an earlier one, adds only what is new;
* invoices by number: new ones added, changed fields updated; an empty paid date never
  clears one already set (by a payment, or by hand);
* payments through `kundenwert.billing.payments.do_record_payments`, after the invoices, so
  that a statement and the invoices it pays can come in the same import;
* contacts by e-mail address, else by name, within their customer;
* interactions by their `key` (a calendar UID, a Message-ID) where they have one, else by
  content like time entries.

Every record's `source` names its file, location and the file's SHA-256.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable, Iterator, Sequence
from contextlib import nullcontext
from datetime import timedelta
from decimal import Decimal
from typing import Any
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db import connection

from kundenwert.accounts.models import User
from kundenwert.activity.models import Interaction, TimeEntry
from kundenwert.billing.models import Invoice
from kundenwert.customers.models import Contact, Customer
from kundenwert.exchange.fingerprints import fingerprint
from kundenwert.importers.bulk import (
    BATCH,
    BULK_ROWS,
    TimeEntryInserter,
    batches,
    new_by_content,
    stored_by_print,
    without_indexes,
)
from kundenwert.importers.matching import CustomerMap, Known, Match, Matcher
from kundenwert.importers.records import (
    ContactRecord,
    CustomerRef,
    InteractionRecord,
    InvoiceRecord,
    ParsedFile,
    TimeEntryRecord,
)
from kundenwert.importers.report import KINDS, ImportReport, KindReport, NewCustomer, Skipped
from kundenwert.workspace.services import own_domains

PROGRESS_EVERY = 10_000
CREATING_KINDS = ("time_entries", "invoices")  # unknown customers of these are created
SOURCE_LENGTH = 200  # the models' `source` field

Progress = Callable[[str, int, int], None]  # kind, records done, records in all


class RecordWriter:
    """One import's writing: `run` writes every kind of record and fills the report."""

    def __init__(
        self,
        report: ImportReport,
        reads: list[tuple[ParsedFile, str | None]],
        customer_map: CustomerMap | None,
        user: User | None,
        progress: Progress | None,
        owner_addresses: Sequence[str] = (),
    ) -> None:
        self.report, self.reads, self.user, self.progress = report, reads, user, progress
        self.parsed = [file for file, _ in reads]
        self.matcher = _matcher(customer_map, owner_addresses)
        self.pks: dict[str, int] = {}
        # By identity: an importer gives its records of one customer the same ref, whose
        # hash would cost more than the lookup. The ref is kept with its match, so that its
        # id cannot pass to another object.
        self.matches: dict[int, tuple[CustomerRef, Match]] = {}
        self.zone = ZoneInfo(settings.TIME_ZONE)

    def run(self) -> None:
        for file, kind in self.reads:
            skipped = self.report.kinds[_kind_of(file, kind)].skipped
            skipped += [Skipped(file.file, where, why) for where, why in file.skipped]
        self._create_customers()
        self._write_time_entries()
        self._write_invoices()
        self._record_payments()
        self._write_contacts()
        self._write_interactions()

    # customers

    def _create_customers(self) -> None:
        """Plans a new customer for every unknown customer of a time entry or invoice."""
        for file in self.parsed:
            for kind in CREATING_KINDS:
                # In order of first appearance, so that the numbers are the same every time.
                for ref in dict.fromkeys(record.customer for record in getattr(file, kind)):
                    if self.matcher.match(ref).rule == "":
                        self.matcher.plan_new(ref)
        planned = self.matcher.planned
        Customer.objects.bulk_create(
            [Customer(number=c.number, name=c.name, email=(c.emails or ("",))[0]) for c in planned],
            batch_size=BATCH,
        )
        self.report.new_customers = [NewCustomer(c.number, c.name) for c in planned]
        self.pks = dict(Customer.objects.values_list("number", "pk"))

    def customer_of(
        self, file: ParsedFile, ref: CustomerRef, location: str, kind: str
    ) -> tuple[int, str] | None:
        """(pk, number) of the record's customer, or None with the record listed as
        skipped and why."""
        known = self.matches.get(id(ref))
        if known is None:
            known = self.matches[id(ref)] = (ref, self.matcher.match(ref))
        match = known[1]
        if match.customer is not None:
            return self._pk(match.customer), match.customer.number
        self.report.kinds[kind].skipped.append(Skipped(file.file, location, _no_match(ref, match)))
        return None

    def _pk(self, customer: Known) -> int:
        """The customer's pk; one the customer map names but the database lacks is created
        here when only a contact or an interaction (not planned ahead) refers to it."""
        pk = self.pks.get(customer.number)
        if pk is None:
            created = Customer.objects.create(number=customer.number, name=customer.name)
            pk = self.pks[customer.number] = created.pk
            self.report.new_customers.append(NewCustomer(customer.number, customer.name))
        return pk

    # time entries

    def _write_time_entries(self) -> None:
        """Each file as if imported on its own after the ones before it: a row is new where
        the file holds more copies of it than the database, including what earlier files
        of this import added. So overlapping exports imported together add no doubles.

        A file none of whose rows the database can hold already (no stored entry of its
        customers in its time span: a first import, a new month) skips the comparison and
        is inserted straight away; on SQLite a large one is inserted without the table's
        indexes, which are then rebuilt, three times faster than keeping them up to date
        row by row.
        """
        total = sum(len(file.time_entries) for file in self.parsed)
        report = self.report.kinds["time_entries"]
        writer = TimeEntryInserter(self.zone)
        done = 0
        for file in self.parsed:
            rows = self._time_entry_rows(file)
            if self._holds_entries_like(file):
                batches = self._compared(rows, report)
            else:
                batches = self._all_new(rows, report, len(file.time_entries))
            for batch in batches:
                writer.insert(batch)
                done += len(batch)
                if self.progress and done % PROGRESS_EVERY < BATCH:
                    self.progress("time_entries", done, total)
        if self.progress and total:
            self.progress("time_entries", total, total)

    def _compared(self, rows: Iterator[tuple[str, Any]], report: KindReport) -> Iterator[list]:
        matched: Counter[str] = Counter()
        added: Counter[str] = Counter()
        for batch in batches(rows, BATCH):
            new = new_by_content(batch, TimeEntry, matched, added)
            report.added += len(new)
            report.unchanged += len(batch) - len(new)
            yield new

    def _all_new(
        self, rows: Iterator[tuple[str, Any]], report: KindReport, count: int
    ) -> Iterator[list]:
        bulk = connection.vendor == "sqlite" and count >= BULK_ROWS
        with without_indexes(TimeEntry) if bulk else nullcontext():
            for batch in batches(rows, BATCH):
                report.added += len(batch)
                yield batch

    def _holds_entries_like(self, file: ParsedFile) -> bool:
        """Whether the database has time entries of this file's customers in its time span
        (a day wider on both sides, so that time zones cannot hide one)."""
        if not file.time_entries:
            return False
        matches = map(self.matcher.match, {r.customer for r in file.time_entries})
        pks = sorted({self.pks[m.customer.number] for m in matches if m.customer is not None})
        starts = [r.start for r in file.time_entries]
        span = (
            (min(starts) - timedelta(days=1)).replace(tzinfo=self.zone),
            (max(starts) + timedelta(days=1)).replace(tzinfo=self.zone),
        )
        return any(
            TimeEntry.objects.filter(customer_id__in=batch, start__range=span).exists()
            for batch in batches(pks, BATCH)
        )

    def _time_entry_rows(
        self, file: ParsedFile
    ) -> Iterator[tuple[str, tuple[int, TimeEntryRecord, str]]]:
        """(fingerprint, (customer pk, record, source)) of every entry whose customer is known."""
        for record in file.time_entries:
            customer = self.customer_of(file, record.customer, record.location, "time_entries")
            if customer is not None:
                pk, number = customer
                source = source_of(file, record.location)
                yield _time_entry_print(number, record), (pk, record, source)

    # invoices

    def _write_invoices(self) -> None:
        records = [(file, r) for file in self.parsed for r in file.invoices]
        if not records:
            return
        report = self.report.kinds["invoices"]
        existing: dict[str, Invoice] = {}
        for batch in batches(sorted({r.number for _, r in records}), BATCH):
            existing.update((i.number, i) for i in Invoice.objects.filter(number__in=batch))
        new: dict[str, Invoice] = {}
        changed: dict[str, Invoice] = {}
        for file, record in records:
            customer = self.customer_of(file, record.customer, record.location, "invoices")
            if customer is None:
                continue
            pk = customer[0]
            current = new.get(record.number) or existing.get(record.number)
            if current is None:
                new[record.number] = _invoice(record, pk, source_of(file, record.location))
            elif _update_invoice(current, record, pk, source_of(file, record.location)):
                if current.pk is not None:
                    changed[record.number] = current
                else:
                    report.changed += 1  # a later file changed an invoice this import adds
            else:
                report.unchanged += 1
        Invoice.objects.bulk_create(new.values(), batch_size=BATCH)
        Invoice.objects.bulk_update(changed.values(), INVOICE_FIELDS + ["source"], batch_size=BATCH)
        report.added += len(new)
        report.changed += len(changed)
        if self.progress:
            self.progress("invoices", len(records), len(records))

    # payments

    def _record_payments(self) -> None:
        files = [file for file in self.parsed if file.payments]
        if not files:
            return
        try:
            from kundenwert.billing.payments import do_record_payments
        except ImportError:
            self.report.warnings.append(
                "payments were not imported: payment matching is not installed"
            )
            return
        report = self.report.kinds["payments"]
        for file in files:
            result = do_record_payments(
                file.payments, source=source_of(file, "statement"), user=self.user
            )
            self.report.warnings += _count_payments(report, result, file)
            self.report.payments.append(_payment_json(file, result))
        if self.progress:
            total = sum(len(f.payments) for f in files)
            self.progress("payments", total, total)

    # contacts

    def _write_contacts(self) -> None:
        records = [(file, r) for file in self.parsed for r in file.contacts]
        if not records:
            return
        report = self.report.kinds["contacts"]
        contacts: dict[int, list[Contact]] = defaultdict(list)
        for contact in Contact.objects.all():
            contacts[contact.customer_id].append(contact)
        for file, record in records:
            ref = record.customer or CustomerRef(emails=record.emails)
            customer = self.customer_of(file, ref, record.location, "contacts")
            if customer is None:
                continue
            pk = customer[0]
            contact = _find_contact(contacts[pk], record)
            if contact is None:
                contact = Contact(customer_id=pk, name=record.name[:200])
                _fill_contact(contact, record)
                contact.save()
                contacts[pk].append(contact)
                report.added += 1
            elif _fill_contact(contact, record):
                contact.save()
                report.changed += 1
            else:
                report.unchanged += 1
        if self.progress:
            self.progress("contacts", len(records), len(records))

    # interactions

    def _write_interactions(self) -> None:
        """Keyed ones by key; the others by content, file by file like time entries."""
        report = self.report.kinds["interactions"]
        keyed: list[tuple] = []
        by_content: list[list[tuple]] = []
        for file in self.parsed:
            by_content.append([])
            for record in file.interactions:
                where = record.location
                customer = self.customer_of(file, record.customer, where, "interactions")
                if customer is None:
                    continue
                pk, number = customer
                source = source_of(file, where)
                if record.key:
                    keyed.append((pk, number, record, source))
                else:
                    print_ = _interaction_print(number, record)
                    by_content[-1].append((print_, (pk, record, source)))
        total = sum(len(file.interactions) for file in self.parsed)
        self._write_keyed_interactions(keyed, report)
        if self.progress and total:
            self.progress("interactions", len(keyed), total)
        done = len(keyed)
        for items in by_content:
            matched: Counter[str] = Counter()
            added: Counter[str] = Counter()
            for batch in batches(items, BATCH):
                new = new_by_content(batch, Interaction, matched, added)
                Interaction.objects.bulk_create(
                    [self._interaction(pk, r, s, p) for p, (pk, r, s) in new], batch_size=BATCH
                )
                report.added += len(new)
                report.unchanged += len(batch) - len(new)
                done += len(batch)
                if self.progress:
                    self.progress("interactions", done, total)
        if self.progress and total:
            self.progress("interactions", total, total)

    def _write_keyed_interactions(self, items: list[tuple], report: KindReport) -> None:
        """By key: a meeting moved in the calendar is updated, not added a second time."""
        prints = [_key_print(record.key) for _, _, record, _ in items]
        existing = stored_by_print(Interaction, prints)
        seen: set[str] = set()
        new, changed = [], []
        for print_, (pk, _, record, source) in zip(prints, items, strict=True):
            if print_ in seen:
                report.unchanged += 1  # the same e-mail in two mailboxes
                continue
            seen.add(print_)
            incoming = self._interaction(pk, record, source, print_)
            current = existing.get(print_)
            if current is None:
                new.append(incoming)
            elif _update_interaction(current, incoming):
                changed.append(current)
            else:
                report.unchanged += 1
        Interaction.objects.bulk_create(new, batch_size=BATCH)
        Interaction.objects.bulk_update(changed, INTERACTION_FIELDS + ["source"], batch_size=BATCH)
        report.added += len(new)
        report.changed += len(changed)

    def _interaction(
        self, pk: int, record: InteractionRecord, source: str, print_: str
    ) -> Interaction:
        return Interaction(
            customer_id=pk,
            at=record.at.replace(tzinfo=self.zone),
            channel=record.channel,
            direction=record.direction,
            minutes=record.minutes,
            note=record.note or "",
            fingerprint=print_,
            source=source,
        )


# --- helpers for the kinds ----------------------------------------------------------------


def _kind_of(parsed: ParsedFile, kind: str | None) -> str:
    """Where a file's skipped rows are counted: its importer's KIND, else its records' kind."""
    if kind in KINDS:
        return kind
    counts = {k: len(getattr(parsed, k)) for k in KINDS}
    return max(counts, key=lambda k: counts[k])


def source_of(parsed: ParsedFile, location: str) -> str:
    """`toggl.csv, line 12 (sha256:1f2e3d4c5b6a)`, shortened in the file name to fit."""
    tail = f", {location} (sha256:{parsed.sha256[:12]})"
    room = SOURCE_LENGTH - len(tail)
    name = parsed.file if len(parsed.file) <= room else "…" + parsed.file[-(room - 1) :]
    return (name + tail)[:SOURCE_LENGTH]


def _matcher(customer_map: CustomerMap | None, owner_addresses: Sequence[str]) -> Matcher:
    emails: dict[int, list[str]] = defaultdict(list)
    for pk, email in Contact.objects.exclude(email="").values_list("customer_id", "email"):
        emails[pk].append(email)
    customers = [
        Known(number, name, pk, tuple(_addresses(email)) + tuple(emails[pk]))
        for pk, number, name, email in Customer.objects.values_list("pk", "number", "name", "email")
    ]
    return Matcher(customers, customer_map=customer_map, own_domains=own_domains(owner_addresses))


def _addresses(text: str) -> list[str]:
    return [part for part in text.replace(";", ",").replace(" ", ",").split(",") if "@" in part]


def _no_match(ref: CustomerRef, match: Match) -> str:
    if match.ambiguous:
        numbers = ", ".join(f"{c.number} ({c.name})" for c in match.candidates[:5])
        return (
            f"'{ref}' fits several customers by {match.rule}: {numbers}; name it in a customer map"
        )
    return f"no customer matches '{ref}' (add it to a customer map, or create the customer first)"


def _time_entry_print(number: str, record: TimeEntryRecord) -> str:
    # The values and order of a time_entries.csv row, so that the folder import and this
    # one recognise the same entry.
    return fingerprint(
        (number, record.start, record.minutes, record.billable, record.user, record.project,
         record.description)
    )  # fmt: skip


INVOICE_FIELDS = ["customer_id", "issue_date", "due_date", "net", "currency", "paid_date"]


def _invoice(record: InvoiceRecord, pk: int, source: str) -> Invoice:
    return Invoice(
        number=record.number,
        customer_id=pk,
        issue_date=record.issue_date,
        due_date=record.due_date,
        net=record.net,
        currency=record.currency,
        paid_date=record.paid_date,
        source=source,
    )


def _update_invoice(invoice: Invoice, record: InvoiceRecord, pk: int, source: str) -> bool:
    """Sets the record's values on `invoice`; True when any changed. An empty paid date
    keeps the stored one: it may come from a payment the invoice list does not know of."""
    values = {
        "customer_id": pk,
        "issue_date": record.issue_date,
        "due_date": record.due_date,
        "net": Decimal(record.net),
        "currency": record.currency,
        "paid_date": record.paid_date or invoice.paid_date,
    }
    changed = [name for name, value in values.items() if getattr(invoice, name) != value]
    for name in changed:
        setattr(invoice, name, values[name])
    if changed:
        invoice.source = source
    return bool(changed)


def _count_payments(report: KindReport, result: Any, file: ParsedFile) -> list[str]:
    """Adds a PaymentReport's counts to the payments' report; returns its warnings."""
    report.added += result.added
    report.unchanged += result.unchanged
    warnings = []
    if result.skipped_outgoing:
        warnings.append(
            f"{file.file}: {result.skipped_outgoing} outgoing booking(s) left out "
            "(only money received counts)"
        )
    if result.unmatched:
        warnings.append(
            f"{file.file}: {len(result.unmatched)} payment(s) match no open invoice; "
            "assign them by hand"
        )
    return warnings


def _payment_json(file: ParsedFile, result: Any) -> dict[str, Any]:
    return {"file": file.file, **result.as_json()}


def _find_contact(contacts: list[Contact], record: ContactRecord) -> Contact | None:
    emails = {e.strip().lower() for e in record.emails}
    by_email = next((c for c in contacts if c.email and c.email.lower() in emails), None)
    if by_email is not None:
        return by_email
    name = " ".join(record.name.split()).casefold()
    return next((c for c in contacts if " ".join(c.name.split()).casefold() == name), None)


def _fill_contact(contact: Contact, record: ContactRecord) -> bool:
    """Sets what the record knows and the contact lacks or has otherwise; True if changed."""
    values = {
        "role": (record.role or "")[:100],
        "phone": (record.phone or "")[:50],
        "birthday": record.birthday,
    }
    if record.emails and not contact.email:
        values["email"] = record.emails[0].strip()[:254]
    changed = False
    for name, value in values.items():
        if value and getattr(contact, name) != value:
            setattr(contact, name, value)
            changed = True
    return changed


INTERACTION_FIELDS = ["customer_id", "at", "channel", "direction", "minutes", "note"]


def _key_print(key: str | None) -> str:
    return fingerprint(("interaction", key))


def _interaction_print(number: str, record: InteractionRecord) -> str:
    # The values and order of an interactions.csv row with the defaults for what a calendar
    # or a mailbox does not say, so that the folder import recognises the same interaction.
    return fingerprint(
        (number, record.at, record.channel, record.direction, True, record.minutes, False,
         False, False, "none", None, None, record.note)
    )  # fmt: skip


def _update_interaction(current: Interaction, incoming: Interaction) -> bool:
    changed = [n for n in INTERACTION_FIELDS if getattr(current, n) != getattr(incoming, n)]
    for name in changed:
        setattr(current, name, getattr(incoming, name))
    if changed:
        current.source = incoming.source
    return bool(changed)
