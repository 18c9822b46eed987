"""The planning services: each write is checked, stored, and in the change log."""

from __future__ import annotations

from datetime import date

import pytest

from kundenwert.accounts.models import ChangeRecord
from kundenwert.followups import cause_key
from kundenwert.planning import services
from kundenwert.planning.models import FeedToken, FollowupState
from kundenwert.planning.services import PlanningError

CAUSE = cause_key("offer_checkin", "K1", "AN-1", date(2026, 3, 1))


def last_change() -> ChangeRecord:
    return ChangeRecord.objects.order_by("-id").first()


def test_marking_a_follow_up_done_stores_its_cause_and_records_who(owner):
    state = services.do_mark_followup_done(owner, CAUSE)

    assert (state.kind, state.customer_number, state.ref, state.status) == (
        "offer_checkin",
        "K1",
        "AN-1",
        "done",
    )
    change = last_change()
    assert (change.user, change.action, change.model) == (owner, "done", "planning.FollowupState")


def test_snoozing_stores_the_day_it_returns(owner):
    state = services.do_snooze_followup(owner, CAUSE, date(2026, 4, 1))

    assert (state.status, state.snoozed_until) == ("snoozed", date(2026, 4, 1))
    assert last_change().changes["snoozed_until"] == "2026-04-01"


def test_dismissing_needs_a_reason(owner):
    with pytest.raises(PlanningError):
        services.do_dismiss_followup(owner, CAUSE, "   ")

    state = services.do_dismiss_followup(owner, CAUSE, " kein Bedarf ")

    assert (state.status, state.reason) == ("dismissed", "kein Bedarf")


def test_a_dismissed_follow_up_cannot_be_brought_back(owner):
    services.do_dismiss_followup(owner, CAUSE, "kein Bedarf")

    with pytest.raises(PlanningError):
        services.do_snooze_followup(owner, CAUSE, date(2026, 4, 1))
    with pytest.raises(PlanningError):
        services.do_mark_followup_done(owner, CAUSE)
    assert FollowupState.objects.get().status == "dismissed"


def test_one_cause_has_one_state_that_changes(owner):
    services.do_snooze_followup(owner, CAUSE, date(2026, 4, 1))
    services.do_mark_followup_done(owner, CAUSE)

    state = FollowupState.objects.get()
    assert (state.status, state.snoozed_until) == ("done", None)


def test_an_unknown_cause_is_refused(owner):
    with pytest.raises(PlanningError):
        services.do_mark_followup_done(owner, "drop table")
    assert not FollowupState.objects.exists()


def test_tasks_rules_and_the_to_leave_list_are_recorded(owner):
    task = services.do_create_task(owner, "Angebot schreiben", due_date=date(2026, 3, 17))
    services.do_complete_task(owner, task)
    rule = services.do_add_rule(owner, "E-Mails um 9 und 15 Uhr")
    services.do_retire_rule(owner, rule)
    item = services.do_add_to_leave_item(owner, "Wochenendarbeit ohne Zuschlag")
    services.do_mark_left(owner, item)

    task.refresh_from_db(), rule.refresh_from_db(), item.refresh_from_db()
    assert task.done_at and not rule.active and item.left_at
    actions = list(ChangeRecord.objects.filter(user=owner).values_list("model", "action"))
    assert ("planning.Task", "create") in actions and ("planning.Task", "done") in actions
    assert ("planning.Rule", "update") in actions and ("planning.ToLeaveItem", "update") in actions


def test_empty_texts_are_refused(owner):
    for make in (services.do_create_task, services.do_add_rule, services.do_add_to_leave_item):
        with pytest.raises(PlanningError):
            make(owner, " ")


def test_a_feed_token_keeps_only_a_digest_of_its_secret(owner):
    token, secret = services.do_create_feed_token(owner, "Telefon")

    assert secret not in token.digest and token.hint == secret[-4:]
    assert services.active_feed_token(secret) == token
    assert FeedToken.objects.get().last_used_at is not None


def test_a_revoked_token_is_no_longer_found(owner):
    token, secret = services.do_create_feed_token(owner)

    services.do_revoke_feed_token(owner, token)

    assert services.active_feed_token(secret) is None
    assert last_change().action == "revoke"


def test_a_deactivated_users_tokens_are_no_longer_found(owner):
    _, secret = services.do_create_feed_token(owner)
    owner.is_active = False
    owner.save()

    assert services.active_feed_token(secret) is None
