"""Every write of kaizen, talks, the ideal profile, exits and data protection goes through
here, and each records a ChangeRecord. Summaries name the customer by its number, not its
name, so the change log holds as little personal data as it can.
"""

from __future__ import annotations

from datetime import date, timedelta

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kundenwert.accounts.models import User
from kundenwert.accounts.services import do_record_change
from kundenwert.customers.models import Customer, Insight, InsightKind, Status
from kundenwert.customers.services import do_add_insight
from kundenwert.kaizen import erasure as erasing
from kundenwert.kaizen.config import get_kaizen_settings, pattern_settings
from kundenwert.kaizen.data import customer_portfolio
from kundenwert.kaizen.exits import exit_checklist, render_letter
from kundenwert.kaizen.models import (
    Erasure,
    ExitPlan,
    IdealProfile,
    KaizenSettings,
    RelationshipTalk,
    StepTracking,
    ValueChainEntry,
    Voice,
    WorkDay,
)
from kundenwert.kaizen.steps import step_measurement
from kundenwert.kaizen.talks import DEFAULT_WATCH
from kundenwert.patterns import PATTERN_KEYS, PatternSettings, talk_agenda
from kundenwert.patterns.ideal import checked_weights
from kundenwert.planning.models import KaizenStep, Reaction
from kundenwert.sales.models import OfferStatus
from kundenwert.sales.services import do_decline_offer
from kundenwert.workspace.services import analysis_settings


class KaizenError(ValueError):
    """A change that cannot be made; the message says why, for the user."""


def _required(text: str, message: str) -> str:
    if not text.strip():
        raise KaizenError(message)
    return text.strip()


# --- settings -----------------------------------------------------------------------------


@transaction.atomic
def do_update_kaizen_settings(
    user: User | None,
    *,
    patterns: dict[str, object] | None = None,
    invoice_retention_years: int | None = None,
    erase_after_years: int | None = None,
) -> KaizenSettings:
    """Validates the pattern values like PatternSettings does, keeps only those that differ
    from the defaults, and sets the retention years."""
    settings = get_kaizen_settings()
    changes: dict[str, object] = {}
    if patterns is not None:
        merged = PatternSettings().updated({**settings.patterns, **patterns})  # may raise
        defaults = PatternSettings().as_json()
        settings.patterns = {k: v for k, v in merged.as_json().items() if defaults[k] != v}
        changes["patterns"] = patterns
    for name, value in (
        ("invoice_retention_years", invoice_retention_years),
        ("erase_after_years", erase_after_years),
    ):
        if value is not None:
            if value < 1:
                raise KaizenError(_("A retention period is at least one year."))
            setattr(settings, name, value)
            changes[name] = value
    settings.save()
    do_record_change(user, "update", settings, "kaizen settings", changes)
    return settings


# --- kaizen steps ---------------------------------------------------------------------------


@transaction.atomic
def do_create_kaizen_step(
    user: User | None,
    customer: Customer,
    *,
    area: str,
    observed: str,
    step: str,
    started_on: date,
    review_on: date,
    pattern: str = "",
) -> KaizenStep:
    if pattern and pattern not in PATTERN_KEYS:
        raise KaizenError(_("Unknown pattern."))
    if review_on < started_on:
        raise KaizenError(_("The review date cannot be before the start date."))
    created = KaizenStep.objects.create(
        customer=customer,
        area=_required(area, _("Name the area the step is about.")),
        observed=_required(observed, _("Write down what you observed.")),
        step=_required(step, _("Describe the small step.")),
        started_on=started_on,
        review_on=review_on,
    )
    StepTracking.objects.create(step=created, pattern=pattern)
    do_record_change(
        user, "create", created, f"kaizen step for {customer.number}", {"pattern": pattern}
    )
    return created


@transaction.atomic
def do_update_kaizen_step(
    user: User | None, step: KaizenStep, *, reaction: str, notes: str
) -> KaizenStep:
    if reaction not in Reaction.values:
        raise KaizenError(_("Unknown reaction."))
    changes = {"reaction": [step.reaction, reaction], "notes": [step.notes, notes.strip()]}
    step.reaction, step.notes = reaction, notes.strip()
    step.save(update_fields=["reaction", "notes"])
    do_record_change(user, "update", step, f"kaizen step for {step.customer.number}", changes)
    return step


