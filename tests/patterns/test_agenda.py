"""The relationship talk's agenda names the facts with their numbers."""

from __future__ import annotations

from datetime import date

from kundenwert.patterns import Agenda, talk_agenda
from kundenwert.patterns.agenda_texts import item_text, item_title
from tests.analysis.builders import PortfolioBuilder

TALK = date(2026, 11, 23)


def strained() -> PortfolioBuilder:
    builder = PortfolioBuilder().customer("a", name="Tischlerei Schmitz").customer("b")
    for day in ("2026-03-02", "2026-05-04", "2026-07-06", "2026-09-07", "2026-10-05"):
        builder.interaction("a", at=f"{day}T10:00", out_of_scope=True, minutes=30, mood=-2)
    builder.interaction("a", at="2026-10-06T10:00", mood=1)
    builder.invoice(
        "a", issue_date="2026-02-01", due_date="2026-02-15", paid_date="2026-03-17", net=2000
    )
    builder.invoice(
        "a", issue_date="2026-04-01", due_date="2026-04-15", paid_date="2026-05-05", net=2000
    )
    builder.invoice(
        "a", issue_date="2026-06-01", due_date="2026-06-15", paid_date="2026-06-10", net=2000
    )
    builder.invoice("a", issue_date="2026-10-01", due_date="2026-10-15", net=1500)  # open, overdue
    builder.time_entry("a", start="2026-03-03T10:00", minutes=6000)  # 100 h
    builder.time_entry("a", start="2026-03-07T10:00", minutes=1200)  # 20 h on a Saturday
    builder.interaction("b", at="2026-03-02T10:00", out_of_scope=True)  # someone else's
    return builder


def texts(agenda: Agenda, lang: str) -> dict[str, str]:
    return {item.topic: item_text(item, lang, agenda.currency) for item in agenda.items}


def test_the_agenda_names_out_of_scope_requests_payments_mood_and_time_with_their_numbers():
    agenda = talk_agenda(strained().build(), "a", TALK)
    de = texts(agenda, "de")

    assert de["out_of_scope"] == "5 im Zeitraum, zusammen 2,5 h, zuletzt am 05.10.2026"
    # 30 and 20 days late when paid, 39 days for the open one so far; one paid early.
    assert de["late_payments"] == (
        "3 von 4 Rechnungen mehr als 14 Tage nach Fälligkeit bezahlt (diese im Schnitt "
        "29,7 Tage); alle im Schnitt 22,3 Tage; heute offen und überfällig: 1 über 1.500,00 €"
    )
    assert de["mood"] == "Ø -1,5 (von -2 bis +2) aus 6 Bewertungen, 5 davon negativ"
    # 120 h of time entries and 2.5 h of untracked contacts.
    assert de["time_vs_revenue"] == (
        "122,5 h Aufwand für 7.500,00 € Umsatz: 61,22 € je Stunde bei 60,00 € internen "
        "Kosten je Stunde; Marge 150,00 €"
    )


def test_the_agenda_adds_other_patterns_only_where_they_reach_their_limit():
    agenda = talk_agenda(strained().build(), "a", TALK)
    en = texts(agenda, "en")

    assert [item.topic for item in agenda.items] == [
        "out_of_scope",
        "late_payments",
        "mood",
        "time_vs_revenue",
        "odd_hours",
    ]
    assert en["odd_hours"] == "20 of 120.0 h at weekends or late in the evening (16.7%)"
    assert item_title(agenda.items[4], "de") == "Arbeit am Wochenende und spätabends"


def test_the_flagged_patterns_are_the_ones_watched_after_the_talk():
    agenda = talk_agenda(strained().build(), "a", TALK)

    assert agenda.watched_patterns == ["out_of_scope", "days_late", "mood", "odd_hours"]
    assert not agenda.items[3].flagged  # 61,22 € an hour is above the 60 € internal cost


def test_a_calm_customer_gets_the_core_topics_without_flags():
    agenda = talk_agenda(strained().build(), "b", TALK)

    assert [item.flagged for item in agenda.items] == [False, False, False, False]
    assert texts(agenda, "de")["late_payments"] == "keine fällige Rechnung im Zeitraum"


def test_the_agenda_survives_its_json_form():
    agenda = talk_agenda(strained().build(), "a", TALK)

    again = Agenda.from_json(agenda.to_json())

    assert again == agenda
