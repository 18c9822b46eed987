from django.contrib import admin

from kundenwert.planning.models import KaizenStep, Rule, Task, ToLeaveItem

admin.site.register(Task)
admin.site.register(Rule)
admin.site.register(ToLeaveItem)
admin.site.register(KaizenStep)
