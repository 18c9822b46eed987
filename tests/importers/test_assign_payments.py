"""Unmatched payments in the terminal: `kundenwert payments` lists what a bank statement
could not match, `kundenwert payments assign` assigns it by hand; and the suggestions both
the command and the web page offer (kundenwert.billing.payments.invoice_candidates).

The statement is the real MT940 sample whose eight incoming payments match no invoice of an
empty database (tests/importers/test_payments.py asserts its matching)."""

from __future__ import annotations

import json
from datetime import date
from decimal import Decimal

import pytest
from django.utils import translation

from kundenwert.billing.models import Invoice, Payment
from kundenwert.billing.payments import (
    PaymentError,
    do_assign_payment,
    do_record_payments,
    invoice_candidates,
)
from kundenwert.cli import main
from kundenwert.customers.models import Customer
from kundenwert.importers.records import PaymentRecord
from tests.conftest import SAMPLES

pytestmark = pytest.mark.django_db

STATEMENT = SAMPLES / "bank" / "mt940" / "betterplace_sepa_snippet.sta"
QUAST_TEXT = "Strukturierter Verwendungszweck 30030004 DE EREF+TFNR 0300300004"


@pytest.fixture
def imported(capsys):
    """The sample statement, imported as a user does; its payments all wait."""
    assert main(["import", str(STATEMENT)]) == 0
    capsys.readouterr()
    assert Payment.objects.filter(invoice=None).count() == 8


def quast_payment() -> Payment:
    return Payment.objects.get(payer="Quentin Quast")


def invoice(number: str, customer: Customer, net: str, *, currency="EUR", paid=None) -> Invoice:
    return Invoice.objects.create(
        number=number,
        customer=customer,
        issue_date=date(2007, 8, 1),
        net=Decimal(net),
        currency=currency,
        paid_date=paid,
    )


@pytest.fixture
def quast() -> Customer:
    return Customer.objects.create(number="K7", name="Quentin Quast")


def listed(capsys) -> list[dict]:
    assert main(["payments", "--format", "json"]) == 0
    return json.loads(capsys.readouterr().out)["payments"]


def assign(capsys, *args: str) -> tuple[int, str, str]:
    status = main(["payments", "assign", *args, "--lang", "en"])
    out, err = capsys.readouterr()
    return status, out, err


# --- listing --------------------------------------------------------------------------------


def test_the_list_shows_the_payer_amount_and_date_of_an_unmatched_payment(imported, capsys):
    assert main(["payments", "--lang", "en"]) == 0

    out = capsys.readouterr().out
    assert "Unmatched payments" in out
    assert "Quentin Quast" in out
    assert "€154,551.93" in out
    assert "2007-09-04" in out
    assert "8 payments are waiting for an invoice." in out


def test_the_list_is_german_by_default(imported, capsys):
    assert main(["payments"]) == 0

    assert "154.551,93 €" in capsys.readouterr().out


def test_the_json_list_has_each_payment_with_its_id_and_remittance_text(imported, capsys):
    payments = listed(capsys)

    assert len(payments) == 8
    assert {
        "id": quast_payment().pk,
        "booked_on": "2007-09-04",
        "amount": "154551.93",
        "currency": "EUR",
        "payer": "Quentin Quast",
        "reference": QUAST_TEXT,
        "suggested": [],
    } in payments


