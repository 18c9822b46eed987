"""`load_for_analysis`: the period's records, time entries summed by the database, and the
same analysis as from the whole database, also on the period's edges and on clock changes."""

from __future__ import annotations

import threading
from datetime import UTC, date, datetime
from decimal import Decimal

import polars as pl
import pytest
from django.db import connection, connections

from kundenwert.activity.models import Interaction, TimeEntry
from kundenwert.analysis import AnalysisSettings, Period, analyze
from kundenwert.billing.models import Invoice
from kundenwert.customers.models import Customer
from kundenwert.demo import generate_demo
from kundenwert.exchange import loader
from kundenwert.exchange.loader import load_for_analysis, load_portfolio
from kundenwert.exchange.services import do_import_portfolio

pytestmark = pytest.mark.django_db


def utc(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=UTC)


# (zone, period, {UTC instant: counted?}). Each instant's entry has its own power-of-two
# minutes, so the sum says exactly which entries were counted.
EDGES = {
    "Berlin, from the spring-forward day to the fall-back day": (
        "Europe/Berlin",
        Period(date(2026, 3, 29), date(2026, 10, 25)),
        {
            "2026-03-28T22:59:59.999999": False,  # 23:59:59.999999 CET the day before
            "2026-03-28T23:00:00": True,  # midnight CET on the first day
            "2026-10-25T00:30:00": True,  # 02:30 CEST, the first 02:30 of the last day
            "2026-10-25T01:30:00": True,  # 02:30 CET, the second
            "2026-10-25T22:59:59": True,  # 23:59:59 CET on the last day
            "2026-10-25T23:00:00": False,  # midnight after the last day
        },
    ),
    "Berlin, from the fall-back day to the spring-forward day": (
        "Europe/Berlin",
        Period(date(2025, 10, 26), date(2026, 3, 29)),
        {
            "2025-10-25T21:59:59": False,
            "2025-10-25T22:00:00": True,  # midnight CEST on the first day
            "2026-03-29T01:00:00": True,  # 03:00 CEST, just after the gap
            "2026-03-29T21:59:59": True,  # 23:59:59 CEST on the last day
            "2026-03-29T22:00:00": False,
        },
    ),
    # Havana changes its clocks at midnight: 2026-03-08 has no 00:00 (00:00 CST is 01:00
    # CDT), and on 2026-11-01 the hour from 00:00 comes twice.
    "Havana, a first day without midnight, a day after with two": (
        "America/Havana",
        Period(date(2026, 3, 8), date(2026, 10, 31)),
        {
            "2026-03-08T04:59:59": False,  # 23:59:59 CST on 7 March
            "2026-03-08T05:00:00": True,  # 01:00 CDT, the first moment of 8 March
            "2026-11-01T03:59:59": True,  # 23:59:59 CDT on the last day
            "2026-11-01T04:00:00": False,  # 00:00 CDT on 1 November
            "2026-11-01T05:30:00": False,  # 00:30 CST, the second pass, still 1 November
        },
    ),
    "Havana, a first day whose midnight comes twice": (
        "America/Havana",
        Period(date(2026, 11, 1), date(2026, 11, 30)),
        {
            "2026-11-01T03:59:59": False,
            "2026-11-01T04:00:00": True,  # the first 00:00
            "2026-11-01T05:00:00": True,  # the second 00:00
            "2026-12-01T04:59:59": True,  # 23:59:59 CST on the last day
            "2026-12-01T05:00:00": False,
        },
    ),
}


def add_records(customer: Customer, instants: list[str]) -> None:
    for bit, instant in enumerate(instants):
        minutes = Decimal(2**bit) / 100
        TimeEntry.objects.create(customer=customer, start=utc(instant), minutes=minutes)
        Interaction.objects.create(customer=customer, at=utc(instant), channel="phone")


def in_period(frame: pl.DataFrame, column: str, period: Period) -> pl.DataFrame:
    """The folder path's rule on naive wall-clock times (aggregate.py)."""
    moment = pl.col(column)
    return frame.filter((moment >= period.first_moment) & (moment < period.after_last_moment))


@pytest.mark.parametrize("case", EDGES.values(), ids=EDGES.keys())
def test_the_period_edges_are_local_midnights_also_on_clock_changes(case, settings):
    zone, period, counted = case
    settings.TIME_ZONE = zone
    customer = Customer.objects.create(number="K-1", name="Sommer")
    add_records(customer, list(counted))

    loaded = load_for_analysis(period)

    expected = sum(2**bit for bit, inside in enumerate(counted.values()) if inside)
    assert loaded.time_entries.to_dicts() == [
        {
            "customer_id": "K-1",
            "start": period.first_moment,
            "minutes": Decimal(expected) / 100,
            "billable": True,
            "user": None,
            "project": None,
            "description": None,
        }
    ]
    whole = load_portfolio()
    assert loaded.interactions.height == sum(counted.values())
    assert loaded.interactions.equals(in_period(whole.interactions, "at", period))


