from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from kundenwert.customers.models import Customer
from kundenwert.planning.models import KaizenStep


class PatternKey(models.TextChoices):
    """The patterns of kundenwert.patterns.catalogue, as the interface names them."""

    ODD_HOURS = "odd_hours", _("Work at weekends and late evenings")
    UNBILLED = "unbilled", _("Unbilled hours")
    DISCOUNT = "discount", _("Discounts (credit notes)")
    OUT_OF_SCOPE = "out_of_scope", _("Out-of-scope requests")
    DAYS_LATE = "days_late", _("Late payment")
    UNPLANNED_CALLS = "unplanned_calls", _("Unplanned calls")
    MOOD = "mood", _("Mood after contacts")


class KaizenSettings(models.Model):
    """The installation's kaizen and data-protection settings; there is one row.

    `patterns` holds only the values that differ from kundenwert.patterns.PatternSettings,
    which also validates them.
    """

    patterns = models.JSONField(_("pattern settings"), default=dict, blank=True)
    # §147 AO and §257 HGB: invoices and booking records are kept for 8 years (since 2025;
    # 10 before), counted from the end of the calendar year of the last entry.
    invoice_retention_years = models.PositiveSmallIntegerField(
        _("keep invoices and booking records (years)"), default=8
    )
    # The regular limitation period (§195 BGB) is three years: after that, little speaks for
    # keeping an ended customer's personal data.
    erase_after_years = models.PositiveSmallIntegerField(
        _("erase ended customers' personal data after (years)"), default=3
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("kaizen settings")
        verbose_name_plural = _("kaizen settings")

    def __str__(self) -> str:
        return str(_("Kaizen settings"))


class StepTracking(models.Model):
    """What a kaizen step targets and what its review found.

    Kept beside planning.KaizenStep, not in it, so this app's schema changes never collide
    with the planning app's migrations.
    """

    step = models.OneToOneField(KaizenStep, on_delete=models.CASCADE, related_name="tracking")
    pattern = models.CharField(
        _("pattern it targets"), max_length=20, choices=PatternKey.choices, blank=True
    )
    reviewed_on = models.DateField(_("reviewed on"), null=True, blank=True)
    outcome = models.JSONField(_("measurement at the review"), default=dict, blank=True)

    class Meta:
        verbose_name = _("kaizen step tracking")
        verbose_name_plural = _("kaizen step tracking")

    def __str__(self) -> str:
        return f"{self.step}: {self.pattern or '–'}"


class RelationshipTalk(models.Model):
    """A structured talk about a strained relationship (Beziehungstherapie)."""

    customer = models.ForeignKey(
        Customer, on_delete=models.CASCADE, related_name="relationship_talks"
    )
    held_on = models.DateField(_("held on"))
    agenda = models.JSONField(_("agenda"), default=dict)  # patterns.Agenda.to_json()
    agreements = models.TextField(_("agreements"), blank=True)
    watched = models.JSONField(_("watched patterns"), default=list, blank=True)
    watch_until = models.DateField(_("watch until"))
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-held_on", "-id"]
        verbose_name = _("relationship talk")
        verbose_name_plural = _("relationship talks")

    def __str__(self) -> str:
        return f"{self.customer} {self.held_on}"


class IdealProfile(models.Model):
    """One written, dated version of whom the owner wants to work for. Never edited:
    a change is a new version, so earlier profiles stay on record."""

    version = models.PositiveIntegerField(_("version"), unique=True)
    written_on = models.DateField(_("written on"))
    description = models.TextField(_("whom I want to work for"))
    weights = models.JSONField(_("criteria weights"), default=dict)
    reflection = models.TextField(_("where am I a bad customer myself?"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-version"]
        verbose_name = _("ideal-customer profile")
        verbose_name_plural = _("ideal-customer profiles")

    def __str__(self) -> str:
        return f"{self.version} ({self.written_on})"


class ValueChainEntry(models.Model):
    """One of the customer's own customers (or a kind of them): whom the customer serves."""

    customer = models.ForeignKey(Customer, on_delete=models.CASCADE, related_name="value_chain")
    name = models.CharField(_("their customer"), max_length=200)
    note = models.CharField(_("what they need"), max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("value chain entry")
        verbose_name_plural = _("value chain")

    def __str__(self) -> str:
        return self.name


class WorkDay(models.Model):
    """A day spent in the customer's daily work, and what it taught."""

    customer = models.ForeignKey(Customer, on_delete=models.CASCADE, related_name="work_days")
    day = models.DateField(_("day"))
    learned = models.TextField(_("what I learned"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-day", "-id"]
        verbose_name = _("day in the customer's work")
        verbose_name_plural = _("days in the customer's work")

    def __str__(self) -> str:
        return f"{self.customer} {self.day}"


class Voice(models.TextChoices):
    DE_SIE = "de_sie", _("German, formal (Sie)")
    DE_DU = "de_du", _("German, informal (Duzen)")
    EN = "en", _("English")


class ExitPlan(models.Model):
    """The end of a relationship: the letter and its confirmation."""

    customer = models.ForeignKey(Customer, on_delete=models.CASCADE, related_name="exit_plans")
    voice = models.CharField(_("voice"), max_length=6, choices=Voice.choices)
    end_date = models.DateField(_("end date"))
    greeting_name = models.CharField(_("addressed to"), max_length=200, blank=True)
    handover = models.TextField(_("hand-over"), blank=True)
    recommendation = models.CharField(_("recommendation"), max_length=300, blank=True)
    sender = models.CharField(_("signed by"), max_length=200)
    letter = models.TextField(_("letter"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    confirmed_at = models.DateTimeField(_("confirmed at"), null=True, blank=True)
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL
    )

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("exit")
        verbose_name_plural = _("exits")

    def __str__(self) -> str:
        return f"{self.customer} {self.end_date}"


class Erasure(models.Model):
    """That a customer's personal data was erased (Art. 17 DSGVO), and until when the
    booking records the law requires stay. Holds no personal data itself."""

    customer = models.ForeignKey(
        Customer, null=True, blank=True, on_delete=models.SET_NULL, related_name="erasures"
    )
    customer_number = models.CharField(_("customer number"), max_length=64, db_index=True)
    requested_on = models.DateField(_("requested on"))
    erased_at = models.DateTimeField(_("erased at"), auto_now_add=True)
    records_kept_until = models.DateField(_("booking records kept until"), null=True, blank=True)
    purged_at = models.DateTimeField(_("booking records deleted at"), null=True, blank=True)
    erased_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL
    )

    class Meta:
        ordering = ["-erased_at", "-id"]
        verbose_name = _("erasure")
        verbose_name_plural = _("erasures")

    def __str__(self) -> str:
        return f"{self.customer_number} {self.erased_at:%Y-%m-%d}"
