"""The result for people (table) and programs (JSON, CSV)."""

from __future__ import annotations

import csv
import io
import json

import pytest
from rich.cells import cell_len
from rich.console import Console

from kundenwert.analysis import output
from kundenwert.analysis.machine import render_csv, render_json
from kundenwert.analysis.metrics import METRIC_KEYS
from kundenwert.analysis.output import AnalysisError, render_table
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


def table_text(result, lang: str, width: int = 200) -> str:
    console = Console(file=io.StringIO(), width=width, color_system=None)
    render_table(result, lang, console)
    return console.file.getvalue()


def one_line(text: str) -> str:
    """The text with its line breaks and indents gone, to find a wrapped sentence."""
    return " ".join(text.split())


def test_the_table_shows_groups_in_order_with_figures_and_explained_reasons():
    text = table_text(sample(), "de")
    assert text.index("Bäckerei Sommer") < text.index("Klein & Fein") < text.index("Kanzlei")
    assert text.index("Kanzlei") < text.index("Schläfer KG")
    assert "8.000,50 €" in text and "10,0 h" in text and "800,05 €" in text
    assert "Gruppe C von Hand gesetzt: zu laut" in text
    assert "inaktiv" in text


@pytest.mark.parametrize("width", [80, 100])
def test_a_narrow_console_shows_whole_figures_and_the_reasons_under_each_customer(width):
    text = table_text(sample(), "de", width)

    row = next(line for line in text.splitlines() if "Bäckerei Sommer" in line)
    assert "8.000,50 €" in row and "10,0 h" in row and "800,05 €" in row and "7.400,50 €" in row
    assert "…" not in text
    sentence = "Umsatz 8.000,50 € (87,9 % des Gesamtumsatzes), der umsatzstärkste Kunde"
    assert sentence in one_line(text)
    # Each customer's reasons come before the next customer.
    assert text.index("Bäckerei Sommer") < text.index("Umsatz 8.000,50 €") < text.index("Klein")
    assert text.index("Kanzlei Berger") < text.index("Gruppe C von Hand gesetzt: zu laut")
    assert all(cell_len(line) <= width for line in text.splitlines())


@pytest.mark.parametrize("width", [80, 100])
def test_a_narrow_console_shows_the_reasons_in_english_too(width):
    text = table_text(sample(), "en", width)

    row = next(line for line in text.splitlines() if "Bäckerei Sommer" in line)
    assert "€8,000.50" in row and "€7,400.50" in row
    assert "revenue €8,000.50 (87.9% of total revenue)" in one_line(text)
    assert "group C set by hand: zu laut" in text
    assert "small customer without issues" in one_line(text)


def test_a_long_name_wraps_and_its_figures_stay_whole_at_80_columns():
    b = PortfolioBuilder()
    name = "Genossenschaft der Obst- und Gemüsebauern im Alten Land eG"
    b.customer("a", name=name).invoice("a", net="12345.67").time_entry("a", minutes=6000)
    text = table_text(run(b.build()), "de", 80)

    lines = text.splitlines()
    at = next(i for i, line in enumerate(lines) if line.startswith("Genossenschaft"))
    assert "12.345,67 €" in lines[at] and "100,0 h" in lines[at]
    assert lines[at].startswith("Genossenschaft der Obst- und ")
    assert lines[at + 1] == "Gemüsebauern im Alten Land eG"
    assert "Umsatz 12.345,67 € (100 % des Gesamtumsatzes)" in one_line(text)
    assert all(cell_len(line) <= 80 for line in text.splitlines())


def test_a_wide_console_keeps_the_reasons_column():
    text = table_text(sample(), "de", 160)

    header = next(line for line in text.splitlines() if "Gründe" in line)
    assert "Gruppe" in header and "Kunde" in header and "Marge" in header
    row = next(line for line in text.splitlines() if "Bäckerei Sommer" in line)
    assert "8.000,50 €" in row and "Umsatz 8.000,50 €" in row


@pytest.mark.parametrize("width", [80, 200])
def test_brackets_in_names_and_reasons_are_shown_as_written(width):
    b = PortfolioBuilder()
    b.customer("a", name="Müller [alt]", group_override="B", override_reason="siehe [Notiz]")
    text = table_text(run(b.invoice("a", net=100).build()), "de", width)

    assert "Müller [alt]" in text
    assert "Gruppe B von Hand gesetzt: siehe [Notiz]" in text


def test_wrapped_reasons_never_part_a_figure_from_its_unit():
    lines = output._wrap("Umsatz 37.875,05 € (10,1 % des Gesamtumsatzes), Rang 2", 18)

    assert lines == ["Umsatz 37.875,05 €", "(10,1 % des", "Gesamtumsatzes),", "Rang 2"]


def test_a_word_longer_than_the_line_is_cut_into_pieces():
    assert output._wrap("Donaudampfschifffahrt ab", 8) == ["Donaudam", "pfschiff", "fahrt ab"]


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