def test_an_empty_list_says_so(capsys):
    assert main(["payments", "--lang", "en"]) == 0
    assert "No payment is waiting for an invoice." in capsys.readouterr().out

    assert main(["payments", "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out) == {"payments": []}


def test_an_invoice_that_fits_is_suggested(imported, quast, capsys):
    invoice("RE-2007-1", quast, "129875.57")  # × 1.19 = 154,551.93

    by_id = {p["id"]: p for p in listed(capsys)}

    assert by_id[quast_payment().pk]["suggested"] == ["RE-2007-1"]


# --- assigning ------------------------------------------------------------------------------


def test_assigning_sets_the_paid_date_and_takes_the_payment_off_the_list(imported, quast, capsys):
    due = invoice("RE-2007-1", quast, "129875.57")
    payment = quast_payment()

    status, out, err = assign(capsys, str(payment.pk), "RE-2007-1")

    assert (status, err) == (0, "")
    assert f"Payment {payment.pk} (€154,551.93) is assigned to invoice RE-2007-1." in out
    assert "The invoice is paid on 2007-09-04." in out
    due.refresh_from_db()
    assert due.paid_date == date(2007, 9, 4)
    assert quast_payment().invoice == due
    remaining = listed(capsys)
    assert len(remaining) == 7
    assert payment.pk not in {p["id"] for p in remaining}


def test_assigning_twice_is_refused(imported, quast, capsys):
    first = invoice("RE-2007-1", quast, "129875.57")
    invoice("RE-2007-2", quast, "129875.57")
    payment = quast_payment()
    assert assign(capsys, str(payment.pk), "RE-2007-1")[0] == 0

    for number in ("RE-2007-1", "RE-2007-2"):
        status, out, err = assign(capsys, str(payment.pk), number)

        assert (status, out) == (2, "")
        assert err.strip() == f"Payment {payment.pk} is already assigned to invoice RE-2007-1."
    assert quast_payment().invoice == first
    assert Invoice.objects.get(number="RE-2007-2").paid_date is None


def test_a_partial_payment_leaves_the_invoice_open(imported, quast, capsys):
    due = invoice("RE-2007-1", quast, "200000.00")

    status, out, _err = assign(capsys, str(quast_payment().pk), "re-2007-1")  # any case

    assert status == 0
    assert "The invoice is still open: €154,551.93 of €200,000.00 (net) received." in out
    due.refresh_from_db()
    assert due.paid_date is None


def test_a_paid_invoice_keeps_its_paid_date(imported, quast, capsys):
    """An invoice list said it was paid; the bank's payment of it may still be put to it."""
    due = invoice("RE-2007-1", quast, "129875.57", paid=date(2007, 9, 1))

    status, out, _err = assign(capsys, str(quast_payment().pk), "RE-2007-1")

    assert status == 0
    assert "The invoice was already paid on 2007-09-01; that date stays." in out
    due.refresh_from_db()
    assert due.paid_date == date(2007, 9, 1)


@pytest.mark.parametrize(
    ("payment_id", "number", "message"),
    [
        ("999999", "RE-2007-1", "There is no payment with the id 999999."),
        (None, "RE-404", "There is no invoice with the number RE-404."),
        (None, "[/red]", "There is no invoice with the number [/red]."),
    ],
)
def test_unknown_ids_exit_2_with_the_message(imported, quast, capsys, payment_id, number, message):
    invoice("RE-2007-1", quast, "129875.57")

    status, out, err = assign(capsys, payment_id or str(quast_payment().pk), number)

    assert (status, out) == (2, "")
    assert err.strip() == message
    assert "Traceback" not in err
    assert quast_payment().invoice is None


@pytest.mark.parametrize("payment_id", ["abc", "-1", "1.5", "9" * 30])
def test_an_id_that_is_no_number_is_a_usage_error(capsys, payment_id):
    with pytest.raises(SystemExit) as exit_:
        main(["payments", "assign", payment_id, "RE-1"])

    assert exit_.value.code == 2
    assert f"'{payment_id}' is not a payment id (a number)" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("net", "currency", "message"),
    [
        ("-100.00", "EUR", "A credit note cannot be paid by an incoming payment."),
        ("129875.57", "CHF", "The payment is in EUR, the invoice in CHF."),
    ],
)
def test_what_the_service_refuses_exits_2(imported, quast, capsys, net, currency, message):
    refused = invoice("GS-2007-1", quast, net, currency=currency)

    status, out, err = assign(capsys, str(quast_payment().pk), "GS-2007-1")

    assert (status, out, err.strip()) == (2, "", message)
    assert quast_payment().invoice is None
    refused.refresh_from_db()
    assert refused.paid_date is None


def test_an_invoice_its_payments_have_paid_in_full_takes_no_further_payment(quast):
    paid = invoice("RE-1", quast, "100.00")
    do_record_payments(
        [booking("100.00", payer="Jemand"), booking("100.00", payer="Jemand")], source="s.xml"
    )
    first, second = Payment.objects.order_by("pk")
    do_assign_payment(first, paid)

    with pytest.raises(PaymentError, match="RE-1 ist bereits vollständig bezahlt"):
        do_assign_payment(second, paid)
    do_assign_payment(first, paid)  # the payment it has: nothing to do, no error

    assert list(paid.payments.all()) == [first]
    assert Payment.objects.get(pk=second.pk).invoice is None


def test_the_service_refuses_an_assigned_payment_only_when_asked(quast):
    first, second = invoice("RE-1", quast, "100.00"), invoice("RE-2", quast, "100.00")
    do_record_payments([booking("119.00", payer="Jemand")], source="s.xml")
    payment = Payment.objects.get()
    do_assign_payment(payment, first, only_unassigned=True)

    with translation.override("en"), pytest.raises(PaymentError, match="assigned to invoice RE-1"):
        do_assign_payment(payment, second, only_unassigned=True)
    with pytest.raises(PaymentError, match="bereits der Rechnung RE-1 zugeordnet"):
        do_assign_payment(payment, second, only_unassigned=True)  # German by default
    do_assign_payment(payment, second)  # moving it stays possible

    assert Payment.objects.get().invoice == second


# --- suggestions ----------------------------------------------------------------------------


def booking(amount: str, *, payer: str = "", reference: str = "") -> PaymentRecord:
    return PaymentRecord(
        location="Stmt[1]/Ntry[1]",
        booked_on=date(2026, 3, 2),
        amount=Decimal(amount),
        payer=payer or None,
        reference=reference or None,
    )


def test_the_likeliest_invoices_come_first_and_others_follow():
    mueller = Customer.objects.create(number="K1", name="Müller")
    sommer = Customer.objects.create(number="K2", name="Bäckerei Sommer GmbH")
    other = Customer.objects.create(number="K3", name="Kanzlei Berger")
    invoice("RE-OTHER", other, "10.00")
    invoice("RE-AMOUNT", other, "100.00")
    invoice("RE-PAYER", mueller, "5.00")
    invoice("RE-BOTH", mueller, "100.00")
    invoice("RE-CHF", mueller, "100.00", currency="CHF")
    invoice("RE-PAID", mueller, "100.00", paid=date(2026, 3, 1))
    invoice("GS-1", mueller, "-100.00")
    # "MUELLER BAU FRANKFURT" is not Müller for the matching (one word), only like it; the
    # text names RE-NAMED (stored after the payment's import, else it would have matched).
    report = do_record_payments(
        [booking("119.00", payer="MUELLER BAU FRANKFURT", reference="RE-NAMED oder so")],
        source="s.xml",
    )
    assert report.matched == []
    invoice("RE-NAMED", sommer, "999.00")
    payment = Payment.objects.get()

    candidates = invoice_candidates([payment])[payment.pk]

    assert [c.invoice.number for c in candidates] == [
        "RE-NAMED",
        "RE-BOTH",
        "RE-AMOUNT",
        "RE-PAYER",
        "RE-OTHER",
    ]
    assert [c.suggested for c in candidates] == [True, True, True, True, False]


def test_a_partly_paid_invoice_is_offered_for_what_is_left(quast):
    due = invoice("RE-1", quast, "100.00")
    do_record_payments([booking("50.00", reference="RE-1")], source="a.xml")
    do_record_payments([booking("50.00", payer="Jemand")], source="b.xml")
    rest = Payment.objects.get(invoice=None)

    (candidate,) = invoice_candidates([rest])[rest.pk]

    assert (candidate.invoice, candidate.received, candidate.amount_fits) == (
        due,
        Decimal("50.00"),
        True,
    )
