"""The exporters of the web app's lists: customers, interactions, invoices, follow-ups.

Each returns a `Table` (table.py) in the active language: build it inside
`translation.override(lang)` for another one. The customer list is the web list's own
frame, filtered and sorted as the page does (kundenwert.customers.listing), so the file
holds the figures the page shows, for every page at once. Rows are generators over
chunked querysets, so a long list is streamed into the file, never held twice.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from datetime import date

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from kundenwert.activity.models import Channel, Complaint, Direction
from kundenwert.analysis import AnalysisResult, CustomerResult
from kundenwert.analysis.texts import exit_causes
from kundenwert.customers.listing import ListQuery, filtered, sorted_frame
from kundenwert.customers.models import Status
from kundenwert.customers.reasons import REASON_LABELS
from kundenwert.followups import Followup
from kundenwert.followups.output import KIND_LABELS
from kundenwert.reports import querysets
from kundenwert.reports import table as t
from kundenwert.reports.querysets import ListFilter
from kundenwert.web.language import ui_language

CHUNK = 2000

# The analysis figures of the customer list: (metric, label, kind, decimals).
FIGURES = (
    ("revenue", gettext_lazy("Revenue"), t.MONEY, 2),
    ("effort_hours", gettext_lazy("Effort (hours)"), t.NUMBER, 2),
    ("cost", gettext_lazy("Cost"), t.MONEY, 2),
    ("margin", gettext_lazy("Margin"), t.MONEY, 2),
    ("effective_hourly_rate", gettext_lazy("Effective hourly rate"), t.MONEY, 2),
    ("revenue_share", gettext_lazy("Share of revenue"), t.PERCENT, 1),
    ("effort_share", gettext_lazy("Share of effort"), t.PERCENT, 1),
    ("effort_ratio", gettext_lazy("Effort ratio"), t.NUMBER, 2),
    ("invoices", gettext_lazy("Invoices"), t.INT, 0),
    ("late_invoices", gettext_lazy("Invoices paid late"), t.INT, 0),
    ("avg_days_late", gettext_lazy("Average days late"), t.NUMBER, 1),
    ("price_negotiations", gettext_lazy("Price negotiations"), t.INT, 0),
    ("unjustified_complaints", gettext_lazy("Complaints without cause"), t.INT, 0),
    ("out_of_scope_requests", gettext_lazy("Out-of-scope requests"), t.INT, 0),
    ("unplanned_calls", gettext_lazy("Unplanned calls"), t.INT, 0),
    ("mood_avg", gettext_lazy("Average mood"), t.NUMBER, 2),
    ("offers_sent", gettext_lazy("Offers sent"), t.INT, 0),
    ("offers_accepted", gettext_lazy("Offers accepted"), t.INT, 0),
)


def _labels(choices) -> dict[str, str]:
    return {str(code): str(label) for code, label in choices}


# --- customers ------------------------------------------------------------------------


def customers_table(result: AnalysisResult, query: ListQuery | None = None) -> t.Table:
    """Every customer the list shows for `query` (all of them without), in its order."""
    query = query or ListQuery()
    lang = ui_language()
    found = sorted_frame(filtered(result.frame, query), query.sort)
    customers = (result.customer(number) for number in found["id"])
    return t.Table(
        name=f"kundenwert-customers-{result.as_of.isoformat()}",
        title=_("Customers"),
        columns=customer_columns(),
        rows=(customer_row(c, lang) for c in customers),
    )


def customer_columns() -> list[t.Column]:
    reasons = {code: str(label) for code, label in REASON_LABELS.items()}
    return [
        t.Column("id", _("Customer number"), width=14),
        t.Column("name", _("Customer"), width=30),
        t.Column("status", _("Status"), choices=_labels(Status.choices), width=10),
        t.Column("group", _("Group"), width=8),
        t.Column("deciding", _("Deciding rule"), choices=reasons, width=22),
        t.Column("reasons", _("Reasons"), t.CODES, choices=reasons),
        t.Column("explanation", _("Reasons explained"), t.LINES),
        t.Column("exit_candidate", _("Exit candidate"), t.BOOL),
        t.Column("exit_causes", _("Why an exit candidate"), width=40),
        t.Column("currency", _("Currency"), width=9),
        *(t.Column(key, str(label), kind, decimals) for key, label, kind, decimals in FIGURES),
    ]


def customer_row(c: CustomerResult, lang: str) -> list[object]:
    explained = [c.explain(code, lang) for code in c.explained_codes if code != "exit_candidate"]
    figures = [c.metrics.get(key) for key, *_rest in FIGURES]
    return [
        c.id,
        c.name,
        c.status,
        c.group,
        c.deciding,
        list(c.reasons),
        explained,
        c.exit_candidate,
        exit_causes(c, lang) if c.exit_candidate else "",
        c.currency,
        *figures,
    ]


# --- interactions, invoices -----------------------------------------------------------


def interactions_table(found: ListFilter, today: date) -> t.Table:
    rows = querysets.interactions(found).iterator(chunk_size=CHUNK)
    return t.Table(
        name=f"kundenwert-interactions-{today.isoformat()}",
        title=_("Interactions"),
        columns=[
            t.Column("customer_id", _("Customer number"), width=14),
            t.Column("customer", _("Customer"), width=30),
            t.Column("at", _("When"), t.DATETIME),
            t.Column("channel", _("Channel"), choices=_labels(Channel.choices), width=10),
            t.Column("direction", _("Direction"), choices=_labels(Direction.choices), width=11),
            t.Column("planned", _("Planned"), t.BOOL),
            t.Column("minutes", _("Minutes"), t.DECIMAL),
            t.Column("tracked", _("Already in time tracking"), t.BOOL, width=12),
            t.Column("out_of_scope", _("Out-of-scope request"), t.BOOL, width=12),
            t.Column("price_negotiation", _("Price negotiation"), t.BOOL, width=12),
            t.Column("complaint", _("Complaint"), choices=_labels(Complaint.choices), width=12),
            t.Column("mood", _("Mood"), t.INT, width=8),
            t.Column("user", _("Logged by"), width=14),
            t.Column("note", _("Note"), width=50),
        ],
        rows=(
            [
                x.customer.number,
                x.customer.name,
                x.at,
                x.channel,
                x.direction,
                x.planned,
                x.minutes,
                x.tracked,
                x.out_of_scope,
                x.price_negotiation,
                x.complaint,
                x.mood,
                x.user_name,
                x.note,
            ]
            for x in rows
        ),
    )


def invoices_table(found: ListFilter, today: date) -> t.Table:
    """The headers are names the invoice-list importer knows, in German and English, so
    the German CSV can be imported again (kundenwert.importers.invoice_list)."""
    rows = querysets.invoices(found).iterator(chunk_size=CHUNK)
    return t.Table(
        name=f"kundenwert-invoices-{today.isoformat()}",
        title=_("Invoices"),
        columns=[
            t.Column("number", _("Invoice Number"), width=16),
            t.Column("customer_id", _("Customer number"), width=14),
            t.Column("customer", _("Customer"), width=30),
            t.Column("issue_date", _("Invoice Date"), t.DATE),
            t.Column("due_date", _("Due Date"), t.DATE),
            t.Column("net", _("Net Amount"), t.MONEY),
            t.Column("currency", _("Currency"), width=9),
            t.Column("paid_date", _("Paid Date"), t.DATE),
        ],
        rows=(
            [
                i.number,
                i.customer.number,
                i.customer.name,
                i.issue_date,
                i.due_date,
                i.net,
                i.currency,
                i.paid_date,
            ]
            for i in rows
        ),
    )


# --- follow-ups -----------------------------------------------------------------------


def followups_table(items: Sequence[Followup], as_of: date, *, money: bool) -> t.Table:
    """The open follow-ups as method.md section 4 lists them; `money` False leaves the
    amounts out of the reasons (for staff)."""
    lang = ui_language()
    return t.Table(
        name=f"kundenwert-followups-{as_of.isoformat()}",
        title=_("Follow-ups"),
        columns=[
            t.Column("due", _("Due"), t.DATE),
            t.Column("kind", _("Kind"), choices=KIND_LABELS[lang], width=20),
            t.Column("customer_id", _("Customer number"), width=14),
            t.Column("customer", _("Customer"), width=30),
            t.Column("ref", _("Refers to"), width=20),
            t.Column("reason", _("Reason"), width=70),
        ],
        rows=_followup_rows(items, lang, money),
    )


def _followup_rows(items: Sequence[Followup], lang: str, money: bool) -> Iterator[list]:
    for item in items:
        reason = item.reason(lang, money=money)
        yield [item.due, item.kind, item.customer_id, item.customer, item.ref, reason]
