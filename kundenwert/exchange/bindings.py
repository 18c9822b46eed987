"""How each table of the portfolio folder maps onto a model.

A table either has a natural key (customer id, invoice number, offer number, a delivery's
customer + title + date): its rows are added or updated in place. Or it has none (time
entries, interactions, direct costs): its rows are matched on their whole content.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db.models import Model

from kundenwert.activity.models import Interaction, TimeEntry
from kundenwert.billing.models import DirectCost, Invoice
from kundenwert.customers.models import Customer
from kundenwert.portfolio.schema import (
    CUSTOMERS,
    DELIVERIES,
    DIRECT_COSTS,
    INTERACTIONS,
    INVOICES,
    OFFERS,
    TIME_ENTRIES,
    Table,
)
from kundenwert.sales.models import Delivery, Offer

# Portfolio column → model field where the names differ.
RENAMES = {"id": "number", "customer_id": "customer_id", "user": "user_name"}


@dataclass(frozen=True)
class Binding:
    table: Table
    model: type[Model]
    key: tuple[str, ...] = ()  # model fields; empty: matched on content (fingerprint)
    fields: tuple[str, ...] = field(init=False)

    def __post_init__(self) -> None:
        names = tuple(RENAMES.get(c, c) for c in self.table.column_names)
        object.__setattr__(self, "fields", names)

    @property
    def by_content(self) -> bool:
        return not self.key

    def model_values(self, row: dict[str, object], customer_pks: dict[str, int]) -> dict:
        """A portfolio row as model field values (empty strings, aware datetimes, FK ids)."""
        values = {}
        zone = ZoneInfo(settings.TIME_ZONE)
        for column in self.table.columns:
            name = RENAMES.get(column.name, column.name)
            value = row[column.name]
            if column.name == "customer_id":
                value = customer_pks[value]  # type: ignore[index]
            elif isinstance(value, datetime):
                value = value.replace(tzinfo=zone)
            elif value is None and column.kind in {"string", "enum"}:
                value = ""
            values[name] = value
        return values


BINDINGS: tuple[Binding, ...] = (
    Binding(CUSTOMERS, Customer, key=("number",)),
    Binding(INVOICES, Invoice, key=("number",)),
    Binding(OFFERS, Offer, key=("number",)),
    Binding(DELIVERIES, Delivery, key=("customer_id", "title", "delivered_date")),
    Binding(TIME_ENTRIES, TimeEntry),
    Binding(INTERACTIONS, Interaction),
    Binding(DIRECT_COSTS, DirectCost),
)
