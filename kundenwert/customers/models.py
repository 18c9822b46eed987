from __future__ import annotations

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _


class Status(models.TextChoices):
    LEAD = "lead", _("Lead")
    ACTIVE = "active", _("Active")
    ENDED = "ended", _("Ended")


class Group(models.TextChoices):
    A = "A", "A"
    B = "B", "B"
    C = "C", "C"


class Customer(models.Model):
    # `number` is the customer's id in the portfolio folder and in every import.
    number = models.CharField(_("customer number"), max_length=64, unique=True)
    name = models.CharField(_("name"), max_length=200, db_index=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.ACTIVE
    )
    since = models.DateField(_("customer since"), null=True, blank=True)
    potential = models.PositiveSmallIntegerField(
        _("potential"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(5)],
        help_text=_("Your rating of the customer's potential, 1 (low) to 5 (high)."),
    )
    useful = models.BooleanField(
        _("useful"), default=False, help_text=_("Useful to you professionally or privately.")
    )
    heart = models.BooleanField(_("close to my heart"), default=False)
    group_override = models.CharField(
        _("group set by hand"), max_length=1, choices=Group.choices, blank=True
    )
    override_reason = models.TextField(_("reason for the hand-set group"), blank=True)
    email = models.CharField(_("e-mail"), max_length=254, blank=True)
    phone = models.CharField(_("phone"), max_length=50, blank=True)
    notes = models.TextField(_("notes"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["name", "number"]
        verbose_name = _("customer")
        verbose_name_plural = _("customers")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(group_override="") | ~models.Q(override_reason=""),
                name="customer_override_has_reason",
            ),
        ]

    def __str__(self) -> str:
        return self.name


class Contact(models.Model):
    """A person at a customer."""

    customer = models.ForeignKey(Customer, on_delete=models.CASCADE, related_name="contacts")
    name = models.CharField(_("name"), max_length=200)
    role = models.CharField(_("role"), max_length=100, blank=True)
    email = models.CharField(_("e-mail"), max_length=254, blank=True, db_index=True)
    phone = models.CharField(_("phone"), max_length=50, blank=True)
    birthday = models.DateField(_("birthday"), null=True, blank=True)
    notes = models.TextField(_("notes"), blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("contact")
        verbose_name_plural = _("contacts")

    def __str__(self) -> str:
        return self.name


class InsightKind(models.TextChoices):
    FEAR = "fear", _("Fear")
    WORRY = "worry", _("Worry")
    HOPE = "hope", _("Hope")
    JOY = "joy", _("Joy")
    CONCERN = "concern", _("Concern")


class Insight(models.Model):
    """What occupies the customer: fears, worries, hopes, joys and concerns, dated."""

    customer = models.ForeignKey(Customer, on_delete=models.CASCADE, related_name="insights")
    kind = models.CharField(_("kind"), max_length=10, choices=InsightKind.choices)
    text = models.TextField(_("text"))
    noted_on = models.DateField(_("noted on"))

    class Meta:
        ordering = ["-noted_on", "-id"]
        verbose_name = _("insight")
        verbose_name_plural = _("insights")

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.text[:40]}"


class GroupRecord(models.Model):
    """A customer's group and reasons as one saved analysis found them."""

    customer = models.ForeignKey(Customer, on_delete=models.CASCADE, related_name="group_history")
    as_of = models.DateField(_("as of"))
    period_start = models.DateField(_("period from"))
    period_end = models.DateField(_("period to"))
    group = models.CharField(_("group"), max_length=1, choices=Group.choices, blank=True)
    reasons = models.JSONField(_("reasons"), default=list)
    exit_candidate = models.BooleanField(_("exit candidate"), default=False)
    metrics = models.JSONField(_("metrics"), default=dict)
    saved_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-as_of"]
        verbose_name = _("group record")
        verbose_name_plural = _("group history")
        constraints = [
            models.UniqueConstraint(
                fields=["customer", "as_of", "period_start", "period_end"],
                name="group_record_once_per_analysis",
            )
        ]

    def __str__(self) -> str:
        return f"{self.customer} {self.as_of}: {self.group or '–'}"
