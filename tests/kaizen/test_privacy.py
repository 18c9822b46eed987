"""Data protection: the export holds every record of the customer and nothing of others;
erasure leaves no personal field, keeps the books and the analysis working."""

from __future__ import annotations

import json
from datetime import date, datetime, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from django.contrib.admin.models import CHANGE, LogEntry
from django.contrib.contenttypes.models import ContentType
from django.db.models import Sum

from kundenwert.accounts.models import ChangeRecord
from kundenwert.activity.models import Interaction, TimeEntry
from kundenwert.billing.models import DirectCost, Invoice, Payment
from kundenwert.cli import main
from kundenwert.customers.models import Contact, Customer, Insight
from kundenwert.kaizen import services
from kundenwert.kaizen.models import (
    Erasure,
    ExitPlan,
    RelationshipTalk,
    StepTracking,
    ValueChainEntry,
    WorkDay,
)
from kundenwert.kaizen.privacy import (
    customer_records,
    due_for_deletion,
    export_json,
    records_kept_until,
    unclassified_models,
)
from kundenwert.planning.models import FollowupState, KaizenStep, Task
from kundenwert.sales.models import Delivery, Offer

KINDS = {
    "customers.contact": Contact,
    "customers.insight": Insight,
    "activity.interaction": Interaction,
    "activity.timeentry": TimeEntry,
    "billing.invoice": Invoice,
    "billing.payment": Payment,
    "billing.directcost": DirectCost,
    "sales.offer": Offer,
    "sales.delivery": Delivery,
    "planning.task": Task,
    "planning.kaizenstep": KaizenStep,
    "kaizen.steptracking": StepTracking,
    "kaizen.relationshiptalk": RelationshipTalk,
    "kaizen.valuechainentry": ValueChainEntry,
    "kaizen.workday": WorkDay,
    "kaizen.exitplan": ExitPlan,
}
BERLIN = ZoneInfo("Europe/Berlin")


def owned(model, customer: Customer):
    if model is Payment:
        return Payment.objects.filter(invoice__customer=customer)
    if model is StepTracking:
        return StepTracking.objects.filter(step__customer=customer)
    return model.objects.filter(customer=customer)


def test_every_model_that_points_at_a_customer_is_classified_for_erasure(db):
    assert unclassified_models() == []


def test_the_export_holds_every_record_of_the_customer_by_kind(world):
    exported = json.loads(export_json(world.customer))

    assert exported["customer"]["number"] == "K-1001"
    assert exported["customer"]["email"] == "info@schmitz.example"
    for label, model in KINDS.items():
        expected = owned(model, world.customer).count()
        assert expected > 0, label
        assert len(exported["records"][label]) == expected, label
    states = FollowupState.objects.filter(customer_number="K-1001").count()
    assert len(exported["records"]["planning.followupstate"]) == states == 1


def test_the_export_holds_nothing_of_other_customers(world):
    text = export_json(world.customer)

    assert "K-2002" not in text
    assert "Sommer" not in text
    assert "Schmitz" in text


def test_the_export_is_logged_and_served_as_a_json_download(world, owner_client):
    response = owner_client.get(f"/kaizen/customers/{world.customer.pk}/export.json")

    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/json")
    assert "attachment" in response["Content-Disposition"]
    assert json.loads(response.content)["customer"]["name"] == "Tischlerei Schmitz"
    assert ChangeRecord.objects.filter(action="export", object_id=str(world.customer.pk)).exists()


def personal_texts(customer: Customer) -> list[str]:
    """Every free-text value still stored for the customer and its records."""
    texts = [
        customer.name,
        customer.email,
        customer.phone,
        customer.notes,
        customer.override_reason,
    ]
    for model, fields in (
        (Interaction, ("note", "source")),
        (TimeEntry, ("description", "source")),
        (DirectCost, ("description", "source")),
        (Invoice, ("source",)),
    ):
        for row in model.objects.filter(customer=customer).values(*fields):
            texts.extend(row.values())
    for row in Payment.objects.filter(invoice__customer=customer).values("payer", "reference"):
        texts.extend(row.values())
    return texts


@pytest.fixture
def erased(world, owner):
    services.do_erase_customer(owner, world.customer, world.today)
    world.customer.refresh_from_db()
    return world


def test_after_erasure_no_personal_field_of_the_customer_remains(erased):
    customer = erased.customer

    assert customer.name == "K-1001 (gelöscht)"
    assert (customer.email, customer.phone, customer.notes) == ("", "", "")
    assert (customer.group_override, customer.override_reason) == ("", "")
    assert (customer.potential, customer.useful, customer.heart) == (None, False, False)
    assert customer.status == "ended"
    for text in personal_texts(customer)[1:]:
        assert text == ""
    for model in (Contact, Insight, Task, KaizenStep, RelationshipTalk, ValueChainEntry):
        assert not owned(model, customer).exists(), model
    for model in (WorkDay, ExitPlan, StepTracking):
        assert not owned(model, customer).exists(), model
    assert not FollowupState.objects.filter(customer_number="K-1001").exists()


def test_erasure_keeps_the_figures_and_the_other_customer_untouched(erased):
    customer, other = erased.customer, erased.other

    assert Interaction.objects.filter(customer=customer).count() == 3
    assert Interaction.objects.filter(customer=customer, out_of_scope=True, mood=-1).count() == 3
    assert Contact.objects.filter(customer=other).count() == 1
    assert Interaction.objects.filter(customer=other).exclude(note="").count() == 3
    assert Customer.objects.get(pk=other.pk).name == "Bäckerei Sommer GmbH"


