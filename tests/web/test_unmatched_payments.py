"""The "Unmatched payments" page: the owner sees the bank's payments that match no open
invoice, picks the invoice each pays (the likeliest offered first) and assigns it; staff and
visitors never see it. The owner reads English here (the German texts are checked in
tests/test_translations.py)."""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from kundenwert.billing.models import Invoice, Payment
from kundenwert.billing.payments import do_record_payments
from kundenwert.customers.models import Customer
from kundenwert.importers.records import PaymentRecord
from kundenwert.web.views import payments as payments_view
from kundenwert.web.views.payments import PAGE_SIZE
from tests.conftest import SAMPLES

STATEMENT = SAMPLES / "bank" / "mt940" / "betterplace_sepa_snippet.sta"
PAGE = reverse("unmatched_payments")


@pytest.fixture(autouse=True)
def english(owner):
    owner.language = "en"
    owner.save(update_fields=["language"])


@pytest.fixture
def sommer(db) -> Customer:
    return Customer.objects.create(number="K1", name="Bäckerei Sommer GmbH")


@pytest.fixture
def berger(db) -> Customer:
    return Customer.objects.create(number="K2", name="Kanzlei Berger")


def invoice(number: str, customer: Customer, net: str, **more) -> Invoice:
    return Invoice.objects.create(
        number=number, customer=customer, issue_date=date(2026, 2, 1), net=Decimal(net), **more
    )


def statement(*bookings: tuple[str, str, str]) -> list[Payment]:
    """Imports bookings (amount, payer, remittance text) of 2 March 2026; returns the
    payments that wait for an invoice."""
    records = [
        PaymentRecord(
            location=f"Stmt[1]/Ntry[{n}]",
            booked_on=date(2026, 3, 2),
            amount=Decimal(amount),
            payer=payer or None,
            reference=text or None,
        )
        for n, (amount, payer, text) in enumerate(bookings, start=1)
    ]
    do_record_payments(records, source="statement.xml")
    return list(Payment.objects.filter(invoice=None).order_by("pk"))


def assign_url(payment: Payment) -> str:
    return reverse("payment_assign", args=[payment.pk])


def options_of(page: str, payment: Payment) -> list[str]:
    """The invoice numbers the payment's select offers, in their order."""
    select = re.search(rf'<select name="invoice" id="invoice-{payment.pk}".*?</select>', page, re.S)
    assert select is not None
    return re.findall(r'<option value="\d+">([^ <]+)', select.group(0))


# --- the owner --------------------------------------------------------------------------------


def test_the_owner_sees_each_payment_with_date_amount_payer_and_text(owner_client, sommer):
    invoice("RE-1", sommer, "500.00")
    (payment,) = statement(("119.00", "Jemand Anders", "Danke für alles"))

    response = owner_client.get(PAGE)

    assert response.status_code == 200
    page = response.content.decode()
    assert "Unmatched payments" in page
    for shown in ("Jemand Anders", "€119.00", "2026-03-02", "Danke für alles"):
        assert shown in page
    assert f'action="{assign_url(payment)}"' in page
    assert "csrfmiddlewaretoken" in page
    assert "1 payment is waiting for an invoice." in page


def test_the_likeliest_invoices_are_offered_first(owner_client, sommer, berger):
    invoice("RE-1", berger, "10.00")
    invoice("RE-2", berger, "100.00")  # the amount fits
    invoice("RE-3", sommer, "100.00")  # the amount and the payer fit
    invoice("RE-4", sommer, "100.00", paid_date=date(2026, 2, 20))  # paid: not offered
    invoice("GS-1", sommer, "-100.00")  # a credit note: not offered
    invoice("RE-5", sommer, "100.00", currency="CHF")  # another currency: not offered
    # Two invoices fit amount and text: the statement leaves the payment to the owner.
    invoice("RE-6", sommer, "100.00")
    (payment,) = statement(("119.00", "BAECKEREI SOMMER", "Rechnung Februar"))

    page = owner_client.get(PAGE).content.decode()

    assert options_of(page, payment) == ["RE-3", "RE-6", "RE-2", "RE-1"]
    likely, others = page.split('label="Other open invoices"')
    assert "RE-6" in likely and "RE-1" in others
    assert "amount and payer fit" in likely


def test_the_owner_assigns_and_sees_the_paid_date(owner_client, sommer):
    due = invoice("RE-1", sommer, "100.00")
    first, second = statement(("119.00", "Jemand", "Februar"), ("5.00", "Niemand", ""))

    response = owner_client.post(assign_url(first), {"invoice": due.pk}, follow=True)

    assert response.redirect_chain == [(PAGE, 302)]
    page = response.content.decode()
    assert (
        "The payment of €119.00 from Jemand is assigned to invoice RE-1. "
        "The invoice is paid on 2026-03-02."
    ) in page
    due.refresh_from_db()
    assert due.paid_date == date(2026, 3, 2)
    assert Payment.objects.get(pk=first.pk).invoice == due
    assert f'id="payment-{first.pk}"' not in page  # off the list
    assert f'id="payment-{second.pk}"' in page
    assert "No open invoice in EUR." in page  # RE-1 was the only one


