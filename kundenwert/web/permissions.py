"""Who may see what, enforced on the server.

Owners see everything. Staff log interactions and see their own tasks, but never revenue,
margins, rates or any page built from them: every owner view is wrapped in
`owner_required`, which answers 403 to staff, for pages and JSON endpoints alike.
"""

from __future__ import annotations

from functools import wraps

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied


def owner_required(view):
    """Sign-in first (visitors go to the login page), then owners only (staff get 403)."""

    @wraps(view)
    @login_required
    def guarded(request, *args, **kwargs):
        if not request.user.is_owner:
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return guarded
