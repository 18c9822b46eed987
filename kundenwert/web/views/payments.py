"""Unmatched payments (owners only): the bank's incoming payments that no open invoice was
found for, each with a choice of the open invoices, the likeliest first, to assign it by
hand (kundenwert.billing.payments). `kundenwert payments` does the same in the terminal."""

from __future__ import annotations

from decimal import Decimal

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from kundenwert.billing.forms import AssignPaymentForm
from kundenwert.billing.models import Invoice, Payment
from kundenwert.billing.payments import (
    PaymentError,
    do_assign_payment,
    invoice_candidates,
    unmatched_payments,
)
from kundenwert.lib import formatting
from kundenwert.web.language import ui_language
from kundenwert.web.permissions import owner_required

PAGE_SIZE = 25
# Open invoices listed per payment beyond the likely ones; the rest go by their number
# (a page of 25 payments would otherwise hold 25 times every open invoice).
OTHERS_SHOWN = 100
MAX_PAGE_DIGITS = 6


@owner_required
@require_GET
def unmatched_payments_page(request: HttpRequest) -> HttpResponse:
    return _list_page(request, request.GET.get("page"))


def _list_page(
    request: HttpRequest, page_number, *, error: str = "", error_pk: int | None = None
) -> HttpResponse:
    """The list; an error of an assignment is shown at its payment, or above the list
    when the payment is not on the page (it has been assigned meanwhile)."""
    page = Paginator(unmatched_payments(), PAGE_SIZE).get_page(page_number)
    candidates = invoice_candidates(page.object_list)
    rows = []
    for payment in page.object_list:
        others = [c for c in candidates[payment.pk] if not c.suggested]
        rows.append(
            {
                "payment": payment,
                "suggested": [c for c in candidates[payment.pk] if c.suggested],
                "others": others[:OTHERS_SHOWN],
                "not_shown": max(len(others) - OTHERS_SHOWN, 0),
                "error": error if payment.pk == error_pk else "",
            }
        )
    context = {
        "page": page,
        "rows": rows,
        "error": "" if error_pk in candidates else error,
    }
    return render(request, "payments/unmatched.html", context, status=400 if error else 200)


@owner_required
@require_POST
def payment_assign(request: HttpRequest, pk: int) -> HttpResponse:
    payment = get_object_or_404(Payment, pk=pk)
    form = AssignPaymentForm(request.POST)
    page_number = _page_number(request.POST.get("page", ""))
    if not form.is_valid():
        error = " ".join(m for messages_ in form.errors.values() for m in messages_)
        return _list_page(request, page_number, error=error, error_pk=payment.pk)
    invoice: Invoice = form.cleaned_data["invoice"]
    try:
        do_assign_payment(payment, invoice, request.user, only_unassigned=True)
    except PaymentError as problem:
        return _list_page(request, page_number, error=str(problem), error_pk=payment.pk)
    invoice.refresh_from_db()
    messages.success(request, assigned_message(payment, invoice, ui_language()))
    url = reverse("unmatched_payments")
    return redirect(f"{url}?page={page_number}" if page_number else url)


def _page_number(text: str) -> int | None:
    """The list's page the form came from (its hidden field), when that is a page number
    beyond the first; anything else leads back to the first page."""
    if not (text.isascii() and text.isdigit() and len(text) <= MAX_PAGE_DIGITS):
        return None
    number = int(text)
    return number if number > 1 else None


def assigned_message(payment: Payment, invoice: Invoice, lang: str) -> str:
    """What the owner is told after assigning: the invoice and whether it is paid now."""
    values = {
        "amount": formatting.format_money(payment.amount, lang, payment.currency),
        "payer": payment.payer or _("an unknown payer"),
        "number": invoice.number,
    }
    text = _("The payment of %(amount)s from %(payer)s is assigned to invoice %(number)s.")
    if invoice.paid_date is not None:
        values["paid"] = formatting.format_date(invoice.paid_date, lang)
        status = _("The invoice is paid on %(paid)s.")
    else:
        received = sum(invoice.payments.values_list("amount", flat=True), Decimal("0"))
        values["received"] = formatting.format_money(received, lang, invoice.currency)
        values["net"] = formatting.format_money(invoice.net, lang, invoice.currency)
        status = _("The invoice is still open: %(received)s of %(net)s (net) received.")
    return f"{text % values} {status % values}"
