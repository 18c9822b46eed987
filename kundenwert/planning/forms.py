"""The planning forms; each validates what its service then writes."""

from __future__ import annotations

from datetime import timedelta

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kundenwert.planning.models import Task
from kundenwert.web.forms import SaneDates


class CauseForm(forms.Form):
    cause = forms.CharField(widget=forms.HiddenInput, max_length=600)


class SnoozeForm(SaneDates, CauseForm):
    until = forms.DateField(
        label=_("Snooze until"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )

    def clean_until(self):
        until = self.cleaned_data["until"]
        if until <= timezone.localdate():
            raise forms.ValidationError(_("Choose a day after today."))
        return until

    @staticmethod
    def default_until():
        return timezone.localdate() + timedelta(days=7)


class DismissForm(CauseForm):
    reason = forms.CharField(label=_("Reason"), max_length=500)


IMPORTANCE_CHOICES = [(1, _("high")), (2, _("normal")), (3, _("low"))]


class TaskForm(SaneDates, forms.ModelForm):
    importance = forms.TypedChoiceField(
        label=_("Importance"), choices=IMPORTANCE_CHOICES, coerce=int, initial=2
    )

    class Meta:
        model = Task
        fields = ["title", "due_date", "estimate_minutes", "importance"]
        widgets = {"due_date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")}


class TextForm(forms.Form):
    text = forms.CharField(max_length=300)


class FeedTokenForm(forms.Form):
    label = forms.CharField(label=_("Label"), max_length=100, required=False)
