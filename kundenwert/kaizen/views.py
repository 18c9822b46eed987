"""The kaizen pages: the overview across customers, a customer's patterns, steps and talks,
and understanding the customer. Owners only (web.permissions.owner_required: staff get 403).
"""

from __future__ import annotations

from datetime import timedelta

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kundenwert.analysis import AnalysisError
from kundenwert.customers.analysis_service import current_analysis
from kundenwert.customers.models import Customer
from kundenwert.kaizen import services
from kundenwert.kaizen.config import pattern_settings
from kundenwert.kaizen.data import portfolio_since
from kundenwert.kaizen.forms import (
    AgreementsForm,
    KaizenStepForm,
    StepUpdateForm,
    TalkForm,
    ValueChainForm,
    WorkDayForm,
)
from kundenwert.kaizen.models import PatternKey, RelationshipTalk, ValueChainEntry
from kundenwert.kaizen.presenters import customer_pattern_rows, finding_views, step_view
from kundenwert.kaizen.steps import is_due_for_review
from kundenwert.kaizen.talks import agenda_lines, returned_patterns, talk_watch
from kundenwert.patterns import Measurement, across_customers
from kundenwert.patterns.texts import measurement_text, pattern_name
from kundenwert.planning.models import KaizenStep
from kundenwert.web.language import ui_language
from kundenwert.web.permissions import owner_required

WEEKS_TO_REVIEW = 12  # a new step's default review date: about a quarter later


