from django.contrib import admin
from django.contrib.auth.admin import UserAdmin

from kundenwert.accounts.forms import AdminLoginForm
from kundenwert.accounts.models import ChangeRecord, FailedLogin, User

# The admin has its own sign-in page; it gets the same lock-out as /login/.
admin.site.login_form = AdminLoginForm


@admin.register(User)
class KundenwertUserAdmin(UserAdmin):
    fieldsets = (*UserAdmin.fieldsets, ("Kundenwert", {"fields": ("role", "language")}))
    list_display = ("username", "email", "role", "language", "is_active")


@admin.register(ChangeRecord)
class ChangeRecordAdmin(admin.ModelAdmin):
    list_display = ("at", "user", "action", "model", "object_id", "summary")
    list_filter = ("action", "model")
    readonly_fields = ("at", "user", "action", "model", "object_id", "summary", "changes")


@admin.register(FailedLogin)
class FailedLoginAdmin(admin.ModelAdmin):
    """Deleting a user name's rows here unlocks it before the lock runs out."""

    list_display = ("at", "username", "ip")
    search_fields = ("username", "ip")
    readonly_fields = ("at", "username", "ip")
