from django.contrib import admin

from kundenwert.kaizen.models import (
    Erasure,
    ExitPlan,
    IdealProfile,
    KaizenSettings,
    RelationshipTalk,
    StepTracking,
    ValueChainEntry,
    WorkDay,
)

admin.site.register(KaizenSettings)
admin.site.register(StepTracking)
admin.site.register(RelationshipTalk)
admin.site.register(IdealProfile)
admin.site.register(ValueChainEntry)
admin.site.register(WorkDay)
admin.site.register(ExitPlan)


@admin.register(Erasure)
class ErasureAdmin(admin.ModelAdmin):
    list_display = ("customer_number", "erased_at", "records_kept_until", "purged_at")
