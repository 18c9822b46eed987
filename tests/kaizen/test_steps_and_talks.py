"""Kaizen steps and relationship talks through the services and the database."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest

from kundenwert.accounts.models import ChangeRecord
from kundenwert.activity.models import TimeEntry
from kundenwert.activity.services import do_log_interaction
from kundenwert.customers.models import Customer, Insight
from kundenwert.kaizen import services
from kundenwert.kaizen.config import pattern_settings
from kundenwert.kaizen.steps import is_due_for_review, step_measurement
from kundenwert.kaizen.talks import agenda_lines, returned_patterns, talk_watch
from tests.kaizen.conftest import moment

START = date(2026, 6, 1)


@pytest.fixture
def carpenter(db) -> Customer:
    return Customer.objects.create(number="K-1023", name="Tischlerei Schmitz")


def work(customer: Customer, day: date, hour: int, minutes: int) -> None:
    TimeEntry.objects.create(customer=customer, start=moment(day, hour), minutes=Decimal(minutes))


def test_a_step_measures_its_pattern_before_and_after_its_start_from_the_database(carpenter, owner):
    work(carpenter, date(2026, 5, 30), 10, 180)  # Saturday before the start
    work(carpenter, date(2026, 5, 29), 10, 420)
    work(carpenter, date(2026, 6, 1), 21, 60)  # the start day, late evening
    work(carpenter, date(2026, 6, 2), 10, 540)
    step = services.do_create_kaizen_step(
        owner,
        carpenter,
        area="Wochenendarbeit",
        observed="Samstags wird ohne Zuschlag gearbeitet",
        step="Samstagsarbeit nur mit 50 % Zuschlag",
        started_on=START,
        review_on=date(2026, 8, 29),
        pattern="odd_hours",
    )

    measured = step_measurement(step, today=date(2026, 11, 23))

    assert measured.after.end == date(2026, 8, 29)  # as of the review date, not today
    assert measured.before_figure.value == pytest.approx(0.3)
    assert measured.after_figure.value == pytest.approx(0.1)
    assert measured.direction == "better"


def test_the_review_keeps_the_measurement_and_ends_the_step_being_due(carpenter, owner):
    step = services.do_create_kaizen_step(
        owner,
        carpenter,
        area="Sonderwünsche",
        observed="Extras ohne Auftrag",
        step="Extras nur gegen Angebot",
        started_on=START,
        review_on=date(2026, 8, 29),
        pattern="out_of_scope",
    )
    assert is_due_for_review(step, date(2026, 8, 29))

    tracking = services.do_review_kaizen_step(owner, step, date(2026, 9, 1))

    assert tracking.outcome["pattern"] == "out_of_scope"
    assert tracking.outcome["after"] == {"from": "2026-06-01", "to": "2026-08-29"}
    step.refresh_from_db()
    assert not is_due_for_review(step, date(2026, 9, 1))
    assert ChangeRecord.objects.filter(action="review").count() == 1


def test_a_step_notes_the_customers_reaction(carpenter, owner):
    step = services.do_create_kaizen_step(
        owner,
        carpenter,
        area="Preise",
        observed="Rabatt bei jeder Rechnung",
        step="Rabatt nur bei Vorkasse",
        started_on=START,
        review_on=START,
    )

    services.do_update_kaizen_step(owner, step, reaction="talked_round", notes="Wollte handeln")

    step.refresh_from_db()
    assert (step.reaction, step.notes) == ("talked_round", "Wollte handeln")
    assert step_measurement(step, date(2026, 11, 23)) is None  # no pattern targeted


def test_a_step_needs_its_words_and_a_sensible_review_date(carpenter, owner):
    with pytest.raises(services.KaizenError):
        services.do_create_kaizen_step(
            owner, carpenter, area="x", observed="", step="y", started_on=START, review_on=START
        )
    with pytest.raises(services.KaizenError):
        services.do_create_kaizen_step(
            owner,
            carpenter,
            area="x",
            observed="y",
            step="z",
            started_on=START,
            review_on=START - timedelta(days=1),
        )


def out_of_scope(owner, customer: Customer, day: date) -> None:
    do_log_interaction(
        owner, customer, at=moment(day), channel="phone", out_of_scope=True, minutes=Decimal(30)
    )


def test_the_talk_agenda_names_the_facts_with_their_numbers(carpenter, owner):
    for day in (date(2026, 2, 2), date(2026, 4, 6), date(2026, 5, 4), date(2026, 5, 25)):
        out_of_scope(owner, carpenter, day)

    talk = services.do_hold_relationship_talk(owner, carpenter, date(2026, 6, 1))
    lines = {line.title: line for line in agenda_lines(talk, "de")}

    assert lines["Sonderwünsche außerhalb des Auftrags"].text == (
        "4 im Zeitraum, zusammen 2,0 h, zuletzt am 25.05.2026"
    )
    assert lines["Sonderwünsche außerhalb des Auftrags"].flagged
    assert "Zahlungen" in lines and "Zeit gegen Umsatz" in lines
    assert "Stimmung im Team nach Kontakten" in lines
    assert talk.watched == ["out_of_scope"]
    assert talk.watch_until == date(2026, 6, 1) + timedelta(days=180)


def test_the_watch_flags_the_old_pattern_when_it_returns_after_the_talk(carpenter, owner):
    for day in (date(2026, 4, 6), date(2026, 5, 4), date(2026, 5, 11), date(2026, 5, 25)):
        out_of_scope(owner, carpenter, day)
    talk = services.do_hold_relationship_talk(owner, carpenter, date(2026, 6, 1))
    assert returned_patterns(talk, date(2026, 8, 1)) == []

    for day in (date(2026, 10, 5), date(2026, 10, 19), date(2026, 11, 2), date(2026, 11, 9)):
        out_of_scope(owner, carpenter, day)

    assert returned_patterns(talk, date(2026, 11, 23)) == ["out_of_scope"]
    [line] = talk_watch(talk, date(2026, 11, 23))
    assert line.watch.measurement.after_figure.value == 4


def test_a_talk_without_flagged_facts_watches_the_core_patterns(carpenter, owner):
    talk = services.do_hold_relationship_talk(owner, carpenter, date(2026, 6, 1))

    assert talk.watched == ["out_of_scope", "days_late", "mood"]


def test_agreements_are_kept_with_the_watch_date(carpenter, owner):
    talk = services.do_hold_relationship_talk(owner, carpenter, date(2026, 6, 1))

    services.do_record_agreements(owner, talk, "Extras nur schriftlich", date(2026, 9, 1))

    talk.refresh_from_db()
    assert (talk.agreements, talk.watch_until) == ("Extras nur schriftlich", date(2026, 9, 1))
    with pytest.raises(services.KaizenError):
        services.do_record_agreements(owner, talk, "", date(2026, 6, 1))


def test_understanding_the_customer_keeps_the_value_chain_work_days_and_what_occupies_them(
    carpenter, owner
):
    entry = services.do_add_value_chain_entry(owner, carpenter, "Bauherren", "feste Termine")
    services.do_log_work_day(owner, carpenter, date(2026, 5, 5), "Früh um sechs auf der Baustelle")
    insight = services.do_note_what_occupies(owner, carpenter, "Fachkräftemangel", START)

    assert [e.name for e in carpenter.value_chain.all()] == ["Bauherren"]
    assert carpenter.work_days.get().learned == "Früh um sechs auf der Baustelle"
    assert (insight.kind, insight.text) == ("concern", "Fachkräftemangel")
    assert services.do_note_what_occupies(owner, carpenter, "  ", START) is None
    assert Insight.objects.count() == 1
    services.do_remove_value_chain_entry(owner, entry)
    assert not carpenter.value_chain.exists()


def test_pattern_settings_are_validated_and_only_changes_are_stored(db, owner):
    settings = services.do_update_kaizen_settings(
        owner, patterns={"evening_from_hour": 19, "min_hours": 5}, invoice_retention_years=10
    )

    assert settings.patterns == {"evening_from_hour": 19}
    assert settings.invoice_retention_years == 10
    assert pattern_settings().evening_from_hour == 19
    with pytest.raises(ValueError):
        services.do_update_kaizen_settings(owner, patterns={"evening_from_hour": "late"})
