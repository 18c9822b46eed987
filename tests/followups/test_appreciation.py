"""Appreciation: thanks for punctual payments and a big order, anniversaries, birthdays and
a small present for A customers, each on its date and only while it is fresh."""

from __future__ import annotations

from datetime import date, timedelta

from kundenwert.followups import APPRECIATION_KINDS, Birthday
from tests.followups import helpers
from tests.followups.helpers import kinds, make_portfolio, standings

A = standings(K1="A")


def run(*args, **kwargs):
    """The appreciation follow-ups only (A and B customers also get a contact cadence)."""
    return [item for item in helpers.run(*args, **kwargs) if item.kind in APPRECIATION_KINDS]


def invoice(number: str, issued: date, paid: date | None, net=1000, **values) -> dict:
    due = issued + timedelta(days=14)
    return {
        "number": number,
        "customer_id": "K1",
        "issue_date": issued,
        "due_date": due,
        "paid_date": paid,
        "net": net,
    } | values


def monthly(*paid_after_days: int | None, net=1000) -> list[dict]:
    """One invoice a month from January, each paid that many days after issue (None: unpaid)."""
    rows = []
    for month, days in enumerate(paid_after_days, start=1):
        issued = date(2026, month, 1)
        paid = None if days is None else issued + timedelta(days=days)
        rows.append(invoice(f"RE-{month}", issued, paid, net))
    return rows


def customers(**values) -> list[dict]:
    return [{"id": "K1", "name": "Sommer"} | values]


# --- thanks for punctual payments ---------------------------------------------------------------


def test_three_punctual_payments_in_a_row_earn_a_thank_you_on_the_day_of_the_third():
    portfolio = make_portfolio(customers=customers(), invoices=monthly(10, 14, 5))
    third_paid = date(2026, 3, 6)

    items = run(portfolio, third_paid, groups=A)

    assert kinds(items) == [("thanks_punctual", third_paid, "RE-3")]
    assert items[0].reason("de") == (
        "3 Rechnungen in Folge pünktlich bezahlt (bis RE-3), die letzte Zahlung am "
        "06.03.2026: bedanken Sie sich dafür"
    )


def test_two_punctual_payments_are_not_yet_a_run():
    portfolio = make_portfolio(customers=customers(), invoices=monthly(10, 14))

    assert run(portfolio, date(2026, 2, 20), groups=A) == []


def test_a_late_payment_starts_the_count_again():
    portfolio = make_portfolio(customers=customers(), invoices=monthly(5, 20, 5, 5, 5))

    items = run(portfolio, date(2026, 5, 6), groups=A)

    assert kinds(items) == [("thanks_punctual", date(2026, 5, 6), "RE-5")]


def test_an_unpaid_invoice_past_its_due_date_breaks_the_run():
    portfolio = make_portfolio(customers=customers(), invoices=monthly(5, None, 5, 5))

    assert run(portfolio, date(2026, 4, 6), groups=A) == []


def test_an_invoice_not_yet_due_and_unpaid_neither_counts_nor_breaks():
    rows = monthly(5, 5) + [invoice("RE-X", date(2026, 2, 28), None), *monthly(0, 0, 5)[2:]]

    items = run(make_portfolio(customers=customers(), invoices=rows), date(2026, 3, 6), groups=A)

    assert kinds(items) == [("thanks_punctual", date(2026, 3, 6), "RE-3")]


def test_every_third_punctual_payment_of_a_run_earns_another_thank_you():
    portfolio = make_portfolio(customers=customers(), invoices=monthly(5, 5, 5, 5, 5, 5))

    items = run(portfolio, date(2026, 6, 6), groups=A)

    assert kinds(items) == [("thanks_punctual", date(2026, 6, 6), "RE-6")]


def test_without_due_date_an_invoice_is_due_after_the_payment_terms():
    rows = [
        invoice(f"RE-{m}", date(2026, m, 1), date(2026, m, 15), due_date=None) for m in (1, 2, 3)
    ]

    items = run(make_portfolio(customers=customers(), invoices=rows), date(2026, 3, 15), groups=A)

    assert kinds(items) == [("thanks_punctual", date(2026, 3, 15), "RE-3")]


def test_the_run_length_is_a_setting():
    portfolio = make_portfolio(customers=customers(), invoices=monthly(5, 5))

    items = run(portfolio, date(2026, 2, 6), groups=A, punctual_payments_in_row=2)

    assert kinds(items) == [("thanks_punctual", date(2026, 2, 6), "RE-2")]


# --- thanks for a big order ---------------------------------------------------------------------


def test_an_invoice_larger_than_every_other_of_the_last_12_months_earns_a_thank_you():
    rows = [
        invoice("RE-1", date(2025, 6, 1), None, 4800, paid_date=date(2025, 6, 30)),
        invoice("RE-2", date(2026, 2, 1), None, 3000, paid_date=date(2026, 3, 30)),
        invoice("RE-3", date(2026, 5, 4), None, 12000),
    ]

    items = run(make_portfolio(customers=customers(), invoices=rows), date(2026, 5, 4), groups=A)

    assert kinds(items) == [("thanks_big_order", date(2026, 5, 4), "RE-3")]
    assert items[0].reason("de") == (
        "Rechnung RE-3 über 12.000,00 € ist der größte Auftrag der letzten 12 Monate "
        "(zuvor höchstens 4.800,00 €): bedanken Sie sich für den Auftrag"
    )
    assert items[0].reason("de", money=False) == (
        "Rechnung RE-3 ist der größte Auftrag der letzten 12 Monate: "
        "bedanken Sie sich für den Auftrag"
    )


