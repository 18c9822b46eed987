"""The exit assistant: what is still open with a customer, the letter, and the flag on
contacts after the end.

The letter is a Django template per voice (templates/kaizen/letters/de_sie.txt, de_du.txt,
en.txt), filled from the customer's data. Every value it uses is filled in here; optional
parts (a recommendation, open items) are left out as whole sentences when empty, so no
placeholder can remain.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass, field
from datetime import date

from django.db.models import QuerySet
from django.template.loader import render_to_string
from django.utils.html import linebreaks
from django.utils.translation import gettext as _

from kundenwert.activity.models import Interaction
from kundenwert.billing.models import Invoice
from kundenwert.customers.models import Contact, Customer, Status
from kundenwert.kaizen.models import ExitPlan, Voice
from kundenwert.lib.formatting import format_date, format_money
from kundenwert.sales.models import Delivery, Offer, OfferStatus
from kundenwert.web.language import ui_language


@dataclass
class Checklist:
    open_invoices: list[Invoice] = field(default_factory=list)
    open_offers: list[Offer] = field(default_factory=list)
    running_deliveries: list[Delivery] = field(default_factory=list)
    contacts: list[Contact] = field(default_factory=list)

    @property
    def is_clear(self) -> bool:
        """Nothing left to settle (contacts are informed by the letter itself)."""
        return not (self.open_invoices or self.open_offers or self.running_deliveries)


def exit_checklist(customer: Customer) -> Checklist:
    """From the data: unpaid invoices, undecided offers, deliveries not yet live, contacts."""
    return Checklist(
        open_invoices=list(
            customer.invoices.filter(paid_date__isnull=True, net__gt=0).order_by("issue_date")
        ),
        open_offers=list(customer.offers.filter(status=OfferStatus.OPEN).order_by("sent_date")),
        running_deliveries=list(
            customer.deliveries.filter(live_date__isnull=True).order_by("delivered_date")
        ),
        contacts=list(customer.contacts.all()),
    )


def default_end_date(today: date) -> date:
    """The last day of the month after next: a notice of one to two months."""
    year, month = today.year + (today.month + 1) // 12, (today.month + 1) % 12 + 1
    return date(year, month, calendar.monthrange(year, month)[1])


def default_greeting_name(customer: Customer, voice: str) -> str:
    """The first contact's name; for the Du letter its first name (titles skipped)."""
    contact = customer.contacts.first()
    if contact is None:
        return ""
    if voice != Voice.DE_DU:
        return contact.name
    words = [w for w in contact.name.split() if not w.endswith(".")]
    return words[0] if words else contact.name


def letter_language(voice: str) -> str:
    return "en" if voice == Voice.EN else "de"


def render_letter(plan: ExitPlan, checklist: Checklist, today: date) -> str:
    text = render_to_string(
        f"kaizen/letters/{plan.voice}.txt", letter_context(plan, checklist, today)
    )
    lines = [line.rstrip() for line in text.strip().splitlines()]
    # Left-out sentences leave empty lines behind: at most one blank line between paragraphs.
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)) + "\n"


def letter_context(plan: ExitPlan, checklist: Checklist, today: date) -> dict[str, object]:
    lang = letter_language(plan.voice)
    customer = plan.customer
    return {
        "today": format_date(today, lang, long=True),
        "customer_name": customer.name,
        "greeting_name": plan.greeting_name.strip(),
        "end_date": format_date(plan.end_date, lang, long=True),
        "since_year": customer.since.year if customer.since else None,
        "deliveries": _joined([d.title for d in checklist.running_deliveries], lang),
        "offers": _joined([o.number for o in checklist.open_offers], lang),
        "invoices": _joined([_invoice(i, lang) for i in checklist.open_invoices], lang),
        "offer_count": len(checklist.open_offers),
        "invoice_count": len(checklist.open_invoices),
        "handover": plan.handover.strip(),
        "recommendation": plan.recommendation.strip(),
        "sender": plan.sender.strip(),
    }


def _invoice(invoice: Invoice, lang: str) -> str:
    amount = format_money(invoice.net, lang, invoice.currency)
    return f"{invoice.number} über {amount}" if lang == "de" else f"{invoice.number} for {amount}"


def _joined(items: list[str], lang: str) -> str:
    """'a, b und c' / 'a, b and c'."""
    if len(items) < 2:
        return "".join(items)
    word = " und " if lang == "de" else " and "
    return ", ".join(items[:-1]) + word + items[-1]


def letter_html(plan: ExitPlan) -> str:
    """The letter as a small standalone HTML page, the text escaped."""
    title = _("Letter to %(name)s") % {"name": plan.customer.name}
    body = linebreaks(plan.letter, autoescape=True)
    lang = letter_language(plan.voice)
    return render_to_string(
        "kaizen/letters/letter.html", {"title": title, "body": body, "lang": lang}
    )


def confirmed_exit(customer: Customer) -> ExitPlan | None:
    return customer.exit_plans.filter(confirmed_at__isnull=False).order_by("-confirmed_at").first()


def warn_if_ended(customer: Customer) -> str | None:
    """A warning for the interaction form when the customer's relationship has ended."""
    if customer.status != Status.ENDED:
        return None
    plan = confirmed_exit(customer)
    if plan is None:
        return _(
            "The relationship with %(name)s has ended. Please log only what the end requires."
        ) % {"name": customer.name}
    return _(
        "The relationship with %(name)s ends on %(date)s (confirmed on %(confirmed)s). "
        "Please log only what the hand-over requires."
    ) % {
        "name": customer.name,
        "date": format_date(plan.end_date, ui_language()),
        "confirmed": format_date(plan.confirmed_at.date(), ui_language()),
    }


def contacts_after_exit(customer: Customer) -> QuerySet[Interaction]:
    """Contacts logged for a time after the exit was confirmed: each one is flagged."""
    plan = confirmed_exit(customer)
    if plan is None:
        return Interaction.objects.none()
    return customer.interactions.filter(at__gte=plan.confirmed_at).order_by("at")
