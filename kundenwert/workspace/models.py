from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

# Which channels each group should get (method.md section 1): C customers in writing only.
DEFAULT_CHANNEL_RULES = {
    "A": ["phone", "email", "meeting", "visit", "chat", "letter"],
    "B": ["phone", "email", "chat", "letter"],
    "C": ["email", "letter"],
}
DEFAULT_FOLLOWUPS = {
    "offer_default_validity_days": 30,
    "delivery_checkin_days": 28,
    "cadence_a_days": 42,
    "cadence_b_days": 84,
}


class WorkspaceSettings(models.Model):
    """The installation's settings; there is one row (see `services.get_settings`).

    `analysis` holds only the thresholds that differ from the defaults of
    `kundenwert.analysis.settings.AnalysisSettings`, which also validates them.
    """

    analysis = models.JSONField(_("analysis thresholds"), default=dict, blank=True)
    channel_rules = models.JSONField(_("channels per group"), default=dict, blank=True)
    followups = models.JSONField(_("follow-up settings"), default=dict, blank=True)
    day_hours = models.DecimalField(
        _("working day (hours)"), max_digits=4, decimal_places=2, default=8
    )
    # Set by `kundenwert demo`: only a demo database has the demo/demo account.
    is_demo = models.BooleanField(_("demo portfolio"), default=False, editable=False)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("settings")
        verbose_name_plural = _("settings")

    def __str__(self) -> str:
        return str(_("Settings"))

    def channel_rules_or_default(self) -> dict[str, list[str]]:
        return {**DEFAULT_CHANNEL_RULES, **self.channel_rules}

    def followups_or_default(self) -> dict[str, int]:
        return {**DEFAULT_FOLLOWUPS, **self.followups}
