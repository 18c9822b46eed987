"""The analysis result for people (a table) and for programs (JSON, CSV).

* Table: one section per group, A, B, C, then the customers without group (inactive);
  within a group by revenue, highest first. Each customer's reasons are shown explained,
  the deciding rule first when it is not a reason (a hand-set group, a small steady
  customer). Below: the time budget and the exit candidates with why. Up to
  `RICH_TABLE_ROWS` customers this is a rich table; beyond, rich's layout (about half a
  millisecond a row) would take seconds, so the same columns are written as aligned
  plain text straight to the console's file (not through rich's capture).
* JSON: `result.to_json()` (see result.py) as UTF-8 text, one customer and one whale
  curve point per line, written by polars.
* CSV: one row per customer in the result's order. The header is the same stable field
  codes in every language: id, name, group, deciding, exit_candidate, reasons, every
  metric (metrics.METRIC_KEYS), explanation. The language sets the dialect a spreadsheet
  of that language opens without help: 'en' is comma-separated with a decimal point and
  true/false; 'de' is semicolon-separated with a decimal comma and ja/nein. Reason codes
  are separated by spaces, explanations by " | ". Money has two decimals, other numbers
  are rounded as in the JSON, never in scientific notation, and absent figures are empty.
"""

from __future__ import annotations

import json
from collections.abc import Iterable

import polars as pl
from rich.cells import cell_len
from rich.console import Console, JustifyMethod
from rich.table import Table

from kundenwert.analysis.errors import AnalysisError
from kundenwert.analysis.metrics import METRICS
from kundenwert.analysis.result import AnalysisResult, CustomerResult, json_expr
from kundenwert.analysis.texts import exit_causes
from kundenwert.lib.formatting import (
    format_date,
    format_hours,
    format_money,
    format_number,
    format_percent,
    language,
)

__all__ = ["AnalysisError", "render_csv", "render_json", "render_table"]

RICH_TABLE_ROWS = 500
GROUP_ORDER = ("A", "B", "C", None)

LABELS = {
    "de": {
        "title": "Kundenbestandsanalyse {start} – {end} (Stand {as_of})",
        "group": "Gruppe",
        "customer": "Kunde",
        "revenue": "Umsatz",
        "effort": "Aufwand",
        "rate": "Stundensatz",
        "margin": "Marge",
        "reasons": "Gründe",
        "inactive": "inaktiv",
        "budget": "Zeitbudget",
        "target": "Ziel",
        "hours": "Stunden",
        "share": "Anteil",
        "spontaneous": "spontan",
        "exits": "Trennungskandidaten",
        "no_exits": "keine",
        "no_customers": "Keine Kunden im Bestand.",
        "excluded": "{n} Rechnungen in anderen Währungen als {currency} nicht berücksichtigt.",
    },
    "en": {
        "title": "Customer base analysis {start} – {end} (as of {as_of})",
        "group": "Group",
        "customer": "Customer",
        "revenue": "Revenue",
        "effort": "Effort",
        "rate": "Hourly rate",
        "margin": "Margin",
        "reasons": "Reasons",
        "inactive": "inactive",
        "budget": "Time budget",
        "target": "Target",
        "hours": "Hours",
        "share": "Share",
        "spontaneous": "spontaneous",
        "exits": "Exit candidates",
        "no_exits": "none",
        "no_customers": "No customers in the portfolio.",
        "excluded": "{n} invoices in currencies other than {currency} left out.",
    },
}
COLUMNS = ("group", "customer", "revenue", "effort", "rate", "margin", "reasons")
RIGHT_ALIGNED = frozenset({"revenue", "effort", "rate", "margin"})


def render_table(result: AnalysisResult, lang: str, console: Console) -> None:
    """Print the customers by group, then the time budget and the exit candidates."""
    lang = language(lang)
    labels = LABELS[lang]
    console.print(_title(result, lang), highlight=False)
    rows = list(_table_rows(result, lang))
    if not rows:
        console.print(labels["no_customers"])
    elif len(rows) <= RICH_TABLE_ROWS:
        console.print(_rich_table(rows, lang))
    else:
        console.file.write(_plain_table(rows, lang))
    console.print(_budget_table(result, lang))
    _print_exit_candidates(result, lang, console)
    if result.totals.excluded_invoices:
        n, currency = result.totals.excluded_invoices, result.currency
        console.print(labels["excluded"].format(n=n, currency=currency), highlight=False)


def _title(result: AnalysisResult, lang: str) -> str:
    return LABELS[lang]["title"].format(
        start=format_date(result.period.start, lang),
        end=format_date(result.period.end, lang),
        as_of=format_date(result.as_of, lang),
    )


def _table_rows(result: AnalysisResult, lang: str) -> Iterable[tuple[list[str], list[str]]]:
    """(cells, reason lines) per customer, group by group."""
    for group in GROUP_ORDER:
        label = group or LABELS[lang]["inactive"]
        for c in result.in_group(group):
            yield [label, c.name, *_figures(c, lang)], _reason_lines(c, lang)


def _figures(c: CustomerResult, lang: str) -> list[str]:
    m = c.metrics
    rate = m["effective_hourly_rate"]
    return [
        format_money(m["revenue"], lang, c.currency),  # type: ignore[arg-type]
        format_hours(m["effort_hours"], lang),  # type: ignore[arg-type]
        "–" if rate is None else format_money(rate, lang, c.currency),
        format_money(m["margin"], lang, c.currency),  # type: ignore[arg-type]
    ]


