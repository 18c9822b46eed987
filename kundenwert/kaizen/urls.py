"""The kaizen pages under /kaizen/ (namespace `kaizen`), included from kundenwert.web.urls."""

from django.urls import path

from kundenwert.kaizen import exit_views, privacy_views, profile_views, views

app_name = "kaizen"

urlpatterns = [
    path("", views.overview, name="overview"),
    path("customers/<int:pk>/", views.customer_page, name="customer"),
    path("customers/<int:pk>/steps/", views.step_create, name="step_create"),
    path("customers/<int:pk>/talks/", views.talk_create, name="talk_create"),
    path("customers/<int:pk>/value-chain/", views.value_chain_add, name="value_chain_add"),
    path("customers/<int:pk>/work-days/", views.work_day_add, name="work_day_add"),
    path("customers/<int:pk>/exit/", exit_views.exit_page, name="exit"),
    path("customers/<int:pk>/export.json", privacy_views.export, name="export"),
    path("customers/<int:pk>/erase/", privacy_views.erase, name="erase"),
    path("steps/<int:pk>/", views.step_page, name="step"),
    path("steps/<int:pk>/review/", views.step_review, name="step_review"),
    path("talks/<int:pk>/", views.talk_page, name="talk"),
    path("value-chain/<int:pk>/remove/", views.value_chain_remove, name="value_chain_remove"),
    path("exits/<int:pk>/letter/", exit_views.exit_letter, name="exit_letter"),
    path("exits/<int:pk>/letter.<str:fmt>", exit_views.exit_export, name="exit_export"),
    path("exits/<int:pk>/confirm/", exit_views.exit_confirm, name="exit_confirm"),
    path("ideal/", profile_views.profile_page, name="profile"),
    path("privacy/", privacy_views.privacy, name="privacy"),
    path("erasures/<int:pk>/purge/", privacy_views.purge, name="purge"),
    path("settings/", privacy_views.settings_page, name="settings"),
]