def test_an_invoice_smaller_than_one_of_the_last_12_months_earns_none():
    rows = [
        invoice("RE-1", date(2025, 6, 1), date(2025, 6, 30), 15000),
        invoice("RE-2", date(2026, 5, 4), None, 12000),
    ]

    assert (
        run(make_portfolio(customers=customers(), invoices=rows), date(2026, 5, 4), groups=A) == []
    )


def test_an_invoice_older_than_12_months_does_not_count_against_a_new_one():
    rows = [
        invoice("RE-1", date(2025, 5, 3), date(2025, 5, 30), 15000),
        invoice("RE-2", date(2026, 1, 10), date(2026, 1, 20), 1000),
        invoice("RE-3", date(2026, 5, 4), None, 12000),
    ]

    items = run(make_portfolio(customers=customers(), invoices=rows), date(2026, 5, 4), groups=A)

    assert kinds(items) == [("thanks_big_order", date(2026, 5, 4), "RE-3")]


def test_a_first_invoice_is_not_a_big_order():
    rows = [invoice("RE-1", date(2026, 5, 4), None, 12000)]

    assert (
        run(make_portfolio(customers=customers(), invoices=rows), date(2026, 5, 4), groups=A) == []
    )


# --- anniversary, birthday, present ---------------------------------------------------------------


def test_the_anniversary_of_becoming_a_customer_is_due_on_its_day():
    portfolio = make_portfolio(customers=customers(since=date(2021, 3, 1)))

    items = run(portfolio, date(2026, 3, 1), groups=A)

    assert kinds(items) == [("anniversary", date(2026, 3, 1), None)]
    assert items[0].reason("de") == "Seit 5 Jahren Kunde (seit 01.03.2021): zum Jubiläum danken"
    assert run(portfolio, date(2026, 2, 28), groups=A) == []


def test_an_anniversary_on_29_february_falls_on_28_february_in_other_years():
    portfolio = make_portfolio(customers=customers(since=date(2024, 2, 29)))

    assert kinds(run(portfolio, date(2026, 2, 28), groups=A)) == [
        ("anniversary", date(2026, 2, 28), None)
    ]


def test_the_day_a_customer_started_is_not_an_anniversary():
    portfolio = make_portfolio(customers=customers(since=date(2026, 3, 1)))

    assert run(portfolio, date(2026, 3, 1), groups=A) == []


def test_a_contacts_birthday_is_due_on_its_day_each_year():
    portfolio = make_portfolio(customers=customers())
    birthdays = (Birthday("K1", "Anna Schmidt", date(1980, 6, 12)),)

    items = run(portfolio, date(2026, 6, 12), groups=A, birthdays=birthdays)

    assert kinds(items) == [("birthday", date(2026, 6, 12), "Anna Schmidt")]
    assert items[0].reason("de") == "Anna Schmidt hat am 12.06.2026 Geburtstag: gratulieren"
    assert run(portfolio, date(2026, 6, 11), groups=A, birthdays=birthdays) == []


def test_a_small_present_for_a_customers_is_due_on_1_december():
    portfolio = make_portfolio(customers=[{"id": "K1"}, {"id": "K2"}])
    groups = standings(K1="A", K2="B")

    items = run(portfolio, date(2026, 12, 1), groups=groups)

    assert kinds(items) == [("present", date(2026, 12, 1), None)]
    assert items[0].customer_id == "K1"
    assert run(portfolio, date(2026, 11, 30), groups=groups) == []


def test_the_presents_date_is_a_setting():
    portfolio = make_portfolio(customers=[{"id": "K1"}])

    items = run(portfolio, date(2026, 6, 15), groups=A, present_month=6, present_day=15)

    assert kinds(items) == [("present", date(2026, 6, 15), None)]


def test_an_appreciation_lapses_14_days_after_its_date():
    portfolio = make_portfolio(customers=customers(since=date(2021, 3, 1)))

    assert len(run(portfolio, date(2026, 3, 15), groups=A)) == 1
    assert run(portfolio, date(2026, 3, 16), groups=A) == []


def test_c_customers_inactive_ones_and_ended_ones_get_no_appreciation():
    since = date(2021, 3, 1)
    birthdays = (Birthday("K1", "Anna", date(1980, 3, 1)),)
    rows = monthly(5, 5, 5)
    for status, group in (("active", "C"), ("active", None), ("ended", "A")):
        portfolio = make_portfolio(customers=customers(since=since, status=status), invoices=rows)
        groups = standings(K1=group)
        assert run(portfolio, date(2026, 3, 6), groups=groups, birthdays=birthdays) == []


def test_b_customers_get_thanks_anniversaries_and_birthdays_but_no_present():
    portfolio = make_portfolio(customers=customers(since=date(2021, 12, 1)))
    birthdays = (Birthday("K1", "Anna", date(1980, 12, 1)),)

    items = run(portfolio, date(2026, 12, 1), groups=standings(K1="B"), birthdays=birthdays)

    assert [item.kind for item in items] == ["anniversary", "birthday"]
