"""The workspace settings form. The rules live in services.py (`clean_own_addresses`), which
the form asks, so that the web app and any other caller check entries the same way."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from kundenwert.workspace.services import OwnAddressesInvalid, clean_own_addresses


class OwnAddressesForm(forms.Form):
    own_addresses = forms.CharField(
        label=_("Your own e-mail addresses and domains"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4, "spellcheck": "false", "autocomplete": "off"}),
        help_text=_(
            "One per line: full addresses (anna@example.com) or domains (example.com) for "
            "all of your addresses there. For a mail provider that many people share "
            "(gmail.com, gmx.de …), enter the full address."
        ),
    )

    def clean_own_addresses(self) -> list[str]:
        try:
            return clean_own_addresses(self.cleaned_data["own_addresses"])
        except OwnAddressesInvalid as invalid:
            raise forms.ValidationError(invalid.problems) from None
