"""My work: the signed-in person's open tasks and the contacts they logged.

This is the staff member's start page, so it shows no figure about money: titles,
customers, dates, durations and moods only.
"""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from kundenwert.activity.models import Interaction
from kundenwert.planning.models import Task

TASK_ROWS = 100
INTERACTION_ROWS = 20


@login_required
def my_tasks(request: HttpRequest) -> HttpResponse:
    tasks = (
        Task.objects.filter(assigned_to=request.user, done_at__isnull=True)
        .select_related("customer")
        .order_by("importance", "due_date", "id")[:TASK_ROWS]
    )
    logged = (
        Interaction.objects.filter(logged_by=request.user)
        .select_related("customer")
        .order_by("-at", "-id")[:INTERACTION_ROWS]
    )
    return render(request, "tasks/mine.html", {"tasks": tasks, "logged": logged})
