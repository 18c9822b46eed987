"""Logging an interaction: one form for owners and staff, with or without JavaScript.

When the channel is not one the customer's group should get, the form comes back with the
warning and a "save anyway" button (`confirm_channel`), so the question is asked on the
server too; the page's script asks the same question before sending.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _

from kundenwert.activity.forms import InteractionForm
from kundenwert.activity.models import Channel
from kundenwert.activity.services import allowed_channels, do_log_interaction, known_group
from kundenwert.customers.models import Customer
from kundenwert.kaizen.exits import warn_if_ended
from kundenwert.kaizen.services import do_note_what_occupies


@login_required
def log_interaction(request: HttpRequest) -> HttpResponse:
    next_url = safe_next(request)
    if request.method == "POST":
        form = InteractionForm(request.POST)
        if form.is_valid():
            customer = form.cleaned_data["customer_obj"]
            warning = channel_warning(customer, form.cleaned_data["channel"])
            if not warning or form.cleaned_data["confirm_channel"]:
                interaction = do_log_interaction(request.user, customer, **form.service_values())
                do_note_what_occupies(
                    request.user,
                    customer,
                    form.cleaned_data["occupies"],
                    timezone.localdate(interaction.at),
                )
                messages.success(
                    request, _("The contact with %(name)s is saved.") % {"name": customer.name}
                )
                if ended := warn_if_ended(customer):
                    messages.warning(request, ended)
                return redirect(next_url or default_next(request, customer))
            return _page(request, form, next_url, warning=warning, customer=customer)
        return _page(request, form, next_url)
    return _page(request, InteractionForm(initial=_initial(request)), next_url)


def _page(request, form, next_url, warning: str = "", customer=None) -> HttpResponse:
    customer = customer or _preselected(request, form)
    context = {
        "form": form,
        "next": next_url,
        "warning": warning,
        "customer": customer,
        "channels": allowed_channels(known_group(customer)) if customer else [],
    }
    return render(request, "activity/log.html", context)


def _initial(request: HttpRequest) -> dict:
    customer = _customer_from_query(request)
    if customer is None:
        return {}
    return {"customer": customer.pk, "customer_query": customer.name}


def _preselected(request: HttpRequest, form: InteractionForm) -> Customer | None:
    if form.is_bound:
        return form.cleaned_data.get("customer_obj") if hasattr(form, "cleaned_data") else None
    return _customer_from_query(request)


def _customer_from_query(request: HttpRequest) -> Customer | None:
    pk = request.GET.get("customer", "")
    return Customer.objects.filter(pk=pk).first() if pk.isdigit() else None


def channel_warning(customer: Customer, channel: str) -> str:
    """The question to ask before using a channel the customer's group should not get."""
    group = known_group(customer)
    allowed = allowed_channels(group)
    if channel in allowed:
        return ""
    labels = dict(Channel.choices)
    return _(
        "Customers in group %(group)s should be contacted by %(allowed)s only. "
        "Save this contact by %(channel)s anyway?"
    ) % {
        "group": group,
        "allowed": ", ".join(str(labels.get(c, c)) for c in allowed),
        "channel": labels.get(channel, channel),
    }


def safe_next(request: HttpRequest) -> str:
    """The page to return to, if it is one of ours."""
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return ""


def default_next(request: HttpRequest, customer: Customer) -> str:
    if request.user.is_owner:
        return reverse("customer_detail", args=[customer.pk]) + "#timeline"
    return reverse("my_tasks")
