"""The exit assistant's pages: checklist, letter, export and confirmation. Owners only."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kundenwert.customers.analysis_service import current_analysis
from kundenwert.customers.models import Customer
from kundenwert.kaizen import services
from kundenwert.kaizen.exits import (
    contacts_after_exit,
    default_end_date,
    default_greeting_name,
    exit_checklist,
    letter_html,
)
from kundenwert.kaizen.forms import ExitForm, LetterForm
from kundenwert.kaizen.models import ExitPlan, Voice
from kundenwert.web.language import ui_language
from kundenwert.web.permissions import owner_required


@owner_required
def exit_page(request: HttpRequest, pk: int) -> HttpResponse:
    customer = get_object_or_404(Customer, pk=pk)
    plan = customer.exit_plans.first()
    form = ExitForm(request.POST or None, initial=_initial(request, customer, plan))
    if request.method == "POST" and form.is_valid():
        try:
            services.do_prepare_exit(request.user, customer, **form.cleaned_data)
        except services.KaizenError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("The letter is written. Read it and adjust it below."))
            return redirect("kaizen:exit", pk=customer.pk)
    return render(
        request,
        "kaizen/exit.html",
        {
            "customer": customer,
            "checklist": exit_checklist(customer),
            "plan": plan,
            "form": form,
            "letter_form": LetterForm(initial={"letter": plan.letter}) if plan else None,
            "after_exit": contacts_after_exit(customer),
            "exit_reason": _exit_reason(customer),
        },
        status=400 if form.is_bound and form.errors else 200,
    )


def _initial(request: HttpRequest, customer: Customer, plan: ExitPlan | None) -> dict:
    if plan is not None:
        fields = ("voice", "end_date", "greeting_name", "handover", "recommendation", "sender")
        return {name: getattr(plan, name) for name in fields}
    voice = Voice.DE_SIE if request.LANGUAGE_CODE.startswith("de") else Voice.EN
    return {
        "voice": voice,
        "end_date": default_end_date(timezone.localdate()),
        "greeting_name": default_greeting_name(customer, voice),
        "sender": request.user.get_full_name() or request.user.get_username(),
    }


def _exit_reason(customer: Customer) -> str:
    """Why the analysis sees an exit candidate, if it does (shown, never decided here)."""
    result = current_analysis().current
    if result is None:
        return ""
    try:
        found = result.customer(customer.number)
    except KeyError:
        return ""
    return found.explain("exit_candidate", ui_language()) if found.exit_candidate else ""


@owner_required
@require_POST
def exit_letter(request: HttpRequest, pk: int) -> HttpResponse:
    plan = get_object_or_404(ExitPlan, pk=pk, confirmed_at__isnull=True)
    form = LetterForm(request.POST)
    if form.is_valid():
        services.do_edit_exit_letter(request.user, plan, form.cleaned_data["letter"])
        messages.success(request, _("The letter is saved."))
    else:
        messages.error(request, _("The letter cannot be empty."))
    return redirect("kaizen:exit", pk=plan.customer_id)


@owner_required
def exit_export(request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
    if fmt not in ("txt", "html"):
        raise Http404
    plan = get_object_or_404(ExitPlan.objects.select_related("customer"), pk=pk)
    name = slugify(f"letter {plan.customer.number}") or "letter"
    if fmt == "html":
        response = HttpResponse(letter_html(plan), content_type="text/html; charset=utf-8")
    else:
        response = HttpResponse(plan.letter, content_type="text/plain; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{name}.{fmt}"'
    return response


@owner_required
@require_POST
def exit_confirm(request: HttpRequest, pk: int) -> HttpResponse:
    plan = get_object_or_404(ExitPlan, pk=pk)
    try:
        services.do_confirm_exit(request.user, plan)
    except services.KaizenError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(
            request,
            _(
                "The relationship is ended. Contact reminders and thank-yous stop; its open "
                "offers are closed as declined."
            ),
        )
    return redirect("kaizen:exit", pk=plan.customer_id)
