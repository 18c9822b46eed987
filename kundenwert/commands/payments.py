"""`kundenwert payments`: the incoming payments that match no open invoice, and assigning
them by hand (`kundenwert payments assign PAYMENT_ID INVOICE_NUMBER`).

Bank statements (`kundenwert import`) match their payments to open invoices by number, or
by amount and payer (kundenwert.billing.payments); what fits nothing waits here. The list
shows each payment's id, date, amount, payer and remittance text, and the open invoices
most likely to be the one it pays. `--format json` prints `{"payments": [{"id",
"booked_on", "amount", "currency", "payer", "reference", "suggested"}]}`, oldest first,
amounts as strings.

Assigning goes through `do_assign_payment`: the invoice counts as paid once its payments
reach its net amount; an invoice already paid keeps its paid date. A payment that has an
invoice already is refused (nothing here moves a payment from one invoice to another), as
are an unknown payment or invoice and what the service refuses (another currency, a credit
note): one line on standard error and exit status 2.
"""

from __future__ import annotations

import argparse
import json
import sys

from kundenwert.commands.base import EXIT_BAD_INPUT, CommandError, console, setup_django

SUGGESTED_SHOWN = 3  # invoice numbers suggested per payment


def register(subparsers) -> None:
    parser = subparsers.add_parser(
        "payments",
        help="list the incoming payments that match no open invoice, and assign them",
        description="Lists the incoming payments of imported bank statements that match no "
        "open invoice. `kundenwert payments assign PAYMENT_ID INVOICE_NUMBER` assigns one.",
    )
    parser.add_argument("--format", choices=["table", "json"], default="table")
    parser.add_argument("--lang", choices=["de", "en"], default="de")
    parser.set_defaults(handler=run_list)
    actions = parser.add_subparsers(dest="action", metavar="ACTION")
    assign = actions.add_parser(
        "assign",
        help="assign an unmatched payment to an invoice",
        description="Assigns an unmatched payment (its id from `kundenwert payments`) to an "
        "invoice; the invoice counts as paid once its payments reach its net amount.",
    )
    assign.add_argument("payment_id", metavar="PAYMENT_ID", type=_payment_id)
    assign.add_argument("invoice_number", metavar="INVOICE_NUMBER")
    assign.add_argument("--lang", choices=["de", "en"], default=argparse.SUPPRESS)
    assign.set_defaults(handler=run_assign)


def _payment_id(text: str) -> int:
    """An argparse type: a payment's id as `kundenwert payments` lists it."""
    value = text.strip()
    if not (value.isascii() and value.isdigit()) or len(value) > 18:
        raise argparse.ArgumentTypeError(f"'{text}' is not a payment id (a number)")
    return int(value)


def run_list(args: argparse.Namespace) -> int:
    setup_django()
    from django.utils import translation

    from kundenwert.billing.payments import invoice_candidates, unmatched_payments

    payments = list(unmatched_payments())
    candidates = invoice_candidates(payments)
    suggested = {
        pk: [c.invoice.number for c in found if c.suggested][:SUGGESTED_SHOWN]
        for pk, found in candidates.items()
    }
    if args.format == "json":
        sys.stdout.write(json.dumps(_as_json(payments, suggested), ensure_ascii=False, indent=2))
        sys.stdout.write("\n")
        return 0
    with translation.override(args.lang):
        _print_table(payments, suggested, args.lang)
    return 0


def _as_json(payments, suggested: dict[int, list[str]]) -> dict[str, object]:
    return {
        "payments": [
            {
                "id": p.pk,
                "booked_on": p.booked_on.isoformat(),
                "amount": str(p.amount),
                "currency": p.currency,
                "payer": p.payer,
                "reference": p.reference,
                "suggested": suggested[p.pk],
            }
            for p in payments
        ]
    }


