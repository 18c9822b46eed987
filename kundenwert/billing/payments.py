"""Payments from bank statements: stored once, and matched to the open invoices they pay.

`do_record_payments` is how the bookings of a statement (camt.053, MT940) reach the database:

- Only incoming money is stored (amount > 0); outgoing bookings are counted and skipped.
- Never twice: a booking's fingerprint covers its date, amount, currency, payer, remittance
  text, end-to-end id and the bank's reference, and a statement adds a booking only when it
  holds more copies of it than the database does. Two identical bookings on one day stay
  two payments; the same statement imported again, or an overlapping one, adds nothing.
- Each new payment, and each payment of the statement still waiting for an invoice, is
  matched to an open invoice (no paid date, a positive net amount, the same currency):
  1. by number: an open invoice whose number appears in the remittance text or the
     end-to-end id, as a whole (RE-2 is not found in RE-20 or in 12.2026) and also when
     written with other or no separators (RE 2026 001 for RE-2026-001). If several are
     named, the one the amount settles is taken, else none;
  2. by amount and payer: the one open invoice that the amount settles exactly, of a
     customer whose name is the payer's, normalised (case, umlauts, legal forms) or cut off
     (banks shorten names: "Kunden AG Mitte" pays as "KUNDEN AG MITTE FRANKFURT").
  A payment that fits nothing, or more than one invoice, stays unassigned and is listed
  with the reason, for the user to assign with `do_assign_payment` (`kundenwert payments`
  and the "Unmatched payments" page list them, `unmatched_payments`, with the open invoices
  most likely to fit first, `invoice_candidates`).
- Invoices hold net amounts, payments are gross, and the VAT rate is not stored (0 %, 7 %
  or 19 % in Germany; a Skonto deduction lowers the gross). So an invoice counts as paid
  once its payments reach its net amount, and the paid date is the booking date of the
  payment that got them there. An amount "settles" an open invoice when it lies between
  the rest of the net amount and the rest of the net amount with 19 % VAT plus a cent
  (rest = net − what was paid before): [net − paid, net × 1.19 + 0.01 − paid]. A payment
  below that is a partial payment, which is only matched by number, and adds up.
- A payment is assigned to one invoice at most and is never counted twice.
"""

from __future__ import annotations

import bisect
import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from datetime import date
from decimal import Decimal
from typing import Generic, TypeVar

from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _

from kundenwert.accounts.models import User
from kundenwert.accounts.services import do_record_change
from kundenwert.billing.models import Invoice, Payment
from kundenwert.exchange.fingerprints import fingerprint
from kundenwert.importers.matching import normalise_name
from kundenwert.importers.records import PaymentRecord

HIGHEST_VAT = Decimal("1.19")
CENT = Decimal("0.01")
T = TypeVar("T")
_SEPARATORS = re.compile(r"[\s./_-]")  # what a number's pattern allows between characters
# Invoice numbers shorter than this (alphanumerics only) are too likely to appear in any
# text by chance ("12", "A1") to be looked for.
MIN_NUMBER_LENGTH = 3
# A payer whose name is one word this short ("AG", "Bo") is like too many customers.
MIN_WORD_LENGTH = 3


class PaymentError(ValueError):
    """A payment assignment that cannot be made; the message says why, for the user."""


@dataclass(frozen=True)
class MatchedPayment:
    payment_id: int
    booked_on: date
    amount: Decimal
    payer: str
    invoice_number: str
    rule: str  # "number" or "amount and payer"
    paid: bool  # the invoice is paid now, this payment completing it


@dataclass(frozen=True)
class UnmatchedPayment:
    payment_id: int
    booked_on: date
    amount: Decimal
    payer: str
    reference: str
    why: str


@dataclass
class PaymentReport:
    added: int = 0
    unchanged: int = 0
    skipped_outgoing: int = 0
    matched: list[MatchedPayment] = field(default_factory=list)
    unmatched: list[UnmatchedPayment] = field(default_factory=list)

    def as_json(self) -> dict[str, object]:
        return {
            "added": self.added,
            "unchanged": self.unchanged,
            "skipped_outgoing": self.skipped_outgoing,
            "matched": [_jsonable(asdict(m)) for m in self.matched],
            "unmatched": [_jsonable(asdict(u)) for u in self.unmatched],
        }


