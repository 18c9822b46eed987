from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ApiConfig(AppConfig):
    name = "kundenwert.api"
    verbose_name = _("API")

    def ready(self) -> None:
        # Registers the bearer token with drf-spectacular before any schema is generated.
        from kundenwert.api import schema  # noqa: F401
