"""Any Table as an Excel workbook: one sheet, typed cells, number formats, a frozen header.

Numbers stay numbers (Excel sums them), dates stay dates, yes/no stays a boolean. The
number formats use Excel's neutral codes, which every Excel shows in its own language
(1.234,56 in a German one); only the date formats follow the table's language, since
Excel would otherwise show ISO dates to a German reader. Written in openpyxl's write-only
mode, so a list of 100,000 rows never sits in memory as cell objects.
"""

from __future__ import annotations

import io
import math
import re
from datetime import datetime
from decimal import Decimal

from django.utils import timezone
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from kundenwert.reports import table as t

CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
HEADER_FONT = Font(bold=True)
HEADER_FILL = PatternFill("solid", fgColor="E8ECF1")
WRAPPED = Alignment(wrap_text=True, vertical="top")
TOP = Alignment(vertical="top")
CELL_TEXT_MAX = 32_767  # characters in one cell, as Excel allows
SHEET_TITLE_BAD = re.compile(r"[\[\]:*?/\\]")
DATE_FORMATS = {"de": ("DD.MM.YYYY", "DD.MM.YYYY HH:MM"), "en": ("YYYY-MM-DD", "YYYY-MM-DD HH:MM")}


def render_xlsx(table: t.Table, lang: str) -> bytes:
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(sheet_title(table.title))
    for position, column in enumerate(table.columns, start=1):
        sheet.column_dimensions[get_column_letter(position)].width = column.xlsx_width
    sheet.freeze_panes = "A2"
    sheet.print_title_rows = "1:1"
    sheet.append([_header_cell(sheet, column.label) for column in table.columns])
    formats = [number_format(column, lang) for column in table.columns]
    rows = 0
    for row in table.rows:
        sheet.append(
            [
                _cell(sheet, column, value, fmt)
                for column, value, fmt in zip(table.columns, row, formats, strict=True)
            ]
        )
        rows += 1
    last = get_column_letter(max(len(table.columns), 1))
    sheet.auto_filter.ref = f"A1:{last}{rows + 1}"
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def sheet_title(title: str) -> str:
    """Excel allows 31 characters and none of []:*?/\\ in a sheet's name."""
    return SHEET_TITLE_BAD.sub("-", title)[:31] or "Export"


def number_format(column: t.Column, lang: str) -> str | None:
    dates = DATE_FORMATS.get(lang, DATE_FORMATS["en"])
    decimals = "." + "0" * column.decimals if column.decimals else ""
    return {
        t.INT: "#,##0",
        t.MONEY: "#,##0.00",
        t.DECIMAL: "#,##0.00",
        t.NUMBER: "#,##0" + decimals,
        t.PERCENT: "0" + decimals + "%",
        t.DATE: dates[0],
        t.DATETIME: dates[1],
    }.get(column.kind)


def _header_cell(sheet, label: str) -> WriteOnlyCell:
    cell = WriteOnlyCell(sheet, value=label)
    cell.font, cell.fill, cell.alignment = HEADER_FONT, HEADER_FILL, WRAPPED
    return cell


def _cell(sheet, column: t.Column, value: object, fmt: str | None) -> WriteOnlyCell:
    cell = WriteOnlyCell(sheet, value=cell_value(column, value))
    if isinstance(cell.value, str):
        # Text stays text: openpyxl would make "=HYPERLINK(…)" typed into a note a live
        # formula in the owner's workbook, and "#N/A" an error value.
        cell.data_type = "s"
    if fmt:
        cell.number_format = fmt
    cell.alignment = WRAPPED if column.kind in (t.LINES, t.CODES) else TOP
    return cell


def cell_value(column: t.Column, value: object) -> object:
    """What the cell holds: a number, date, boolean or text. A text loses the control
    characters a worksheet cannot hold (an escape sequence pasted into a note), which
    openpyxl would refuse with an error, failing the whole download, and what is beyond
    the most Excel opens without calling the file damaged."""
    shown = _typed_value(column, value)
    if isinstance(shown, str):
        return ILLEGAL_CHARACTERS_RE.sub("", shown)[:CELL_TEXT_MAX]
    return shown


def _typed_value(column: t.Column, value: object) -> object:
    if value is None:
        return None
    if isinstance(value, float) and not math.isfinite(value):
        return None
    if column.kind == t.DATETIME and isinstance(value, datetime):
        # Excel has no time zones: the wall-clock time the user saw.
        return timezone.localtime(value).replace(tzinfo=None) if value.tzinfo else value
    if column.kind == t.LINES:
        return "\n".join(value)  # type: ignore[arg-type]
    if column.kind == t.CODES:
        return ", ".join(column.shown(code) for code in value)  # type: ignore[attr-defined]
    if column.kind == t.TEXT and column.choices:
        return column.shown(str(value))
    if isinstance(value, Decimal):
        # openpyxl writes Decimal as a number; keeping it exact up to Excel's 15 digits.
        return value
    return value
