"""Every write about planning goes through here: follow-up states, tasks, rules, the to-leave
list and calendar feeds. Each records who did it in the change log."""

from __future__ import annotations

import hashlib
import secrets
from datetime import date

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kundenwert.accounts.models import User
from kundenwert.accounts.services import do_record_change
from kundenwert.customers.models import Customer
from kundenwert.followups import Cause, parse_cause
from kundenwert.planning.models import (
    FeedToken,
    FollowupState,
    FollowupStatus,
    Rule,
    Task,
    ToLeaveItem,
)


class PlanningError(ValueError):
    """A planning change that cannot be made; the message says why, for the user."""


# --- follow-ups -----------------------------------------------------------------------------


def do_mark_followup_done(user: User | None, cause: str) -> FollowupState:
    return _set_state(user, cause, FollowupStatus.DONE)


def do_snooze_followup(user: User | None, cause: str, until: date) -> FollowupState:
    if until is None:
        raise PlanningError(_("A snoozed follow-up needs the date it returns on."))
    return _set_state(user, cause, FollowupStatus.SNOOZED, snoozed_until=until)


def do_dismiss_followup(user: User | None, cause: str, reason: str) -> FollowupState:
    if not reason.strip():
        raise PlanningError(_("Say why the follow-up is dismissed."))
    return _set_state(user, cause, FollowupStatus.DISMISSED, reason=reason.strip())


@transaction.atomic
def _set_state(
    user: User | None,
    cause: str,
    status: str,
    *,
    snoozed_until: date | None = None,
    reason: str = "",
) -> FollowupState:
    try:
        parts = parse_cause(cause)
    except ValueError:
        raise PlanningError(_("This follow-up is not known.")) from None
    if not _storable(cause, parts):
        raise PlanningError(_("This follow-up is not known."))
    state = FollowupState.objects.select_for_update().filter(cause=cause).first()
    if state is not None and state.status == FollowupStatus.DISMISSED:
        # A dismissed follow-up never returns for the same cause, so it is not reopened.
        raise PlanningError(_("This follow-up was dismissed and stays dismissed."))
    state = state or FollowupState(cause=cause)
    state.kind, state.customer_number, state.ref = parts.kind, parts.customer_id, parts.ref or ""
    state.status, state.snoozed_until, state.reason = status, snoozed_until, reason
    state.user = user if user is not None and user.pk else None
    state.save()
    changes = {"status": status, "snoozed_until": _iso(snoozed_until), "reason": reason}
    do_record_change(user, status, state, f"follow-up {parts.kind} {parts.customer_id}", changes)
    return state


def _storable(cause: str, parts: Cause) -> bool:
    """Whether the cause fits the state's columns. Every real follow-up's cause does, but a
    cause is JSON sent by a browser or an API client: it may carry a NUL as \\u0000,
    which PostgreSQL cannot store, or a customer number longer than any customer's."""

    def fits(name: str, text: str) -> bool:
        return "\x00" not in text and len(text) <= FollowupState._meta.get_field(name).max_length

    return (
        fits("cause", cause)
        and fits("customer_number", parts.customer_id)
        and fits("ref", parts.ref or "")
    )


def _iso(day: date | None) -> str | None:
    return day.isoformat() if day else None


# --- tasks ----------------------------------------------------------------------------------


def do_create_task(
    user: User | None,
    title: str,
    *,
    customer: Customer | None = None,
    assigned_to: User | None = None,
    due_date: date | None = None,
    estimate_minutes: int = 30,
    importance: int = 2,
) -> Task:
    if not title.strip():
        raise PlanningError(_("A task needs a title."))
    if importance not in (1, 2, 3):
        raise PlanningError(_("Importance is 1, 2 or 3."))
    task = Task.objects.create(
        title=title.strip(),
        customer=customer,
        assigned_to=assigned_to,
        due_date=due_date,
        estimate_minutes=estimate_minutes,
        importance=importance,
    )
    do_record_change(user, "create", task, f"task {task.title}", {"due": _iso(due_date)})
    return task


def do_complete_task(user: User | None, task: Task) -> Task:
    task.done_at = timezone.now()
    task.save(update_fields=["done_at"])
    do_record_change(user, "done", task, f"task {task.title}")
    return task


# --- rules and the to-leave list --------------------------------------------------------------


def do_add_rule(user: User | None, text: str) -> Rule:
    if not text.strip():
        raise PlanningError(_("A rule needs a text."))
    last = Rule.objects.order_by("-position").values_list("position", flat=True).first()
    rule = Rule.objects.create(text=text.strip(), position=(last or 0) + 1)
    do_record_change(user, "create", rule, f"rule {rule.text}")
    return rule


def do_retire_rule(user: User | None, rule: Rule) -> Rule:
    rule.active = False
    rule.save(update_fields=["active"])
    do_record_change(user, "update", rule, f"rule retired: {rule.text}", {"active": False})
    return rule


def do_add_to_leave_item(user: User | None, text: str) -> ToLeaveItem:
    if not text.strip():
        raise PlanningError(_("Say what to leave."))
    item = ToLeaveItem.objects.create(text=text.strip())
    do_record_change(user, "create", item, f"to leave: {item.text}")
    return item


def do_mark_left(user: User | None, item: ToLeaveItem) -> ToLeaveItem:
    item.left_at = timezone.now()
    item.save(update_fields=["left_at"])
    do_record_change(user, "update", item, f"left: {item.text}", {"left": True})
    return item


# --- calendar feeds ---------------------------------------------------------------------------


def feed_digest(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def do_create_feed_token(user: User, label: str = "") -> tuple[FeedToken, str]:
    """A new feed token and its secret; the secret is not stored and cannot be shown again."""
    secret = secrets.token_urlsafe(32)
    token = FeedToken.objects.create(
        user=user, digest=feed_digest(secret), hint=secret[-4:], label=label.strip()[:100]
    )
    do_record_change(user, "create", token, f"calendar feed …{token.hint}")
    return token, secret


def do_revoke_feed_token(user: User | None, token: FeedToken) -> FeedToken:
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at"])
        do_record_change(user, "revoke", token, f"calendar feed …{token.hint}")
    return token


def active_feed_token(secret: str) -> FeedToken | None:
    """The unrevoked token with this secret, or None; notes when the feed was last read."""
    token = (
        FeedToken.objects.select_related("user")
        .filter(digest=feed_digest(secret), revoked_at__isnull=True, user__is_active=True)
        .first()
    )
    if token is not None:
        # Not a change by a person, so no change record: just when a calendar last asked.
        FeedToken.objects.filter(pk=token.pk).update(last_used_at=timezone.now())
    return token
