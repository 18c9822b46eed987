from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import path

from kundenwert.accounts.views import LoginView
from kundenwert.activity import views as activity
from kundenwert.customers import views as customers
from kundenwert.web.views import dashboard, home, imports, payments, preferences, system, tasks
from kundenwert.workspace import views as workspace

urlpatterns = [
    path("", home.home, name="home"),
    path("dashboard/", dashboard.dashboard_page, name="dashboard"),
    path("customers/", customers.customer_list, name="customer_list"),
    path("customers/search/", customers.customer_search, name="customer_search"),
    path("customers/<int:pk>/", customers.customer_detail, name="customer_detail"),
    path("customers/<int:pk>/ratings/", customers.customer_ratings, name="customer_ratings"),
    path("customers/<int:pk>/group/", customers.customer_group, name="customer_group"),
    path("customers/<int:pk>/insights/", customers.customer_insight, name="customer_insight"),
    path("interactions/new/", activity.log_interaction, name="log_interaction"),
    path("import/", imports.import_upload, name="import_upload"),
    path("import/<str:token>/confirm/", imports.import_confirm, name="import_confirm"),
    path("import/jobs/<str:token>/", imports.import_job, name="import_job"),
    path("import/jobs/<str:token>/status/", imports.import_status, name="import_status"),
    path("payments/unmatched/", payments.unmatched_payments_page, name="unmatched_payments"),
    path("payments/<int:pk>/assign/", payments.payment_assign, name="payment_assign"),
    path("settings/", workspace.settings_page, name="workspace_settings"),
    path("tasks/", tasks.my_tasks, name="my_tasks"),
    path("language/", preferences.set_language, name="set_language"),
    path("login/", LoginView.as_view(), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("healthz", system.healthz, name="healthz"),
    path("admin/", admin.site.urls),
    path("planning/", ("kundenwert.planning.urls", "planning", "planning")),
    path("kaizen/", ("kundenwert.kaizen.urls", "kaizen", "kaizen")),
    path("reports/", ("kundenwert.reports.urls", "reports", "reports")),
    path("api/", ("kundenwert.api.urls", "api", "api")),
]
