"""The form of the "Unmatched payments" page: which open invoice a payment pays."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from kundenwert.billing.models import Invoice


def open_invoices():
    """Invoices a payment may be assigned to on the page: not paid, not a credit note."""
    return Invoice.objects.filter(paid_date__isnull=True, net__gt=0)


class AssignPaymentForm(forms.Form):
    """The invoice chosen in the list, or, when the list does not show every open invoice,
    one given by its number."""

    invoice = forms.ModelChoiceField(
        label=_("Invoice"),
        queryset=open_invoices(),
        required=False,
        error_messages={
            "invalid_choice": _("This invoice is no longer open. Please choose another one."),
        },
    )
    number = forms.CharField(label=_("Invoice number"), required=False, max_length=100)

    def clean(self):
        cleaned = super().clean()
        number = (cleaned.get("number") or "").strip()
        if number:
            found = open_invoices().filter(number__iexact=number).first()
            if found is None:
                message = _("There is no open invoice with the number %(number)s.")
                raise forms.ValidationError(message % {"number": number})
            cleaned["invoice"] = found
        elif cleaned.get("invoice") is None and not self.errors:
            raise forms.ValidationError(_("Please choose the invoice this payment pays."))
        return cleaned