def _print_table(payments, suggested: dict[int, list[str]], lang: str) -> None:
    from django.utils.translation import gettext as _
    from django.utils.translation import ngettext
    from rich.markup import escape
    from rich.table import Table

    from kundenwert.lib.formatting import format_date, format_money

    if not payments:
        console.print(_("No payment is waiting for an invoice."))
        return
    table = Table(title=_("Unmatched payments"), show_lines=False)
    table.add_column(_("ID"), justify="right", no_wrap=True)
    table.add_column(_("Date"), no_wrap=True)
    table.add_column(_("Amount"), justify="right", no_wrap=True)
    table.add_column(_("Payer"), overflow="fold")
    table.add_column(_("Remittance text"), overflow="fold")
    any_suggested = any(suggested.values())
    if any_suggested:
        table.add_column(_("Likely invoices"), overflow="fold")
    for payment in payments:
        cells = [
            str(payment.pk),
            format_date(payment.booked_on, lang),
            format_money(payment.amount, lang, payment.currency),
            escape(payment.payer or "–"),
            escape(payment.reference or "–"),
        ]
        if any_suggested:
            cells.append(escape(", ".join(suggested[payment.pk]) or "–"))
        table.add_row(*cells)
    console.print(table)
    count = len(payments)
    console.print(
        ngettext(
            "%(count)s payment is waiting for an invoice.",
            "%(count)s payments are waiting for an invoice.",
            count,
        )
        % {"count": count},
        markup=False,
    )
    console.print(
        _("Assign one with: kundenwert payments assign PAYMENT_ID INVOICE_NUMBER"), markup=False
    )


def run_assign(args: argparse.Namespace) -> int:
    setup_django()
    from django.utils import translation

    with translation.override(args.lang):
        message = _assign(args.payment_id, args.invoice_number.strip(), args.lang)
    console.print(message, markup=False)
    return 0


def _assign(payment_id: int, number: str, lang: str) -> str:
    from django.utils.translation import gettext as _

    from kundenwert.billing.models import Payment
    from kundenwert.billing.payments import PaymentError, do_assign_payment

    payment = Payment.objects.filter(pk=payment_id).first()
    if payment is None:
        raise _bad(_("There is no payment with the id %(id)s.") % {"id": payment_id})
    invoice = _invoice(number)
    if invoice is None:
        raise _bad(_("There is no invoice with the number %(number)s.") % {"number": number})
    paid_before = invoice.paid_date
    try:
        do_assign_payment(payment, invoice, only_unassigned=True)
    except PaymentError as problem:
        raise _bad(str(problem)) from None
    invoice.refresh_from_db()
    return _assigned(payment, invoice, paid_before, lang)


def _invoice(number: str):
    """The invoice of this number, or the one invoice whose number differs only in case."""
    from kundenwert.billing.models import Invoice

    if not number:
        return None
    invoice = Invoice.objects.filter(number=number).first()
    if invoice is None:
        alike = list(Invoice.objects.filter(number__iexact=number)[:2])
        invoice = alike[0] if len(alike) == 1 else None
    return invoice


def _assigned(payment, invoice, paid_before, lang: str) -> str:
    from decimal import Decimal

    from django.utils.translation import gettext as _

    from kundenwert.lib.formatting import format_date, format_money

    values = {
        "id": payment.pk,
        "amount": format_money(payment.amount, lang, payment.currency),
        "number": invoice.number,
    }
    done = _("Payment %(id)s (%(amount)s) is assigned to invoice %(number)s.") % values
    if paid_before is not None:
        status = _("The invoice was already paid on %(paid)s; that date stays.")
        values["paid"] = format_date(paid_before, lang)
    elif invoice.paid_date is not None:
        status = _("The invoice is paid on %(paid)s.")
        values["paid"] = format_date(invoice.paid_date, lang)
    else:
        received = sum(invoice.payments.values_list("amount", flat=True), Decimal("0"))
        values["received"] = format_money(received, lang, invoice.currency)
        values["net"] = format_money(invoice.net, lang, invoice.currency)
        status = _("The invoice is still open: %(received)s of %(net)s (net) received.")
    return f"{done} {status % values}"


def _bad(message: str) -> CommandError:
    """A refusal: one line on standard error, exit status 2."""
    return CommandError(message, EXIT_BAD_INPUT)
