from django.contrib import admin

from kundenwert.planning.models import FeedToken, FollowupState, KaizenStep, Rule, Task, ToLeaveItem

admin.site.register(Task)
admin.site.register(Rule)
admin.site.register(ToLeaveItem)
admin.site.register(KaizenStep)


@admin.register(FollowupState)
class FollowupStateAdmin(admin.ModelAdmin):
    """To look up who dismissed what and why; deleting a state brings its follow-up back."""

    list_display = ["kind", "customer_number", "ref", "status", "snoozed_until", "user"]
    list_filter = ["status", "kind"]
    search_fields = ["customer_number", "ref", "reason"]
    readonly_fields = ["cause", "kind", "customer_number", "ref", "user", "updated_at"]


@admin.register(FeedToken)
class FeedTokenAdmin(admin.ModelAdmin):
    list_display = ["user", "label", "hint", "created_at", "last_used_at", "revoked_at"]
    readonly_fields = ["user", "hint", "created_at", "last_used_at"]
    exclude = ["digest"]
