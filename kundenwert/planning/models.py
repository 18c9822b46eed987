from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from kundenwert.customers.models import Customer


class Task(models.Model):
    """A to-do on the daily plan, optionally for a customer."""

    title = models.CharField(_("title"), max_length=200)
    customer = models.ForeignKey(
        Customer, null=True, blank=True, on_delete=models.CASCADE, related_name="tasks"
    )
    assigned_to = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL
    )
    due_date = models.DateField(_("due"), null=True, blank=True, db_index=True)
    estimate_minutes = models.PositiveIntegerField(_("estimate (minutes)"), default=30)
    importance = models.PositiveSmallIntegerField(
        _("importance"), default=2, help_text=_("1 = most important, 3 = least important.")
    )
    done_at = models.DateTimeField(_("done at"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["done_at", "importance", "due_date", "id"]
        verbose_name = _("task")
        verbose_name_plural = _("tasks")

    def __str__(self) -> str:
        return self.title


class Rule(models.Model):
    """One of the owner's own working rules, e.g. "E-mail at 9:00 and 15:00 only"."""

    text = models.CharField(_("rule"), max_length=300)
    active = models.BooleanField(_("active"), default=True)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        ordering = ["position", "id"]
        verbose_name = _("rule")
        verbose_name_plural = _("rules")

    def __str__(self) -> str:
        return self.text


class ToLeaveItem(models.Model):
    """Something to do less of, or to stop doing (the to-leave list)."""

    text = models.CharField(_("what to leave"), max_length=300)
    created_at = models.DateTimeField(auto_now_add=True)
    left_at = models.DateTimeField(_("left at"), null=True, blank=True)

    class Meta:
        ordering = ["left_at", "-created_at"]
        verbose_name = _("to-leave item")
        verbose_name_plural = _("to-leave list")

    def __str__(self) -> str:
        return self.text


class Reaction(models.TextChoices):
    PENDING = "", _("Not yet known")
    ACCEPTED = "accepted", _("Accepted")
    NEGOTIATED = "negotiated", _("Negotiated")
    TALKED_ROUND = "talked_round", _("Tried to talk me round")
    REFUSED = "refused", _("Refused")


class KaizenStep(models.Model):
    """One small change tried with a customer, and whether it worked."""

    customer = models.ForeignKey(Customer, on_delete=models.CASCADE, related_name="kaizen_steps")
    area = models.CharField(_("area"), max_length=100)
    observed = models.TextField(_("what was observed"))
    step = models.TextField(_("the small step"))
    started_on = models.DateField(_("started on"))
    review_on = models.DateField(_("review on"))
    reaction = models.CharField(
        _("the customer's reaction"), max_length=15, choices=Reaction.choices, blank=True
    )
    notes = models.TextField(_("notes"), blank=True)

    class Meta:
        ordering = ["-started_on"]
        verbose_name = _("kaizen step")
        verbose_name_plural = _("kaizen steps")

    def __str__(self) -> str:
        return f"{self.customer}: {self.step[:40]}"


class FollowupStatus(models.TextChoices):
    DONE = "done", _("Done")
    SNOOZED = "snoozed", _("Snoozed")
    DISMISSED = "dismissed", _("Dismissed")


class FollowupState(models.Model):
    """What was done with one follow-up, stored under its cause (kundenwert.followups.items).

    Follow-ups themselves are not stored: the engine derives them from the data each time,
    and this row makes the same cause stay done, snoozed or dismissed, even after a re-import.
    """

    cause = models.CharField(_("cause"), max_length=600, unique=True)
    kind = models.CharField(_("kind"), max_length=20)
    customer_number = models.CharField(_("customer number"), max_length=64, db_index=True)
    ref = models.CharField(_("refers to"), max_length=300, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=FollowupStatus.choices)
    snoozed_until = models.DateField(_("snoozed until"), null=True, blank=True)
    reason = models.TextField(_("reason for dismissing"), blank=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL
    )
    updated_at = models.DateTimeField(_("changed at"), auto_now=True)

    class Meta:
        ordering = ["-updated_at"]
        verbose_name = _("follow-up state")
        verbose_name_plural = _("follow-up states")
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(status="snoozed") | models.Q(snoozed_until__isnull=False),
                name="followup_snooze_has_date",
            ),
            models.CheckConstraint(
                condition=~models.Q(status="dismissed") | ~models.Q(reason=""),
                name="followup_dismissal_has_reason",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.customer_number} {self.ref}: {self.status}"


class FeedToken(models.Model):
    """A secret calendar address for one user; revoking it makes the address answer 404.

    Only a SHA-256 digest of the secret is kept, so the database alone does not open a feed;
    the address is shown once, when the token is made.
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="feed_tokens"
    )
    digest = models.CharField(max_length=64, unique=True, editable=False)
    hint = models.CharField(_("ends with"), max_length=8, editable=False)
    label = models.CharField(_("label"), max_length=100, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)
    last_used_at = models.DateTimeField(_("last used at"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("calendar feed")
        verbose_name_plural = _("calendar feeds")

    def __str__(self) -> str:
        return f"{self.user} …{self.hint}"

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None
