from django.contrib import admin

from kundenwert.activity.models import Interaction, TimeEntry


@admin.register(TimeEntry)
class TimeEntryAdmin(admin.ModelAdmin):
    list_display = ("start", "customer", "minutes", "billable", "project")
    list_select_related = ("customer",)
    raw_id_fields = ("customer",)
    date_hierarchy = "start"


@admin.register(Interaction)
class InteractionAdmin(admin.ModelAdmin):
    list_display = ("at", "customer", "channel", "direction", "planned", "minutes", "mood")
    list_filter = ("channel", "direction", "planned", "complaint")
    list_select_related = ("customer",)
    raw_id_fields = ("customer",)
    date_hierarchy = "at"
