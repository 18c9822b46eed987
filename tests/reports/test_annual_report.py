"""The annual report of the demo portfolio: it renders to PDF, its pages are saved as PNG for
review, and its text holds every A customer with the reasons."""

from __future__ import annotations

import io
import re
import shutil
import subprocess
from datetime import date
from pathlib import Path

import pytest
from django.db import transaction
from django.utils import timezone
from pypdf import PdfReader

from kundenwert.demo import generate_demo
from kundenwert.exchange.services import do_import_portfolio
from kundenwert.lib import formatting
from kundenwert.reports.annual import ReportError, build_annual_report
from kundenwert.reports.document import render_html, render_pdf

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-output" / "report"


@pytest.fixture(scope="module")
def demo_report(django_db_setup, django_db_blocker):
    """The German report of this year for the demo portfolio, built once for the module."""
    today = timezone.localdate()
    with django_db_blocker.unblock(), transaction.atomic():
        do_import_portfolio(generate_demo(today), source="demo portfolio")
        report = build_annual_report(today.year, "de", today)
        pdf = render_pdf(report)
        transaction.set_rollback(True)
    return report, pdf


@pytest.fixture(scope="module")
def pdf_text(demo_report) -> str:
    reader = PdfReader(io.BytesIO(demo_report[1]))
    text = "\n".join(page.extract_text() for page in reader.pages)
    # Words hyphenated at a line end (WeasyPrint puts U+2010 there) joined again, then
    # the lines broken inside a table cell.
    text = re.sub("\u2010\n(?=[a-zäöüß])", "", text)
    text = re.sub("([-\u2010])\n", r"\1", text)
    return re.sub(r"\s+", " ", text)


def test_the_pdf_renders_on_a4_pages_with_page_numbers(demo_report):
    reader = PdfReader(io.BytesIO(demo_report[1]))

    assert len(reader.pages) >= 8
    width, height = (float(v) for v in reader.pages[0].mediabox.upper_right)
    assert (round(width / 72 * 25.4), round(height / 72 * 25.4)) == (210, 297)
    pages = len(reader.pages)
    assert f"Seite 2 von {pages}" in reader.pages[1].extract_text()


def test_the_pages_are_saved_as_png_for_review(demo_report):
    if not shutil.which("pdftoppm"):
        pytest.skip("pdftoppm (poppler-utils) is not installed")
    shutil.rmtree(ARTIFACTS, ignore_errors=True)
    ARTIFACTS.mkdir(parents=True)
    (ARTIFACTS / "annual-report-de.pdf").write_bytes(demo_report[1])

    subprocess.run(
        ["pdftoppm", "-r", "70", "-png", "annual-report-de.pdf", "page"],
        cwd=ARTIFACTS,
        check=True,
        timeout=120,
    )

    pages = len(PdfReader(io.BytesIO(demo_report[1])).pages)
    assert len(list(ARTIFACTS.glob("page-*.png"))) == pages


def test_the_text_holds_every_a_customer_with_the_reasons(demo_report, pdf_text):
    report = demo_report[0]
    in_a = report.current.in_group("A")

    assert in_a
    for customer in in_a:
        assert customer.name in pdf_text
        for code in customer.explained_codes:
            if code != "exit_candidate":
                assert customer.explain(code, "de") in pdf_text, (customer.name, code)


def test_the_contents_list_every_section(pdf_text):
    assert "Inhalt" in pdf_text
    for heading in (
        "Zusammenfassung",
        "Portfolio",
        "Walkurve",
        "Zeitbudget",
        "Zahlungsverhalten",
        "Trennungskandidaten",
        "Muster und Kaizen-Schritte",
        "Wiedervorlagen",
    ):
        assert pdf_text.count(heading) >= 2, heading  # in the contents and as a heading


def test_the_summary_compares_with_the_year_before(demo_report):
    report = demo_report[0]

    revenue = report.summary[0]
    assert revenue.label == "Umsatz"
    assert revenue.change.endswith("%") and revenue.previous != "–"


def test_the_html_report_carries_its_style_and_charts_and_loads_nothing(demo_report):
    page = render_html(demo_report[0])

    assert "<style>" in page and "@page" in page
    for chart in ("portfolio-chart", "whale-chart", "budget-chart"):
        assert f'id="{chart}"' in page
    assert not re.search(r'(src|href)="(https?:)?//', page)
    assert "<script" not in page


def test_a_year_that_has_not_begun_has_no_report(db):
    with pytest.raises(ReportError, match="2031"):
        build_annual_report(2031, "de", date(2026, 11, 23))


def test_an_empty_database_still_gives_a_report_in_english(db):
    report = build_annual_report(2026, "en", date(2026, 11, 23))

    page = render_html(report)
    assert "Customer base review 2026" in page
    assert "No customer in this group." in page
    assert "the year so far, as of 2026-11-23" in page


def test_amounts_in_running_text_are_not_broken_before_their_currency(demo_report):
    report = demo_report[0]
    page = render_html(report)
    amount = formatting.format_money(report.payments.open.amount, "de", report.currency)

    assert " " in amount  # "1.234,56 €": the space that must not break
    assert amount.replace(" ", "\u00a0") + " netto" in page
    assert amount + " netto" not in page
