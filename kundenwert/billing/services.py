"""Invoices typed in or sent through the API. Imported invoices come through the importers
(kundenwert.importers), payments through kundenwert.billing.payments."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction

from kundenwert.accounts.services import do_record_change
from kundenwert.billing.models import Invoice
from kundenwert.customers.models import Customer
from kundenwert.lib import parsing


@transaction.atomic
def do_create_invoice(
    user,
    customer: Customer,
    *,
    number: str,
    issue_date: date,
    net: Decimal,
    currency: str = "EUR",
    due_date: date | None = None,
    paid_date: date | None = None,
) -> Invoice:
    """The model checks sizes and that the number is new; the currency is checked as the
    portfolio folder checks it (kundenwert.lib.parsing)."""
    try:
        currency = parsing.parse_currency(parsing.strip(currency or "EUR"))
    except ValueError as error:
        raise ValidationError({"currency": f"'{currency}' {error}"}) from None
    invoice = Invoice(
        number=number.strip(),
        customer=customer,
        issue_date=issue_date,
        due_date=due_date,
        net=net,
        currency=currency,
        paid_date=paid_date,
    )
    invoice.full_clean(exclude=["source"])
    invoice.save()
    do_record_change(user, "create", invoice, f"invoice {invoice.number} for {customer.name}")
    return invoice
