from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect


@login_required
def home(request: HttpRequest) -> HttpResponse:
    """Owners start on the dashboard, staff on their tasks."""
    return redirect("dashboard" if request.user.is_owner else "my_tasks")
