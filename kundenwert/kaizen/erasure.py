"""Erasing a customer's personal data (Art. 17 DSGVO) and, later, the records kept.

What erasure does, in one transaction (privacy.py classifies every record):

* the customer keeps its number, its invoices, offers, deliveries and figures, so totals
  and the analysis still add up; its name becomes "<number> (gelöscht)", and e-mail,
  phone, notes, the reason for a hand-set group and the owner's ratings are emptied;
* contacts, insights, kaizen steps, tasks, relationship talks, the value chain, days in
  the customer's work, exit letters and follow-up states are deleted;
* interaction notes, time-entry descriptions, direct-cost descriptions, payers and payment
  references, and import source names are emptied; the records stay for their numbers;
* the change log and the admin log: entries about the customer's records keep their
  action and date, but names in their summaries are replaced by the pseudonym and the
  recorded old and new values are emptied.

`purge` deletes the rest (invoices, payments and every remaining record of the customer)
once the booking records' retention period is over.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from django.contrib.admin.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.db.models import F, Model, Value
from django.db.models.functions import Replace
from django.utils import timezone

from kundenwert.accounts.models import ChangeRecord, User
from kundenwert.billing.models import Payment
from kundenwert.customers.models import Customer, Status
from kundenwert.kaizen.models import Erasure
from kundenwert.kaizen.privacy import (
    CLEARED,
    DELETED,
    check_classified,
    customer_records,
    customer_relations,
    records_kept_until,
)
from kundenwert.planning.models import FollowupState

CHUNK = 500
# How a cleared model reaches its customer when it has no customer field of its own.
PATHS = {"billing.payment": "invoice__customer"}


def erased_name(number: str) -> str:
    return f"{number} (gelöscht)"


def erase(
    customer: Customer, requested_on: date, retention_years: int, user: User | None
) -> Erasure:
    check_classified()
    number = customer.number
    kept_until = records_kept_until(customer, retention_years)
    names = [customer.name, *customer.contacts.values_list("name", flat=True)]
    _pseudonymise_logs(customer, names, erased_name(number))
    _delete_personal_records(customer)
    _clear_free_text(customer)
    _clear_customer(customer, erased_name(number))
    return Erasure.objects.create(
        customer=customer,
        customer_number=number,
        requested_on=requested_on,
        records_kept_until=kept_until,
        erased_by=user if user is not None and user.pk else None,
    )


def purge(erasure: Erasure) -> None:
    customer = erasure.customer
    if customer is not None:
        Payment.objects.filter(invoice__customer=customer).delete()
        customer.invoices.all().delete()  # protected from a plain customer delete
        customer.delete()
    erasure.customer = None
    erasure.purged_at = timezone.now()
    erasure.save(update_fields=["customer", "purged_at"])


def _managers() -> dict[str, tuple[type[Model], str]]:
    """Model label -> (model, the lookup from it to the customer)."""
    found = {
        r.related_model._meta.label_lower: (r.related_model, r.field.name)
        for r in customer_relations()
    }
    return found | {"billing.payment": (Payment, PATHS["billing.payment"])}


def _delete_personal_records(customer: Customer) -> None:
    managers = _managers()
    for label in DELETED:
        model, lookup = managers[label]
        model._default_manager.filter(**{lookup: customer}).delete()
    FollowupState.objects.filter(customer_number=customer.number).delete()


def _clear_free_text(customer: Customer) -> None:
    managers = _managers()
    for label, fields in CLEARED.items():
        model, lookup = managers[label]
        model._default_manager.filter(**{lookup: customer}).update(**dict.fromkeys(fields, ""))


def _clear_customer(customer: Customer, pseudonym: str) -> None:
    customer.name = pseudonym
    customer.email = customer.phone = customer.notes = ""
    customer.group_override = customer.override_reason = ""
    customer.potential, customer.useful, customer.heart = None, False, False
    customer.status = Status.ENDED
    customer.save()


def _pseudonymise_logs(customer: Customer, names: list[str], pseudonym: str) -> None:
    """Change-log and admin-log entries about the customer and its records."""
    targets = {"customers.customer": Customer.objects.filter(pk=customer.pk)}
    targets |= customer_records(customer)
    summary = F("summary")
    for name in sorted({n for n in names if n.strip()}, key=len, reverse=True):
        # Longest first, so "Anna Berg" is replaced before "Anna" could split it.
        summary = Replace(summary, Value(name), Value(pseudonym))
    for rows in targets.values():
        model = rows.model
        content_type = ContentType.objects.get_for_model(model)
        for ids in _chunks(str(pk) for pk in rows.values_list("pk", flat=True)):
            ChangeRecord.objects.filter(model=model._meta.label, object_id__in=ids).update(
                summary=summary, changes={}
            )
            LogEntry.objects.filter(content_type=content_type, object_id__in=ids).update(
                object_repr=pseudonym, change_message=""
            )


def _chunks(values: Iterable[str]) -> Iterable[list[str]]:
    chunk: list[str] = []
    for value in values:
        chunk.append(value)
        if len(chunk) == CHUNK:
            yield chunk
            chunk = []
    if chunk:
        yield chunk
