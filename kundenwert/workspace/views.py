"""The settings page of the web app: the workspace settings the owner sets here.

For now the owner's own e-mail addresses and domains, which the mail and calendar imports
and customer matching use (docs/importing.md); the other settings are in the admin."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from kundenwert.web.permissions import owner_required
from kundenwert.workspace.forms import OwnAddressesForm
from kundenwert.workspace.services import (
    OwnAddressesInvalid,
    do_update_own_addresses,
    get_settings,
)


@owner_required
def settings_page(request: HttpRequest) -> HttpResponse:
    stored = get_settings()
    initial = {"own_addresses": "\n".join(stored.own_addresses)}
    form = OwnAddressesForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            do_update_own_addresses(request.user, form.cleaned_data["own_addresses"])
        except OwnAddressesInvalid as invalid:
            form.add_error("own_addresses", invalid.problems)
        else:
            messages.success(request, _("The settings are saved."))
            return redirect("workspace_settings")
    status = 400 if form.is_bound and form.errors else 200
    return render(request, "workspace/settings.html", {"form": form}, status=status)
