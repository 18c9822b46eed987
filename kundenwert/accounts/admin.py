from django.contrib import admin
from django.contrib.auth.admin import UserAdmin

from kundenwert.accounts.models import ChangeRecord, User


@admin.register(User)
class KundenwertUserAdmin(UserAdmin):
    fieldsets = (*UserAdmin.fieldsets, ("Kundenwert", {"fields": ("role", "language")}))
    list_display = ("username", "email", "role", "language", "is_active")


@admin.register(ChangeRecord)
class ChangeRecordAdmin(admin.ModelAdmin):
    list_display = ("at", "user", "action", "model", "object_id", "summary")
    list_filter = ("action", "model")
    readonly_fields = ("at", "user", "action", "model", "object_id", "summary", "changes")
