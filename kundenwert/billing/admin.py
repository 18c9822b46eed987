from django.contrib import admin

from kundenwert.billing.models import DirectCost, Invoice, Payment


@admin.register(Invoice)
class InvoiceAdmin(admin.ModelAdmin):
    list_display = ("number", "customer", "issue_date", "due_date", "net", "paid_date")
    search_fields = ("number", "customer__name")
    list_select_related = ("customer",)
    raw_id_fields = ("customer",)
    date_hierarchy = "issue_date"


@admin.register(Payment)
class PaymentAdmin(admin.ModelAdmin):
    list_display = ("booked_on", "amount", "currency", "payer", "invoice")
    search_fields = ("payer", "reference", "invoice__number")
    list_select_related = ("invoice",)
    date_hierarchy = "booked_on"
    # Assigning goes through the service, which also sets or clears the invoices' paid
    # dates: the page of unmatched payments, or `kundenwert payments assign`.
    readonly_fields = ("invoice",)


admin.site.register(DirectCost)
