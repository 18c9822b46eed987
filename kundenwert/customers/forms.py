"""Forms of the customer pages: the list's filters, the owner's ratings, the hand-set
group, and a new insight. Each validates here and writes through customers.services."""

from __future__ import annotations

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kundenwert.customers.listing import SORTS, ListQuery
from kundenwert.customers.models import Group, InsightKind, Status
from kundenwert.customers.reasons import FILTER_CODES, REASON_LABELS
from kundenwert.web.forms import SaneDates


class CustomerFilterForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False, max_length=200)
    group = forms.ChoiceField(
        label=_("Group"),
        required=False,
        choices=[("", _("all")), ("A", "A"), ("B", "B"), ("C", "C"), ("none", _("no group"))],
    )
    status = forms.ChoiceField(
        label=_("Status"), required=False, choices=[("", _("all")), *Status.choices]
    )
    reason = forms.ChoiceField(
        label=_("Reason"),
        required=False,
        choices=[("", _("all")), *((code, REASON_LABELS[code]) for code in FILTER_CODES)],
    )
    exit = forms.BooleanField(label=_("exit candidates only"), required=False)
    sort = forms.ChoiceField(
        required=False,
        choices=[(f"{sign}{key}", key) for key in SORTS for sign in ("", "-")],
        widget=forms.HiddenInput,
    )
    page = forms.IntegerField(required=False, min_value=1, widget=forms.HiddenInput)

    def list_query(self) -> ListQuery:
        """The filters as a ListQuery; invalid values fall back to "all"."""
        data = self.cleaned_data if self.is_valid() else {}
        return ListQuery(
            text=data.get("q") or "",
            group=data.get("group") or "",
            status=data.get("status") or "",
            reason=data.get("reason") or "",
            exit_only=bool(data.get("exit")),
            sort=data.get("sort") or "revenue",
            page=data.get("page") or 1,
        )


class RatingsForm(forms.Form):
    potential = forms.TypedChoiceField(
        label=_("Potential"),
        choices=[("", _("not rated")), *((str(n), str(n)) for n in range(1, 6))],
        coerce=int,
        empty_value=None,
        required=False,
        help_text=_("Your rating, 1 (low) to 5 (high); 4 or more counts as potential."),
    )
    useful = forms.BooleanField(
        label=_("useful to me (professionally or privately)"), required=False
    )
    heart = forms.BooleanField(label=_("close to my heart"), required=False)


class GroupOverrideForm(forms.Form):
    group = forms.ChoiceField(
        label=_("Group"),
        choices=[("", _("as the analysis decides")), *Group.choices],
        required=False,
        widget=forms.RadioSelect,
    )
    reason = forms.CharField(
        label=_("Reason"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Needed when you set the group by hand."),
    )

    def clean(self):
        data = super().clean()
        if data.get("group") and not (data.get("reason") or "").strip():
            self.add_error("reason", _("Please say why you set the group by hand."))
        return data


class InsightForm(SaneDates, forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=InsightKind.choices)
    text = forms.CharField(
        label=_("What occupies the customer"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    noted_on = forms.DateField(
        label=_("Noted on"),
        initial=timezone.localdate,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        input_formats=["%Y-%m-%d", "%d.%m.%Y"],
    )
