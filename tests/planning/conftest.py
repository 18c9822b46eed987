"""Planning tests: an owner, a staff member and a second owner; a frozen clock; and a small
portfolio in the database whose follow-ups are known by hand."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone

from kundenwert.accounts.models import Role
from kundenwert.accounts.services import do_create_user
from kundenwert.exchange.services import do_import_portfolio
from tests.analysis.builders import make_portfolio

BERLIN = ZoneInfo("Europe/Berlin")
TODAY = date(2026, 3, 17)  # a Tuesday

# K1 is close to heart (group A), K2 set to C by hand. As of TODAY:
#   offer AN-1: sent 1 March, valid until 31 March -> check-in due 16 March
#   delivery "Website-Texte": delivered 10 February, not live -> check-in due 10 March
#   K1's last contact 20 January -> cadence due 3 March; K2 (C): no cadence
#   K2's phone call on 10 March breaks the C channel rules
PORTFOLIO_ROWS = {
    "customers": [
        {"id": "K1", "name": "Bäckerei Sommer", "heart": True},
        {"id": "K2", "name": "Kanzlei Berger", "group_override": "C", "override_reason": "laut"},
    ],
    "invoices": [
        {"number": "RE-1", "customer_id": "K1", "issue_date": date(2026, 1, 5), "net": 2000},
        {"number": "RE-2", "customer_id": "K2", "issue_date": date(2026, 1, 5), "net": 300},
    ],
    "offers": [
        {
            "number": "AN-1",
            "customer_id": "K1",
            "sent_date": date(2026, 3, 1),
            "valid_until": date(2026, 3, 31),
            "amount": "4800.00",
        }
    ],
    "deliveries": [
        {"customer_id": "K1", "title": "Website-Texte", "delivered_date": date(2026, 2, 10)}
    ],
    "interactions": [
        {"customer_id": "K1", "at": datetime(2026, 1, 20, 10), "channel": "phone"},
        {"customer_id": "K2", "at": datetime(2026, 3, 10, 11), "channel": "phone", "minutes": 25},
        {"customer_id": "K2", "at": datetime(2026, 3, 11, 9), "channel": "email"},
    ],
}
EXPECTED_KINDS = [
    ("cadence", date(2026, 3, 3), None),
    ("delivery_checkin", date(2026, 3, 10), "Website-Texte"),
    ("offer_checkin", date(2026, 3, 16), "AN-1"),
]


def small_portfolio():
    return make_portfolio(**PORTFOLIO_ROWS)


@pytest.fixture
def portfolio(db):
    do_import_portfolio(small_portfolio(), source="test")
    return small_portfolio()


@pytest.fixture
def owner(db):
    return do_create_user("olga", "owner-pass-1234", role=Role.OWNER, language="de")


@pytest.fixture
def staff(db):
    return do_create_user("sven", "staff-pass-1234", role=Role.STAFF, language="de")


@pytest.fixture
def second_owner(db):
    return do_create_user("otto", "owner-pass-5678", role=Role.OWNER, language="en")


@pytest.fixture
def owner_client(client, owner):
    client.force_login(owner)
    return client


@pytest.fixture
def staff_client(client, staff):
    client.force_login(staff)
    return client


@pytest.fixture
def clock(monkeypatch):
    """clock(hour, minute=0, day=TODAY) sets the time every part of Django sees."""

    def set_time(hour: int = 10, minute: int = 0, day: date = TODAY) -> datetime:
        moment = datetime(day.year, day.month, day.day, hour, minute, tzinfo=BERLIN)
        monkeypatch.setattr(timezone, "now", lambda: moment)
        return moment

    set_time()
    return set_time