@transaction.atomic
def do_review_kaizen_step(user: User | None, step: KaizenStep, today: date) -> StepTracking:
    """Keeps the measurement as it stands, so the review reads the same later on."""
    tracking, _created = StepTracking.objects.get_or_create(step=step)
    measurement = step_measurement(step, today)
    tracking.reviewed_on = today
    tracking.outcome = measurement.to_json() if measurement else {}
    tracking.save()
    do_record_change(
        user, "review", step, f"kaizen step for {step.customer.number}", tracking.outcome
    )
    return tracking


# --- relationship talks ---------------------------------------------------------------------


@transaction.atomic
def do_hold_relationship_talk(
    user: User | None, customer: Customer, held_on: date, watch_until: date | None = None
) -> RelationshipTalk:
    """Builds the agenda from the facts up to the talk date and starts the watch.

    Raises AnalysisError when the customer's invoices need a currency choice."""
    settings, analysis = pattern_settings(), analysis_settings()
    since = held_on - timedelta(days=analysis.period_days)
    agenda = talk_agenda(
        customer_portfolio(customer, since), customer.number, held_on, settings, analysis
    )
    watch_until = watch_until or held_on + timedelta(days=settings.talk_watch_days)
    if watch_until <= held_on:
        raise KaizenError(_("The watch must end after the talk."))
    talk = RelationshipTalk.objects.create(
        customer=customer,
        held_on=held_on,
        agenda=agenda.to_json(),
        watched=agenda.watched_patterns or list(DEFAULT_WATCH),
        watch_until=watch_until,
    )
    do_record_change(user, "create", talk, f"relationship talk with {customer.number}")
    return talk


@transaction.atomic
def do_record_agreements(
    user: User | None, talk: RelationshipTalk, agreements: str, watch_until: date
) -> RelationshipTalk:
    if watch_until <= talk.held_on:
        raise KaizenError(_("The watch must end after the talk."))
    talk.agreements, talk.watch_until = agreements.strip(), watch_until
    talk.save(update_fields=["agreements", "watch_until"])
    do_record_change(
        user,
        "update",
        talk,
        f"agreements with {talk.customer.number}",
        {"watch_until": watch_until.isoformat()},
    )
    return talk


# --- the ideal-customer profile ---------------------------------------------------------------


@transaction.atomic
def do_write_ideal_profile(
    user: User | None,
    *,
    description: str,
    weights: dict[str, object],
    reflection: str = "",
    written_on: date,
) -> IdealProfile:
    """A new version; the earlier ones stay as they were written."""
    checked = checked_weights(weights)  # raises ProfileError
    if not any(checked.values()):
        raise KaizenError(_("Give at least one criterion a weight."))
    last = IdealProfile.objects.order_by("-version").values_list("version", flat=True).first()
    profile = IdealProfile.objects.create(
        version=(last or 0) + 1,
        written_on=written_on,
        description=_required(description, _("Write down whom you want to work for.")),
        weights=checked,
        reflection=reflection.strip(),
        created_by=user if user is not None and user.pk else None,
    )
    do_record_change(user, "create", profile, f"ideal-customer profile {profile.version}", checked)
    return profile


# --- understanding the customer ---------------------------------------------------------------


@transaction.atomic
def do_add_value_chain_entry(
    user: User | None, customer: Customer, name: str, note: str = ""
) -> ValueChainEntry:
    entry = ValueChainEntry.objects.create(
        customer=customer,
        name=_required(name, _("Name the customer's customer.")),
        note=note.strip(),
    )
    do_record_change(user, "create", entry, f"value chain of {customer.number}")
    return entry


@transaction.atomic
def do_remove_value_chain_entry(user: User | None, entry: ValueChainEntry) -> None:
    do_record_change(user, "delete", entry, f"value chain of {entry.customer.number}")
    entry.delete()


@transaction.atomic
def do_log_work_day(user: User | None, customer: Customer, day: date, learned: str) -> WorkDay:
    work_day = WorkDay.objects.create(customer=customer, day=day, learned=learned.strip())
    do_record_change(user, "create", work_day, f"day in the work of {customer.number}")
    return work_day


def do_note_what_occupies(
    user: User | None, customer: Customer, answer: str, noted_on: date
) -> Insight | None:
    """The answer to "what occupies them right now?", asked when a contact is logged,
    kept as one of the customer's concerns. An empty answer keeps nothing."""
    if not answer.strip():
        return None
    return do_add_insight(customer, user, InsightKind.CONCERN, answer, noted_on)


# --- exits ----------------------------------------------------------------------------------


