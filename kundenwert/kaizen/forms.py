"""The kaizen forms. They check the input's shape; the rules live in services.py."""

from __future__ import annotations

from dataclasses import fields as dataclass_fields

from django import forms
from django.utils.translation import gettext_lazy as _

from kundenwert.kaizen.models import PatternKey, Voice
from kundenwert.patterns import PatternSettings
from kundenwert.patterns.ideal import CRITERIA, MAX_WEIGHT
from kundenwert.planning.models import Reaction
from kundenwert.web.forms import SaneDates

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
SETTING_LABELS = {
    "evening_from_hour": _("Late evening starts at (hour)"),
    "night_until_hour": _("Night ends at (hour)"),
    "quarters": _("Quarters shown"),
    "trend_quarters": _("Quarters a trend compares with"),
    "min_hours": _("Hours a share needs at least"),
    "odd_hours_share_min": _("List: share of work at odd hours from"),
    "unbilled_share_min": _("List: unbilled share from"),
    "discount_share_min": _("List: discount share from"),
    "out_of_scope_min": _("List: out-of-scope requests from"),
    "days_late_min": _("List: mean days late from"),
    "unplanned_call_share_min": _("List: share of unplanned calls from"),
    "mood_max": _("List: mean mood at most"),
    "mood_ratings_min": _("List: mood ratings needed"),
    "share_moved_by": _("A share moved by (fraction)"),
    "count_moved_by": _("A count moved by"),
    "days_moved_by": _("Days late moved by"),
    "mood_moved_by": _("Mood moved by"),
    "measure_window_days": _("Kaizen step: days before and after"),
    "watch_window_days": _("Talk watch: days compared"),
    "talk_watch_days": _("Talk watch: days it lasts"),
}


def _text(rows: int = 3) -> forms.Textarea:
    return forms.Textarea(attrs={"rows": rows})


class KaizenStepForm(SaneDates, forms.Form):
    pattern = forms.ChoiceField(
        label=_("Pattern it targets"),
        choices=[("", _("none (not measured)")), *PatternKey.choices],
        required=False,
    )
    area = forms.CharField(
        label=_("Area"),
        max_length=100,
        required=False,
        help_text=_("Leave empty to use the pattern's name."),
    )
    observed = forms.CharField(label=_("What you observed"), widget=_text())
    step = forms.CharField(label=_("The small step"), widget=_text())
    started_on = forms.DateField(label=_("Starts on"), widget=DATE)
    review_on = forms.DateField(label=_("Review on"), widget=DATE)


class StepUpdateForm(forms.Form):
    reaction = forms.ChoiceField(
        label=_("The customer's reaction"), choices=Reaction.choices, required=False
    )
    notes = forms.CharField(label=_("Notes"), widget=_text(), required=False)


class TalkForm(SaneDates, forms.Form):
    held_on = forms.DateField(label=_("Date of the talk"), widget=DATE)
    watch_until = forms.DateField(
        label=_("Watch until"),
        widget=DATE,
        required=False,
        help_text=_("Leave empty for the default watch period."),
    )


class AgreementsForm(SaneDates, forms.Form):
    agreements = forms.CharField(label=_("Agreements"), widget=_text(6), required=False)
    watch_until = forms.DateField(label=_("Watch until"), widget=DATE)


class ValueChainForm(forms.Form):
    name = forms.CharField(label=_("Their customer"), max_length=200)
    note = forms.CharField(label=_("What they need"), max_length=300, required=False)


class WorkDayForm(SaneDates, forms.Form):
    day = forms.DateField(label=_("Day"), widget=DATE)
    learned = forms.CharField(label=_("What you learned"), widget=_text(), required=False)


class IdealProfileForm(SaneDates, forms.Form):
    description = forms.CharField(label=_("Whom you want to work for"), widget=_text(5))
    written_on = forms.DateField(label=_("Written on"), widget=DATE)
    reflection = forms.CharField(
        label=_("Where are you a bad customer yourself?"), widget=_text(5), required=False
    )

    def __init__(self, *args, labels: dict[str, str], **kwargs):
        super().__init__(*args, **kwargs)
        for key in CRITERIA:
            self.fields[f"weight_{key}"] = forms.IntegerField(
                label=labels[key], min_value=0, max_value=MAX_WEIGHT, initial=0
            )

    def weights(self) -> dict[str, int]:
        return {key: self.cleaned_data[f"weight_{key}"] for key in CRITERIA}


class ExitForm(SaneDates, forms.Form):
    voice = forms.ChoiceField(label=_("Voice"), choices=Voice.choices)
    end_date = forms.DateField(label=_("End date"), widget=DATE)
    greeting_name = forms.CharField(
        label=_("Addressed to"),
        max_length=200,
        required=False,
        help_text=_("The person's name; leave empty for a general greeting."),
    )
    handover = forms.CharField(
        label=_("Hand-over"),
        widget=_text(),
        required=False,
        help_text=_("Leave empty for a standard sentence on documents, files and access."),
    )
    recommendation = forms.CharField(
        label=_("Recommendation"),
        max_length=300,
        required=False,
        help_text=_("Whom you recommend instead, if anyone fits."),
    )
    sender = forms.CharField(label=_("Signed by"), max_length=200)


class LetterForm(forms.Form):
    letter = forms.CharField(label=_("Letter"), widget=_text(24))


class EraseForm(SaneDates, forms.Form):
    requested_on = forms.DateField(label=_("Erasure requested on"), widget=DATE)
    confirm_number = forms.CharField(label=_("Type the customer number to confirm"), max_length=64)

    def __init__(self, *args, number: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.number = number

    def clean_confirm_number(self) -> str:
        value = self.cleaned_data["confirm_number"].strip()
        if value != self.number:
            raise forms.ValidationError(_("This is not the customer's number."))
        return value


class SettingsForm(forms.Form):
    invoice_retention_years = forms.IntegerField(
        label=_("Keep invoices and booking records (years)"), min_value=1, max_value=30
    )
    erase_after_years = forms.IntegerField(
        label=_("Erase ended customers' personal data after (years)"), min_value=1, max_value=30
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in dataclass_fields(PatternSettings):
            kind = forms.IntegerField if field.type == "int" else forms.FloatField
            self.fields[field.name] = kind(label=SETTING_LABELS[field.name])

    def pattern_values(self) -> dict[str, object]:
        return {f.name: self.cleaned_data[f.name] for f in dataclass_fields(PatternSettings)}
