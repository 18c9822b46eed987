"""The downloads in the web app: owners get everything, staff only what has no money in it."""

from __future__ import annotations

import pytest
from django.urls import reverse

ANNUAL_PDF = ("reports:annual", [2026, "pdf"])


def url(name: str, args: list) -> str:
    return reverse(name, args=args)


@pytest.mark.parametrize(
    ("name", "args"),
    [
        ANNUAL_PDF,
        ("reports:annual", [2026, "html"]),
        ("reports:list", ["customers", "xlsx"]),
        ("reports:list", ["invoices", "csv-de"]),
    ],
)
def test_staff_are_refused_what_holds_revenue_margins_or_rates(staff_client, name, args):
    assert staff_client.get(url(name, args)).status_code == 403


@pytest.mark.parametrize("name", ["interactions", "followups"])
def test_staff_download_interactions_and_follow_ups(staff_client, name):
    response = staff_client.get(url("reports:list", [name, "xlsx"]))

    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment; filename=")


def test_visitors_are_sent_to_sign_in(client):
    response = client.get(url("reports:list", ["interactions", "csv"]))

    assert response.status_code == 302 and reverse("login") in response["Location"]


def test_the_owner_downloads_the_annual_report_as_pdf(demo, owner_client):
    response = owner_client.get(url(*ANNUAL_PDF) + "?lang=en")

    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    assert 'filename="kundenwert-report-2026-en.pdf"' in response["Content-Disposition"]


def test_the_html_report_is_shown_with_its_own_narrow_security_policy(owner_client):
    response = owner_client.get(url("reports:annual", [2026, "html"]))

    assert response.status_code == 200
    policy = response["Content-Security-Policy"]
    assert "style-src 'unsafe-inline'" in policy and "script-src" not in policy
    assert "default-src 'none'" in policy
    assert "Kundenbestandsanalyse 2026" in response.content.decode()


def test_a_report_of_a_future_year_is_a_clear_400(owner_client):
    response = owner_client.get(url("reports:annual", [2999, "pdf"]))

    assert response.status_code == 400 and "2999" in response.content.decode()


def test_an_unknown_list_or_format_is_404(owner_client):
    assert owner_client.get(url("reports:list", ["payments", "csv"])).status_code == 404
    assert owner_client.get(url("reports:list", ["customers", "ods"])).status_code == 404


def test_the_reports_page_offers_each_year_and_list(demo, owner_client, today):
    page = owner_client.get(reverse("reports:index")).content.decode()

    assert url("reports:annual", [today.year, "pdf"]) in page
    assert url("reports:annual", [today.year - 2, "pdf"]) in page  # the demo's first year
    for name in ("customers", "interactions", "invoices", "followups"):
        assert url("reports:list", [name, "xlsx"]) in page
    assert reverse("api:tokens") in page


def test_staff_see_only_their_lists_on_the_reports_page(staff_client):
    page = staff_client.get(reverse("reports:index")).content.decode()

    assert url("reports:list", ["interactions", "xlsx"]) in page
    assert "customers.xlsx" not in page and "annual" not in page
    assert reverse("api:tokens") not in page


def test_the_customer_list_offers_its_own_filtered_list_as_a_file(demo, owner_client):
    page = owner_client.get(reverse("customer_list") + "?group=C").content.decode()

    assert url("reports:list", ["customers", "xlsx"]) + "?group=C" in page
    assert url("reports:list", ["customers", "csv-de"]) + "?group=C&amp;encoding=cp1252" in page


def test_the_dashboard_links_this_years_report_and_the_reports_page(demo, owner_client, today):
    page = owner_client.get(reverse("dashboard")).content.decode()

    assert url("reports:annual", [today.year, "pdf"]) in page
    assert reverse("reports:index") in page


def test_the_today_page_offers_the_follow_ups_as_a_file(staff_client):
    page = staff_client.get(reverse("planning:today")).content.decode()

    assert url("reports:list", ["followups", "xlsx"]) in page
