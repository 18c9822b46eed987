"""Payments from bank statements: stored once, matched to open invoices, paid dates set."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from django.utils import translation

from kundenwert.accounts.models import ChangeRecord
from kundenwert.billing.models import Invoice, Payment
from kundenwert.billing.payments import PaymentError, do_assign_payment, do_record_payments
from kundenwert.customers.models import Customer
from kundenwert.importers import camt, mt940
from kundenwert.importers.records import PaymentRecord
from tests.conftest import SAMPLES

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def english():
    """The reasons are asserted in English; the German ones are checked once below."""
    with translation.override("en"):
        yield


def customer(number: str, name: str) -> Customer:
    return Customer.objects.create(number=number, name=name)


def invoice(number: str, who: Customer, net: str, *, currency: str = "EUR", paid=None) -> Invoice:
    return Invoice.objects.create(
        number=number,
        customer=who,
        issue_date=date(2026, 2, 1),
        due_date=date(2026, 2, 15),
        net=Decimal(net),
        currency=currency,
        paid_date=paid,
    )


def booking(amount: str, *, on=date(2026, 3, 2), payer="", reference="", e2e=None, **more):
    return PaymentRecord(
        location=more.pop("location", "Stmt[1]/Ntry[1]"),
        booked_on=on,
        amount=Decimal(amount),
        payer=payer or None,
        reference=reference or None,
        end_to_end_id=e2e,
        **more,
    )


@pytest.fixture
def sommer():
    return customer("K1", "Bäckerei Sommer GmbH")


@pytest.fixture
def berger():
    return customer("K2", "Kanzlei Berger & Partner")


def record(records, source="statement.xml"):
    return do_record_payments(records, source=source)


def test_a_payment_naming_the_invoice_number_pays_it(sommer):
    re1 = invoice("RE-2026-001", sommer, "1000.00")

    report = record([booking("1190.00", payer="Someone Else", reference="Rg RE 2026 001 danke")])

    assert (report.added, len(report.matched), report.unmatched) == (1, 1, [])
    [match] = report.matched
    assert (match.invoice_number, match.rule, match.paid) == ("RE-2026-001", "number", True)
    re1.refresh_from_db()
    assert re1.paid_date == date(2026, 3, 2)
    assert Payment.objects.get().invoice == re1


def test_the_end_to_end_id_names_the_invoice_too(sommer):
    re1 = invoice("RE-2026-001", sommer, "1000.00")

    report = record([booking("1070.00", e2e="RE-2026-001")])

    assert report.matched[0].invoice_number == "RE-2026-001"
    assert Payment.objects.get().reference == "EREF+RE-2026-001"
    re1.refresh_from_db()
    assert re1.paid_date == date(2026, 3, 2)


def test_a_number_inside_another_number_is_not_taken_for_it(sommer):
    invoice("RE-2", sommer, "100.00")
    re20 = invoice("RE-20", sommer, "100.00")
    invoice("2026", sommer, "100.00")

    report = record([booking("119.00", reference="RE-20 vom 01.02.2026, Betrag 2026,50")])

    assert [m.invoice_number for m in report.matched] == ["RE-20"]
    re20.refresh_from_db()
    assert re20.paid_date is not None


def test_the_longer_of_two_named_numbers_wins(sommer):
    invoice("4711", sommer, "50.00")
    invoice("4711-1", sommer, "80.00")

    report = record([booking("95.20", reference="Rechnung 4711-1")])

    assert [m.invoice_number for m in report.matched] == ["4711-1"]


def test_without_a_number_the_amount_and_the_payer_decide(sommer, berger):
    invoice("RE-1", sommer, "500.00")
    target = invoice("RE-2", sommer, "1000.00")
    invoice("RE-3", berger, "1000.00")

    # The bank writes the name in capitals, without the legal form, and adds the city.
    report = record([booking("1190.00", payer="BAECKEREI SOMMER HAMBURG", reference="Danke")])

    [match] = report.matched
    assert (match.invoice_number, match.rule, match.paid) == ("RE-2", "amount and payer", True)
    target.refresh_from_db()
    assert target.paid_date == date(2026, 3, 2)


def test_a_net_amount_or_a_skonto_deduction_also_settles_an_invoice(sommer):
    invoice("RE-1", sommer, "1000.00")
    invoice("RE-2", berger_like := customer("K3", "Müller Bau GmbH"), "200.00")

    report = record(
        [
            booking("1154.30", payer="Bäckerei Sommer GmbH"),  # 1190.00 less 3 % Skonto
            booking("200.00", payer="Mueller Bau", on=date(2026, 3, 3)),  # 0 % VAT
        ]
    )

    assert sorted(m.invoice_number for m in report.matched) == ["RE-1", "RE-2"]
    assert berger_like.invoices.get().paid_date == date(2026, 3, 3)


def test_partial_payments_add_up_and_the_completing_one_sets_the_paid_date(sommer):
    re1 = invoice("RE-2026-007", sommer, "1000.00")

    first = record([booking("500.00", reference="Anzahlung RE-2026-007", on=date(2026, 3, 1))])
    re1.refresh_from_db()
    assert (first.matched[0].paid, re1.paid_date) == (False, None)

    second = record(
        [booking("690.00", reference="Rest RE-2026-007", on=date(2026, 3, 20))],
        source="april.xml",
    )

    re1.refresh_from_db()
    assert (second.matched[0].paid, re1.paid_date) == (True, date(2026, 3, 20))
    assert sum(p.amount for p in re1.payments.all()) == Decimal("1190.00")


def test_a_partial_payment_without_a_number_is_not_guessed(sommer):
    invoice("RE-1", sommer, "1000.00")

    report = record([booking("300.00", payer="Bäckerei Sommer GmbH")])

    assert report.matched == []
    [waiting] = report.unmatched
    assert (waiting.amount, waiting.payer) == (Decimal("300.00"), "Bäckerei Sommer GmbH")
    assert waiting.why == "no open invoice with this number, or with this amount and payer"


def test_importing_the_same_statement_twice_changes_nothing(sommer):
    re1 = invoice("RE-1", sommer, "100.00")
    statement = [
        booking("119.00", reference="RE-1"),
        booking("50.00", payer="Unbekannt", reference="Spende"),
        booking("-20.00", payer="Telekom"),
    ]
    record(statement)
    changes = ChangeRecord.objects.count()

    again = record(statement)

    assert (again.added, again.unchanged, again.skipped_outgoing) == (0, 2, 1)
    assert again.matched == []
    assert [u.reference for u in again.unmatched] == ["Spende"]  # still waiting for the user
    assert Payment.objects.count() == 2
    assert ChangeRecord.objects.count() == changes
    re1.refresh_from_db()
    assert re1.payments.count() == 1


def test_identical_bookings_in_one_statement_are_two_payments(sommer):
    twice = [
        booking("25.00", payer="Kiosk", location="a"),
        booking("25.00", payer="Kiosk", location="b"),
    ]

    assert record(twice).added == 2
    # An overlapping statement holding one of them again adds nothing; one holding three
    # adds the third.
    assert record(twice[:1]).added == 0
    assert record([*twice, booking("25.00", payer="Kiosk", location="c")]).added == 1
    assert Payment.objects.count() == 3


def test_a_payment_is_never_applied_twice(sommer):
    re1 = invoice("RE-1", sommer, "100.00")
    invoice("RE-2", sommer, "100.00")

    report = record(
        [
            booking("119.00", reference="RE-1"),
            booking("119.00", reference="RE-1", on=date(2026, 3, 5)),
        ]
    )

    # The first pays RE-1; the second names a paid invoice and waits for the user.
    assert [m.invoice_number for m in report.matched] == ["RE-1"]
    assert report.unmatched[0].why == "names invoice RE-1, which is already paid"
    re1.refresh_from_db()
    assert (re1.paid_date, re1.payments.count()) == (date(2026, 3, 2), 1)
    record([booking("119.00", reference="RE-1")])
    assert re1.payments.count() == 1


def test_outgoing_bookings_are_counted_and_not_stored(sommer):
    report = record([booking("-500.00", payer="Finanzamt"), booking("0.00")])

    assert (report.added, report.skipped_outgoing) == (0, 2)
    assert Payment.objects.count() == 0


def test_several_invoices_named_are_left_to_the_user(sommer):
    invoice("RE-1", sommer, "100.00")
    invoice("RE-2", sommer, "100.00")

    report = record([booking("238.00", reference="RE-1 und RE-2")])

    assert report.matched == []
    assert report.unmatched[0].why == "names several open invoices: RE-1, RE-2"


def test_the_amount_picks_one_of_several_named_invoices(sommer):
    invoice("RE-1", sommer, "100.00")
    invoice("RE-2", sommer, "300.00")

    report = record([booking("357.00", reference="RE-1, RE-2")])

    assert [m.invoice_number for m in report.matched] == ["RE-2"]


def test_two_invoices_of_the_payer_with_the_same_amount_are_left_to_the_user(sommer):
    invoice("RE-1", sommer, "100.00")
    invoice("RE-2", sommer, "100.00")

    report = record([booking("119.00", payer="Bäckerei Sommer")])

    assert report.unmatched[0].why == "fits several open invoices of the payer: RE-1, RE-2"


def test_credit_notes_other_currencies_and_short_names_are_not_matched(sommer):
    invoice("GS-1", sommer, "-100.00")
    invoice("RE-9", sommer, "100.00", currency="CHF")
    invoice("A1", sommer, "100.00")

    report = record([booking("119.00", reference="GS-1 RE-9 A1", payer="Jemand")])

    assert report.matched == []


def test_an_unmatched_payment_is_matched_when_its_invoice_arrives_later(sommer):
    statement = [booking("119.00", reference="RE-5")]
    first = record(statement)
    assert len(first.unmatched) == 1

    invoice("RE-5", sommer, "100.00")
    again = record(statement)

    assert (again.added, [m.invoice_number for m in again.matched]) == (0, ["RE-5"])


def test_the_import_is_recorded_in_the_change_log(sommer):
    invoice("RE-1", sommer, "100.00")

    record([booking("119.00", reference="RE-1")], source="march.xml")

    change = ChangeRecord.objects.get(model="payments")
    assert change.action == "import"
    assert change.summary == "march.xml: +1 payments, 1 matched, 0 unmatched"
    assert change.changes["matched"][0]["invoice_number"] == "RE-1"


# --- assigning by hand ------------------------------------------------------------------------


def test_the_user_assigns_an_unmatched_payment(sommer):
    re1 = invoice("RE-1", sommer, "100.00")
    record([booking("119.00", payer="Jemand")])
    payment = Payment.objects.get()

    do_assign_payment(payment, re1)

    re1.refresh_from_db()
    assert (Payment.objects.get().invoice, re1.paid_date) == (re1, date(2026, 3, 2))
    assert ChangeRecord.objects.filter(action="update", model="billing.Payment").count() == 1


def test_moving_a_payment_reopens_the_invoice_it_had_completed(sommer):
    re1, re2 = invoice("RE-1", sommer, "100.00"), invoice("RE-2", sommer, "100.00")
    record([booking("119.00", reference="RE-1")])
    payment = Payment.objects.get()

    do_assign_payment(payment, re2)

    re1.refresh_from_db()
    re2.refresh_from_db()
    assert (re1.paid_date, re2.paid_date) == (None, date(2026, 3, 2))


def test_a_paid_date_set_by_hand_stays_when_a_payment_is_taken_off(sommer):
    re1 = invoice("RE-1", sommer, "100.00")
    record([booking("50.00", reference="RE-1")])
    Invoice.objects.filter(pk=re1.pk).update(paid_date=date(2026, 3, 10))

    do_assign_payment(Payment.objects.get(), None)

    re1.refresh_from_db()
    assert re1.paid_date == date(2026, 3, 10)


def test_the_reasons_are_given_in_german_too(sommer):
    with translation.override("de"):
        report = record([booking("300.00", payer="Jemand")])

    assert report.unmatched[0].why == (
        "keine offene Rechnung mit dieser Nummer oder mit diesem Betrag und Zahler"
    )


def test_a_payment_cannot_pay_an_invoice_in_another_currency(sommer):
    chf = invoice("RE-CH", sommer, "100.00", currency="CHF")
    record([booking("119.00", payer="x")])

    with pytest.raises(PaymentError, match="The payment is in EUR, the invoice in CHF"):
        do_assign_payment(Payment.objects.get(), chf)


# --- with the sample statements --------------------------------------------------------------


def test_the_camt_sample_pays_the_invoice_of_its_payer():
    name_name = customer("K9", "Name Name")
    due = invoice("RE-885", name_name, "7.44")  # 7.44 + 19 % = 8.85
    parsed = camt.parse(SAMPLES / "bank/camt/genkgo_camt053.v8.xml", time_zone="Europe/Berlin")

    report = do_record_payments(parsed.payments, source=parsed.file)

    assert [(m.invoice_number, m.rule) for m in report.matched] == [("RE-885", "amount and payer")]
    due.refresh_from_db()
    assert due.paid_date == date(2014, 12, 31)


def test_the_mt940_sample_pays_by_the_number_in_its_purpose():
    quast = customer("K7", "Quentin Quast")
    due = invoice("30030004", quast, "129875.57")  # × 1.19 = 154551.93
    parsed = mt940.parse(
        SAMPLES / "bank/mt940/betterplace_sepa_snippet.sta", time_zone="Europe/Berlin"
    )

    report = do_record_payments(parsed.payments, source=parsed.file)

    assert (report.added, report.skipped_outgoing) == (8, 3)
    assert [(m.invoice_number, m.rule) for m in report.matched] == [("30030004", "number")]
    assert len(report.unmatched) == 7
    due.refresh_from_db()
    assert due.paid_date == date(2007, 9, 4)
    again = do_record_payments(parsed.payments, source=parsed.file)
    assert (again.added, again.unchanged, again.matched) == (0, 8, [])
