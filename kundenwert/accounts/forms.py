"""Sign-in forms that respect the lock-out of kundenwert.accounts.lockout."""

from __future__ import annotations

import math

from django import forms
from django.contrib.admin.forms import AdminAuthenticationForm
from django.contrib.auth.forms import AuthenticationForm
from django.utils import formats, timezone
from django.utils.translation import ngettext

from kundenwert.accounts import lockout


class LockoutMixin:
    """Refuses a locked name or address before checking the password, and counts failures.

    `lock_message` is set when the refusal is the lock, so the page can say so instead of
    "user name and password did not match".
    """

    lock_message = ""

    def clean(self):
        username = self.data.get("username", "")
        ip = lockout.client_ip(self.request) if self.request else None
        self._refuse_if_locked(username, ip)
        try:
            cleaned = super().clean()
        except forms.ValidationError:
            lockout.record_failure(username, ip)
            self._refuse_if_locked(username, ip)  # this failure may have been the last one
            raise
        lockout.record_success(username)
        return cleaned

    def _refuse_if_locked(self, username: str, ip: str | None) -> None:
        until = lockout.locked_until(username, ip)
        if until is None:
            return
        self.lock_message = lock_message(until)
        raise forms.ValidationError(self.lock_message, code="locked")


def lock_message(until) -> str:
    minutes = max(1, math.ceil((until - timezone.now()).total_seconds() / 60))
    at = formats.time_format(timezone.localtime(until), "H:i")
    return ngettext(
        "Too many failed sign-ins. Please try again in %(minutes)d minute (at %(time)s).",
        "Too many failed sign-ins. Please try again in %(minutes)d minutes (at %(time)s).",
        minutes,
    ) % {"minutes": minutes, "time": at}


class LoginForm(LockoutMixin, AuthenticationForm):
    pass


class AdminLoginForm(LockoutMixin, AdminAuthenticationForm):
    """The admin's own sign-in page, so it is no way around the lock."""
