from django.contrib import admin

from kundenwert.workspace.models import ImportJob, WorkspaceSettings

admin.site.register(WorkspaceSettings)


@admin.register(ImportJob)
class ImportJobAdmin(admin.ModelAdmin):
    """The import page's jobs, to look at: they are started and ended by the page only."""

    list_display = ("created_at", "user", "kind", "state", "stage", "done", "total")
    list_filter = ("kind", "state")

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False
