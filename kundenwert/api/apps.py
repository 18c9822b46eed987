from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ApiConfig(AppConfig):
    name = "kundenwert.api"
    verbose_name = _("API")
    # The schema's extensions (kundenwert.api.schema) are registered by the URLconf, which
    # every schema generation loads: the command line does not pay for drf-spectacular.
