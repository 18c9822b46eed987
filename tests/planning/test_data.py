"""The engine's input from the database: the same follow-ups as from the folder, plus the
contacts' birthdays and the stored states, which survive a re-import."""

from __future__ import annotations

from datetime import date

from kundenwert.analysis import AnalysisSettings
from kundenwert.customers.analysis_service import current_analysis
from kundenwert.customers.models import Contact, Customer
from kundenwert.exchange.services import do_import_portfolio
from kundenwert.followups import FollowupSettings, input_from_portfolio, open_followups
from kundenwert.planning import services
from kundenwert.planning.data import current_open_followups, load_planning_data, open_followups_on
from tests.planning.conftest import EXPECTED_KINDS, TODAY, small_portfolio


def kinds(items):
    return [(item.kind, item.due, item.ref) for item in items]


def test_the_database_gives_the_follow_ups_worked_out_by_hand(portfolio):
    assert kinds(load_planning_data(TODAY).open_followups()) == EXPECTED_KINDS


def test_the_database_and_the_folder_give_the_same_follow_ups(portfolio):
    data = input_from_portfolio(small_portfolio(), AnalysisSettings(), TODAY)
    from_folder = open_followups(data, TODAY, FollowupSettings(), {})

    from_database = load_planning_data(TODAY).open_followups()

    assert [(i.cause, i.reason("de")) for i in from_database] == [
        (i.cause, i.reason("de")) for i in from_folder
    ]


def test_a_contacts_birthday_in_the_database_becomes_a_follow_up(portfolio):
    customer = Customer.objects.get(number="K1")
    Contact.objects.create(customer=customer, name="Anna Sommer", birthday=date(1979, 3, 12))

    items = load_planning_data(TODAY).open_followups()

    assert ("birthday", date(2026, 3, 12), "Anna Sommer") in kinds(items)


def test_a_done_follow_up_disappears(portfolio, owner):
    [cadence, *_] = load_planning_data(TODAY).open_followups()

    services.do_mark_followup_done(owner, cadence.cause)

    assert kinds(load_planning_data(TODAY).open_followups()) == EXPECTED_KINDS[1:]


def test_a_snoozed_follow_up_returns_on_its_date(portfolio, owner):
    [cadence, *_] = load_planning_data(TODAY).open_followups()

    services.do_snooze_followup(owner, cadence.cause, date(2026, 3, 20))

    assert kinds(load_planning_data(date(2026, 3, 19)).open_followups())[0][0] != "cadence"
    assert kinds(load_planning_data(date(2026, 3, 20)).open_followups())[0][0] == "cadence"


def test_a_dismissed_follow_up_stays_dismissed_after_the_same_data_is_imported_again(
    portfolio, owner
):
    offer = load_planning_data(TODAY).open_followups()[2]
    services.do_dismiss_followup(owner, offer.cause, "Kunde hat angerufen, entscheidet im April")

    do_import_portfolio(small_portfolio(), source="again")

    assert kinds(load_planning_data(TODAY).open_followups()) == EXPECTED_KINDS[:2]
    assert kinds(load_planning_data(date(2026, 3, 30)).open_followups())[-1][0] != "offer_checkin"


def test_the_web_pages_kept_list_equals_a_fresh_one_and_follows_a_done(portfolio, owner):
    snapshot = current_analysis(TODAY)

    kept = current_open_followups(snapshot)

    assert kinds(kept) == kinds(open_followups_on(TODAY)) == EXPECTED_KINDS
    assert current_open_followups(current_analysis(TODAY)) is kept  # no second load
    services.do_mark_followup_done(owner, kept[0].cause)
    assert kinds(current_open_followups(current_analysis(TODAY))) == EXPECTED_KINDS[1:]