@transaction.atomic
def do_record_payments(
    records: list[PaymentRecord], *, source: str, user: User | None = None
) -> PaymentReport:
    report = PaymentReport()
    incoming = [record for record in records if record.amount > 0]
    report.skipped_outgoing = len(records) - len(incoming)
    waiting = _store(incoming, source, report)
    _match(waiting, report)
    if report.added or report.matched:
        summary = (
            f"{source}: +{report.added} payments, {len(report.matched)} matched, "
            f"{len(report.unmatched)} unmatched"
        )
        do_record_change(user, "import", "payments", summary, report.as_json())
    return report


@transaction.atomic
def do_assign_payment(
    payment: Payment,
    invoice: Invoice | None,
    user: User | None = None,
    *,
    only_unassigned: bool = False,
) -> Payment:
    """Assigns a payment to an invoice by hand (or, with None, takes it off its invoice).

    The invoice's paid date is set when its payments now reach its net amount; the previous
    invoice's paid date is cleared when it was this payment that completed it. With
    `only_unassigned` (the user assigning a payment from the list of unmatched ones) a
    payment that has an invoice by now, from another tab or a later import, is refused
    rather than moved."""
    payment = Payment.objects.select_for_update().get(pk=payment.pk)
    previous = payment.invoice
    if only_unassigned and previous is not None:
        raise PaymentError(
            _("Payment %(id)s is already assigned to invoice %(number)s.")
            % {"id": payment.pk, "number": previous.number}
        )
    if invoice is not None:
        invoice = Invoice.objects.select_for_update().get(pk=invoice.pk)
        if invoice.currency != payment.currency:
            raise PaymentError(
                _("The payment is in %(payment)s, the invoice in %(invoice)s.")
                % {"payment": payment.currency, "invoice": invoice.currency}
            )
        if invoice.net <= 0:
            raise PaymentError(_("A credit note cannot be paid by an incoming payment."))
        if invoice != previous and _received(invoice) >= invoice.net:
            # A second payment of it (paid twice?) stays in the unmatched list, in view.
            raise PaymentError(
                _("Invoice %(number)s is already paid in full by the payments assigned to it.")
                % {"number": invoice.number}
            )
    if previous == invoice:
        return payment
    payment.invoice = invoice
    payment.save(update_fields=["invoice"])
    if previous is not None:
        _reopen_if_completed_by(previous, payment)
    if invoice is not None:
        _settle(invoice)
    number = invoice.number if invoice is not None else None
    changes = {"invoice": number, "previous_invoice": previous.number if previous else None}
    do_record_change(user, "update", payment, f"payment {payment} → {number or '–'}", changes)
    return payment


def unmatched_payments() -> QuerySet[Payment]:
    """The payments waiting for an invoice, oldest first."""
    return Payment.objects.filter(invoice__isnull=True).order_by("booked_on", "pk")


@dataclass(frozen=True)
class Candidate:
    """An open invoice offered for a payment by hand, and why it is offered."""

    invoice: Invoice
    received: Decimal  # what its payments have brought so far
    named: bool  # the payment's text names its number
    amount_fits: bool  # the amount settles what is left of it (see the module's notes)
    payer_fits: bool  # the payer's name is like the customer's

    @property
    def suggested(self) -> bool:
        return self.named or self.amount_fits or self.payer_fits


def invoice_candidates(payments: Iterable[Payment]) -> dict[int, list[Candidate]]:
    """For each payment (by id), the open invoices in its currency, the likeliest first:
    those its text names, then those of the payer whose amount fits, those whose amount
    fits, those of a customer named like the payer, then the others, oldest first."""
    open_invoices = _open_invoices()
    index = _OpenInvoices(open_invoices)
    found = {}
    for payment in payments:
        payer = normalise_name(payment.payer) if payment.payer else ""
        named = {id(o) for o in index.named(payment.reference or "", payment.currency)}
        candidates = [
            Candidate(
                o.invoice,
                o.paid,
                id(o) in named,
                o.settled_by(payment.amount),
                _payer_like(payer, o.payer_name),
            )
            for o in open_invoices
            if o.invoice.currency == payment.currency
        ]
        candidates.sort(
            key=lambda c: (
                not c.named,
                not (c.amount_fits and c.payer_fits),
                not c.amount_fits,
                not c.payer_fits,
            )
        )
        found[payment.pk] = candidates
    return found