def test_a_partial_payment_says_what_is_still_open(owner_client, sommer):
    due = invoice("RE-1", sommer, "100.00")
    (payment,) = statement(("40.00", "Jemand", ""))

    response = owner_client.post(assign_url(payment), {"invoice": due.pk}, follow=True)

    assert "The invoice is still open: €40.00 of €100.00 (net) received." in (
        response.content.decode()
    )
    due.refresh_from_db()
    assert due.paid_date is None


def test_assigning_twice_is_refused(owner_client, sommer):
    first_invoice, second_invoice = invoice("RE-1", sommer, "500.00"), invoice("RE-2", sommer, "9")
    (payment,) = statement(("100.00", "Jemand", ""))
    owner_client.post(assign_url(payment), {"invoice": first_invoice.pk})

    response = owner_client.post(assign_url(payment), {"invoice": second_invoice.pk})

    assert response.status_code == 400
    assert f"Payment {payment.pk} is already assigned to invoice RE-1." in (
        response.content.decode()
    )
    assert Payment.objects.get().invoice == first_invoice
    second_invoice.refresh_from_db()
    assert second_invoice.paid_date is None


def test_an_invoice_paid_meanwhile_or_none_chosen_is_refused_at_the_payment(owner_client, sommer):
    paid = invoice("RE-1", sommer, "100.00", paid_date=date(2026, 3, 1))
    (payment,) = statement(("119.00", "Jemand", ""))

    for data, message in (
        ({"invoice": paid.pk}, "This invoice is no longer open. Please choose another one."),
        ({}, "Please choose the invoice this payment pays."),
        ({"invoice": "x' OR 1=1"}, "This invoice is no longer open."),
    ):
        response = owner_client.post(assign_url(payment), data)

        assert response.status_code == 400
        assert message in response.content.decode()
    assert Payment.objects.get().invoice is None


def test_what_the_service_refuses_is_shown(owner_client, sommer):
    chf = invoice("RE-CH", sommer, "100.00", currency="CHF")
    (payment,) = statement(("119.00", "Jemand", ""))

    response = owner_client.post(assign_url(payment), {"invoice": chf.pk})

    assert response.status_code == 400
    assert "The payment is in EUR, the invoice in CHF." in response.content.decode()
    assert Payment.objects.get().invoice is None


def test_an_unknown_payment_is_404(owner_client, sommer):
    due = invoice("RE-1", sommer, "100.00")

    response = owner_client.post(reverse("payment_assign", args=[4711]), {"invoice": due.pk})

    assert response.status_code == 404


def test_the_list_pages_and_returns_to_the_page_after_assigning(owner_client, sommer):
    due = invoice("RE-1", sommer, "100000.00")
    payments = statement(*((f"{n}.00", f"Zahler {n}", "") for n in range(1, PAGE_SIZE + 3)))
    on_page_2 = payments[PAGE_SIZE]

    page_2 = owner_client.get(PAGE, {"page": 2}).content.decode()
    assert f"invoice-{on_page_2.pk}" in page_2 and f"invoice-{payments[0].pk}" not in page_2
    assert "page 2 of 2" in page_2
    assert '<input type="hidden" name="page" value="2">' in page_2

    response = owner_client.post(assign_url(on_page_2), {"invoice": due.pk, "page": "2"})

    assert response.url == f"{PAGE}?page=2"


def test_texts_from_the_bank_are_escaped_and_the_page_has_no_inline_script(owner_client, sommer):
    invoice("RE-1", sommer, "100.00")
    statement(("119.00", "<script>alert(1)</script>", '"><img src=x onerror=alert(1)>'))

    page = owner_client.get(PAGE).content.decode()

    assert "<script>alert(1)" not in page and "<img src=x" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert all("src=" in tag for tag in re.findall(r"<script[^>]*>", page))


def test_assigning_needs_the_csrf_token(owner, sommer):
    due = invoice("RE-1", sommer, "100.00")
    (payment,) = statement(("119.00", "Jemand", ""))
    client = Client(enforce_csrf_checks=True)
    client.force_login(owner)

    assert client.post(assign_url(payment), {"invoice": due.pk}).status_code == 403
    assert Payment.objects.get().invoice is None


def test_an_empty_list_says_so(owner_client):
    page = owner_client.get(PAGE).content.decode()

    assert "No payment is waiting for an invoice" in page