@owner_required
def overview(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    lang = ui_language()
    snapshot = current_analysis(today)
    steps = KaizenStep.objects.select_related("customer", "tracking").filter(review_on__lte=today)
    talks = RelationshipTalk.objects.select_related("customer").filter(watch_until__gte=today)
    return render(
        request,
        "kaizen/overview.html",
        {
            "findings": _findings(snapshot, lang) if snapshot.current else [],
            "snapshot": snapshot,
            "due_steps": [s for s in steps if is_due_for_review(s, today)],
            "watched_talks": [(t, _names(returned_patterns(t, today), lang)) for t in talks],
        },
    )


def _findings(snapshot, lang: str):
    settings, result = pattern_settings(), snapshot.current

    def build():
        portfolio = portfolio_since(result.period.start)
        return across_customers(portfolio, result.as_of, settings, result.settings, result.period)

    findings = snapshot.memo(("kaizen-across", settings), build)
    return finding_views(findings, snapshot.customer_pks, lang, result.currency)


def _names(keys: list[str], lang: str) -> list[str]:
    return [pattern_name(key, lang) for key in keys]


@owner_required
def customer_page(request: HttpRequest, pk: int) -> HttpResponse:
    customer = get_object_or_404(Customer, pk=pk)
    return render(request, "kaizen/customer.html", _customer_context(request, customer))


def _customer_context(request: HttpRequest, customer: Customer, **forms) -> dict:
    today, lang = timezone.localdate(), ui_language()
    steps = customer.kaizen_steps.select_related("tracking")
    return {
        "customer": customer,
        **customer_pattern_rows(customer, today, lang),
        "steps": [step_view(step, today, lang) for step in steps],
        "talks": customer.relationship_talks.all(),
        "value_chain": customer.value_chain.all(),
        "work_days": customer.work_days.all(),
        "step_form": forms.get("step_form") or _new_step_form(today),
        "talk_form": forms.get("talk_form") or TalkForm(initial={"held_on": today}),
        "value_chain_form": forms.get("value_chain_form") or ValueChainForm(),
        "work_day_form": forms.get("work_day_form") or WorkDayForm(initial={"day": today}),
    }


def _new_step_form(today) -> KaizenStepForm:
    review = today + timedelta(weeks=WEEKS_TO_REVIEW)
    return KaizenStepForm(initial={"started_on": today, "review_on": review})


def _back(customer: Customer, anchor: str) -> HttpResponse:
    return redirect(reverse("kaizen:customer", args=[customer.pk]) + f"#{anchor}")


def _invalid(request: HttpRequest, customer: Customer, **forms) -> HttpResponse:
    context = _customer_context(request, customer, **forms)
    return render(request, "kaizen/customer.html", context, status=400)


@owner_required
@require_POST
def step_create(request: HttpRequest, pk: int) -> HttpResponse:
    customer = get_object_or_404(Customer, pk=pk)
    form = KaizenStepForm(request.POST)
    if not form.is_valid():
        return _invalid(request, customer, step_form=form)
    data = form.cleaned_data
    area = data["area"] or (PatternKey(data["pattern"]).label if data["pattern"] else "")
    try:
        services.do_create_kaizen_step(request.user, customer, **{**data, "area": str(area)})
    except services.KaizenError as exc:
        form.add_error(None, str(exc))
        return _invalid(request, customer, step_form=form)
    messages.success(request, _("The kaizen step is noted."))
    return _back(customer, "steps")


@owner_required
def step_page(request: HttpRequest, pk: int) -> HttpResponse:
    step = get_object_or_404(KaizenStep.objects.select_related("customer"), pk=pk)
    form = StepUpdateForm(
        request.POST or None, initial={"reaction": step.reaction, "notes": step.notes}
    )
    if request.method == "POST" and form.is_valid():
        services.do_update_kaizen_step(request.user, step, **form.cleaned_data)
        messages.success(request, _("The step is updated."))
        return redirect("kaizen:step", pk=step.pk)
    today, lang = timezone.localdate(), ui_language()
    tracking = getattr(step, "tracking", None)
    return render(
        request,
        "kaizen/step.html",
        {
            "step": step,
            "view": step_view(step, today, lang),
            "tracking": tracking,
            "review_text": _review_text(tracking, lang),
            "due": is_due_for_review(step, today),
            "form": form,
        },
        status=400 if form.is_bound and not form.is_valid() else 200,
    )


def _review_text(tracking, lang: str) -> str:
    """The measurement kept at the review, as a sentence."""
    if tracking is None or not tracking.outcome:
        return ""
    return measurement_text(Measurement.from_json(tracking.outcome), pattern_settings(), lang)


@owner_required
@require_POST
def step_review(request: HttpRequest, pk: int) -> HttpResponse:
    step = get_object_or_404(KaizenStep, pk=pk)
    services.do_review_kaizen_step(request.user, step, timezone.localdate())
    messages.success(request, _("The review is kept."))
    return redirect("kaizen:step", pk=step.pk)


@owner_required
@require_POST
def talk_create(request: HttpRequest, pk: int) -> HttpResponse:
    customer = get_object_or_404(Customer, pk=pk)
    form = TalkForm(request.POST)
    if not form.is_valid():
        return _invalid(request, customer, talk_form=form)
    try:
        talk = services.do_hold_relationship_talk(request.user, customer, **form.cleaned_data)
    except (services.KaizenError, AnalysisError) as exc:
        form.add_error(None, str(exc))
        return _invalid(request, customer, talk_form=form)
    return redirect("kaizen:talk", pk=talk.pk)


@owner_required
def talk_page(request: HttpRequest, pk: int) -> HttpResponse:
    talk = get_object_or_404(RelationshipTalk.objects.select_related("customer"), pk=pk)
    initial = {"agreements": talk.agreements, "watch_until": talk.watch_until}
    form = AgreementsForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.do_record_agreements(request.user, talk, **form.cleaned_data)
        except services.KaizenError as exc:
            form.add_error("watch_until", str(exc))
        else:
            messages.success(request, _("The agreements are kept."))
            return redirect("kaizen:talk", pk=talk.pk)
    lang, today = ui_language(), timezone.localdate()
    watch = [
        (pattern_name(line.pattern, lang), line.watch, _watch_text(line.watch, lang))
        for line in talk_watch(talk, today)
    ]
    return render(
        request,
        "kaizen/talk.html",
        {"talk": talk, "agenda": agenda_lines(talk, lang), "watch": watch, "form": form},
        status=400 if form.is_bound and form.errors else 200,
    )


def _watch_text(watch, lang: str) -> str:
    if watch is None:
        return ""
    return measurement_text(watch.measurement, pattern_settings(), lang)


@owner_required
@require_POST
def value_chain_add(request: HttpRequest, pk: int) -> HttpResponse:
    customer = get_object_or_404(Customer, pk=pk)
    form = ValueChainForm(request.POST)
    if not form.is_valid():
        return _invalid(request, customer, value_chain_form=form)
    services.do_add_value_chain_entry(request.user, customer, **form.cleaned_data)
    return _back(customer, "understanding")


@owner_required
@require_POST
def value_chain_remove(request: HttpRequest, pk: int) -> HttpResponse:
    entry = get_object_or_404(ValueChainEntry.objects.select_related("customer"), pk=pk)
    customer = entry.customer
    services.do_remove_value_chain_entry(request.user, entry)
    return _back(customer, "understanding")


@owner_required
@require_POST
def work_day_add(request: HttpRequest, pk: int) -> HttpResponse:
    customer = get_object_or_404(Customer, pk=pk)
    form = WorkDayForm(request.POST)
    if not form.is_valid():
        return _invalid(request, customer, work_day_form=form)
    services.do_log_work_day(request.user, customer, **form.cleaned_data)
    return _back(customer, "understanding")
