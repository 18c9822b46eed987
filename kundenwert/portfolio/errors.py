"""What is wrong with a portfolio folder, said so that a spreadsheet user can fix it."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

# Enough to fix a file in one go; a file with more errors usually has one systematic
# mistake (a wrong separator, a German number format) that the first errors already show.
MAX_ERRORS = 100

# A broken quote can swallow megabytes into one value; an error message needs only its start.
MAX_VALUE_CHARS = 200


@dataclass(frozen=True)
class RowError:
    """One problem. `line` is the physical line in the file (the header is line 1); it is
    None for a problem of the whole file, and so are `column` and `value` where they do not
    apply. `message` is written to follow the quoted value. XML, which has no rows, names the
    `element` instead, e.g. "Invoice/IssueDate"."""

    file: str
    line: int | None
    column: str | None
    value: str | None
    message: str
    element: str | None = None

    def __str__(self) -> str:
        where = [self.file]
        if self.line is not None:
            where.append(f"line {self.line}")
        if self.element is not None:
            where.append(f"element {self.element}")
        if self.column is not None:
            where.append(f"column {self.column}")
        what = self.message if self.value is None else f"'{self.value}' {self.message}"
        return f"{', '.join(where)}: {what}"


def shorten(value: str | None) -> str | None:
    if value is None or len(value) <= MAX_VALUE_CHARS:
        return value
    return value[:MAX_VALUE_CHARS] + "…"


class PortfolioInvalid(Exception):
    """A folder that cannot be read. `errors` holds the first MAX_ERRORS problems in file
    and line order; `total` counts all of them."""

    def __init__(self, errors: Iterable[RowError], total: int | None = None) -> None:
        found = list(errors)
        self.errors = found[:MAX_ERRORS]
        self.total = max(total or 0, len(found))
        super().__init__(self._summary())

    def _summary(self) -> str:
        noun = "error" if self.total == 1 else "errors"
        lines = [f"{self.total} {noun} in the portfolio folder:"]
        lines += [f"  {error}" for error in self.errors]
        if self.total > len(self.errors):
            lines.append(f"  … and {self.total - len(self.errors)} more")
        return "\n".join(lines)
