"""The customer pages (owners only) and the customer type-ahead (everyone signed in)."""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from kundenwert.activity.services import allowed_channels, known_group, with_last_group
from kundenwert.analysis import CustomerResult
from kundenwert.charts import sparkline
from kundenwert.customers import services
from kundenwert.customers.analysis_service import Snapshot, current_analysis
from kundenwert.customers.forms import (
    CustomerFilterForm,
    GroupOverrideForm,
    InsightForm,
    RatingsForm,
)
from kundenwert.customers.listing import SORTS, customer_page
from kundenwert.customers.models import Customer, GroupRecord
from kundenwert.customers.quarters import quarterly_figures
from kundenwert.customers.reasons import reason_label
from kundenwert.customers.search import search_customers
from kundenwert.customers.timeline import KIND_KEYS, KINDS, timeline
from kundenwert.kaizen.presenters import customer_pattern_rows
from kundenwert.lib import formatting
from kundenwert.web.language import ui_language
from kundenwert.web.permissions import owner_required
from kundenwert.workspace.services import get_settings

HISTORY_ROWS = 20
INSIGHT_ROWS = 50
FILTER_NAMES = ("q", "group", "status", "reason", "exit")
SORT_COLUMNS = (
    ("name", gettext_lazy("Customer")),
    ("group", gettext_lazy("Group")),
    ("revenue", gettext_lazy("Revenue")),
    ("hours", gettext_lazy("Effort")),
    ("margin", gettext_lazy("Margin")),
    ("rate", gettext_lazy("Hourly rate")),
)


@owner_required
def customer_list(request: HttpRequest) -> HttpResponse:
    snapshot = current_analysis()
    form = CustomerFilterForm(request.GET)
    query = form.list_query()
    page = customer_page(snapshot.current.frame, query) if snapshot.current else None
    return render(
        request,
        "customers/list.html",
        {
            "snapshot": snapshot,
            "form": form,
            "query": query,
            "page": page,
            "rows": _with_pks(page.rows, snapshot) if page else [],
            "has_customers": bool(snapshot.customer_pks),
            "columns": sort_columns(request, query),
            "filtered": any(request.GET.get(name) for name in FILTER_NAMES),
        },
    )


def sort_columns(request: HttpRequest, query) -> list[dict]:
    """Each sortable column with the link that sorts by it (again: the other way round)."""
    current = query.sort.lstrip("-")
    columns = []
    for key, label in SORT_COLUMNS:
        params = request.GET.copy()
        params["sort"] = f"-{key}" if query.sort == key else key
        params.pop("page", None)
        descending = SORTS[key][1] != query.sort.startswith("-")
        columns.append(
            {
                "key": key,
                "label": label,
                "url": "?" + params.urlencode(),
                "sort": ("descending" if descending else "ascending") if key == current else "",
                "numeric": key not in ("name", "group"),
            }
        )
    return columns


def _with_pks(rows: list[dict], snapshot: Snapshot) -> list[dict]:
    return [{**row, "pk": snapshot.pk(row["id"])} for row in rows]


@owner_required
def customer_detail(request: HttpRequest, pk: int) -> HttpResponse:
    customer = get_object_or_404(Customer, pk=pk)
    return render(request, "customers/detail.html", detail_context(request, customer))


@owner_required
@require_POST
def customer_ratings(request: HttpRequest, pk: int) -> HttpResponse:
    customer = get_object_or_404(Customer, pk=pk)
    form = RatingsForm(request.POST)
    if not form.is_valid():
        context = detail_context(request, customer, ratings_form=form)
        return render(request, "customers/detail.html", context, status=400)
    services.do_update_customer(customer, request.user, **form.cleaned_data)
    messages.success(request, _("The ratings of %(name)s are saved.") % {"name": customer.name})
    return redirect(reverse("customer_detail", args=[pk]) + "#ratings")


@owner_required
@require_POST
def customer_group(request: HttpRequest, pk: int) -> HttpResponse:
    customer = get_object_or_404(Customer, pk=pk)
    form = GroupOverrideForm(request.POST)
    if not form.is_valid():
        context = detail_context(request, customer, group_form=form)
        return render(request, "customers/detail.html", context, status=400)
    group, reason = form.cleaned_data["group"], form.cleaned_data["reason"]
    services.do_set_group_override(customer, request.user, group, reason)
    if group:
        text = _("%(name)s is now in group %(group)s, set by hand.")
    else:
        text = _("The analysis decides the group of %(name)s again.")
    messages.success(request, text % {"name": customer.name, "group": group})
    return redirect(reverse("customer_detail", args=[pk]) + "#group")


@owner_required
@require_POST
def customer_insight(request: HttpRequest, pk: int) -> HttpResponse:
    customer = get_object_or_404(Customer, pk=pk)
    form = InsightForm(request.POST)
    if not form.is_valid():
        context = detail_context(request, customer, insight_form=form)
        return render(request, "customers/detail.html", context, status=400)
    services.do_add_insight(customer, request.user, **form.cleaned_data)
    messages.success(request, _("The note is saved."))
    return redirect(reverse("customer_detail", args=[pk]) + "#insights")


