from django.urls import path, re_path

# schema: registers the bearer token with drf-spectacular before any schema is generated.
from kundenwert.api import docs_views, schema, token_views, views  # noqa: F401

app_name = "api"

urlpatterns = [
    path("v1/customers/", views.CustomerList.as_view(), name="customers"),
    path("v1/customers/<int:pk>/", views.CustomerDetail.as_view(), name="customer"),
    path(
        "v1/customers/<int:pk>/figures/",
        views.CustomerFigures.as_view(),
        name="customer_figures",
    ),
    path("v1/interactions/", views.InteractionList.as_view(), name="interactions"),
    path("v1/time-entries/", views.TimeEntryList.as_view(), name="time_entries"),
    path("v1/invoices/", views.InvoiceList.as_view(), name="invoices"),
    path("v1/analysis/", views.Analysis.as_view(), name="analysis"),
    path("v1/followups/", views.FollowupList.as_view(), name="followups"),
    path("v1/followups/done/", views.FollowupDone.as_view(), name="followup_done"),
    path("v1/followups/snooze/", views.FollowupSnooze.as_view(), name="followup_snooze"),
    path("v1/schema/", docs_views.SchemaView.as_view(), name="schema"),
    path("v1/docs/", docs_views.docs, name="docs"),
    re_path(r"^v1/", views.NoSuchEndpoint.as_view()),
    path("tokens/", token_views.tokens, name="tokens"),
    path("tokens/new/", token_views.token_new, name="token_new"),
    path("tokens/<int:pk>/revoke/", token_views.token_revoke, name="token_revoke"),
]
