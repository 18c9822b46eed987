"""Locks the sign-in after repeated failures, per user name and per IP address.

A user name is locked once it has LOGIN_LOCKOUT["failures"] failed sign-ins within
LOGIN_LOCKOUT["minutes"]; an address once it has LOGIN_LOCKOUT["failures_per_ip"] (higher,
because a whole office may sign in from one address). While locked, the password is not
even checked, so guessing on is useless and the attempts do not extend the lock. The lock
ends when the oldest of those failures leaves the window. A successful sign-in clears the
failures of that user name only: it proves nothing about other names tried from the
same address.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from ipaddress import ip_address

from django.conf import settings
from django.utils import timezone

from kundenwert.accounts.models import FailedLogin


def _window() -> timedelta:
    return timedelta(minutes=settings.LOGIN_LOCKOUT["minutes"])


def _key(username: str) -> str:
    # Case and spaces do not give an attacker new names to count against.
    return username.strip().casefold()[:150]


def client_ip(request) -> str | None:
    """The client's address; behind a proxy, the last X-Forwarded-For entry, which is the
    one the proxy itself appended (earlier entries come from the client and can be forged)."""
    address = request.META.get("REMOTE_ADDR", "")
    if settings.BEHIND_PROXY:
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
        address = forwarded.split(",")[-1].strip() or address
    try:
        return str(ip_address(address))
    except ValueError:
        return None


def locked_until(username: str, ip: str | None) -> datetime | None:
    """When the sign-in for this name or address opens again; None if it is open."""
    recent = FailedLogin.objects.filter(at__gt=timezone.now() - _window())
    ends = [
        _lock_end(recent.filter(username=_key(username)), settings.LOGIN_LOCKOUT["failures"]),
        _lock_end(recent.filter(ip=ip), settings.LOGIN_LOCKOUT["failures_per_ip"]) if ip else None,
    ]
    return max((end for end in ends if end), default=None)


def _lock_end(failures, limit: int) -> datetime | None:
    """With `limit` failures in the window, the lock ends when the limit-th newest leaves it."""
    newest = list(failures.order_by("-at").values_list("at", flat=True)[:limit])
    return newest[-1] + _window() if len(newest) >= limit else None


def record_failure(username: str, ip: str | None) -> None:
    FailedLogin.objects.filter(at__lte=timezone.now() - _window()).delete()  # keep it small
    FailedLogin.objects.create(username=_key(username), ip=ip)


def record_success(username: str) -> None:
    FailedLogin.objects.filter(username=_key(username)).delete()
