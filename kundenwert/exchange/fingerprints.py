"""Content fingerprints for records without a natural key (time entries, interactions, costs).

Two records with the same fingerprint say the same thing, so an import adds a row only
when the file holds more copies of it than the database already does.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from datetime import date, datetime
from decimal import Decimal

SEPARATOR = "\x1f"  # the ASCII unit separator never appears in a CSV cell by accident


def canonical(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, datetime):
        return value.replace(tzinfo=None).isoformat(timespec="seconds")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return f"{value:.2f}"
    return str(value)


def fingerprint(values: Iterable[object]) -> str:
    text = SEPARATOR.join(canonical(v) for v in values)
    return hashlib.sha1(text.encode("utf-8"), usedforsecurity=False).hexdigest()
