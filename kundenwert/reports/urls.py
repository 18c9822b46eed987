from django.urls import path

from kundenwert.reports import views

app_name = "reports"

urlpatterns = [
    path("", views.index, name="index"),
    path("annual/<int:year>.<slug:fmt>", views.annual_report, name="annual"),
    path("lists/<slug:name>.<slug:fmt>", views.export_list, name="list"),
]
