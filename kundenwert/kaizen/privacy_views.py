"""Data-protection pages: export, erasure, what is due for deletion, and the settings.
Owners only."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kundenwert.customers.models import Customer
from kundenwert.kaizen import services
from kundenwert.kaizen.config import get_kaizen_settings, pattern_settings
from kundenwert.kaizen.forms import EraseForm, SettingsForm
from kundenwert.kaizen.models import Erasure
from kundenwert.kaizen.privacy import (
    CLEARED,
    DELETED,
    customer_records,
    due_for_deletion,
    export_json,
    records_kept_until,
)
from kundenwert.patterns import PatternSettingsError
from kundenwert.web.permissions import owner_required


@owner_required
def export(request: HttpRequest, pk: int) -> HttpResponse:
    customer = get_object_or_404(Customer, pk=pk)
    body = export_json(customer)
    services.do_record_export(request.user, customer)
    response = HttpResponse(body, content_type="application/json; charset=utf-8")
    name = slugify(f"dsgvo {customer.number}") or "dsgvo-export"
    response["Content-Disposition"] = f'attachment; filename="{name}.json"'
    return response


@owner_required
def erase(request: HttpRequest, pk: int) -> HttpResponse:
    customer = get_object_or_404(Customer, pk=pk)
    today = timezone.localdate()
    form = EraseForm(request.POST or None, number=customer.number, initial={"requested_on": today})
    if request.method == "POST" and form.is_valid():
        services.do_erase_customer(request.user, customer, form.cleaned_data["requested_on"])
        messages.success(request, _("The personal data is erased."))
        return redirect("kaizen:privacy")
    years = get_kaizen_settings().invoice_retention_years
    return render(
        request,
        "kaizen/erase.html",
        {
            "customer": customer,
            "form": form,
            "counts": _counts(customer),
            "kept_until": records_kept_until(customer, years),
            "years": years,
        },
        status=400 if form.is_bound and form.errors else 200,
    )


def _counts(customer: Customer) -> dict[str, list[tuple[str, int]]]:
    """How many records erasure deletes, empties or keeps, by kind, for the confirmation."""
    groups: dict[str, list[tuple[str, int]]] = {"deleted": [], "cleared": [], "kept": []}
    for label, rows in customer_records(customer).items():
        count = rows.count()
        if not count:
            continue
        group = "deleted" if label in DELETED else "cleared" if label in CLEARED else "kept"
        groups[group].append((str(rows.model._meta.verbose_name_plural), count))
    return groups


@owner_required
def privacy(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    settings = get_kaizen_settings()
    return render(
        request,
        "kaizen/privacy.html",
        {
            "due": due_for_deletion(today, settings.erase_after_years),
            "erasures": Erasure.objects.all()[:100],
            "settings": settings,
            "today": today,
        },
    )


@owner_required
@require_POST
def purge(request: HttpRequest, pk: int) -> HttpResponse:
    erasure = get_object_or_404(Erasure, pk=pk)
    try:
        services.do_purge_kept_records(request.user, erasure, timezone.localdate())
    except services.KaizenError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("The kept records are deleted."))
    return redirect("kaizen:privacy")


@owner_required
def settings_page(request: HttpRequest) -> HttpResponse:
    stored = get_kaizen_settings()
    initial = {
        "invoice_retention_years": stored.invoice_retention_years,
        "erase_after_years": stored.erase_after_years,
        **pattern_settings().as_json(),
    }
    form = SettingsForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.do_update_kaizen_settings(
                request.user,
                patterns=form.pattern_values(),
                invoice_retention_years=form.cleaned_data["invoice_retention_years"],
                erase_after_years=form.cleaned_data["erase_after_years"],
            )
        except (PatternSettingsError, services.KaizenError) as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("The settings are saved."))
            return redirect("kaizen:settings")
    status = 400 if form.is_bound and form.errors else 200
    return render(request, "kaizen/settings.html", {"form": form}, status=status)