@transaction.atomic
def do_prepare_exit(
    user: User | None,
    customer: Customer,
    *,
    voice: str,
    end_date: date,
    sender: str,
    greeting_name: str = "",
    handover: str = "",
    recommendation: str = "",
    today: date | None = None,
) -> ExitPlan:
    """Writes the letter from the data; preparing again rewrites the unconfirmed one."""
    if voice not in Voice.values:
        raise KaizenError(_("Unknown voice."))
    today = today or timezone.localdate()
    plan = customer.exit_plans.filter(confirmed_at__isnull=True).first() or ExitPlan(
        customer=customer
    )
    plan.voice, plan.end_date = voice, end_date
    plan.sender = _required(sender, _("Sign the letter with your name."))
    plan.greeting_name, plan.handover = greeting_name.strip(), handover.strip()
    plan.recommendation = recommendation.strip()
    plan.letter = render_letter(plan, exit_checklist(customer), today)
    plan.save()
    changes = {"voice": voice, "end_date": end_date.isoformat()}
    do_record_change(user, "prepare", plan, f"exit of {customer.number}", changes)
    return plan


@transaction.atomic
def do_edit_exit_letter(user: User | None, plan: ExitPlan, letter: str) -> ExitPlan:
    text = _required(letter, _("The letter cannot be empty."))
    plan.letter = text.replace("\r\n", "\n") + "\n"  # a text file ends with a newline
    plan.save(update_fields=["letter", "updated_at"])
    do_record_change(user, "update", plan, f"exit letter of {plan.customer.number}")
    return plan


@transaction.atomic
def do_confirm_exit(user: User | None, plan: ExitPlan) -> ExitPlan:
    """The customer becomes `ended`: out of cadence, appreciation and budgets from now on.
    Its open offers are closed as declined on the day of the confirmation (the letter
    withdraws them), so they get no more check-ins or expiry reminders. A delivery not yet
    live keeps its check-in: see docs/kaizen-and-exits.md."""
    if plan.confirmed_at is not None:
        raise KaizenError(_("This exit is already confirmed."))
    customer = plan.customer
    old_status = customer.status
    customer.status = Status.ENDED
    customer.save(update_fields=["status", "updated_at"])
    plan.confirmed_at = timezone.now()
    plan.confirmed_by = user if user is not None and user.pk else None
    plan.save(update_fields=["confirmed_at", "confirmed_by", "updated_at"])
    confirmed_on = timezone.localdate(plan.confirmed_at)
    for offer in customer.offers.filter(status=OfferStatus.OPEN).order_by("sent_date", "number"):
        do_decline_offer(user, offer, confirmed_on, f"withdrawn with the exit of {customer.number}")
    do_record_change(
        user,
        "end",
        customer,
        f"relationship with {customer.number} ends on {plan.end_date.isoformat()}",
        {"status": [old_status, Status.ENDED], "end_date": plan.end_date.isoformat()},
    )
    return plan


# --- data protection ---------------------------------------------------------------------------


def do_record_export(user: User | None, customer: Customer) -> None:
    """An export of personal data is itself worth a line in the log."""
    do_record_change(user, "export", customer, f"data export of {customer.number} (Art. 15/20)")


@transaction.atomic
def do_erase_customer(user: User | None, customer: Customer, requested_on: date) -> Erasure:
    """Erases the customer's personal data (Art. 17) and keeps the booking records until
    their retention ends; see erasure.py for what goes and what stays."""
    years = get_kaizen_settings().invoice_retention_years
    record = erasing.erase(customer, requested_on, years, user)
    do_record_change(
        user,
        "erase",
        customer,
        f"personal data of {record.customer_number} erased (Art. 17)",
        {"records_kept_until": _iso(record.records_kept_until)},
    )
    return record


@transaction.atomic
def do_purge_kept_records(user: User | None, erasure: Erasure, today: date) -> Erasure:
    """Deletes what was kept after the erasure once the retention period is over."""
    if erasure.purged_at is not None:
        raise KaizenError(_("These records are already deleted."))
    kept = erasure.records_kept_until
    if kept is not None and kept >= today:
        raise KaizenError(_("The booking records must be kept until %(date)s.") % {"date": kept})
    erasing.purge(erasure)
    do_record_change(user, "purge", erasure, f"kept records of {erasure.customer_number} deleted")
    return erasure


def _iso(day: date | None) -> str | None:
    return day.isoformat() if day else None
