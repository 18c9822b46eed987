from __future__ import annotations

from datetime import time

from django.conf import settings
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
    # The owner's own e-mail addresses and bare domains ("anna@example.de", "example.de"),
    # as `services.clean_own_addresses` checks them: the mail and calendar imports tell by
    # them what the owner sent and leave the owner out of the addresses that name a
    # customer, and matching never takes their domains for a customer's.
    own_addresses = models.JSONField(
        _("own e-mail addresses and domains"), default=list, blank=True
    )
    # Set by `kundenwert demo`: only a demo database has the demo/demo account.
    is_demo = models.BooleanField(_("demo portfolio"), default=False, editable=False)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("settings")
        verbose_name_plural = _("settings")

    def __str__(self) -> str:
        return str(_("Settings"))

    def clean(self) -> None:
        """The admin's check of the own addresses: the same as the settings page's."""
        from django.core.exceptions import ValidationError

        from kundenwert.workspace.services import OwnAddressesInvalid, clean_own_addresses

        try:
            self.own_addresses = clean_own_addresses(self.own_addresses or [])
        except OwnAddressesInvalid as invalid:
            raise ValidationError({"own_addresses": invalid.problems}) from None

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


class ImportJob(models.Model):
    """A dry run or an import of uploaded files, run in the background of the web server.

    `kundenwert.web.importing` runs it in a thread of the process that took the upload;
    the row says who started it, for which upload, and how it ended (`result`: the page's
    `Outcome` as JSON). While it runs, its live progress and heartbeat are kept in a small
    file (see `kundenwert.web.importing.JobProgress`): on SQLite the import's transaction
    holds the only write lock until it commits, so no row could be updated meanwhile.
    `stage`, `done` and `total` keep the last progress once the job has ended.
    """

    class Kind(models.TextChoices):
        PREVIEW = "preview", _("preview")
        IMPORT = "import", _("import")

    class State(models.TextChoices):
        QUEUED = "queued", _("queued")
        RUNNING = "running", _("running")
        DONE = "done", _("done")
        FAILED = "failed", _("failed")

    token = models.CharField(max_length=64, unique=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="import_jobs"
    )
    upload = models.CharField(_("upload"), max_length=64)
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    state = models.CharField(_("state"), max_length=10, choices=State.choices, default=State.QUEUED)
    names = models.JSONField(_("files"), default=list, blank=True)
    stage = models.CharField(_("stage"), max_length=40, blank=True)
    done = models.PositiveBigIntegerField(default=0)
    total = models.PositiveBigIntegerField(default=0)
    result = models.JSONField(_("result"), default=dict, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("import job")
        verbose_name_plural = _("import jobs")

    def __str__(self) -> str:
        return f"{self.kind} {self.token} ({self.state})"
