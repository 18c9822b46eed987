"""Export, import into an empty database, export again: the same bytes."""

from __future__ import annotations

from datetime import date

import pytest

from kundenwert.activity.models import Interaction, TimeEntry
from kundenwert.billing.models import DirectCost, Invoice
from kundenwert.customers.models import Customer
from kundenwert.demo import generate_demo
from kundenwert.exchange.services import do_export_folder, do_import_folder, do_import_portfolio
from kundenwert.sales.models import Delivery, Offer

pytestmark = pytest.mark.django_db
AS_OF = date(2026, 11, 23)


def empty_the_database() -> None:
    for model in (TimeEntry, Interaction, DirectCost, Invoice, Offer, Delivery, Customer):
        model.objects.all().delete()


def folder_bytes(folder) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


def test_the_demo_portfolio_round_trips_byte_for_byte(tmp_path):
    do_import_portfolio(generate_demo(AS_OF), source="demo")
    do_export_folder(tmp_path / "first")
    empty_the_database()

    do_import_folder(tmp_path / "first")
    do_export_folder(tmp_path / "second")

    first, second = folder_bytes(tmp_path / "first"), folder_bytes(tmp_path / "second")
    assert first == second
    assert first["customers.csv"].count(b"\n") == 61  # header and 60 customers
    assert TimeEntry.objects.count() == len(first["time_entries.csv"].splitlines()) - 1


def test_a_second_import_of_an_export_reports_zero_changes(tmp_path):
    do_import_portfolio(generate_demo(AS_OF), source="demo")
    do_export_folder(tmp_path / "export")
    counts = {m: m.objects.count() for m in (TimeEntry, Interaction, Invoice, Offer, Delivery)}

    report = do_import_folder(tmp_path / "export")

    assert report.changes == 0
    assert report.tables["time_entries"].unchanged == counts[TimeEntry]
    assert {m: m.objects.count() for m in counts} == counts


def test_the_database_gives_the_same_portfolio_as_the_generator(tmp_path):
    from kundenwert.exchange.loader import load_portfolio

    generated = generate_demo(AS_OF)
    do_import_portfolio(generated, source="demo")

    loaded = load_portfolio()

    for name in ("customers", "invoices", "time_entries", "interactions", "offers"):
        columns = generated.frame(name).columns
        expected = generated.frame(name).sort(columns, nulls_last=True)
        assert loaded.frame(name).sort(columns, nulls_last=True).equals(expected), name
