from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from kundenwert.customers.models import Customer

MINUTES = {"max_digits": 10, "decimal_places": 2}


class Channel(models.TextChoices):
    PHONE = "phone", _("Phone")
    EMAIL = "email", _("E-mail")
    MEETING = "meeting", _("Meeting")
    VISIT = "visit", _("Visit")
    CHAT = "chat", _("Chat")
    LETTER = "letter", _("Letter")


class Direction(models.TextChoices):
    IN = "in", _("Inbound")
    OUT = "out", _("Outbound")


class Complaint(models.TextChoices):
    NONE = "none", _("None")
    JUSTIFIED = "justified", _("Justified")
    UNJUSTIFIED = "unjustified", _("Unjustified")


class Imported(models.Model):
    """Where a record came from, so that importing the same rows again adds nothing."""

    # A hash of the record's content (see kundenwert.exchange.fingerprints); records without a
    # natural key are matched on it.
    fingerprint = models.CharField(max_length=40, db_index=True, editable=False, blank=True)
    source = models.CharField(_("source"), max_length=200, blank=True, editable=False)

    class Meta:
        abstract = True


class TimeEntry(Imported):
    customer = models.ForeignKey(Customer, on_delete=models.CASCADE, related_name="time_entries")
    start = models.DateTimeField(_("start"), db_index=True)
    minutes = models.DecimalField(_("minutes"), **MINUTES)
    billable = models.BooleanField(_("billable"), default=True)
    user_name = models.CharField(_("user"), max_length=100, blank=True)
    project = models.CharField(_("project"), max_length=200, blank=True)
    description = models.TextField(_("description"), blank=True)

    class Meta:
        ordering = ["-start"]
        verbose_name = _("time entry")
        verbose_name_plural = _("time entries")
        indexes = [models.Index(fields=["customer", "start"])]

    def __str__(self) -> str:
        return f"{self.customer} {self.start:%Y-%m-%d} {self.minutes} min"


class Interaction(Imported):
    """A contact with a customer: call, e-mail, meeting, visit, chat or letter."""

    customer = models.ForeignKey(Customer, on_delete=models.CASCADE, related_name="interactions")
    at = models.DateTimeField(_("at"), db_index=True)
    channel = models.CharField(_("channel"), max_length=10, choices=Channel.choices)
    direction = models.CharField(
        _("direction"), max_length=3, choices=Direction.choices, default=Direction.OUT
    )
    planned = models.BooleanField(_("planned"), default=True)
    minutes = models.DecimalField(_("minutes"), default=0, **MINUTES)
    tracked = models.BooleanField(
        _("already in time tracking"),
        default=False,
    )
    out_of_scope = models.BooleanField(_("out-of-scope request"), default=False)
    price_negotiation = models.BooleanField(_("price negotiation"), default=False)
    complaint = models.CharField(
        _("complaint"), max_length=12, choices=Complaint.choices, default=Complaint.NONE
    )
    mood = models.SmallIntegerField(
        _("mood"),
        null=True,
        blank=True,
        validators=[MinValueValidator(-2), MaxValueValidator(2)],
    )
    user_name = models.CharField(_("user"), max_length=100, blank=True)
    note = models.TextField(_("note"), blank=True)
    logged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL
    )

    class Meta:
        ordering = ["-at"]
        verbose_name = _("interaction")
        verbose_name_plural = _("interactions")
        indexes = [models.Index(fields=["customer", "at"])]

    def __str__(self) -> str:
        return f"{self.customer} {self.at:%Y-%m-%d} {self.get_channel_display()}"
