from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from kundenwert.activity.models import Imported
from kundenwert.customers.models import Customer

MONEY = {"max_digits": 14, "decimal_places": 2}


class Invoice(models.Model):
    number = models.CharField(_("invoice number"), max_length=64, unique=True)
    customer = models.ForeignKey(Customer, on_delete=models.PROTECT, related_name="invoices")
    issue_date = models.DateField(_("issue date"), db_index=True)
    due_date = models.DateField(_("due date"), null=True, blank=True)
    net = models.DecimalField(_("net amount"), help_text=_("Negative for a credit note."), **MONEY)
    currency = models.CharField(_("currency"), max_length=3, default="EUR")
    paid_date = models.DateField(_("paid on"), null=True, blank=True)
    source = models.CharField(_("source"), max_length=200, blank=True, editable=False)

    class Meta:
        ordering = ["-issue_date", "-number"]
        verbose_name = _("invoice")
        verbose_name_plural = _("invoices")

    def __str__(self) -> str:
        return self.number


class Payment(Imported):
    """Money received, from a bank statement or entered by hand; may wait for an invoice."""

    invoice = models.ForeignKey(
        Invoice, null=True, blank=True, on_delete=models.SET_NULL, related_name="payments"
    )
    booked_on = models.DateField(_("booked on"))
    amount = models.DecimalField(_("amount"), **MONEY)
    currency = models.CharField(_("currency"), max_length=3, default="EUR")
    payer = models.CharField(_("payer"), max_length=200, blank=True)
    reference = models.TextField(_("reference"), blank=True)

    class Meta:
        ordering = ["-booked_on"]
        verbose_name = _("payment")
        verbose_name_plural = _("payments")

    def __str__(self) -> str:
        return f"{self.booked_on} {self.amount} {self.payer}"


class DirectCost(Imported):
    """Costs caused by one customer (travel, material, subcontractors); they reduce margin."""

    customer = models.ForeignKey(Customer, on_delete=models.CASCADE, related_name="direct_costs")
    date = models.DateField(_("date"))
    amount = models.DecimalField(_("amount"), **MONEY)
    description = models.CharField(_("description"), max_length=300, blank=True)

    class Meta:
        ordering = ["-date"]
        verbose_name = _("direct cost")
        verbose_name_plural = _("direct costs")

    def __str__(self) -> str:
        return f"{self.customer} {self.date} {self.amount}"
