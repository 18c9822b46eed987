from django.contrib import admin

from kundenwert.billing.models import DirectCost, Invoice, Payment


@admin.register(Invoice)
class InvoiceAdmin(admin.ModelAdmin):
    list_display = ("number", "customer", "issue_date", "due_date", "net", "paid_date")
    search_fields = ("number", "customer__name")
    list_select_related = ("customer",)
    raw_id_fields = ("customer",)
    date_hierarchy = "issue_date"


admin.site.register(Payment)
admin.site.register(DirectCost)
