from __future__ import annotations

from datetime import time

from django.db import models
from django.utils.translation import gettext_lazy as _

from kundenwert.followups.settings import FollowupSettings

# Which channels each group should get (method.md section 1): C customers in writing only.
DEFAULT_CHANNEL_RULES = {
    "A": ["phone", "email", "meeting", "visit", "chat", "letter"],
    "B": ["phone", "email", "chat", "letter"],
    "C": ["email", "letter"],
}
# The follow-up and daily-plan numbers with their defaults; see docs/followups.md.
DEFAULT_FOLLOWUPS = FollowupSettings().as_json()


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
    # The last ten minutes before it are for planning tomorrow (docs/followups.md).
    day_end = models.TimeField(_("working day ends at"), default=time(17, 0))
    # The owner's own e-mail domains: mail from or to them says nothing about which
    # customer it concerns, so imports never match a customer by these domains.
    own_domains = models.JSONField(_("own e-mail domains"), default=list, blank=True)
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

    def followups_or_default(self) -> dict[str, int | float]:
        return {**DEFAULT_FOLLOWUPS, **self.followups}

    def followup_settings(self) -> FollowupSettings:
        """The stored follow-up settings on top of the defaults, validated."""
        return FollowupSettings().updated(self.followups)


class ColumnMapping(models.Model):
    """A user's answer to "which column holds what" for a file format, kept for next time.

    `mapping` is {field: column name in the file}, e.g. {"number": "Beleg-Nr.", "net":
    "Netto"}; the fields are those of the importer named by `format` (for invoice lists,
    `kundenwert.importers.invoice_list.FIELDS`).
    """

    name = models.CharField(_("name"), max_length=100, unique=True)
    format = models.CharField(_("format"), max_length=40, default="invoice_list")
    mapping = models.JSONField(_("column mapping"), default=dict)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("column mapping")
        verbose_name_plural = _("column mappings")

    def __str__(self) -> str:
        return self.name
