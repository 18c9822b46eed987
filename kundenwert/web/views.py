from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.db import connection
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from kundenwert.customers.models import Customer


@login_required
def home(request: HttpRequest) -> HttpResponse:
    return render(request, "home.html", {"customer_count": Customer.objects.count()})


def healthz(request: HttpRequest) -> HttpResponse:
    """For load balancers and the start-up check: answers once the database answers."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return HttpResponse("ok", content_type="text/plain")
