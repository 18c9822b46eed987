"""Reason texts in German and English, each with its figure and its threshold."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from kundenwert.analysis import explain
from kundenwert.analysis.criteria import REASON_CODES
from kundenwert.analysis.texts import TEXTS
from tests.analysis.builders import PortfolioBuilder, run


def texts(b: PortfolioBuilder, code: str, customer_id: str = "a") -> tuple[str, str]:
    customer = run(b.build()).customer(customer_id)
    assert code in customer.explained_codes
    return explain(customer, code, "de"), explain(customer, code, "en")


def test_late_payer_names_late_invoices_average_days_and_limit():
    b = PortfolioBuilder().customer("a")
    due = date(2026, 3, 2)
    for days in (15, 19, 23, 0, 5):
        b.invoice("a", due_date=due, paid_date=due + timedelta(days=days))
    assert texts(b, "late_payer") == (
        "3 von 5 Rechnungen verspätet bezahlt, im Schnitt 19 Tage; Grenze 14 Tage",
        "3 of 5 invoices paid late, 19 days on average; limit 14 days",
    )


def test_late_payer_shows_a_fractional_average_with_one_decimal():
    b = PortfolioBuilder().customer("a")
    b.invoice("a", due_date="2026-01-15", paid_date="2026-02-04")  # 20
    b.invoice("a", due_date="2026-10-15")  # unpaid: 39 days as of 2026-11-23
    assert texts(b, "late_payer") == (
        "2 von 2 Rechnungen verspätet bezahlt, im Schnitt 29,5 Tage; Grenze 14 Tage",
        "2 of 2 invoices paid late, 29.5 days on average; limit 14 days",
    )


def test_rude_names_the_average_mood_and_the_number_of_ratings():
    b = PortfolioBuilder().customer("a")
    for mood in (-2, -1, 0):
        b.interaction("a", mood=mood)
    assert texts(b, "rude") == (
        "Stimmung im Schnitt -1 aus 3 Bewertungen; Grenze -1 bei mindestens 3 Bewertungen",
        "mood -1 on average from 3 ratings; limit -1 with at least 3 ratings",
    )


def test_talker_names_calls_minutes_and_their_share_of_the_effort():
    b = PortfolioBuilder().customer("a").time_entry("a", minutes=200)
    for _ in range(5):
        b.interaction("a", channel="phone", direction="in", planned=False, minutes=10)
    assert texts(b, "talker") == (
        "5 unangekündigte Anrufe mit 50 Minuten, 20 % des Aufwands; Grenze 5 Anrufe und 20 %",
        "5 unplanned calls taking 50 minutes, 20% of the effort; limit 5 calls and 20%",
    )


def test_counted_issues_name_their_count_and_limit():
    b = PortfolioBuilder().customer("a", potential=4)
    for _ in range(2):
        b.offer("a", status="declined")
        b.interaction("a", price_negotiation=True, complaint="unjustified")
    assert texts(b, "haggler") == (
        "2 Preisverhandlungen; Grenze 2",
        "2 price negotiations; limit 2",
    )
    assert texts(b, "empty_promises") == (
        "2 Angebote geschickt, keines angenommen; Grenze 2 Angebote",
        "2 offers sent, none accepted; limit 2 offers",
    )
    assert texts(b, "unjustified_complaints") == (
        "2 unberechtigte Beschwerden; Grenze 2",
        "2 unjustified complaints; limit 2",
    )
    assert texts(b, "potential") == (
        "Potenzial 4 von 5; Grenze 4",
        "potential rated 4 of 5; limit 4",
    )


def test_high_revenue_names_revenue_share_rank_and_limit():
    b = PortfolioBuilder().customer("a").customer("b").customer("c")
    b.invoice("a", net=6000).invoice("b", net=3000).invoice("c", net=1000)
    assert texts(b, "high_revenue", "a") == (
        "Umsatz 6.000,00 € (60 % des Gesamtumsatzes), der umsatzstärkste Kunde; Grenze 80 %",
        "revenue €6,000.00 (60% of total revenue), the highest of all customers; limit 80%",
    )
    assert texts(b, "high_revenue", "b") == (
        "Umsatz 3.000,00 € (30 % des Gesamtumsatzes), Rang 2; die umsatzstärkeren Kunden "
        "haben zusammen 60 %; Grenze 80 %",
        "revenue €3,000.00 (30% of total revenue), rank 2; the customers ranked before it "
        "have 60% together; limit 80%",
    )


def test_effort_texts_name_both_shares_the_ratio_and_the_limit():
    b = PortfolioBuilder().customer("a").customer("b")
    b.invoice("a", net=600).invoice("b", net=400)
    b.time_entry("a", minutes=90).time_entry("b", minutes=10)
    assert texts(b, "disproportionate_effort") == (
        "Aufwandsanteil 90 % bei Umsatzanteil 60 %: Verhältnis 1,5; Grenze 1,5",
        "effort share 90% against revenue share 60%: ratio 1.5; limit 1.5",
    )
    assert texts(b, "proportional_effort", "b") == (
        "Aufwandsanteil 10 % bei Umsatzanteil 40 %: Verhältnis 0,25; Grenze 1,5",
        "effort share 10% against revenue share 40%: ratio 0.25; limit 1.5",
    )


def test_low_revenue_high_effort_says_so_and_handles_no_revenue():
    b = PortfolioBuilder().customer("a").customer("b").customer("big")
    b.invoice("big", net=9000).invoice("a", net=1000).time_entry("a", minutes=45)
    b.time_entry("b", minutes=45).time_entry("big", minutes=10)
    assert texts(b, "low_revenue_high_effort", "a") == (
        "wenig Umsatz, viel Aufwand: Aufwandsanteil 45 % bei Umsatzanteil 10 %: "
        "Verhältnis 4,5; Grenze 1,5",
        "low revenue, high effort: effort share 45% against revenue share 10%: ratio 4.5; "
        "limit 1.5",
    )
    assert texts(b, "low_revenue_high_effort", "b") == (
        "kein Umsatz, aber 0,8 h Aufwand (45 % des gesamten Aufwands); Grenze Verhältnis 1,5",
        "no revenue but 0.8 h of effort (45% of all effort); limit ratio 1.5",
    )


def test_a_group_set_by_hand_is_explained_with_the_owners_reason():
    b = PortfolioBuilder().customer("a", group_override="A", override_reason="alter Freund")
    assert texts(b, "override") == (
        "Gruppe A von Hand gesetzt: alter Freund",
        "group A set by hand: alter Freund",
    )


def test_an_exit_candidate_is_explained_by_its_causes():
    b = PortfolioBuilder().customer("a").customer("big").invoice("big", net=100_000)
    b.invoice("a", due_date="2026-03-01", paid_date="2026-04-10")  # 40
    b.invoice("a", due_date="2026-03-01", paid_date="2026-03-21")  # 20
    b.offer("a").offer("a")
    assert texts(b, "exit_candidate") == (
        "Trennungskandidat: Gruppe C; zahlt im Schnitt 30 Tage zu spät; Grenze 30 Tage",
        "exit candidate: group C; pays 30 days late on average; limit 30 days",
    )


def test_the_explanations_hold_every_explained_code_in_both_languages():
    b = PortfolioBuilder().customer("a").customer("big").invoice("big", net=100_000)
    b.invoice("a")
    customer = run(b.build()).customer("a")
    assert customer.explained_codes == ["small_steady"]
    assert customer.explanations == {
        "de": {
            "small_steady": "kleiner Kunde ohne Auffälligkeiten (Gruppe B, die am wenigsten kostet)"
        },
        "en": {"small_steady": "small customer without issues (group B, the cheapest to keep)"},
    }


def test_every_reason_code_has_a_text():
    assert set(REASON_CODES) <= set(TEXTS)


def test_an_unknown_code_or_language_is_an_error():
    customer = run(PortfolioBuilder().customer("a").build()).customer("a")
    with pytest.raises(KeyError):
        explain(customer, "grumpy", "de")
    with pytest.raises(ValueError, match="unsupported language"):
        explain(customer, "inactive", "fr")
    assert explain(customer, "inactive", "de-AT").startswith("keine Rechnung")
