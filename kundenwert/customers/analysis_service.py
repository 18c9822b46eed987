"""The analysis behind the web pages: computed when the data changed, else kept in memory.

`current_analysis()` answers from memory as long as the data version (the newest
ChangeRecord — every service write records one, imports too — and the newest admin log
entry, since the Django admin writes past the services), the as-of date and the analysis
settings are the same. Otherwise it loads the database, analyses the period and the one
before it (for the key figures' change), saves the group history, and keeps the result.

Each server process keeps its own copy (a few MB for 5,000 customers); a lock makes
concurrent requests of one process wait for one computation instead of starting several.
The group history's own ChangeRecord is left out of the data version, or saving the
history would make the next request compute everything again.
"""

from __future__ import annotations

import threading
import time
from collections import OrderedDict
from dataclasses import dataclass, field
from datetime import date, timedelta

from django.contrib.admin.models import LogEntry
from django.db import connection
from django.utils import timezone

from kundenwert.accounts.models import ChangeRecord
from kundenwert.analysis import AnalysisError, AnalysisResult, AnalysisSettings, Period, analyze
from kundenwert.customers.models import Customer
from kundenwert.customers.services import do_save_group_history
from kundenwert.exchange.loader import load_for_analysis
from kundenwert.web.language import ui_language
from kundenwert.workspace.services import analysis_settings

# Changes that cannot move any figure: the history this module saves, user preferences,
# the notes on what occupies a customer.
NOT_ANALYSIS_INPUT = ("group history", "accounts.User", "customers.Insight")
KEEP = 4  # snapshots per process: today's, and a few other as-of dates someone looked at


@dataclass
class Snapshot:
    key: tuple
    as_of: date
    current: AnalysisResult | None
    previous: AnalysisResult | None
    customer_pks: dict[str, int]  # customer number -> primary key, for links
    # Why there is no result (e.g. invoices in several currencies).
    problem: AnalysisError | None = None
    seconds: float = 0.0  # how long the computation took
    derived: dict = field(default_factory=dict)  # things pages build once per snapshot

    @property
    def error(self) -> str:
        """Why there is no result, in the page's language; "" when there is one."""
        return self.problem.text(ui_language()) if self.problem is not None else ""

    def refusal(self, otherwise: str) -> AnalysisError:
        """What to raise for a snapshot without a result: its problem, with a traceback
        of its own each time (raised again as it is, the kept exception's traceback would
        grow with every request), else an AnalysisError saying `otherwise`."""
        if self.problem is None:
            return AnalysisError(otherwise)
        return self.problem.with_traceback(None)

    def pk(self, number: str) -> int | None:
        return self.customer_pks.get(number)

    def memo(self, key, build):
        """`build()` once per snapshot and key: charts per language, filter results."""
        if key not in self.derived:
            self.derived[key] = build()
        return self.derived[key]


_lock = threading.Lock()
_snapshots: OrderedDict[tuple, Snapshot] = OrderedDict()


def current_analysis(as_of: date | None = None) -> Snapshot:
    as_of = as_of or timezone.localdate()
    settings = analysis_settings()
    key = (data_version(), as_of, settings)
    snapshot = _snapshots.get(key)
    if snapshot is not None:
        return snapshot
    with _lock:
        snapshot = _snapshots.get(key) or _compute(key, as_of, settings)
        _snapshots[key] = snapshot
        while len(_snapshots) > KEEP:
            _snapshots.popitem(last=False)
    return snapshot


def data_version() -> tuple:
    """The newest ChangeRecord that can move a figure and the newest admin log entry, each
    by id and time, in one query.

    The times tell a database restored from a backup apart: after a restore, new changes
    take the ids the kept analysis may have seen before, but not their times.
    """
    changes = ChangeRecord._meta.db_table
    admin = LogEntry._meta.db_table
    skipped = ", ".join(["%s"] * len(NOT_ANALYSIS_INPUT))
    newest_change = f"FROM {changes} WHERE model NOT IN ({skipped}) ORDER BY id DESC LIMIT 1"
    newest_entry = f"FROM {admin} ORDER BY id DESC LIMIT 1"
    # Newest first by primary key: the database stops at the first row that counts.
    sql = (
        f"SELECT (SELECT id {newest_change}), (SELECT at {newest_change}), "
        f"(SELECT id {newest_entry}), (SELECT action_time {newest_entry})"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, NOT_ANALYSIS_INPUT * 2)
        return tuple(cursor.fetchone())


def forget() -> None:
    """Drops every kept result (tests use this between databases)."""
    with _lock:
        _snapshots.clear()


def _compute(key: tuple, as_of: date, settings: AnalysisSettings) -> Snapshot:
    started = time.perf_counter()
    period = Period.ending(as_of, settings.period_days)
    before = Period.ending(period.start - timedelta(days=1), period.days)
    try:
        current = analyze(load_for_analysis(period), settings, as_of, period)
        previous = analyze(load_for_analysis(before), settings, before.end, before)
    except AnalysisError as exc:
        # Without its traceback: kept, it would keep the analysis's frames (and their
        # frames of records) alive as long as the snapshot.
        return Snapshot(key, as_of, None, None, _customer_pks(), problem=exc.with_traceback(None))
    # Read after the analysis, so that every customer it saw has its key here.
    pks = _customer_pks()
    do_save_group_history(current)
    return Snapshot(key, as_of, current, previous, pks, seconds=time.perf_counter() - started)


def _customer_pks() -> dict[str, int]:
    return dict(Customer.objects.values_list("number", "pk"))
