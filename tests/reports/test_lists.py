"""The list exports hold what the web app shows, and go back in where the columns match."""

from __future__ import annotations

import html
import io
import re
from datetime import timedelta

import openpyxl
from django.urls import reverse
from django.utils import translation

from kundenwert.activity.models import Interaction
from kundenwert.billing.models import Invoice
from kundenwert.customers.analysis_service import current_analysis
from kundenwert.exchange.services import do_import_folder
from kundenwert.importers import detect
from kundenwert.importers.services import do_import_files
from kundenwert.lib.formatting import format_hours, format_money
from kundenwert.planning.data import load_planning_data
from kundenwert.reports import lists
from kundenwert.reports.formats import render
from kundenwert.reports.querysets import ListFilter
from tests.web.conftest import customer, top_customer

INVOICE_FIELDS = ("number", "customer__number", "issue_date", "due_date", "net", "currency")


def download(client, name: str, fmt: str, query: str = ""):
    response = client.get(reverse("reports:list", args=[name, fmt]) + query)
    assert response.status_code == 200, response.content[:300]
    return response


def workbook_rows(content: bytes) -> list[tuple]:
    sheet = openpyxl.load_workbook(io.BytesIO(content)).active
    return list(sheet.iter_rows(values_only=True))


def page_rows(page: str) -> list[tuple[str, list[str]]]:
    """(name, [revenue, effort, margin, rate]) of each row of the customer list page."""
    rows = re.findall(r'<tr>\s*<th scope="row">(.*?)</tr>', page, re.S)
    found = []
    for row in rows:
        name = html.unescape(re.search(r"<a [^>]*>(.*?)</a>", row).group(1))
        figures = [html.unescape(cell) for cell in re.findall(r'<td class="num">(.*?)</td>', row)]
        found.append((name, figures))
    return found


def test_the_customer_workbook_holds_the_figures_of_the_customer_list_page(demo, owner_client):
    page = owner_client.get(reverse("customer_list")).content.decode()
    workbook = workbook_rows(download(owner_client, "customers", "xlsx").content)

    header, rows = workbook[0], workbook[1:]
    with translation.override("de"):
        keys = {column.key: header.index(column.label) for column in lists.customer_columns()}
    shown = page_rows(page)
    assert len(shown) == 50 and len(rows) == 60  # the page shows 50, the file all of them
    for (name, figures), row in zip(shown, rows, strict=False):
        assert row[keys["name"]] == name
        revenue, effort, margin, rate = figures
        assert format_money(row[keys["revenue"]], "de") == revenue
        assert format_hours(row[keys["effort_hours"]], "de") == effort
        assert format_money(row[keys["margin"]], "de") == margin
        rate_value = row[keys["effective_hourly_rate"]]
        assert (format_money(rate_value, "de") if rate_value is not None else "–") == rate


def test_the_customer_workbook_has_groups_reasons_and_their_sentences(demo, owner_client):
    workbook = workbook_rows(download(owner_client, "customers", "xlsx").content)

    with translation.override("de"):
        keys = [column.key for column in lists.customer_columns()]
    row = dict(zip(keys, workbook[1], strict=True))
    top = current_analysis().current.customer(top_customer())  # moves with the date
    assert row["name"] == top.name and row["group"] == "A"
    assert "hoher Umsatz" in row["reasons"]
    assert row["explanation"].split("\n")[0] == top.explain("high_revenue", "de")


def test_the_customer_export_follows_the_list_filters(demo, owner_client):
    workbook = workbook_rows(download(owner_client, "customers", "xlsx", "?group=C").content)

    header, rows = workbook[0], workbook[1:]
    groups = {row[header.index("Gruppe")] for row in rows}
    in_c = current_analysis().current.totals.groups["C"]
    assert groups == {"C"} and len(rows) == in_c > 0


def test_interactions_export_only_the_customer_and_days_asked_for(demo, owner_client, today):
    sommer = customer("K-1001")
    since = today - timedelta(days=90)
    query = f"?customer={sommer.pk}&from={since.isoformat()}&to={today.isoformat()}"

    text = download(owner_client, "interactions", "csv", query).content.decode()

    lines = text.splitlines()[1:]
    expected = Interaction.objects.filter(customer=sommer, at__date__gte=since).count()
    assert len(lines) == expected > 0
    assert all(line.startswith("K-1001,Bäckerei Sommer GmbH,") for line in lines)


def test_a_wrong_filter_is_a_clear_400(demo, owner_client):
    response = owner_client.get(reverse("reports:list", args=["invoices", "csv"]) + "?from=1.1.26")

    assert response.status_code == 400
    assert "from: '1.1.26' is not a date (YYYY-MM-DD)" in response.content.decode()


def test_german_csv_of_invoices_imports_again_through_the_invoice_list_importer(
    demo, tmp_path, today
):
    before = set(Invoice.objects.values_list(*INVOICE_FIELDS, "paid_date"))
    with translation.override("de"):
        table = lists.invoices_table(ListFilter(), today)
        rendered = render(table, "csv-de", "de", "cp1252")
    path = tmp_path / rendered.filename
    path.write_bytes(rendered.content)
    Invoice.objects.all().delete()

    assert detect.detect(path).NAME == "invoice_list"
    report = do_import_files([path])

    assert report.files[0].format == "invoice_list"
    assert set(Invoice.objects.values_list(*INVOICE_FIELDS, "paid_date")) == before


def test_plain_csv_of_invoices_and_interactions_reads_as_a_portfolio_folder(demo, tmp_path, today):
    folder = tmp_path / "portfolio"
    folder.mkdir()
    for name, build in (
        ("invoices", lists.invoices_table),
        ("interactions", lists.interactions_table),
    ):
        (folder / f"{name}.csv").write_bytes(
            render(build(ListFilter(), today), "csv", "de").content
        )

    report = do_import_folder(folder)

    # Every row is found again as it is: nothing added, nothing changed.
    assert report.tables["invoices"].unchanged == Invoice.objects.count()
    assert report.tables["interactions"].unchanged == Interaction.objects.count()
    assert not report.changes


def test_the_windows_1252_download_decodes_and_says_its_charset(demo, owner_client):
    response = download(owner_client, "customers", "csv-de", "?encoding=cp1252")

    assert response["Content-Type"] == "text/csv; charset=windows-1252"
    text = response.content.decode("cp1252")
    assert text.startswith("Kundennummer;Kunde;Status;Gruppe")
    assert "Bäckerei Sommer GmbH" in text


def test_staff_get_follow_ups_without_amounts_and_owners_with(
    demo, owner_client, staff_client, today
):
    items = load_planning_data(today).open_followups()

    for client, money in ((owner_client, True), (staff_client, False)):
        text = download(client, "followups", "csv").content.decode()
        reasons = [item.reason("de", money=money) for item in items]
        assert all(reason in text for reason in reasons)
    assert any(i.reason("de") != i.reason("de", money=False) for i in items)