def test_the_navigation_links_the_page_for_the_owner_only(owner_client, staff_client):
    assert f'href="{PAGE}"' in owner_client.get(reverse("import_upload")).content.decode()
    assert f'href="{PAGE}"' not in staff_client.get(reverse("my_tasks")).content.decode()


def test_the_import_result_links_the_unmatched_payments_of_a_real_statement(owner_client, settings):
    settings.KUNDENWERT_IMPORT_JOBS_INLINE = True
    upload = SimpleUploadedFile(STATEMENT.name, STATEMENT.read_bytes())
    preview = owner_client.post(reverse("import_upload"), {"files": [upload]}, follow=True)

    result = owner_client.post(
        reverse("import_confirm", args=[preview.context["upload_token"]]), follow=True
    )

    page = result.content.decode()
    assert result.context["outcome"].unmatched_payments == 8
    assert "8 payments match no open invoice." in page
    assert f'href="{PAGE}"' in page
    listed = owner_client.get(PAGE).content.decode()
    assert "Quentin Quast" in listed and "€154,551.93" in listed


def test_an_import_without_unmatched_payments_has_no_link_in_its_result(owner_client, settings):
    settings.KUNDENWERT_IMPORT_JOBS_INLINE = True
    toggl = SAMPLES / "timetracking" / "solidtime_fixture__toggl_time_entries_import_test_1.csv"
    upload = SimpleUploadedFile(toggl.name, toggl.read_bytes())
    preview = owner_client.post(reverse("import_upload"), {"files": [upload]}, follow=True)

    result = owner_client.post(
        reverse("import_confirm", args=[preview.context["upload_token"]]), follow=True
    )

    assert result.context["outcome"].unmatched_payments == 0
    assert "Assign unmatched payments" not in result.content.decode()


# --- staff and visitors -----------------------------------------------------------------------


def test_staff_get_403_and_assign_nothing(staff_client, sommer):
    due = invoice("RE-1", sommer, "100.00")
    (payment,) = statement(("119.00", "Jemand", ""))

    assert staff_client.get(PAGE).status_code == 403
    assert staff_client.post(assign_url(payment), {"invoice": due.pk}).status_code == 403
    assert staff_client.get(assign_url(payment)).status_code == 403
    assert Payment.objects.get().invoice is None
    due.refresh_from_db()
    assert due.paid_date is None


def test_visitors_are_sent_to_sign_in(client, sommer):
    due = invoice("RE-1", sommer, "100.00")
    (payment,) = statement(("119.00", "Jemand", ""))

    for response in (client.get(PAGE), client.post(assign_url(payment), {"invoice": due.pk})):
        assert response.status_code == 302
        assert response.url.startswith(reverse("login"))
    assert Payment.objects.get().invoice is None


def test_the_admin_shows_a_payment_s_invoice_but_does_not_change_it(owner_client, sommer):
    """Assigning sets paid dates, which only the service does (this page or the command)."""
    due = invoice("RE-1", sommer, "100.00")
    (payment,) = statement(("100.00", "Jemand", ""))
    url = reverse("admin:billing_payment_change", args=[payment.pk])

    page = owner_client.get(url).content.decode()
    response = owner_client.post(
        url,
        {"booked_on": "2026-03-02", "amount": "100.00", "currency": "EUR", "invoice": due.pk},
    )

    assert 'name="invoice"' not in page
    assert response.status_code == 302
    assert Payment.objects.get().invoice is None
    due.refresh_from_db()
    assert due.paid_date is None


def test_beyond_the_listed_invoices_one_is_assigned_by_its_number(
    owner_client, sommer, monkeypatch
):
    monkeypatch.setattr(payments_view, "OTHERS_SHOWN", 2)
    for n in range(1, 5):
        invoice(f"RE-{n}", sommer, "10.00")
    (payment,) = statement(("119.00", "Jemand", "Februar"))

    page = owner_client.get(PAGE).content.decode()
    response = owner_client.post(assign_url(payment), {"invoice": "", "number": " re-4 "})

    assert options_of(page, payment) == ["RE-1", "RE-2"]
    assert "or, for the 2 open invoices not listed, the number" in page
    assert f'id="number-{payment.pk}"' in page
    assert response.status_code == 302
    assert Payment.objects.get().invoice.number == "RE-4"


def test_a_number_that_is_no_open_invoice_is_refused_at_the_payment(owner_client, sommer):
    invoice("RE-1", sommer, "10.00", paid_date=date(2026, 2, 20))
    (payment,) = statement(("119.00", "Jemand", ""))

    for number in ("RE-1", "RE-404"):  # paid, and unknown
        response = owner_client.post(assign_url(payment), {"number": number})

        assert response.status_code == 400
        assert f"There is no open invoice with the number {number}." in response.content.decode()
    assert Payment.objects.get().invoice is None
