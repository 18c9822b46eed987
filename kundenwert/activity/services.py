"""Every write about interactions and time entries goes through here, and the channel rules
are read here.

A channel the customer's group should not get (method.md: C customers in writing only) is
a warning, not an error: the owner may still call a C customer back, but is asked first.
"""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import OuterRef, QuerySet, Subquery
from django.utils import timezone
from django.utils.translation import gettext as _

from kundenwert.accounts.services import do_record_change
from kundenwert.activity.models import Channel, Complaint, Direction, Interaction, TimeEntry
from kundenwert.customers.models import Customer, GroupRecord
from kundenwert.exchange.fingerprints import fingerprint
from kundenwert.workspace.services import get_settings

# The portfolio columns in schema order, as model fields: a record typed in gets the same
# fingerprint an import of its exported row computes, so re-importing an export adds nothing.
TIME_ENTRY_FIELDS = ("start", "minutes", "billable", "user_name", "project", "description")
INTERACTION_FIELDS = (
    "at",
    "channel",
    "direction",
    "planned",
    "minutes",
    "tracked",
    "out_of_scope",
    "price_negotiation",
    "complaint",
    "mood",
    "user_name",
    "note",
)


def content_fingerprint(record, fields: tuple[str, ...]) -> str:
    values = [record.customer.number]
    for name in fields:
        value = getattr(record, name)
        if isinstance(value, datetime):
            value = timezone.localtime(value).replace(tzinfo=None, microsecond=0)
        values.append(value if value != "" else None)
    return fingerprint(values)


@transaction.atomic
def do_log_interaction(
    user,
    customer: Customer,
    *,
    at: datetime,
    channel: str,
    direction: str = Direction.OUT,
    planned: bool = True,
    minutes: Decimal = Decimal("0"),
    tracked: bool = False,
    out_of_scope: bool = False,
    price_negotiation: bool = False,
    complaint: str = Complaint.NONE,
    mood: int | None = None,
    note: str = "",
) -> Interaction:
    interaction = Interaction(
        customer=customer,
        at=at,
        channel=channel,
        direction=direction,
        planned=planned,
        minutes=minutes,
        tracked=tracked,
        out_of_scope=out_of_scope,
        price_negotiation=price_negotiation,
        complaint=complaint,
        mood=mood,
        note=note.strip(),
        user_name=user.get_username() if user is not None else "",
        logged_by=user if user is not None and user.pk else None,
    )
    interaction.full_clean(exclude=["fingerprint", "source"])
    interaction.fingerprint = content_fingerprint(interaction, INTERACTION_FIELDS)
    interaction.save()
    do_record_change(user, "create", interaction, f"{channel} with {customer.name}")
    return interaction


def with_last_group(customers: QuerySet[Customer]) -> QuerySet[Customer]:
    """Customers annotated with `last_group`: the group of the last saved analysis."""
    latest = GroupRecord.objects.filter(customer=OuterRef("pk")).order_by("-as_of", "-saved_at")
    return customers.annotate(last_group=Subquery(latest.values("group")[:1]))


def known_group(customer: Customer) -> str | None:
    """The group to apply channel rules by: the hand-set one, else the last saved analysis.

    The saved history is one query and good enough here; recomputing the analysis for
    every logged call would make logging slow in a big portfolio.
    """
    if customer.group_override:
        return customer.group_override
    if not hasattr(customer, "last_group"):
        customer = with_last_group(Customer.objects.filter(pk=customer.pk)).get()
    return customer.last_group or None


def allowed_channels(group: str | None, rules: dict[str, list[str]] | None = None) -> list[str]:
    """The channels a group should get; every channel when the group is not known.

    `rules` are the workspace's channel rules, read here when not given (pass them when
    asking for many customers at once).
    """
    if group is None:
        return list(Channel.values)
    rules = rules if rules is not None else get_settings().channel_rules_or_default()
    return rules.get(group, list(Channel.values))


def channel_is_allowed(customer: Customer, channel: str) -> bool:
    return channel in allowed_channels(known_group(customer))


@transaction.atomic
def do_create_time_entry(
    user,
    customer: Customer,
    *,
    start: datetime,
    minutes: Decimal,
    billable: bool = True,
    project: str = "",
    description: str = "",
) -> TimeEntry:
    """A time entry typed in or sent through the API; imports use the importers instead.

    The model's validators check the field types and sizes; that the minutes are more than
    zero is the rule of the portfolio folder (data-format.md), kept here for every writer.
    """
    entry = TimeEntry(
        customer=customer,
        start=start,
        minutes=minutes,
        billable=billable,
        project=project.strip(),
        description=description.strip(),
        user_name=user.get_username() if user is not None else "",
    )
    entry.full_clean(exclude=["fingerprint", "source"])
    if entry.minutes <= 0:
        raise ValidationError({"minutes": _("The minutes must be more than zero.")})
    entry.fingerprint = content_fingerprint(entry, TIME_ENTRY_FIELDS)
    entry.save()
    do_record_change(user, "create", entry, f"{entry.minutes} min for {customer.name}")
    return entry
