from __future__ import annotations

from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    OWNER = "owner", _("Owner")
    STAFF = "staff", _("Staff")


class User(AbstractUser):
    """A person who signs in. Owners see everything; staff see no revenue, margins or rates."""

    role = models.CharField(_("role"), max_length=10, choices=Role.choices, default=Role.STAFF)
    language = models.CharField(
        _("language"), max_length=5, choices=settings.LANGUAGES, default="de"
    )

    @property
    def is_owner(self) -> bool:
        return self.role == Role.OWNER


class ChangeRecord(models.Model):
    """Who changed what and when: one row per change made through the services layer."""

    at = models.DateTimeField(_("at"), auto_now_add=True, db_index=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL
    )
    action = models.CharField(_("action"), max_length=20)  # create, update, delete, import …
    model = models.CharField(_("model"), max_length=60)
    object_id = models.CharField(_("object"), max_length=64, blank=True)
    summary = models.CharField(_("summary"), max_length=300, blank=True)
    changes = models.JSONField(_("changes"), default=dict, blank=True)

    class Meta:
        ordering = ["-at", "-id"]
        verbose_name = _("change record")
        verbose_name_plural = _("change records")

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.action} {self.model} {self.object_id}"


class FailedLogin(models.Model):
    """One failed sign-in, kept for the lock-out window (kundenwert.accounts.lockout).

    A table rather than Django's cache: the app runs several gunicorn processes, and a
    per-process cache would give an attacker a fresh count in each of them.
    """

    at = models.DateTimeField(_("at"), default=timezone.now, db_index=True)
    username = models.CharField(_("user name"), max_length=150, db_index=True)
    ip = models.GenericIPAddressField(_("IP address"), null=True, blank=True, db_index=True)

    class Meta:
        ordering = ["-at", "-id"]
        verbose_name = _("failed sign-in")
        verbose_name_plural = _("failed sign-ins")

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.username} {self.ip or ''}".strip()
