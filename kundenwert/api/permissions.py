"""Who may call what: a token has its user's rights.

Staff log and read interactions and time, and see follow-ups without amounts; they never
read revenue, margins or rates, so the analysis, the customers' figures and the invoices
answer them 403, as the web app's owner pages do.

`OwnerOnly` is REST framework's default (settings.REST_FRAMEWORK), so an endpoint that
names no permission is for owners: staff reach only what says so (`OwnersAndStaff`,
`OwnerWrites`). tests/api/test_roles.py holds every operation of the schema against its
expected answer per role, and fails on one it does not know.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from rest_framework.permissions import IsAuthenticated


class OwnerOnly(IsAuthenticated):
    message = _("Only an owner may see revenue, margins and rates.")

    def has_permission(self, request, view) -> bool:
        return super().has_permission(request, view) and request.user.is_owner


class OwnerWrites(IsAuthenticated):
    """Everyone signed in reads; only owners write (customers)."""

    message = _("Only an owner may change customers.")

    def has_permission(self, request, view) -> bool:
        if not super().has_permission(request, view):
            return False
        return request.method in ("GET", "HEAD", "OPTIONS") or request.user.is_owner


class OwnersAndStaff(IsAuthenticated):
    """Every account with a valid token: what staff do in the app too (log and read
    interactions and time, work through follow-ups)."""
