from django.contrib import admin

from kundenwert.workspace.models import WorkspaceSettings

admin.site.register(WorkspaceSettings)