def _payer_like(payer_name: str, customer_name: str) -> bool:
    """Looser than `_same_party`, for suggestions only: the same party, or every word of
    the shorter name is a word of the longer ("mueller" and "mueller bau frankfurt")."""
    if not payer_name or not customer_name:
        return False
    if _same_party(payer_name, customer_name):
        return True
    shorter, longer = sorted((payer_name.split(), customer_name.split()), key=len)
    significant = any(len(word) >= MIN_WORD_LENGTH for word in shorter)
    return significant and set(shorter) <= set(longer)


# --- storing -------------------------------------------------------------------------------


def _store(records: list[PaymentRecord], source: str, report: PaymentReport) -> list[Payment]:
    """Adds the bookings the database does not hold yet; returns the statement's payments
    that wait for an invoice (the new ones and those imported before but still unassigned),
    in booking order."""
    prints = [_fingerprint(record) for record in records]
    existing: dict[str, list[Payment]] = defaultdict(list)
    for payment in Payment.objects.filter(fingerprint__in=set(prints)).order_by("pk"):
        existing[payment.fingerprint].append(payment)
    claimed: Counter[str] = Counter()
    new, waiting = [], []
    for record, print_ in zip(records, prints, strict=True):
        if claimed[print_] < len(existing[print_]):
            payment = existing[print_][claimed[print_]]
            claimed[print_] += 1
            report.unchanged += 1
            if payment.invoice_id is None:
                waiting.append(payment)
        else:
            new.append(_payment(record, print_, source))
    Payment.objects.bulk_create(new)
    report.added = len(new)
    waiting += new
    return sorted(waiting, key=lambda p: (p.booked_on, p.pk or 0))


def _fingerprint(record: PaymentRecord) -> str:
    return fingerprint(
        (
            record.booked_on,
            record.amount,
            record.currency.upper(),
            record.payer,
            record.reference,
            record.end_to_end_id,
            record.bank_reference,
        )
    )


def _payment(record: PaymentRecord, print_: str, source: str) -> Payment:
    reference = record.reference or ""
    if record.end_to_end_id and record.end_to_end_id not in reference:
        # Kept with the text, in the form German statements print it, so that a later
        # matching run (and the user) still sees the invoice number an end-to-end id holds.
        reference = f"{reference} EREF+{record.end_to_end_id}".strip()
    return Payment(
        booked_on=record.booked_on,
        amount=record.amount,
        currency=record.currency.upper(),
        payer=(record.payer or "")[:200],
        reference=reference,
        fingerprint=print_,
        source=f"{source} {record.location}"[-200:],
    )


# --- matching ------------------------------------------------------------------------------


@dataclass
class _Open:
    """An open invoice and the payments it has received so far."""

    invoice: Invoice
    received: list[tuple[date, Decimal]]
    payer_name: str  # the customer's name, normalised

    @property
    def paid(self) -> Decimal:
        return sum((amount for _, amount in self.received), Decimal("0"))

    def settled_by(self, amount: Decimal) -> bool:
        rest = self.invoice.net - self.paid
        return max(rest, CENT) <= amount <= self.invoice.net * HIGHEST_VAT + CENT - self.paid

    def exactly_settled_by(self, amount: Decimal) -> bool:
        """The amount is the rest of the net amount with 0 %, 7 % or 19 % VAT, to the cent."""
        return any(
            (self.invoice.net * rate).quantize(CENT) - self.paid == amount
            for rate in (Decimal("1"), Decimal("1.07"), HIGHEST_VAT)
        )


def _match(payments: list[Payment], report: PaymentReport) -> None:
    if not payments:
        return
    open_invoices = _OpenInvoices(_open_invoices())
    paid_numbers = _paid_numbers()
    for payment in payments:
        found, rule, why = _find_invoice(payment, open_invoices, paid_numbers)
        if found is None:
            report.unmatched.append(
                UnmatchedPayment(
                    payment.pk,
                    payment.booked_on,
                    payment.amount,
                    payment.payer,
                    payment.reference,
                    why,
                )
            )
            continue
        payment.invoice = found.invoice
        payment.save(update_fields=["invoice"])
        found.received.append((payment.booked_on, payment.amount))
        paid = _settle(found.invoice, found.received)
        if paid:
            open_invoices.remove(found)
            paid_numbers.add(found.invoice.number, found.invoice.number)
        report.matched.append(
            MatchedPayment(
                payment.pk,
                payment.booked_on,
                payment.amount,
                payment.payer,
                found.invoice.number,
                rule,
                paid,
            )
        )


