"""The Today page and the small forms it posts to; every form works without JavaScript.

Owners and staff both see the page. Staff see their own tasks and today's follow-ups
without amounts (staff see no revenue figures) and may mark follow-ups done, snoozed or
dismissed; the owner's rules and to-leave list are shown to everyone and changed by the
owner only.
"""

from __future__ import annotations

from datetime import timedelta

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kundenwert.analysis import AnalysisError
from kundenwert.customers.analysis_service import current_analysis
from kundenwert.followups.output import kind_label
from kundenwert.planning import services
from kundenwert.planning.data import current_open_followups, open_followups_on, tasks_for
from kundenwert.planning.dayplan import capacity, plan_items, time_to_plan_tomorrow
from kundenwert.planning.forms import CauseForm, DismissForm, SnoozeForm, TaskForm, TextForm
from kundenwert.planning.models import Rule, ToLeaveItem
from kundenwert.web.language import ui_language
from kundenwert.web.permissions import owner_required
from kundenwert.workspace.services import get_settings


@login_required
def today(request: HttpRequest) -> HttpResponse:
    day, workspace = timezone.localdate(), get_settings()
    settings = workspace.followup_settings()
    open_tasks = tasks_for(request.user).filter(done_at__isnull=True).select_related("customer")
    items = plan_items(open_tasks.filter(due_date__lte=day), _todays_followups(request, day))
    tomorrow = day + timedelta(days=1)
    now = timezone.localtime()
    return render(
        request,
        "planning/today.html",
        {
            "day": day,
            "rows": [_row(item, request.user.is_owner) for item in items],
            "capacity": capacity(items, workspace.day_hours, settings),
            "day_hours": workspace.day_hours,
            "plan_tomorrow": time_to_plan_tomorrow(now, workspace.day_end, settings),
            "tomorrow": tomorrow,
            "tomorrow_tasks": open_tasks.filter(due_date=tomorrow),
            "task_form": TaskForm(initial={"due_date": day}, auto_id="today_%s"),
            "tomorrow_form": TaskForm(initial={"due_date": tomorrow}, auto_id="tomorrow_%s"),
            "snooze_until": SnoozeForm.default_until(),
            "rules": Rule.objects.filter(active=True),
            "to_leave": ToLeaveItem.objects.filter(left_at__isnull=True),
        },
    )


def _todays_followups(request: HttpRequest, day):
    try:
        if day == timezone.localdate():
            return current_open_followups(current_analysis(day))
        return open_followups_on(day)
    except AnalysisError as exc:
        says = exc.text(ui_language())
        messages.error(request, _("The follow-ups need the analysis, which says: %s") % says)
        return []


def _row(item, money: bool) -> dict:
    """What the template shows of one plan item."""
    row = {"item": item, "minutes": item.minutes, "importance": item.importance}
    if item.followup is not None:
        followup = item.followup
        row |= {
            "label": kind_label(followup.kind, ui_language()),
            "customer": followup.customer,
            "reason": followup.reason(ui_language(), money=money),
            "cause": followup.cause,
            "due": followup.due,
        }
    else:
        task = item.task
        row |= {"label": task.title, "customer": task.customer, "task": task, "due": task.due_date}
    return row


@require_POST
@login_required
def followup_done(request: HttpRequest) -> HttpResponse:
    form = CauseForm(request.POST)
    if form.is_valid():
        _apply(request, services.do_mark_followup_done, form.cleaned_data["cause"])
    return redirect("planning:today")


@require_POST
@login_required
def followup_snooze(request: HttpRequest) -> HttpResponse:
    form = SnoozeForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        _apply(request, services.do_snooze_followup, data["cause"], data["until"])
    else:
        _form_errors(request, form)
    return redirect("planning:today")


@require_POST
@login_required
def followup_dismiss(request: HttpRequest) -> HttpResponse:
    form = DismissForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        _apply(request, services.do_dismiss_followup, data["cause"], data["reason"])
    else:
        _form_errors(request, form)
    return redirect("planning:today")


def _apply(request: HttpRequest, service, *args) -> None:
    try:
        service(request.user, *args)
    except services.PlanningError as exc:
        messages.error(request, str(exc))


def _form_errors(request: HttpRequest, form) -> None:
    for errors in form.errors.values():
        for error in errors:
            messages.error(request, error)


@require_POST
@login_required
def task_add(request: HttpRequest) -> HttpResponse:
    form = TaskForm(request.POST)
    if form.is_valid():
        services.do_create_task(request.user, assigned_to=request.user, **form.cleaned_data)
    else:
        _form_errors(request, form)
    return redirect("planning:today")


@require_POST
@login_required
def task_done(request: HttpRequest, pk: int) -> HttpResponse:
    task = get_object_or_404(tasks_for(request.user), pk=pk, done_at__isnull=True)
    services.do_complete_task(request.user, task)
    return redirect("planning:today")


@require_POST
@owner_required
def rule_add(request: HttpRequest) -> HttpResponse:
    form = TextForm(request.POST)
    if form.is_valid():
        services.do_add_rule(request.user, form.cleaned_data["text"])
    return redirect("planning:today")


@require_POST
@owner_required
def rule_retire(request: HttpRequest, pk: int) -> HttpResponse:
    services.do_retire_rule(request.user, get_object_or_404(Rule, pk=pk, active=True))
    return redirect("planning:today")


@require_POST
@owner_required
def to_leave_add(request: HttpRequest) -> HttpResponse:
    form = TextForm(request.POST)
    if form.is_valid():
        services.do_add_to_leave_item(request.user, form.cleaned_data["text"])
    return redirect("planning:today")


@require_POST
@owner_required
def to_leave_left(request: HttpRequest, pk: int) -> HttpResponse:
    item = get_object_or_404(ToLeaveItem, pk=pk, left_at__isnull=True)
    services.do_mark_left(request.user, item)
    return redirect("planning:today")
