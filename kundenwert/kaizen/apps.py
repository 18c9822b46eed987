from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class KaizenConfig(AppConfig):
    name = "kundenwert.kaizen"
    verbose_name = _("Kaizen and exits")