def _open_invoices() -> list[_Open]:
    invoices = list(
        Invoice.objects.filter(paid_date__isnull=True, net__gt=0)
        .select_related("customer")
        .order_by("issue_date", "number")
    )
    received: dict[int, list[tuple[date, Decimal]]] = defaultdict(list)
    for invoice_id, booked_on, amount in Payment.objects.filter(
        invoice__in=[i.pk for i in invoices]
    ).values_list("invoice_id", "booked_on", "amount"):
        received[invoice_id].append((booked_on, amount))
    return [_Open(i, received[i.pk], normalise_name(i.customer.name)) for i in invoices]


def _paid_numbers() -> _NumberIndex[str]:
    index: _NumberIndex[str] = _NumberIndex()
    for number in Invoice.objects.filter(~Q(paid_date=None)).values_list("number", flat=True):
        index.add(number, number)
    return index


class _NumberIndex(Generic[T]):
    """Items by the invoice number they stand for, found in a text without trying every
    number's pattern on it: a statement of 50,000 bookings meets tens of thousands of
    invoices. A number's pattern can only match where the text, without separators and
    case, holds the number's characters; those places are looked up, then the pattern
    decides."""

    def __init__(self) -> None:
        self._by_key: dict[str, list[tuple[T, re.Pattern[str]]]] = defaultdict(list)
        self._lengths: Counter[int] = Counter()

    def add(self, number: str, item: T) -> None:
        pattern = _number_pattern(number)
        if pattern is not None:
            key = _key(number)
            self._by_key[key].append((item, pattern))
            self._lengths[len(key)] += 1

    def remove(self, number: str, item: T) -> None:
        key = _key(number)
        entries = self._by_key.get(key, [])
        for position, (other, _pattern) in enumerate(entries):
            if other is item:
                del entries[position]
                self._lengths[len(key)] -= 1
                return

    def found_in(self, text: str) -> list[tuple[T, tuple[int, int]]]:
        """(item, span of its number in `text`) for every number the text names."""
        squashed = _SEPARATORS.sub("", text).lower()
        keys = {
            squashed[start : start + length]
            for length, count in self._lengths.items()
            if count > 0
            for start in range(len(squashed) - length + 1)
        }
        hits = []
        for key in keys & self._by_key.keys():
            for item, pattern in self._by_key[key]:
                if found := pattern.search(text):
                    hits.append((item, found.span()))
        return hits


class _OpenInvoices:
    """The open invoices, looked up by the number a text names and by the payer's name."""

    def __init__(self, invoices: list[_Open]) -> None:
        self._numbers: _NumberIndex[_Open] = _NumberIndex()
        self._by_name: dict[str, list[_Open]] = defaultdict(list)
        for invoice in invoices:
            self._numbers.add(invoice.invoice.number, invoice)
            self._by_name[invoice.payer_name].append(invoice)
        self._names = sorted(self._by_name)

    def remove(self, invoice: _Open) -> None:
        self._numbers.remove(invoice.invoice.number, invoice)
        self._by_name[invoice.payer_name].remove(invoice)

    def named(self, text: str, currency: str) -> list[_Open]:
        hits = [(o, span) for o, span in self._numbers.found_in(text) if _in(o, currency)]
        return sorted(_longest(hits), key=_oldest_first)

    def of_payer(self, payer: str, currency: str) -> list[_Open]:
        """The open invoices of customers `_same_party` takes the payer for."""
        if not payer:
            return []
        words = payer.split()
        names = {" ".join(words[:n]) for n in range(2, len(words) + 1)}  # the bank cut it off
        if len(words) >= 2:  # the bank added to it
            start = bisect.bisect_left(self._names, payer + " ")
            for name in self._names[start:]:
                if not name.startswith(payer + " "):
                    break
                names.add(name)
        names.add(payer)
        found = [
            o
            for name in names
            for o in self._by_name.get(name, [])
            if _in(o, currency) and _same_party(payer, name)
        ]
        return sorted(found, key=_oldest_first)


def _oldest_first(invoice: _Open) -> tuple[date, str]:
    return invoice.invoice.issue_date, invoice.invoice.number


def _in(invoice: _Open, currency: str) -> bool:
    return invoice.invoice.currency == currency


def _key(number: str) -> str:
    return re.sub(r"[^0-9A-Za-z]", "", number).lower()


