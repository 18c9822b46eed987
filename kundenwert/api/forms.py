from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from kundenwert.accounts.models import User


class TokenForm(forms.Form):
    name = forms.CharField(
        label=_("Name"),
        max_length=100,
        help_text=_("What the token is for, e.g. the program that uses it."),
    )
    user = forms.ModelChoiceField(
        label=_("Acts as"),
        queryset=User.objects.filter(is_active=True).order_by("username"),
        help_text=_("A staff member's token has staff rights: no revenue, margins or rates."),
    )
