"""Every write about customers goes through here: the web app, the CLI and the API alike."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext

from kundenwert.accounts.services import do_record_change
from kundenwert.customers.models import Customer, Group, GroupRecord, Insight


@transaction.atomic
def do_save_group_history(result, user=None) -> int:
    """Keeps each customer's group, reasons and figures from an analysis result.

    One record per customer and analysis (as-of date and period); saving the same analysis
    again replaces its records, so the history shows one line per saved analysis.
    """
    pks = dict(Customer.objects.values_list("number", "pk"))
    frame = result.customers_json_frame()
    records = [
        GroupRecord(
            customer_id=pks[row["id"]],
            as_of=result.as_of,
            period_start=result.period.start,
            period_end=result.period.end,
            group=row["group"] or "",
            reasons=row["reasons"],
            exit_candidate=row["exit_candidate"],
            metrics=row["metrics"],
        )
        for row in frame.iter_rows(named=True)
        if row["id"] in pks
    ]
    GroupRecord.objects.bulk_create(
        records,
        batch_size=1000,
        update_conflicts=True,
        unique_fields=["customer", "as_of", "period_start", "period_end"],
        update_fields=["group", "reasons", "exit_candidate", "metrics", "saved_at"],
    )
    do_record_change(
        user,
        "save",
        "group history",
        f"{len(records)} customers as of {result.as_of.isoformat()}",
    )
    return len(records)


# The owner's own judgement of a customer, which the analysis reads as criteria.
RATING_FIELDS = ("potential", "useful", "heart")


@transaction.atomic
def do_update_customer(customer: Customer, user=None, **values) -> dict[str, list]:
    """Sets the owner's ratings (potential, useful, close to heart); returns what changed
    as {field: [old, new]} and records it. Nothing changed, nothing recorded."""
    unknown = set(values) - set(RATING_FIELDS)
    if unknown:
        raise ValueError(f"not a rating: {', '.join(sorted(unknown))}")
    changes = {
        name: [getattr(customer, name), value]
        for name, value in values.items()
        if getattr(customer, name) != value
    }
    if not changes:
        return {}
    for name, (_, value) in changes.items():
        setattr(customer, name, value)
    customer.full_clean()
    customer.save(update_fields=[*changes, "updated_at"])
    do_record_change(user, "update", customer, f"ratings of {customer.name}", changes)
    return changes


@transaction.atomic
def do_set_group_override(customer: Customer, user, group: str, reason: str = "") -> None:
    """Sets the group by hand with its reason, or clears it with group "" (the analysis
    decides again). A hand-set group needs a reason, as the database also insists."""
    group, reason = group.strip().upper(), reason.strip()
    if group and group not in Group.values:
        raise ValueError(f"not a group: {group!r}")
    if group and not reason:
        raise ValueError("a hand-set group needs a reason")
    old = [customer.group_override, customer.override_reason]
    customer.group_override, customer.override_reason = group, reason if group else ""
    customer.save(update_fields=["group_override", "override_reason", "updated_at"])
    summary = f"group of {customer.name} set to {group}" if group else "hand-set group cleared"
    do_record_change(
        user,
        "update",
        customer,
        summary,
        {"group_override": [old[0], group], "override_reason": [old[1], reason if group else ""]},
    )


@transaction.atomic
def do_add_insight(customer: Customer, user, kind: str, text: str, noted_on) -> Insight:
    """Notes one of the customer's fears, worries, hopes, joys or concerns."""
    insight = Insight(customer=customer, kind=kind, text=text.strip(), noted_on=noted_on)
    insight.full_clean()
    insight.save()
    do_record_change(user, "create", insight, f"{kind} of {customer.name}")
    return insight


# What a person may set on a customer; the analysis' own figures are never set by hand.
CUSTOMER_FIELDS = (
    "number",
    "name",
    "status",
    "since",
    *RATING_FIELDS,
    "group_override",
    "override_reason",
    "email",
    "phone",
    "notes",
)


@transaction.atomic
def do_create_customer(user, **values) -> Customer:
    """A new customer; the model's validators and constraints check every value (a unique
    number, a reason with a hand-set group), so forms and the API share one set of rules."""
    _check_customer_fields(values)
    customer = Customer(**_stripped(values))
    _full_clean(customer)
    customer.save()
    do_record_change(user, "create", customer, f"customer {customer.name}")
    return customer


@transaction.atomic
def do_edit_customer(customer: Customer, user, **values) -> dict[str, list]:
    """Changes any of CUSTOMER_FIELDS; returns and records what changed as {field: [old, new]}."""
    _check_customer_fields(values)
    changes = {
        name: [getattr(customer, name), value]
        for name, value in _stripped(values).items()
        if getattr(customer, name) != value
    }
    if not changes:
        return {}
    for name, (_, value) in changes.items():
        setattr(customer, name, value)
    _full_clean(customer)
    customer.save(update_fields=[*changes, "updated_at"])
    loggable = {name: [_plain(old), _plain(new)] for name, (old, new) in changes.items()}
    do_record_change(user, "update", customer, f"customer {customer.name}", loggable)
    return changes


def _full_clean(customer: Customer) -> None:
    """The model's checks; the database's rule that a hand-set group has a reason is named
    at its field first, where the constraint's own message would name only itself."""
    if customer.group_override and not customer.override_reason.strip():
        raise ValidationError({"override_reason": gettext("A hand-set group needs a reason.")})
    customer.full_clean()


def _check_customer_fields(values: dict) -> None:
    unknown = set(values) - set(CUSTOMER_FIELDS)
    if unknown:
        raise ValueError(f"not a customer field: {', '.join(sorted(unknown))}")


def _plain(value):
    """A value as the change log's JSON can hold it."""
    return value.isoformat() if hasattr(value, "isoformat") else value


def _stripped(values: dict) -> dict:
    return {k: v.strip() if isinstance(v, str) else v for k, v in values.items()}