def _reason_lines(c: CustomerResult, lang: str) -> list[str]:
    return [c.explain(code, lang) for code in c.explained_codes if code != "exit_candidate"]


def _rich_table(rows: list[tuple[list[str], list[str]]], lang: str) -> Table:
    labels = LABELS[lang]
    table = Table()
    for key in COLUMNS:
        justify: JustifyMethod = "right" if key in RIGHT_ALIGNED else "left"
        table.add_column(labels[key], justify=justify, no_wrap=key != "reasons")
    previous = None
    for cells, reasons in rows:
        if previous is not None and cells[0] != previous:
            table.add_section()
        previous = cells[0]
        table.add_row(*cells, "\n".join(reasons), style=None)
    return table


def _plain_table(rows: list[tuple[list[str], list[str]]], lang: str) -> str:
    """The customer table as aligned text; reasons continue on indented lines."""
    labels = LABELS[lang]
    header = [labels[key] for key in COLUMNS[:-1]]
    widths = [cell_len(h) for h in header]
    for cells, _ in rows:
        widths = [max(w, cell_len(cell)) for w, cell in zip(widths, cells, strict=True)]

    def line(cells: list[str]) -> str:
        padded = [
            _pad(cell, width, key in RIGHT_ALIGNED)
            for key, cell, width in zip(COLUMNS, cells, widths, strict=False)
        ]
        return "  ".join(padded)

    indent = " " * (sum(widths) + 2 * len(widths))
    out = [line(header) + "  " + labels["reasons"], "-" * (len(indent) + 40)]
    previous = None
    for cells, reasons in rows:
        if previous is not None and cells[0] != previous:
            out.append("")
        previous = cells[0]
        first, *more = reasons or [""]
        out.append(line(cells) + "  " + first)
        out.extend(indent + reason for reason in more)
    return "\n".join(out) + "\n"


def _pad(text: str, width: int, right: bool) -> str:
    fill = " " * (width - cell_len(text))
    return fill + text if right else text + fill


def _budget_table(result: AnalysisResult, lang: str) -> Table:
    labels = LABELS[lang]
    table = Table(title=labels["budget"])
    table.add_column(labels["group"])
    for key in ("target", "hours", "share"):
        table.add_column(labels[key], justify="right")
    for key, line in result.budget.items():
        table.add_row(
            labels["spontaneous"] if key == "spontaneous" else key,
            format_percent(line.target, lang, 0),
            format_number(line.actual_hours, lang, 1),
            format_percent(line.actual_share, lang, 1),
        )
    return table


def _print_exit_candidates(result: AnalysisResult, lang: str, console: Console) -> None:
    labels = LABELS[lang]
    candidates = result.exit_candidates
    console.print(f"{labels['exits']}:" + ("" if candidates else f" {labels['no_exits']}"))
    lines = [f"  {c.name}: {exit_causes(c, lang)}" for c in candidates]
    if len(lines) > RICH_TABLE_ROWS:
        console.file.write("\n".join(lines) + "\n")
    elif lines:
        console.print("\n".join(lines), highlight=False, markup=False)


def render_json(result: AnalysisResult) -> str:
    """`result.to_json()` as text; the long arrays are written by polars, a row a line."""
    head = result.head_json()
    parts = {
        "as_of": json.dumps(head["as_of"]),
        "period": json.dumps(head["period"]),
        "settings": json.dumps(head["settings"]),
        "customers": _json_array(result.customers_json_frame()),
        "budget": json.dumps(head["budget"]),
        "whale_curve": _json_array(result.whale_json_frame()),
        "totals": json.dumps(head["totals"]),
        "deciding": json.dumps(head["deciding"], ensure_ascii=False),
    }
    body = ",\n".join(f"{json.dumps(key)}: {value}" for key, value in parts.items())
    return "{\n" + body + "\n}\n"


def _json_array(frame: pl.DataFrame) -> str:
    if frame.height == 0:
        return "[]"
    return "[\n" + ",\n".join(frame.write_ndjson().splitlines()) + "\n]"


def render_csv(result: AnalysisResult, lang: str) -> str:
    """One row per customer with stable columns (see the module docstring)."""
    lang = language(lang)
    german = lang == "de"
    yes, no = ("ja", "nein") if german else ("true", "false")
    explanations = [
        " | ".join(c.explain(code, lang) for code in c.explained_codes) for c in result.customers
    ]
    table = result.frame.select(
        "id",
        "name",
        pl.col("group").fill_null(""),
        "deciding",
        pl.when(pl.col("exit_candidate"))
        .then(pl.lit(yes))
        .otherwise(pl.lit(no))
        .alias("exit_candidate"),
        pl.col("reasons").list.join(" "),
        *(_csv_expr(m.name, m.kind, m.column, german) for m in METRICS),
        explanation=pl.Series(explanations, dtype=pl.String),
    )
    return table.write_csv(
        separator=";" if german else ",",
        decimal_comma=german,
        float_scientific=False,
        line_terminator="\n",
    )


def _csv_expr(name: str, kind: str, column: str, german: bool) -> pl.Expr:
    if kind != "money":
        return json_expr(next(m for m in METRICS if m.name == name)).alias(name)
    # Exact cents as text with two decimals, never through a float.
    cents = pl.col(column)
    whole, fraction = (cents.abs() // 100).cast(pl.String), (cents.abs() % 100).cast(pl.String)
    sign = pl.when(cents < 0).then(pl.lit("-")).otherwise(pl.lit(""))
    point = "," if german else "."
    return pl.format("{}{}" + point + "{}", sign, whole, fraction.str.zfill(2)).alias(name)
