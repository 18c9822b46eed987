"""Kaizen test set-up: an owner and a staff member with their clients, and two customers
whose records cover every kind of data the app keeps about a customer."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from decimal import Decimal

import pytest
from django.test import Client
from django.utils import timezone

from kundenwert.accounts.models import Role, User
from kundenwert.accounts.services import do_create_user
from kundenwert.activity.models import TimeEntry
from kundenwert.activity.services import do_log_interaction
from kundenwert.billing.models import DirectCost, Invoice, Payment
from kundenwert.customers import analysis_service
from kundenwert.customers.models import Contact, Customer
from kundenwert.customers.services import do_add_insight, do_update_customer
from kundenwert.kaizen import services
from kundenwert.kaizen.models import Voice
from kundenwert.planning.models import FollowupState, Task
from kundenwert.sales.models import Delivery, Offer

SECRET = "kaizen-test-password-0815"


@pytest.fixture(autouse=True)
def no_kept_analysis():
    """Test databases reuse primary keys, so no analysis may outlive its test."""
    analysis_service.forget()
    yield
    analysis_service.forget()


@pytest.fixture
def today() -> date:
    return timezone.localdate()


@pytest.fixture
def owner(db) -> User:
    return do_create_user("inhaberin", SECRET, role=Role.OWNER)


@pytest.fixture
def staff(db) -> User:
    return do_create_user("mitarbeiter", SECRET, role=Role.STAFF)


@pytest.fixture
def owner_client(owner) -> Client:
    client = Client()
    client.force_login(owner)
    return client


@pytest.fixture
def staff_client(staff) -> Client:
    client = Client()
    client.force_login(staff)
    return client


def moment(day: date, hour: int = 10) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(hour)))


@dataclass
class World:
    customer: Customer
    other: Customer
    today: date


def fill(customer: Customer, owner: User, today: date, tag: str) -> None:
    """One record of every kind for `customer`; free texts carry `tag` so a test can tell
    whose they are."""
    Contact.objects.create(
        customer=customer,
        name=f"Petra {tag}",
        role="Inhaberin",
        email=f"petra@{tag.lower()}.example",
        phone="+49 221 555 0101",
        birthday=date(1975, 4, 12),
        notes=f"Mag kurze Mails ({tag})",
    )
    do_add_insight(customer, owner, "worry", f"Sorge um den Umsatz ({tag})", today)
    do_update_customer(customer, owner, potential=3)
    for weeks in (20, 10, 2):
        do_log_interaction(
            owner,
            customer,
            at=moment(today - timedelta(weeks=weeks)),
            channel="phone",
            direction="in",
            planned=False,
            minutes=Decimal(20),
            out_of_scope=True,
            mood=-1,
            note=f"Wollte noch schnell etwas extra ({tag})",
        )
    TimeEntry.objects.create(
        customer=customer,
        start=moment(today - timedelta(days=30), 21),
        minutes=Decimal(240),
        description=f"Abendeinsatz ({tag})",
        source=f"toggl-{tag}.csv",
    )
    issued = today - timedelta(days=60)
    paid = Invoice.objects.create(
        number=f"RE-{tag}-1",
        customer=customer,
        issue_date=issued,
        due_date=issued + timedelta(days=14),
        net=Decimal("1200.00"),
        paid_date=issued + timedelta(days=40),
    )
    Payment.objects.create(
        invoice=paid,
        booked_on=paid.paid_date,
        amount=Decimal("1428.00"),
        payer=f"Petra {tag}",
        reference=f"RE-{tag}-1 Petra {tag}",
    )
    Invoice.objects.create(
        number=f"RE-{tag}-2",
        customer=customer,
        issue_date=today - timedelta(days=30),
        due_date=today - timedelta(days=16),
        net=Decimal("800.50"),
    )
    Offer.objects.create(
        number=f"AN-{tag}-1", customer=customer, sent_date=today - timedelta(days=10), amount=500
    )
    Delivery.objects.create(
        customer=customer, title=f"Website-Texte ({tag})", delivered_date=today - timedelta(days=20)
    )
    DirectCost.objects.create(
        customer=customer, date=today - timedelta(days=5), amount=80, description=f"Fahrt ({tag})"
    )
    Task.objects.create(title=f"Angebot nachfassen ({tag})", customer=customer)
    FollowupState.objects.create(
        cause=f"offer_checkin|{customer.number}|AN-{tag}-1",
        kind="offer_checkin",
        customer_number=customer.number,
        ref=f"AN-{tag}-1",
        status="dismissed",
        reason=f"Petra {tag} meldet sich selbst",
    )
    services.do_create_kaizen_step(
        owner,
        customer,
        area="Sonderwünsche",
        observed=f"Extras ohne Auftrag ({tag})",
        step="Jeden Sonderwunsch schriftlich anbieten",
        started_on=today - timedelta(weeks=6),
        review_on=today,
        pattern="out_of_scope",
    )
    services.do_add_value_chain_entry(owner, customer, f"Hotelgäste ({tag})", "schnelle Antworten")
    services.do_log_work_day(owner, customer, today - timedelta(days=3), f"Frühschicht ({tag})")
    talk = services.do_hold_relationship_talk(owner, customer, today - timedelta(weeks=4))
    services.do_record_agreements(owner, talk, f"Extras nur schriftlich ({tag})", today)
    services.do_prepare_exit(
        owner, customer, voice=Voice.DE_SIE, end_date=today + timedelta(days=60), sender="Olga"
    )


@pytest.fixture
def world(owner, today) -> World:
    customer = Customer.objects.create(
        number="K-1001",
        name="Tischlerei Schmitz",
        email="info@schmitz.example",
        phone="+49 221 555 0100",
        notes="Viele Änderungswünsche nach der Freigabe.",
        since=date(2021, 3, 1),
        group_override="C",
        override_reason="Peter Schmitz schreit am Telefon",
    )
    other = Customer.objects.create(number="K-2002", name="Bäckerei Sommer GmbH")
    fill(customer, owner, today, "Schmitz")
    fill(other, owner, today, "Sommer")
    return World(customer, other, today)
