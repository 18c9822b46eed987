"""The list formats by name, as the web and the CLI offer them: xlsx, csv and csv-de."""

from __future__ import annotations

from dataclasses import dataclass, field

from kundenwert.reports import delimited, xlsx
from kundenwert.reports.delimited import Replacement
from kundenwert.reports.table import Table

FORMATS = ("xlsx", "csv", "csv-de")


@dataclass
class Rendered:
    content: bytes
    content_type: str
    filename: str
    replacements: list[Replacement] = field(default_factory=list)


def render(table: Table, fmt: str, lang: str, encoding: str = "utf-8") -> Rendered:
    """The table in format `fmt`; `encoding` is for csv-de only (utf-8 or cp1252).

    Raises ValueError for an unknown format or encoding.
    """
    if fmt == "xlsx":
        return Rendered(xlsx.render_xlsx(table, lang), xlsx.CONTENT_TYPE, f"{table.name}.xlsx")
    if fmt == "csv":
        encoded = delimited.render_csv(table)
    elif fmt == "csv-de":
        encoded = delimited.render_csv_de(table, encoding)
    else:
        raise ValueError(f"unknown format {fmt!r}: use one of {', '.join(FORMATS)}")
    charset = "windows-1252" if encoded.encoding == "cp1252" else "utf-8"
    suffix = "-de" if fmt == "csv-de" else ""
    return Rendered(
        encoded.content,
        delimited.CONTENT_TYPE.format(charset=charset),
        f"{table.name}{suffix}.csv",
        encoded.replacements,
    )