def test_after_erasure_the_invoice_totals_still_add_up(world, owner):
    before = Invoice.objects.aggregate(total=Sum("net"))["total"]
    own = Invoice.objects.filter(customer=world.customer).aggregate(total=Sum("net"))["total"]

    services.do_erase_customer(owner, world.customer, world.today)

    assert Invoice.objects.aggregate(total=Sum("net"))["total"] == before
    assert Invoice.objects.filter(customer=world.customer).aggregate(t=Sum("net"))["t"] == own
    assert own == Decimal("2000.50")
    payment = Payment.objects.get(invoice__customer=world.customer)
    assert (payment.amount, payment.booked_on) == (Decimal("1428.00"), payment.invoice.paid_date)


def test_after_erasure_the_analysis_still_runs(erased, capsys):
    assert main(["analyze", "--format", "json"]) == 0

    result = json.loads(capsys.readouterr().out)
    names = {c["id"]: c["name"] for c in result["customers"]}
    assert names["K-1001"] == "K-1001 (gelöscht)"
    assert "Schmitz" not in json.dumps(result)


def test_erasure_pseudonymises_the_change_log_and_the_admin_log(world, owner):
    customer = world.customer
    LogEntry.objects.log_actions(
        user_id=owner.pk, queryset=[customer], action_flag=CHANGE, change_message="Name geändert"
    )
    ratings = ChangeRecord.objects.get(
        model="customers.Customer", object_id=str(customer.pk), summary__contains="ratings"
    )
    assert "Tischlerei Schmitz" in ratings.summary

    services.do_erase_customer(owner, customer, world.today)

    ratings.refresh_from_db()
    assert ratings.summary == "ratings of K-1001 (gelöscht)"
    assert ratings.changes == {}
    assert not ChangeRecord.objects.filter(summary__contains="Schmitz").exists()
    entry = LogEntry.objects.get(content_type=ContentType.objects.get_for_model(Customer))
    assert (entry.object_repr, entry.change_message) == ("K-1001 (gelöscht)", "")
    erase = ChangeRecord.objects.get(action="erase")
    assert "Schmitz" not in erase.summary


def test_the_booking_records_are_kept_for_eight_years_from_the_end_of_the_last_year(db):
    customer = Customer.objects.create(number="K-9", name="Kanzlei Berger")
    invoice = Invoice.objects.create(
        number="RE-9", customer=customer, issue_date=date(2026, 12, 20), net=100
    )
    assert records_kept_until(customer, 8) == date(2034, 12, 31)

    Payment.objects.create(invoice=invoice, booked_on=date(2027, 1, 5), amount=100)

    # The payment is the last booking: its year counts (§147 Abs. 4 AO).
    assert records_kept_until(customer, 8) == date(2035, 12, 31)
    assert records_kept_until(customer, 10) == date(2037, 12, 31)


def test_a_customer_without_invoices_has_nothing_to_keep(db):
    customer = Customer.objects.create(number="K-8", name="Lead")

    assert records_kept_until(customer, 8) is None


def test_erasure_records_until_when_the_books_stay(erased):
    erasure = Erasure.objects.get()

    assert erasure.customer_number == "K-1001"
    assert erasure.records_kept_until == records_kept_until(erased.customer, 8)
    assert erasure.records_kept_until.month == 12 and erasure.records_kept_until.day == 31


def test_kept_records_are_due_for_deletion_the_day_after_their_retention_ends(erased, owner):
    erasure = Erasure.objects.get()
    end = erasure.records_kept_until

    assert [d.kind for d in due_for_deletion(end, 3)] == []
    due = due_for_deletion(end + timedelta(days=1), 3)

    assert [(d.kind, d.customer_number) for d in due] == [("purge", "K-1001")]
    with pytest.raises(services.KaizenError):
        services.do_purge_kept_records(owner, erasure, end)
    services.do_purge_kept_records(owner, erasure, end + timedelta(days=1))
    assert not Customer.objects.filter(number="K-1001").exists()
    assert not Invoice.objects.filter(number__startswith="RE-Schmitz").exists()
    erasure.refresh_from_db()
    assert erasure.purged_at is not None and erasure.customer_number == "K-1001"
    assert Customer.objects.filter(number="K-2002").exists()


def test_an_ended_customer_is_due_for_erasure_three_years_after_its_last_year(db):
    # Fixed dates, so the test means the same on any day. The latest activity is a contact
    # half an hour into 2026 in Berlin (still 2025 in UTC): the year counts in local time.
    customer = Customer.objects.create(number="K-4004", name="Studio Alt", status="ended")
    Invoice.objects.create(
        number="RE-4004-1",
        customer=customer,
        issue_date=date(2024, 6, 10),
        net=Decimal("500.00"),
        paid_date=date(2025, 2, 1),
    )
    Offer.objects.create(
        number="AN-4004-1", customer=customer, sent_date=date(2025, 3, 1), amount=300
    )
    Delivery.objects.create(customer=customer, title="Logo", delivered_date=date(2025, 5, 5))
    TimeEntry.objects.create(
        customer=customer, start=datetime(2025, 9, 1, 10, tzinfo=BERLIN), minutes=Decimal(60)
    )
    Interaction.objects.create(
        customer=customer, at=datetime(2026, 1, 1, 0, 30, tzinfo=BERLIN), channel="email"
    )

    assert due_for_deletion(date(2029, 12, 31), 3) == []
    due = due_for_deletion(date(2030, 1, 1), 3)

    assert [(d.kind, d.customer_number, d.due_on) for d in due] == [
        ("erase", "K-4004", date(2030, 1, 1))
    ]


def test_customer_records_follow_payments_through_their_invoices(world):
    records = customer_records(world.customer)

    assert list(records["billing.payment"].values_list("payer", flat=True)) == ["Petra Schmitz"]
