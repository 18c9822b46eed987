"""Data protection (DSGVO), the reading side: the export of everything about a customer
(Art. 15 and 20), which records erasure (Art. 17) removes, clears or keeps, until when the
booking records must stay, and what is due for deletion. The writes are in services.py.

Every record that points at a customer is classified below. A model added later with a
foreign key to Customer and no class here stops the erasure (and fails a test), so no new
kind of personal data can slip through unnoticed.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date, datetime

from django.core import serializers
from django.core.serializers.json import DjangoJSONEncoder
from django.db.models import Max, Model, QuerySet
from django.utils import timezone

from kundenwert.activity.models import Interaction, TimeEntry
from kundenwert.billing.models import Invoice, Payment
from kundenwert.customers.models import Customer, Status
from kundenwert.planning.models import FollowupState

# Removed on erasure: they are about the people or what the owner noted about them.
DELETED = (
    "customers.contact",
    "customers.insight",
    "planning.kaizenstep",
    "planning.task",
    "kaizen.relationshiptalk",
    "kaizen.valuechainentry",
    "kaizen.workday",
    "kaizen.exitplan",
)
# Kept, with their free-text fields emptied: the figures stay for the analysis and the
# books, the words go.
CLEARED = {
    "activity.interaction": ("note", "source"),
    "activity.timeentry": ("description", "source"),
    "billing.directcost": ("description", "source"),
    "billing.invoice": ("source",),
    "billing.payment": ("payer", "reference", "source"),
}
# Kept as they are: business figures without personal details.
KEPT = ("sales.offer", "sales.delivery", "customers.grouprecord", "kaizen.erasure")
EXPORT_FORMAT = "kundenwert-dsgvo-export/1"


class UnclassifiedRecords(Exception):
    """A model points at customers but this module does not say what erasure does to it."""


def customer_relations() -> list:
    """The reverse relations of Customer: one per model that points at a customer."""
    return [r for r in Customer._meta.related_objects if r.one_to_many or r.one_to_one]


def unclassified_models() -> list[str]:
    known = {*DELETED, *CLEARED, *KEPT}
    return sorted(
        r.related_model._meta.label_lower
        for r in customer_relations()
        if r.related_model._meta.label_lower not in known
    )


def check_classified() -> None:
    missing = unclassified_models()
    if missing:
        raise UnclassifiedRecords("erasure does not know what to do with: " + ", ".join(missing))


# --- export (Art. 15 and 20) ---------------------------------------------------------------


def customer_records(customer: Customer) -> dict[str, QuerySet]:
    """Every record of the customer by model label: its own rows, the rows that hang on
    them (payments of its invoices, the tracking of its kaizen steps), and the follow-up
    states kept under its number."""
    records: dict[str, QuerySet] = {}
    for relation in customer_relations():
        rows = relation.related_model._default_manager.filter(**{relation.field.name: customer})
        _collect(records, rows, depth=1)
    records["planning.followupstate"] = FollowupState.objects.filter(
        customer_number=customer.number
    )
    return records


def _collect(records: dict[str, QuerySet], rows: QuerySet, depth: int) -> None:
    label = rows.model._meta.label_lower
    records[label] = rows.order_by("pk")
    if depth > 2:
        return
    for relation in rows.model._meta.related_objects:
        if relation.one_to_many or relation.one_to_one:
            child = relation.related_model._default_manager.filter(
                **{f"{relation.field.name}__in": rows}
            )
            _collect(records, child, depth + 1)


def export_customer(customer: Customer) -> dict[str, object]:
    """Everything about the customer and its contacts, as plain JSON values."""
    return {
        "format": EXPORT_FORMAT,
        "exported_at": timezone.now().isoformat(),
        "customer": _serialized(Customer.objects.filter(pk=customer.pk))[0],
        "records": {
            label: _serialized(rows) for label, rows in sorted(customer_records(customer).items())
        },
    }


def export_json(customer: Customer) -> str:
    return json.dumps(
        export_customer(customer), cls=DjangoJSONEncoder, ensure_ascii=False, indent=2
    )


def _serialized(rows: QuerySet) -> list[dict]:
    return [
        {"id": item["pk"], **item["fields"]}
        for item in json.loads(serializers.serialize("json", rows))
    ]


# --- retention (§147 AO, §257 HGB) ---------------------------------------------------------


def last_booking_year(customer: Customer) -> int | None:
    """The latest year with an invoice issued, paid or a payment booked for the customer."""
    invoices = Invoice.objects.filter(customer=customer)
    sums = invoices.aggregate(issued=Max("issue_date"), paid=Max("paid_date"))
    booked = Payment.objects.filter(invoice__in=invoices).aggregate(day=Max("booked_on"))["day"]
    days = [d for d in (sums["issued"], sums["paid"], booked) if d is not None]
    return max(days).year if days else None


def records_kept_until(customer: Customer, years: int) -> date | None:
    """The last day the booking records must be kept: the period starts at the end of the
    calendar year of the last entry (§147 Abs. 4 AO), so it ends on 31 December."""
    year = last_booking_year(customer)
    return None if year is None else date(year + years, 12, 31)


# --- what is due for deletion ----------------------------------------------------------------


@dataclass(frozen=True)
class Due:
    kind: str  # "erase": personal data of an ended customer or old lead; "purge": kept records
    customer: Customer | None
    customer_number: str
    due_on: date
    erasure: Model | None = None


def last_activity(customer: Customer) -> date | None:
    """The latest date of any invoice, time entry, interaction, offer or delivery."""
    days = [
        customer.invoices.aggregate(d=Max("issue_date"))["d"],
        customer.offers.aggregate(d=Max("sent_date"))["d"],
        customer.deliveries.aggregate(d=Max("delivered_date"))["d"],
        _local_day(TimeEntry.objects.filter(customer=customer).aggregate(d=Max("start"))["d"]),
        _local_day(Interaction.objects.filter(customer=customer).aggregate(d=Max("at"))["d"]),
    ]
    known = [d for d in days if d is not None]
    return max(known) if known else None


def _local_day(moment: datetime | None) -> date | None:
    return None if moment is None else timezone.localtime(moment).date()


def erase_due_on(customer: Customer, years: int) -> date:
    """The first day an ended customer's personal data is due for erasure: `years` after
    the end of the year of its last activity (or of its creation, without any)."""
    last = last_activity(customer) or timezone.localtime(customer.created_at).date()
    return date(last.year + years + 1, 1, 1)


def due_for_deletion(today: date, erase_after_years: int) -> list[Due]:
    """Ended customers and leads whose personal data is due, and erased customers whose
    booking records have passed their retention; the earliest first."""
    from kundenwert.kaizen.models import Erasure

    due: list[Due] = []
    waiting = Customer.objects.filter(status__in=[Status.ENDED, Status.LEAD]).exclude(
        erasures__isnull=False
    )
    for customer in waiting:
        day = erase_due_on(customer, erase_after_years)
        if day <= today:
            due.append(Due("erase", customer, customer.number, day))
    for erasure in Erasure.objects.filter(purged_at__isnull=True).select_related("customer"):
        kept = erasure.records_kept_until
        day = erasure.erased_at.date() if kept is None else date.fromordinal(kept.toordinal() + 1)
        if day <= today:
            due.append(Due("purge", erasure.customer, erasure.customer_number, day, erasure))
    return sorted(due, key=lambda d: (d.due_on, d.customer_number))
