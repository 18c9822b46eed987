from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SalesConfig(AppConfig):
    name = "kundenwert.sales"
    verbose_name = _("Offers and deliveries")
