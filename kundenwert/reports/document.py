"""The annual report as one self-contained HTML document, and as PDF through WeasyPrint.

The HTML carries its style sheet and charts inline and loads nothing, so the same file
renders in WeasyPrint, opens in a browser from a mail attachment, and prints there. The
style sheet lives in static/kundenwert/report.css (to be read and edited as CSS) and is
copied into the document; the print layout (A4, page numbers, the contents' page numbers,
repeated table headers) is in its @page and print rules, which browsers partly ignore.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from django.template.loader import render_to_string
from django.utils import translation
from django.utils.safestring import mark_safe

from kundenwert.reports.annual import AnnualReport

STYLE_SHEET = Path(__file__).resolve().parent.parent / "static" / "kundenwert" / "report.css"
# For the HTML report served by the web app: its inline style sheet and inline SVG need
# an exception from the pages' policy, and it runs no script and loads nothing.
HTML_POLICY = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'"


@cache
def style_sheet() -> str:
    return STYLE_SHEET.read_text(encoding="utf-8")


def render_html(report: AnnualReport) -> str:
    with translation.override(report.lang):
        return render_to_string(
            "reports/annual.html",
            {
                "report": report,
                "style": mark_safe(style_sheet()),  # noqa: S308 (our own file)
                # The chart modules escape every text they put in; the markup is ours.
                "charts": {k: mark_safe(v) for k, v in report.charts.items()},  # noqa: S308
            },
        )


def render_pdf(report: AnnualReport) -> bytes:
    from weasyprint import HTML  # imported here: it loads Pango, which takes a moment

    return HTML(string=render_html(report)).write_pdf()
