"""The analysis result for programs: JSON and CSV.

Kept apart from the table (output.py) so that a JSON or CSV run never imports rich.

* JSON: `result.to_json()` (see result.py) as UTF-8, one customer and one whale curve
  point per line, written by polars.
* CSV: one row per customer in the result's order. The header is the same stable field
  codes in every language: id, name, group, deciding, exit_candidate, reasons, every
  metric (metrics.METRIC_KEYS), explanation. The language sets the dialect a spreadsheet
  of that language opens without help: 'en' is comma-separated with a decimal point and
  true/false; 'de' is semicolon-separated with a decimal comma and ja/nein. Reason codes
  are separated by spaces, explanations by " | ". Money has two decimals, other numbers
  are rounded as in the JSON, never in scientific notation, and absent figures are empty.
"""

from __future__ import annotations

import io
import json
from typing import BinaryIO

import polars as pl

from kundenwert.analysis.metrics import METRICS
from kundenwert.analysis.result import AnalysisResult, json_expr
from kundenwert.lib.formatting import language

__all__ = ["render_csv", "render_json", "write_json"]

JSON_KEYS = (
    *("as_of", "period", "settings", "customers", "budget"),  # method.md's
    *("whale_curve", "totals", "deciding"),  # ours (see result.py)
)


def render_json(result: AnalysisResult) -> str:
    """`result.to_json()` as text; the long arrays are written by polars, a row a line."""
    text = io.BytesIO()
    write_json(result, text)
    return text.getvalue().decode("utf-8")


def write_json(result: AnalysisResult, out: BinaryIO) -> None:
    """The UTF-8 bytes of `render_json` written to `out` as they are made: with 20,000
    customers they are about 15 MB, which never become a Python string (for text with an
    "ü" that would be a second copy) or one piece of bytes."""
    head = result.head_json()
    arrays = {"customers": result.customers_json_frame, "whale_curve": result.whale_json_frame}
    for position, key in enumerate(JSON_KEYS):
        out.write(("{\n" if position == 0 else ",\n").encode() + _dumps(key) + b": ")
        if key in arrays:
            _write_array(arrays[key](), out)
        else:
            out.write(_dumps(head[key]))
    out.write(b"\n}\n")


def _dumps(value: object) -> bytes:
    return json.dumps(value, ensure_ascii=False).encode()


def _write_array(frame: pl.DataFrame, out: BinaryIO) -> None:
    """A JSON array, an object a line, written by polars: the objects as a column of JSON
    text, written as a CSV file of one column without quotes, each line but the last
    ending in a comma (a JSON text holds no raw line break)."""
    if frame.height == 0:
        out.write(b"[]")
        return
    lines = frame.select(pl.struct(pl.all()).struct.json_encode())
    out.write(b"[\n")
    for part, end in ((lines.head(-1), ",\n"), (lines.tail(1), "\n")):
        part.write_csv(out, include_header=False, quote_style="never", line_terminator=end)
    out.write(b"]")


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