@login_required
def customer_search(request: HttpRequest) -> JsonResponse:
    """Type-ahead for the interaction form: names and the channels the customer should get.

    Open to staff, so it answers with nothing a staff member may not see: no group, no
    figure, only which channels to use.
    """
    found = with_last_group(search_customers(request.GET.get("q", ""), limit=10))
    rules = get_settings().channel_rules_or_default()
    results = [
        {
            "id": c.pk,
            "name": c.name,
            "number": c.number,
            "channels": allowed_channels(known_group(c), rules),
        }
        for c in found
    ]
    return JsonResponse({"results": results})


# --- the customer page ----------------------------------------------------------------


@dataclass(frozen=True)
class ReasonLine:
    code: str
    label: str
    text: str
    deciding: bool


@dataclass(frozen=True)
class QuarterMetric:
    label: str
    chart: str  # the sparkline over the quarters, oldest to newest


def detail_context(request: HttpRequest, customer: Customer, **forms) -> dict:
    snapshot = current_analysis()
    result = _result_of(snapshot, customer)
    lang = ui_language()
    page = _int(request.GET.get("page"), 1)
    kind = request.GET.get("kind", "")
    return {
        "customer": customer,
        "snapshot": snapshot,
        "result": result,
        "reasons": reason_lines(result, lang) if result else [],
        "quarters": quarter_rows(customer, snapshot, lang),
        "timeline": timeline(customer, page, kind if kind in KIND_KEYS else ""),
        "timeline_kinds": KINDS,
        "contacts": customer.contacts.all(),
        "insights": customer.insights.all()[:INSIGHT_ROWS],
        "history": group_changes(customer),
        "channels": allowed_channels(result.group if result else known_group(customer)),
        "ratings_form": forms.get("ratings_form") or _ratings_form(customer),
        "group_form": forms.get("group_form") or _group_form(customer),
        "insight_form": forms.get("insight_form") or InsightForm(),
        **_pattern_rows(request, customer, lang),
    }


def _pattern_rows(request: HttpRequest, customer: Customer, lang: str) -> dict[str, object]:
    """The kaizen page's pattern table (docs/kaizen-and-exits.md), for owners only: its
    figures include money (credit notes). The page itself is for owners; this keeps it so."""
    if not getattr(request.user, "is_owner", False):
        return {}
    return customer_pattern_rows(customer, timezone.localdate(), lang)


def _result_of(snapshot: Snapshot, customer: Customer) -> CustomerResult | None:
    if snapshot.current is None:
        return None
    try:
        return snapshot.current.customer(customer.number)
    except KeyError:  # added after the snapshot's data version was read
        return None


def reason_lines(result: CustomerResult, lang: str) -> list[ReasonLine]:
    return [
        ReasonLine(code, reason_label(code), result.explain(code, lang), code == result.deciding)
        for code in result.explained_codes
    ]


def quarter_rows(customer: Customer, snapshot: Snapshot, lang: str) -> dict:
    """The quarters as table rows (oldest first, as the sparklines run) and one sparkline
    per figure for the table's head."""
    currency = snapshot.current.currency if snapshot.current else "EUR"
    quarters = quarterly_figures(customer, snapshot.as_of, currency)

    def money(value) -> str:
        return "–" if value is None else formatting.format_money(value, lang, currency)

    figures = (
        ("revenue", _("Revenue"), lambda q: q.revenue, money),
        ("hours", _("Effort"), lambda q: q.hours, lambda v: formatting.format_hours(v, lang)),
        ("rate", _("Effective hourly rate"), lambda q: q.hourly_rate, money),
        ("contacts", _("Contacts"), lambda q: q.contacts, str),
    )
    metrics = []
    for key, label, value, show in figures:
        values = [value(q) for q in quarters]
        title = f"{label}: " + ", ".join(
            f"{q.label} {show(v)}" for q, v in zip(quarters, values, strict=True)
        )
        line = sparkline([None if v is None else float(v) for v in values], title, f"spark-{key}")
        metrics.append(QuarterMetric(label, mark_safe(line)))  # noqa: S308 (escaped inside)
    rows = [
        {"label": q.label, "values": [show(value(q)) for _key, _label, value, show in figures]}
        for q in quarters
    ]
    return {"metrics": metrics, "rows": rows}


def group_changes(customer: Customer) -> list[GroupRecord]:
    """The saved analyses where the group changed (the first one included), newest first.

    The history keeps one record per day someone looked; the owner wants to see moves.
    """
    history = GroupRecord.objects.filter(customer=customer).order_by("as_of", "saved_at")
    records = list(history.only("as_of", "group", "reasons", "exit_candidate"))
    changes = [r for i, r in enumerate(records) if i == 0 or r.group != records[i - 1].group]
    return changes[::-1][:HISTORY_ROWS]


def _ratings_form(customer: Customer) -> RatingsForm:
    return RatingsForm(
        initial={
            "potential": customer.potential or "",
            "useful": customer.useful,
            "heart": customer.heart,
        }
    )


def _group_form(customer: Customer) -> GroupOverrideForm:
    return GroupOverrideForm(
        initial={"group": customer.group_override, "reason": customer.override_reason}
    )


def _int(value: str | None, default: int) -> int:
    try:
        return max(int(value or default), 1)
    except ValueError:
        return default
