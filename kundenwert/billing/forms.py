"""The form of the "Unmatched payments" page: which open invoice a payment pays."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from kundenwert.billing.models import Invoice


def open_invoices():
    """Invoices a payment may be assigned to on the page: not paid, not a credit note."""
    return Invoice.objects.filter(paid_date__isnull=True, net__gt=0)


class AssignPaymentForm(forms.Form):
    invoice = forms.ModelChoiceField(
        label=_("Invoice"),
        queryset=open_invoices(),
        error_messages={
            "required": _("Please choose the invoice this payment pays."),
            "invalid_choice": _("This invoice is no longer open. Please choose another one."),
        },
    )
