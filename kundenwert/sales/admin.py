from django.contrib import admin

from kundenwert.sales.models import Delivery, Offer


@admin.register(Offer)
class OfferAdmin(admin.ModelAdmin):
    list_display = ("number", "customer", "sent_date", "valid_until", "amount", "status")
    list_filter = ("status",)
    raw_id_fields = ("customer",)


@admin.register(Delivery)
class DeliveryAdmin(admin.ModelAdmin):
    list_display = ("title", "customer", "delivered_date", "live_date")
    raw_id_fields = ("customer",)
