from django.urls import path

from kundenwert.planning import feed_views, report_views, views

app_name = "planning"

urlpatterns = [
    path("today/", views.today, name="today"),
    path("followups/done/", views.followup_done, name="followup_done"),
    path("followups/snooze/", views.followup_snooze, name="followup_snooze"),
    path("followups/dismiss/", views.followup_dismiss, name="followup_dismiss"),
    path("tasks/add/", views.task_add, name="task_add"),
    path("tasks/<int:pk>/done/", views.task_done, name="task_done"),
    path("rules/add/", views.rule_add, name="rule_add"),
    path("rules/<int:pk>/retire/", views.rule_retire, name="rule_retire"),
    path("to-leave/add/", views.to_leave_add, name="to_leave_add"),
    path("to-leave/<int:pk>/left/", views.to_leave_left, name="to_leave_left"),
    path("budget/", report_views.budget, name="budget"),
    path("channels/", report_views.channels, name="channels"),
    path("calendar/", feed_views.calendar, name="calendar"),
    path("calendar/new/", feed_views.calendar_new, name="calendar_new"),
    path("calendar/<int:pk>/revoke/", feed_views.calendar_revoke, name="calendar_revoke"),
    path("calendar/feed/<str:secret>.ics", feed_views.feed, name="feed"),
]
