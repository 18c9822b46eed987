from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from kundenwert.billing.models import MONEY
from kundenwert.customers.models import Customer


class OfferStatus(models.TextChoices):
    OPEN = "open", _("Open")
    ACCEPTED = "accepted", _("Accepted")
    DECLINED = "declined", _("Declined")
    EXPIRED = "expired", _("Expired")


class Offer(models.Model):
    number = models.CharField(_("offer number"), max_length=64, unique=True)
    customer = models.ForeignKey(Customer, on_delete=models.CASCADE, related_name="offers")
    sent_date = models.DateField(_("sent on"), db_index=True)
    valid_until = models.DateField(_("valid until"), null=True, blank=True)
    amount = models.DecimalField(_("net amount"), **MONEY)
    status = models.CharField(
        _("status"), max_length=10, choices=OfferStatus.choices, default=OfferStatus.OPEN
    )
    decided_date = models.DateField(_("decided on"), null=True, blank=True)

    class Meta:
        ordering = ["-sent_date", "-number"]
        verbose_name = _("offer")
        verbose_name_plural = _("offers")

    def __str__(self) -> str:
        return self.number


class Delivery(models.Model):
    """Work handed over to the customer, and whether it went live (was put to use)."""

    customer = models.ForeignKey(Customer, on_delete=models.CASCADE, related_name="deliveries")
    title = models.CharField(_("title"), max_length=200)
    delivered_date = models.DateField(_("delivered on"))
    live_date = models.DateField(_("live since"), null=True, blank=True)

    class Meta:
        ordering = ["-delivered_date"]
        verbose_name = _("delivery")
        verbose_name_plural = _("deliveries")
        constraints = [
            models.UniqueConstraint(
                fields=["customer", "title", "delivered_date"], name="delivery_natural_key"
            )
        ]

    def __str__(self) -> str:
        return self.title
