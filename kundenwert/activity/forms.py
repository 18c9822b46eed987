"""The interaction form: everything a contact needs, in the order it is typed.

The customer is picked by the type-ahead (which fills the hidden `customer` id) or, without
JavaScript, typed into `customer_query`: one match is taken, several are offered as a
choice on the page that comes back. `confirm_channel` is set when the person agreed to
use a channel the customer's group should not get.
"""

from __future__ import annotations

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kundenwert.activity.models import Channel, Complaint, Direction
from kundenwert.customers.models import Customer
from kundenwert.customers.search import search_customers
from kundenwert.web.forms import SaneDates

MOOD_CHOICES = [
    ("", _("not rated")),
    ("-2", _("−2 very bad")),
    ("-1", _("−1 bad")),
    ("0", _("0 neutral")),
    ("1", _("+1 good")),
    ("2", _("+2 very good")),
]
MAX_CANDIDATES = 20
SERVICE_FIELDS = (
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
    "note",
)


class InteractionForm(SaneDates, forms.Form):
    customer = forms.IntegerField(required=False, widget=forms.HiddenInput)
    customer_query = forms.CharField(label=_("Customer"), required=False, max_length=200)
    channel = forms.ChoiceField(label=_("Channel"), choices=Channel.choices, initial="phone")
    direction = forms.ChoiceField(
        label=_("Direction"),
        choices=Direction.choices,
        initial=Direction.OUT,
        widget=forms.RadioSelect,
    )
    planned = forms.BooleanField(label=_("planned"), required=False, initial=True)
    minutes = forms.DecimalField(
        label=_("Minutes"),
        required=False,
        min_value=0,
        max_value=24 * 60,
        max_digits=10,
        decimal_places=2,
        initial=0,
        widget=forms.NumberInput(attrs={"step": "any", "inputmode": "decimal"}),
    )
    at = forms.DateTimeField(
        label=_("When"),
        required=False,
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%dT%H:%M:%S", "%Y-%m-%d %H:%M"],
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        help_text=_("Leave empty for now."),
    )
    tracked = forms.BooleanField(label=_("already in time tracking"), required=False)
    out_of_scope = forms.BooleanField(label=_("asked for something out of scope"), required=False)
    price_negotiation = forms.BooleanField(label=_("negotiated the price"), required=False)
    complaint = forms.ChoiceField(
        label=_("Complaint"),
        choices=Complaint.choices,
        initial=Complaint.NONE,
        widget=forms.RadioSelect,
    )
    mood = forms.TypedChoiceField(
        label=_("Mood"),
        choices=MOOD_CHOICES,
        coerce=int,
        empty_value=None,
        required=False,
        initial="",
        widget=forms.RadioSelect,
    )
    note = forms.CharField(
        label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    # Kundenorientierung: asked at every contact, kept as one of the customer's concerns.
    occupies = forms.CharField(
        label=_("What occupies them right now?"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    confirm_channel = forms.BooleanField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.candidates: list[Customer] = []  # offered when the typed name is ambiguous

    def clean(self):
        data = super().clean()
        data["customer_obj"] = self._chosen_customer(data)
        if data.get("minutes") is None:
            data["minutes"] = 0
        if data.get("at") is None:
            data["at"] = timezone.now()
        return data

    def _chosen_customer(self, data) -> Customer | None:
        query = (data.get("customer_query") or "").strip()
        if data.get("customer"):
            customer = Customer.objects.filter(pk=data["customer"]).first()
            # Without JavaScript the hidden id stays when someone types another name.
            if customer is not None and query.casefold() not in customer.name.casefold():
                return self._customer_by_name(query)
            if customer is None:
                self.add_error("customer_query", _("This customer does not exist (any more)."))
            return customer
        if not query:
            self.add_error("customer_query", _("Please choose a customer."))
            return None
        return self._customer_by_name(query)

    def _customer_by_name(self, query: str) -> Customer | None:
        matches = list(search_customers(query, limit=MAX_CANDIDATES + 1))
        exact = [c for c in matches if query.casefold() in (c.name.casefold(), c.number.casefold())]
        if len(exact) == 1:
            return exact[0]
        if len(matches) == 1:
            return matches[0]
        if not matches:
            self.add_error("customer_query", _("No customer matches this name."))
        else:
            self.candidates = matches[:MAX_CANDIDATES]
            self.add_error("customer_query", _("Several customers match: please choose one."))
        return None

    def service_values(self) -> dict:
        """The cleaned values as keyword arguments of do_log_interaction."""
        return {name: self.cleaned_data[name] for name in SERVICE_FIELDS}
