"""Writing many rows fast: batches, matching by content fingerprint, and what SQLite needs to
take a million time entries in seconds rather than minutes.

The import writes time entries with one executemany per batch instead of model instances,
converts their times to UTC with a cached offset, and, for a large file none of whose rows
the database can hold already, drops the table's indexes and builds them again afterwards.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from datetime import UTC, date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from django.db import connection, models

from kundenwert.activity.models import TimeEntry
from kundenwert.importers.records import TimeEntryRecord

BATCH = 2_000
BULK_ROWS = 50_000  # from here on, rebuilding the indexes beats updating them row by row
SQLITE_CACHE_KIB = 128 * 1024


def batches(items: Iterable[Any], size: int) -> Iterator[list[Any]]:
    batch: list[Any] = []
    for item in items:
        batch.append(item)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch


def new_by_content(
    batch: list[tuple[str, Any]], model: type, matched: Counter[str], added: Counter[str]
) -> list[tuple[str, Any]]:
    """The items of `batch` that are new: those whose fingerprint the database holds fewer
    times than the items so far (`matched` counts the stored copies already claimed,
    `added` those this import added, which never count as stored)."""
    prints = {print_ for print_, _ in batch}
    in_db = stored_counts(model, prints)
    new = []
    for print_, item in batch:
        if in_db[print_] - added[print_] - matched[print_] > 0:
            matched[print_] += 1
        else:
            added[print_] += 1
            new.append((print_, item))
    return new


def stored_counts(model: type, prints: set[str]) -> Counter[str]:
    if not prints:
        return Counter()
    table = model._meta.db_table
    marks = ", ".join(["%s"] * len(prints))
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT fingerprint, COUNT(*) FROM {table} WHERE fingerprint IN ({marks}) "
            "GROUP BY fingerprint",
            list(prints),
        )
        return Counter(dict(cursor.fetchall()))


def stored_by_print(model: type, prints: list[str]) -> dict[str, Any]:
    """The stored records with these fingerprints, queried in batches (SQLite caps the
    number of query parameters)."""
    found: dict[str, Any] = {}
    for batch in batches(sorted(set(prints)), BATCH):
        found.update((r.fingerprint, r) for r in model.objects.filter(fingerprint__in=batch))
    return found


@contextmanager
def without_indexes(model: type) -> Iterator[None]:
    """SQLite: drops the table's indexes for the block and creates them again after it, from
    the statements SQLite keeps for them. On an error the caller's transaction rolls the
    drop back, so they are not created again here."""
    table = model._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT name, sql FROM sqlite_master "
            "WHERE type = 'index' AND tbl_name = %s AND sql IS NOT NULL",
            [table],
        )
        indexes = cursor.fetchall()
        for name, _ in indexes:
            cursor.execute(f"DROP INDEX {connection.ops.quote_name(name)}")
    yield
    with connection.cursor() as cursor:
        for _, sql in indexes:
            cursor.execute(sql)


@contextmanager
def large_page_cache() -> Iterator[None]:
    """SQLite's default page cache (2 MB) turns inserting a million time entries into their
    four indexes into page misses; a larger one for the import's duration halves its time.
    It only grows as far as it is used."""
    if connection.vendor != "sqlite":
        yield
        return
    with connection.cursor() as cursor:
        before = cursor.execute("PRAGMA cache_size").fetchone()[0]
        cursor.execute(f"PRAGMA cache_size = -{SQLITE_CACHE_KIB}")
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            cursor.execute(f"PRAGMA cache_size = {int(before)}")


class TimeEntryInserter:
    """Inserts time entries with one executemany per batch: for a million rows, building
    model instances would cost more than everything else together."""

    def __init__(self, zone: ZoneInfo) -> None:
        self.to_utc = UtcClock(zone)
        meta = TimeEntry._meta
        names = ("fingerprint", "source", "customer", "start", "minutes", "billable", "user_name",
                 "project", "description")  # fmt: skip
        columns = ", ".join(connection.ops.quote_name(meta.get_field(n).column) for n in names)
        marks = ", ".join(["%s"] * len(names))
        table = connection.ops.quote_name(meta.db_table)
        self.sql = f"INSERT INTO {table} ({columns}) VALUES ({marks})"
        self.adapt_time = self._adapt_time()

    def insert(self, items: list[tuple[str, tuple[int, TimeEntryRecord, str]]]) -> None:
        if not items:
            return
        adapt_time, to_utc = self.adapt_time, self.to_utc
        adapt_minutes = connection.ops.adapt_decimalfield_value
        rows = [
            (
                print_,
                source,
                pk,
                adapt_time(to_utc(record.start)),
                adapt_minutes(record.minutes, 10, 2),
                record.billable,
                (record.user or "")[:100],
                (record.project or "")[:200],
                record.description or "",
            )
            for print_, (pk, record, source) in items
        ]
        with connection.cursor() as cursor:
            cursor.executemany(self.sql, rows)

    @staticmethod
    def _adapt_time() -> Callable[[datetime], object]:
        """Django's adaptation of a UTC datetime, without its per-value checks on SQLite,
        where it is the naive UTC time as text (a fifth of the import's time otherwise)."""
        if connection.vendor == "sqlite":
            return str
        adapt = connection.ops.adapt_datetimefield_value
        return lambda value: adapt(value.replace(tzinfo=UTC))


class RowInserter:
    """Inserts rows of `model` given as tuples of field values (in the order of `names`)
    with one executemany per batch, each value adapted by its field's type the way Django
    would: naive wall-clock datetimes in `zone` to UTC, decimals, dates, None in text
    fields as "". For large imports, where building model instances costs the most."""

    def __init__(self, model: type[models.Model], names: Iterable[str], zone: ZoneInfo) -> None:
        fields = [model._meta.get_field(name) for name in names]
        columns = ", ".join(connection.ops.quote_name(f.column) for f in fields)
        marks = ", ".join(["%s"] * len(fields))
        table = connection.ops.quote_name(model._meta.db_table)
        self.sql = f"INSERT INTO {table} ({columns}) VALUES ({marks})"
        self.adapters = [_adapter(f, zone) for f in fields]

    def insert(self, rows: list[tuple]) -> None:
        if not rows:
            return
        adapters = self.adapters
        values = [tuple(adapt(v) for adapt, v in zip(adapters, row, strict=True)) for row in rows]
        with connection.cursor() as cursor:
            cursor.executemany(self.sql, values)


def _adapter(field: models.Field, zone: ZoneInfo) -> Callable[[Any], Any]:
    if isinstance(field, models.DateTimeField):  # before DateField, its parent
        to_utc, adapt_time = UtcClock(zone), TimeEntryInserter._adapt_time()
        return lambda value: None if value is None else adapt_time(to_utc(value))
    if isinstance(field, models.DecimalField):
        adapt, digits, places = (
            connection.ops.adapt_decimalfield_value,
            field.max_digits,
            field.decimal_places,
        )
        return lambda value: None if value is None else adapt(value, digits, places)
    if isinstance(field, models.DateField):
        return connection.ops.adapt_datefield_value
    if isinstance(field, models.CharField | models.TextField):
        return lambda value: "" if value is None else value
    return lambda value: value


class UtcClock:
    """Naive wall-clock time in `zone` → naive UTC, as `replace(tzinfo=zone)` and
    `astimezone(UTC)` would give it, with the zone's offset kept per hour of the calendar:
    a million conversions cost a fifth of what they would. An hour in which the offset
    changes (a clock change not on the full hour) is converted value by value."""

    def __init__(self, zone: ZoneInfo) -> None:
        self.zone = zone
        self.offsets: dict[tuple[date, int], timedelta | None] = {}

    def __call__(self, local: datetime) -> datetime:
        key = (local.date(), local.hour)
        offset = self.offsets.get(key, False)
        if offset is False:
            offset = self.offsets[key] = self._hour_offset(local)
        if offset is None:
            return local.replace(tzinfo=self.zone).astimezone(UTC).replace(tzinfo=None)
        return local - offset

    def _hour_offset(self, local: datetime) -> timedelta | None:
        hour = local.replace(minute=0, second=0, microsecond=0, tzinfo=self.zone)
        first, last = hour.utcoffset(), (hour + timedelta(minutes=59, seconds=59)).utcoffset()
        return first if first == last else None
