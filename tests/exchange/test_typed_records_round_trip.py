"""A contact or time entry typed in by hand is not doubled by importing an export."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest

from kundenwert.activity.models import Interaction, TimeEntry
from kundenwert.activity.services import do_create_time_entry, do_log_interaction
from kundenwert.customers.models import Customer
from kundenwert.exchange.services import do_export_folder, do_import_folder

pytestmark = pytest.mark.django_db
BERLIN = ZoneInfo("Europe/Berlin")


def test_reimporting_an_export_adds_nothing_to_records_typed_in(tmp_path):
    customer = Customer.objects.create(number="K1", name="Bäckerei Sommer GmbH")
    do_log_interaction(
        None,
        customer,
        at=datetime(2026, 11, 20, 9, 30, 12, 345, tzinfo=BERLIN),
        channel="phone",
        direction="in",
        planned=False,
        minutes=Decimal("12.5"),
        mood=-1,
        note="Frage zur Rechnung",
    )
    do_create_time_entry(
        None,
        customer,
        start=datetime(2026, 11, 20, 10, 0, tzinfo=BERLIN),
        minutes=Decimal("90"),
        description="Texte",
    )
    do_export_folder(tmp_path / "export")

    report = do_import_folder(tmp_path / "export")

    assert report.changes == 0
    assert (Interaction.objects.count(), TimeEntry.objects.count()) == (1, 1)