def test_any_text_comes_through_as_written(settings):
    settings.TIME_ZONE = "Europe/Berlin"
    customer = Customer.objects.create(number='K,"1"\n', name="Sommer")
    for note in ('Rückruf, "dringend"\r\nZeile 2', "", '"', ",", "€ 😀"):
        Interaction.objects.create(
            customer=customer, at=utc("2026-05-04T08:00:00"), channel="email", note=note
        )
    Interaction.objects.create(
        customer=customer, at=utc("2026-05-04T09:00:00"), channel="phone", mood=-2, minutes=7
    )
    Invoice.objects.create(
        number='RE,"7"', customer=customer, issue_date=date(2026, 5, 4), net=Decimal("-0.05")
    )
    period = Period.year(2026)

    loaded, whole = load_for_analysis(period), load_portfolio()

    assert loaded.interactions.height == 6
    assert loaded.interactions.sort(pl.all()).equals(whole.interactions.sort(pl.all()))
    assert loaded.invoices.equals(whole.invoices)
    assert loaded.invoices["number"].to_list() == ['RE,"7"']


def test_a_customer_without_time_in_the_period_gets_no_time_entry(settings):
    settings.TIME_ZONE = "Europe/Berlin"
    add_records(Customer.objects.create(number="K-1", name="Sommer"), ["2025-12-31T23:00:00"])
    Customer.objects.create(number="K-2", name="Berger")

    loaded = load_for_analysis(Period.year(2025))

    assert loaded.time_entries.is_empty()
    assert loaded.customers["id"].to_list() == ["K-1", "K-2"]


def test_only_the_period_s_invoices_offers_and_costs_are_loaded():
    as_of = date(2026, 11, 23)
    do_import_portfolio(generate_demo(as_of), source="demo")
    period = Period.ending(as_of)

    loaded, whole = load_for_analysis(period), load_portfolio()

    for table, column in (("invoices", "issue_date"), ("offers", "sent_date")):
        expected = whole.frame(table).filter(pl.col(column).is_between(period.start, period.end))
        assert loaded.frame(table).sort(pl.all()).equals(expected.sort(pl.all()))
    assert loaded.deliveries.is_empty()
    assert 0 < loaded.invoices.height < whole.invoices.height


@pytest.mark.parametrize("as_of", [date(2026, 11, 23), date(2026, 3, 29), date(2025, 10, 26)])
def test_the_analysis_is_the_same_as_from_the_whole_database(as_of, monkeypatch):
    # Small chunks, so that every table of the period comes in several.
    monkeypatch.setattr(loader, "TEXT_CHUNK_ROWS", 7)
    do_import_portfolio(generate_demo(as_of, seed=int(as_of.strftime("%Y%m%d"))), source="t")
    whole = load_portfolio()
    for period in (Period.ending(as_of), Period.year(as_of.year), Period(as_of, as_of)):
        summed = load_for_analysis(period)

        expected = analyze(whole, AnalysisSettings(), as_of, period).to_json()
        assert analyze(summed, AnalysisSettings(), as_of, period).to_json() == expected


@pytest.mark.django_db(transaction=True)
def test_outside_a_transaction_the_time_is_summed_on_a_connection_of_its_own(monkeypatch):
    """The CLI's case: no transaction open, so the time entries are summed in a thread
    while the other tables are read; the result is the same, and the thread's connection
    is closed when it is done."""
    as_of = date(2026, 11, 23)
    do_import_portfolio(generate_demo(as_of), source="demo")
    whole, period = load_portfolio(), Period.ending(as_of)
    threads = []
    summing = loader._time_sums

    def watched(*args):
        threads.append(threading.current_thread())
        result = summing(*args)
        threads.append(connections["default"])  # this thread's own connection
        return result

    monkeypatch.setattr(loader, "_time_sums", watched)

    summed = load_for_analysis(period)

    assert threads[0] is not threading.current_thread()
    assert threads[1] is not connection and threads[1].connection is None  # closed
    assert (
        summed.time_entries.height
        == whole.time_entries.filter(
            pl.col("start").is_between(period.first_moment, period.after_last_moment, closed="left")
        )["customer_id"].n_unique()
    )
    expected = analyze(whole, AnalysisSettings(), as_of, period).to_json()
    assert analyze(summed, AnalysisSettings(), as_of, period).to_json() == expected


def test_inside_a_transaction_the_time_is_summed_on_this_connection(monkeypatch):
    """A second connection would not see the rows of the open transaction (the tests' own)."""
    Customer.objects.create(number="K-1", name="Sommer")
    threads = []
    summing = loader._time_sums
    monkeypatch.setattr(
        loader, "_time_sums", lambda *a: threads.append(threading.current_thread()) or summing(*a)
    )

    loaded = load_for_analysis(Period.year(2025))

    assert threads == [threading.current_thread()]
    assert loaded.customers["id"].to_list() == ["K-1"]
