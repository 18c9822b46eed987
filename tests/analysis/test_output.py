"""The result for people (table) and programs (JSON, CSV)."""

from __future__ import annotations

import csv
import io
import json

from rich.console import Console

from kundenwert.analysis import output
from kundenwert.analysis.metrics import METRIC_KEYS
from kundenwert.analysis.output import AnalysisError, render_csv, render_json, render_table
from tests.analysis.builders import PortfolioBuilder, make_portfolio, run


def sample():
    b = PortfolioBuilder()
    b.customer("a", name="Bäckerei Sommer").invoice("a", net="8000.50")
    b.time_entry("a", minutes=600)
    b.customer("b", name="Kanzlei Berger", group_override="C", override_reason="zu laut")
    b.invoice("b", net=1000).time_entry("b", minutes=60)
    b.customer("c", name="Schläfer KG")
    b.customer("d", name="Klein & Fein").invoice("d", net=100)
    return run(b.build())


def table_text(result, lang: str) -> str:
    console = Console(file=io.StringIO(), width=200, color_system=None)
    render_table(result, lang, console)
    return console.file.getvalue()


def test_the_table_shows_groups_in_order_with_figures_and_explained_reasons():
    text = table_text(sample(), "de")
    assert text.index("Bäckerei Sommer") < text.index("Klein & Fein") < text.index("Kanzlei")
    assert text.index("Kanzlei") < text.index("Schläfer KG")
    assert "8.000,50 €" in text and "10,0 h" in text and "800,05 €" in text
    assert "Gruppe C von Hand gesetzt: zu laut" in text
    assert "inaktiv" in text


def test_the_table_ends_with_the_time_budget_and_the_exit_candidates():
    text = table_text(sample(), "en")
    assert "Time budget" in text and "spontaneous" in text
    budget_at = text.index("Time budget")
    assert text.index("Exit candidates:") > budget_at
    assert "  Kanzlei Berger: group C" in text


def test_a_large_table_is_written_as_aligned_text(monkeypatch):
    monkeypatch.setattr(output, "RICH_TABLE_ROWS", 1)
    text = table_text(sample(), "en")
    header = next(line for line in text.splitlines() if line.startswith("Group"))
    assert "Customer" in header and "Reasons" in header
    row = next(line for line in text.splitlines() if "Bäckerei Sommer" in line)
    assert row.startswith("A") and "€8,000.50" in row
    assert "group C set by hand: zu laut" in text


def test_an_empty_portfolio_prints_a_note_and_an_empty_budget():
    text = table_text(run(make_portfolio()), "de")
    assert "Keine Kunden im Bestand." in text
    assert "Trennungskandidaten: keine" in text


def test_render_json_is_to_json_as_text():
    result = sample()
    assert json.loads(render_json(result)) == result.to_json()


def test_the_csv_has_stable_columns_and_one_row_per_customer():
    rows = list(csv.reader(io.StringIO(render_csv(sample(), "en"))))
    header, body = rows[0], rows[1:]
    assert header == [
        "id",
        "name",
        "group",
        "deciding",
        "exit_candidate",
        "reasons",
        *METRIC_KEYS,
        "explanation",
    ]
    assert [row[0] for row in body] == ["a", "b", "d", "c"]
    a = dict(zip(header, body[0], strict=True))
    assert a["revenue"] == "8000.50"
    assert a["effort_hours"] == "10"
    assert a["exit_candidate"] == "false"
    assert a["reasons"] == "high_revenue proportional_effort"
    assert a["effective_hourly_rate"] == "800.05"
    assert a["mood_avg"] == ""


def test_the_german_csv_uses_semicolons_decimal_commas_and_german_words():
    text = render_csv(sample(), "de")
    rows = list(csv.reader(io.StringIO(text), delimiter=";"))
    header, body = rows[0], rows[1:]
    b = dict(zip(header, body[1], strict=True))
    assert header[0:3] == ["id", "name", "group"]
    assert b["revenue"] == "1000,00"
    assert b["exit_candidate"] == "ja"
    assert b["deciding"] == "override"
    assert b["explanation"].startswith("Gruppe C von Hand gesetzt: zu laut | ")


def test_analysis_error_is_available_from_the_output_module():
    assert issubclass(AnalysisError, Exception)
