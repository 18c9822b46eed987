"""The analysis result for people: a table (for programs, JSON and CSV: see machine.py).

* Table: one section per group, A, B, C, then the customers without group (inactive);
  within a group by revenue, highest first. Each customer's reasons are shown explained,
  the deciding rule first when it is not a reason (a hand-set group, a small steady
  customer). Below: the time budget and the exit candidates with why. Up to
  `RICH_TABLE_ROWS` customers this is a rich table with the reasons in the last column,
  when the console is wide enough to give them `REASONS_MIN_WIDTH` cells; on a narrower
  console (a normal terminal, or a pipe, where rich assumes 80) the figures stay on one
  line and each customer's reasons follow on indented lines, wrapped to the width. Figures
  are never cut or wrapped in either layout. Beyond `RICH_TABLE_ROWS`, rich's layout
  (about half a millisecond a row) would take seconds, so the same columns are written as
  aligned plain text straight to the console's file (not through rich's capture).
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from rich.cells import cell_len, chop_cells
from rich.console import Console, JustifyMethod
from rich.table import Table
from rich.text import Text

from kundenwert.analysis.errors import AnalysisError
from kundenwert.analysis.result import AnalysisResult, CustomerResult
from kundenwert.analysis.texts import exit_causes
from kundenwert.lib.formatting import (
    format_date,
    format_hours,
    format_money,
    format_number,
    format_percent,
    language,
)

__all__ = ["AnalysisError", "render_table"]

RICH_TABLE_ROWS = 500
GROUP_ORDER = ("A", "B", "C", None)
# Below this the reasons column wraps every sentence over three or more short lines,
# which reads worse than the sentences on lines of their own under the figures.
REASONS_MIN_WIDTH = 50
# The narrow layout: two spaces between columns, reasons indented under the customer,
# a bullet marking where each reason starts and continuation lines hanging under its text.
GAP = "  "
BULLET = "  • "
HANGING = "    "
# Narrower than this a name would wrap on nearly every row; the line overflows instead.
MIN_NAME_WIDTH = 12
# A unit that follows a figure ("€", "%", "h", "CHF", with trailing punctuation): a line
# is never broken between the two, so "37.875,05 €" and "10,1 %" stay whole.
UNIT = re.compile(r"[^\w\s]+|h\W*|[A-Z]{3}\W*")

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
        _print_customer_table(rows, lang, console)
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


def _print_customer_table(
    rows: list[tuple[list[str], list[str]]], lang: str, console: Console
) -> None:
    """The wide layout when the reasons get a column of their own, else the narrow one."""
    widths = _column_widths(rows, lang)
    if _rich_table_width([*widths, REASONS_MIN_WIDTH]) <= console.width:
        console.print(_rich_table(rows, lang, widths))
    else:
        console.print(_narrow_table(rows, lang, widths, console.width), soft_wrap=True)


def _column_widths(rows: list[tuple[list[str], list[str]]], lang: str) -> list[int]:
    """The cells each column but the reasons needs to show its widest entry whole."""
    widths = [cell_len(LABELS[lang][key]) for key in COLUMNS[:-1]]
    for cells, _ in rows:
        widths = [max(w, cell_len(cell)) for w, cell in zip(widths, cells, strict=True)]
    return widths


def _rich_table_width(content_widths: list[int]) -> int:
    # rich's default box draws a border before every column and after the last, and
    # pads each cell with one space on either side.
    return sum(content_widths) + 3 * len(content_widths) + 1


def _rich_table(rows: list[tuple[list[str], list[str]]], lang: str, widths: list[int]) -> Table:
    labels = LABELS[lang]
    table = Table()
    for key, width in zip(COLUMNS, [*widths, REASONS_MIN_WIDTH], strict=True):
        justify: JustifyMethod = "right" if key in RIGHT_ALIGNED else "left"
        # Fixed columns get their full width, so rich shrinks only the reasons.
        table.add_column(labels[key], justify=justify, no_wrap=key != "reasons", min_width=width)
    previous = None
    for cells, reasons in rows:
        if previous is not None and cells[0] != previous:
            table.add_section()
        previous = cells[0]
        # As Text, not str: rich would read "[...]" in a name or a hand-set reason as markup.
        table.add_row(*map(Text, cells), Text("\n".join(reasons)), style=None)
    return table


def _narrow_table(
    rows: list[tuple[list[str], list[str]]], lang: str, widths: list[int], width: int
) -> Text:
    """Figures on one line per customer, its reasons wrapped on indented lines below.

    The group is a heading over its customers instead of a column, which leaves the
    customer name room; a name longer than its column wraps, the figures never do.
    """
    labels = LABELS[lang]
    figure_widths = widths[2:]
    figures_width = sum(figure_widths) + len(GAP) * len(figure_widths)
    name_width = max(min(width - figures_width, widths[1]), MIN_NAME_WIDTH)
    header = [labels[key] for key in COLUMNS[1:-1]]
    lines = [
        Text(_aligned_line(header, [name_width, *figure_widths]), style="bold"),
        Text("─" * (name_width + figures_width), style="dim"),
    ]
    previous = None
    for cells, reasons in rows:
        if cells[0] != previous:
            if previous is not None:
                lines.append(Text())
            lines.append(Text(_group_heading(cells[0], lang), style="bold"))
        previous = cells[0]
        lines.extend(_narrow_rows(cells, name_width, figure_widths))
        lines.extend(Text(line) for line in _narrow_reasons(reasons, width))
    lines.append(Text())  # a blank line before the time budget, as the wide table's border
    return Text("\n").join(lines)


def _group_heading(label: str, lang: str) -> str:
    if label in GROUP_ORDER:
        return f"{LABELS[lang]['group']} {label}"
    return label[:1].upper() + label[1:]  # the customers without group: "Inaktiv"


def _narrow_rows(cells: list[str], name_width: int, figure_widths: list[int]) -> list[Text]:
    """The customer's name and figures; name lines beyond the first stand alone.

    The name is bold, so in a terminal each customer stands out from its reasons.
    """
    first, *more = _wrap(cells[1], name_width) or [""]
    row = Text(_aligned_line([first, *cells[2:]], [name_width, *figure_widths]))
    row.stylize("bold", 0, len(first))
    return [row, *(Text(line, style="bold") for line in more)]


def _aligned_line(cells: list[str], widths: list[int]) -> str:
    """The first cell left-aligned, the figures right-aligned, two spaces apart."""
    name, *figures = cells
    padded = [_pad(name, widths[0], False)]
    padded += [_pad(cell, w, True) for cell, w in zip(figures, widths[1:], strict=True)]
    return GAP.join(padded).rstrip()


def _narrow_reasons(reasons: list[str], width: int) -> list[str]:
    lines: list[str] = []
    for reason in reasons:
        first, *more = _wrap(reason, width - len(BULLET)) or [""]
        lines.append(BULLET + first)
        lines.extend(HANGING + line for line in more)
    return lines


def _wrap(text: str, width: int) -> list[str]:
    """`text` in lines of at most `width` cells, broken at spaces but never inside a
    figure; a word longer than a line is cut into pieces."""
    lines: list[str] = []
    line = ""
    for word in _unbreakable_words(text):
        candidate = f"{line} {word}" if line else word
        if cell_len(candidate) <= width:
            line = candidate
            continue
        if line:
            lines.append(line)
        *whole, line = chop_cells(word, max(width, 1))
        lines.extend(whole)
    if line:
        lines.append(line)
    return lines


def _unbreakable_words(text: str) -> list[str]:
    """The words of `text`, a unit joined to the figure before it ("1.234,50 €")."""
    words: list[str] = []
    for word in text.split():
        if words and words[-1][-1:].isdigit() and UNIT.fullmatch(word):
            words[-1] += " " + word
        else:
            words.append(word)
    return words


def _plain_table(rows: list[tuple[list[str], list[str]]], lang: str) -> str:
    """The customer table as aligned text; reasons continue on indented lines."""
    labels = LABELS[lang]
    header = [labels[key] for key in COLUMNS[:-1]]
    widths = _column_widths(rows, lang)

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
