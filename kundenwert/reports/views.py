"""Downloads: the annual report (PDF, HTML) and the lists (XLSX, CSV, German CSV).

Owners get everything. Staff get what they see in the app anyway, without money: the
interactions and the follow-ups (their reasons without amounts); the annual report, the
customer list (figures) and the invoices answer them 403, as the owner pages do.
"""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Min
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBadRequest
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _

from kundenwert.activity.models import Interaction, TimeEntry
from kundenwert.analysis import AnalysisError
from kundenwert.billing.models import Invoice
from kundenwert.customers.analysis_service import current_analysis
from kundenwert.customers.forms import CustomerFilterForm
from kundenwert.lib.formatting import language
from kundenwert.planning.data import current_open_followups
from kundenwert.reports import formats, lists
from kundenwert.reports.annual import ReportError, build_annual_report
from kundenwert.reports.document import HTML_POLICY, render_html, render_pdf
from kundenwert.reports.querysets import FilterInvalid, parse_list_filter
from kundenwert.web.language import ui_language
from kundenwert.web.permissions import owner_required

OWNER_LISTS = ("customers", "invoices")
YEARS_OFFERED = 25  # a stray record dated 1950 should not list 76 years
STAFF_LISTS = ("interactions", "followups")


@login_required
def index(request: HttpRequest) -> HttpResponse:
    owner = request.user.is_owner
    return render(
        request,
        "reports/index.html",
        {
            "years": report_years() if owner else [],
            "lists": [*OWNER_LISTS, *STAFF_LISTS] if owner else list(STAFF_LISTS),
        },
    )


def report_years() -> list[int]:
    """This year back to the first year with an invoice, time entry or contact (at most
    YEARS_OFFERED years; an older year is still there by its address)."""
    this_year = timezone.localdate().year
    firsts = [
        Invoice.objects.aggregate(first=Min("issue_date"))["first"],
        TimeEntry.objects.aggregate(first=Min("start"))["first"],
        Interaction.objects.aggregate(first=Min("at"))["first"],
    ]
    first = min((day.year for day in firsts if day), default=this_year)
    first = max(min(first, this_year), this_year - YEARS_OFFERED + 1)
    return list(range(this_year, first - 1, -1))


@owner_required
def annual_report(request: HttpRequest, year: int, fmt: str) -> HttpResponse:
    if fmt not in ("pdf", "html"):
        raise Http404
    lang = _language(request)
    try:
        report = build_annual_report(year, lang)
    except ReportError as exc:
        return HttpResponseBadRequest(str(exc), content_type="text/plain; charset=utf-8")
    name = f"kundenwert-report-{year}-{lang}.{fmt}"
    if fmt == "pdf":
        return _download(render_pdf(report), "application/pdf", name)
    response = HttpResponse(render_html(report), content_type="text/html; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="{name}"'
    response["Content-Security-Policy"] = HTML_POLICY
    return response


@login_required
def export_list(request: HttpRequest, name: str, fmt: str) -> HttpResponse:
    if name not in (*OWNER_LISTS, *STAFF_LISTS) or fmt not in formats.FORMATS:
        raise Http404
    if name in OWNER_LISTS and not request.user.is_owner:
        raise PermissionDenied
    encoding = request.GET.get("encoding", "utf-8")
    try:
        table = _table(request, name)
        rendered = formats.render(table, fmt, ui_language(), encoding)
    except (FilterInvalid, AnalysisError, ValueError) as exc:
        return HttpResponseBadRequest(str(exc), content_type="text/plain; charset=utf-8")
    return _download(rendered.content, rendered.content_type, rendered.filename)


def _table(request: HttpRequest, name: str):
    today = timezone.localdate()
    if name == "customers":
        return _customers(request)
    if name == "followups":
        items = current_open_followups(current_analysis(today))
        return lists.followups_table(items, today, money=request.user.is_owner)
    found = parse_list_filter(request.GET)
    if name == "interactions":
        return lists.interactions_table(found, today)
    return lists.invoices_table(found, today)


def _customers(request: HttpRequest):
    """The customer list as the page shows it, with the page's filters and sort."""
    snapshot = current_analysis()
    if snapshot.current is None:
        raise snapshot.refusal(_("There is no analysis yet."))
    query = CustomerFilterForm(request.GET).list_query()
    return lists.customers_table(snapshot.current, query)


def _language(request: HttpRequest) -> str:
    """?lang=de or en; otherwise, or for anything else, the interface language."""
    try:
        return language(request.GET.get("lang") or ui_language())
    except ValueError:
        return ui_language()


def _download(content: bytes, content_type: str, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