def _find_invoice(
    payment: Payment, open_invoices: _OpenInvoices, paid_numbers: _NumberIndex[str]
) -> tuple[_Open | None, str, str]:
    """The invoice the payment pays, the rule that found it, or why none was found."""
    text = payment.reference or ""
    named = open_invoices.named(text, payment.currency)
    if len(named) == 1:
        return named[0], "number", ""
    if named:
        settled = [o for o in named if o.settled_by(payment.amount)]
        if len(settled) == 1:
            return settled[0], "number", ""
        numbers = ", ".join(o.invoice.number for o in named)
        return None, "", _("names several open invoices: %(numbers)s") % {"numbers": numbers}
    payer = normalise_name(payment.payer) if payment.payer else ""
    by_payer = [
        o for o in open_invoices.of_payer(payer, payment.currency) if o.settled_by(payment.amount)
    ]
    if len(by_payer) > 1:
        by_payer = [o for o in by_payer if o.exactly_settled_by(payment.amount)] or by_payer
    if len(by_payer) == 1:
        return by_payer[0], "amount and payer", ""
    if by_payer:
        numbers = ", ".join(o.invoice.number for o in by_payer)
        return (
            None,
            "",
            _("fits several open invoices of the payer: %(numbers)s") % {"numbers": numbers},
        )
    already = sorted({number for number, _span in paid_numbers.found_in(text)})
    if already:
        return (
            None,
            "",
            _("names invoice %(numbers)s, which is already paid") % {"numbers": ", ".join(already)},
        )
    return None, "", _("no open invoice with this number, or with this amount and payer")


def _longest(hits: list[tuple[_Open, tuple[int, int]]]) -> list[_Open]:
    """Of the numbers found, those not found inside a longer one found (4711 in 4711-1)."""
    return [
        candidate
        for candidate, (start, end) in hits
        if not any(
            other_start <= start and end <= other_end and other_end - other_start > end - start
            for _, (other_start, other_end) in hits
        )
    ]


def _number_pattern(number: str) -> re.Pattern[str] | None:
    """The invoice number as a whole word of a text, with any separators or none between
    its characters: RE-2026-001 is found in "Rg. RE 2026 001" and "re2026001", RE-2 is not
    found in RE-20, and 2026 not in the date 12.2026 or the amount 2026,50."""
    characters = _key(number)
    if len(characters) < MIN_NUMBER_LENGTH:
        return None
    body = r"[\s./_-]?".join(re.escape(c) for c in characters)
    return re.compile(rf"(?<![0-9A-Za-z])(?<!\d[.,]){body}(?![0-9A-Za-z])(?![.,]\d)", re.I)


def _same_party(payer_name: str, customer_name: str) -> bool:
    """The payer is the customer, by normalised name (both normalised already); a longer
    payer name (the bank added the city) or a shorter one (the bank cut it off) counts when
    the shorter of the two has at least two words, so "Müller" is not taken for "Müller Bau"."""
    if not payer_name or not customer_name:
        return False
    if payer_name == customer_name:
        return True
    shorter, longer = sorted((payer_name, customer_name), key=len)
    return len(shorter.split()) >= 2 and longer.startswith(shorter + " ")


def _settle(invoice: Invoice, received: Iterable[tuple[date, Decimal]] | None = None) -> bool:
    """Sets the paid date of an invoice that has none, when its payments reach its net
    amount: the date of the payment that got them there. Returns whether it is paid."""
    if invoice.paid_date is not None:
        return True
    if received is None:
        received = invoice.payments.values_list("booked_on", "amount")
    total = Decimal("0")
    for booked_on, amount in sorted(received):
        total += amount
        if total >= invoice.net:
            invoice.paid_date = booked_on
            invoice.save(update_fields=["paid_date"])
            return True
    return False


def _received(invoice: Invoice) -> Decimal:
    return sum(invoice.payments.values_list("amount", flat=True), Decimal("0"))


def _reopen_if_completed_by(invoice: Invoice, removed: Payment) -> None:
    """Clears a paid date that this payment set: the invoice's remaining payments fall short
    and the date is the removed payment's. A date set otherwise (by hand, from an invoice
    list) stays."""
    invoice.refresh_from_db(fields=["paid_date"])
    if invoice.paid_date != removed.booked_on:
        return
    if _received(invoice) < invoice.net:
        invoice.paid_date = None
        invoice.save(update_fields=["paid_date"])


def _jsonable(values: dict[str, object]) -> dict[str, object]:
    return {key: _json_value(value) for key, value in values.items()}


def _json_value(value: object) -> object:
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    return value
