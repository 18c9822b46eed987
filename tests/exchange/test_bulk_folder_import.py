"""A large folder into empty tables: rows written with executemany, indexes built once at
the end (SQLite), and the result the same as row by row."""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal

import pytest
from django.db import connection

from kundenwert.activity.models import Interaction, TimeEntry
from kundenwert.exchange import services
from kundenwert.exchange.services import do_import_folder

pytestmark = pytest.mark.django_db


def indexes(model) -> set[str]:
    with connection.cursor() as cursor:
        found = connection.introspection.get_constraints(cursor, model._meta.db_table)
    return {name for name, c in found.items() if c["index"] and not c["primary_key"]}


def test_the_bulk_path_keeps_every_index_and_writes_the_same_rows(small_folder, monkeypatch):
    monkeypatch.setattr(services, "BULK_ROWS", 2)  # the small folder takes the large path
    before = indexes(TimeEntry), indexes(Interaction)

    report = do_import_folder(small_folder)

    assert (indexes(TimeEntry), indexes(Interaction)) == before
    assert len(before[0]) >= 3  # fingerprint, start, (customer, start) and the foreign key
    assert report.tables["time_entries"].added == 3  # the file's two equal rows are both kept
    entries = TimeEntry.objects.order_by("start", "pk")
    assert [(e.customer.number, e.start, e.minutes, e.billable) for e in entries] == [
        ("K1", datetime(2026, 1, 5, 8, 0, tzinfo=UTC), Decimal("90.00"), True),
        ("K1", datetime(2026, 1, 5, 8, 0, tzinfo=UTC), Decimal("90.00"), True),
        ("K2", datetime(2026, 3, 29, 0, 30, tzinfo=UTC), Decimal("15.50"), False),
    ]
    assert [(e.project, e.user_name) for e in entries] == [
        ("Website", "anna"),
        ("Website", "anna"),
        ("", ""),
    ]
    [talk] = Interaction.objects.all()
    assert (talk.at, talk.minutes, talk.mood, talk.note, talk.logged_by) == (
        datetime(2026, 2, 3, 9, 15, tzinfo=UTC),
        Decimal("25.00"),
        -2,
        "Beschwerde, laut",
        None,
    )


def test_a_second_import_adds_nothing_and_a_dry_run_writes_nothing(small_folder, monkeypatch):
    monkeypatch.setattr(services, "BULK_ROWS", 2)
    dry = do_import_folder(small_folder, dry_run=True)
    assert dry.tables["time_entries"].added == 3
    assert TimeEntry.objects.count() == 0

    do_import_folder(small_folder)
    again = do_import_folder(small_folder)

    assert (again.tables["time_entries"].added, again.tables["time_entries"].unchanged) == (0, 3)
    assert (again.tables["interactions"].added, again.tables["interactions"].unchanged) == (0, 1)
    assert TimeEntry.objects.count() == 3
