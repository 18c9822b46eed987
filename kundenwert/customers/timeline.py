"""A customer's history in one list, newest first: interactions, invoices, payments, offers,
deliveries and time entries, paged.

Each kind is one query for its newest `page * size + 1` rows; merging them gives the page
and whether an older one exists. So a page costs one query per kind, whatever the number
of records, and only the first pages (the ones people read) are cheap — by design.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, time

from django.db.models import Model, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kundenwert.activity.models import Interaction, TimeEntry
from kundenwert.billing.models import Invoice, Payment
from kundenwert.customers.models import Customer
from kundenwert.sales.models import Delivery, Offer

PAGE_SIZE = 25


@dataclass(frozen=True)
class Kind:
    key: str
    label: str
    rows: Callable[[Customer], QuerySet]
    moment: str  # the field that dates a record


KINDS = (
    Kind(
        "interaction",
        _("Interactions"),
        lambda c: Interaction.objects.filter(customer=c).order_by("-at", "-id"),
        "at",
    ),
    Kind(
        "invoice",
        _("Invoices"),
        lambda c: Invoice.objects.filter(customer=c).order_by("-issue_date", "-id"),
        "issue_date",
    ),
    Kind(
        "payment",
        _("Payments"),
        lambda c: (
            Payment.objects.filter(invoice__customer=c)
            .select_related("invoice")
            .order_by("-booked_on", "-id")
        ),
        "booked_on",
    ),
    Kind(
        "offer",
        _("Offers"),
        lambda c: Offer.objects.filter(customer=c).order_by("-sent_date", "-id"),
        "sent_date",
    ),
    Kind(
        "delivery",
        _("Deliveries"),
        lambda c: Delivery.objects.filter(customer=c).order_by("-delivered_date", "-id"),
        "delivered_date",
    ),
    Kind(
        "time",
        _("Time"),
        lambda c: TimeEntry.objects.filter(customer=c).order_by("-start", "-id"),
        "start",
    ),
)
KIND_KEYS = tuple(kind.key for kind in KINDS)


@dataclass(frozen=True)
class Entry:
    kind: str
    when: date | datetime
    record: Model


@dataclass(frozen=True)
class TimelinePage:
    entries: list[Entry]
    page: int
    has_next: bool
    kind: str  # "" for all kinds


def timeline(customer: Customer, page: int = 1, kind: str = "") -> TimelinePage:
    page = max(page, 1)
    kinds = [k for k in KINDS if k.key == kind] or list(KINDS)
    wanted = page * PAGE_SIZE + 1
    entries = [
        Entry(k.key, getattr(record, k.moment), record)
        for k in kinds
        for record in k.rows(customer)[:wanted]
    ]
    entries.sort(key=lambda e: _sort_key(e.when), reverse=True)
    shown = entries[(page - 1) * PAGE_SIZE : page * PAGE_SIZE]
    has_next = len(entries) > page * PAGE_SIZE
    return TimelinePage(shown, page, has_next, kind if len(kinds) == 1 else "")


def _sort_key(when: date | datetime) -> datetime:
    """Datetimes as they are; a date at the end of its day, after that day's contacts."""
    if isinstance(when, datetime):
        return when if timezone.is_aware(when) else timezone.make_aware(when)
    return timezone.make_aware(datetime.combine(when, time.max))
