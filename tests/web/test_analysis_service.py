"""The web's analysis: computed once per data state, kept in memory, history saved."""

from __future__ import annotations

import traceback

from django.contrib.admin.models import CHANGE, LogEntry

from kundenwert.accounts.models import ChangeRecord
from kundenwert.customers import analysis_service
from kundenwert.customers.analysis_service import current_analysis
from kundenwert.customers.models import Customer, GroupRecord
from kundenwert.customers.services import do_add_insight, do_update_customer
from tests.web.conftest import customer, import_invoices_in_two_currencies, import_rows, recent


def test_it_keeps_the_analysis_while_nothing_changes(demo):
    first = current_analysis()

    assert current_analysis() is first


def test_it_computes_again_after_a_service_writes(demo, owner):
    first = current_analysis()
    do_update_customer(customer("K-1030"), owner, potential=1)

    second = current_analysis()

    assert second is not first
    assert "potential" not in second.current.customer("K-1030").reasons


def test_it_computes_again_after_an_import(demo, today):
    first = current_analysis()
    import_rows(customers=[{"id": "NEW-1", "name": "Neu GmbH"}])

    assert current_analysis().pk("NEW-1") is not None
    assert first.pk("NEW-1") is None


def test_it_computes_again_after_a_change_in_the_admin(demo, owner):
    first = current_analysis()
    LogEntry.objects.log_actions(owner.pk, Customer.objects.all()[:1], CHANGE)

    assert current_analysis() is not first


def test_notes_about_a_customer_do_not_start_a_new_analysis(demo, owner, today):
    first = current_analysis()
    do_add_insight(customer("K-1001"), owner, "hope", "Expansion", today)

    assert current_analysis() is first


def test_it_saves_the_group_history_when_it_computes(demo):
    result = current_analysis().current

    saved = GroupRecord.objects.filter(as_of=result.as_of)
    assert saved.count() == 60
    assert saved.get(customer__number="K-1001").group == "A"


def test_saving_the_history_does_not_count_as_a_change(demo):
    first = current_analysis()

    assert ChangeRecord.objects.filter(model="group history").exists()
    assert current_analysis() is first


def test_it_analyses_the_period_before_too(demo):
    snapshot = current_analysis()

    assert snapshot.previous.period.end < snapshot.current.period.start
    assert snapshot.previous.period.days == snapshot.current.period.days


def test_it_keeps_a_few_as_of_dates(demo, today):
    dates = [recent(today, days) for days in range(0, 6)]
    snapshots = [current_analysis(day) for day in dates]

    assert current_analysis(dates[-1]) is snapshots[-1]
    assert len(analysis_service._snapshots) == analysis_service.KEEP


def test_a_restored_database_whose_new_changes_reuse_old_ids_is_analysed_again(demo, owner):
    """After a restore, new changes take ids the kept analysis has seen; their times differ."""
    first = current_analysis()
    counted = ChangeRecord.objects.exclude(model__in=analysis_service.NOT_ANALYSIS_INPUT)
    newest = counted.order_by("-id").first()
    reused = newest.id
    newest.delete()  # as if the backup had ended before it …
    Customer.objects.filter(number="K-1030").update(potential=1)
    ChangeRecord.objects.create(id=reused, action="update", model="customers.Customer")

    second = current_analysis()

    assert second is not first
    assert "potential" not in second.current.customer("K-1030").reasons


def test_a_refusal_is_kept_without_the_analysis_frames_and_raised_afresh(db, today):
    import_invoices_in_two_currencies(today)
    snapshot = current_analysis(today)
    assert snapshot.current is None and snapshot.problem.currencies == ["CHF", "EUR"]
    assert snapshot.problem.__traceback__ is None  # no frames of the analysis kept

    depths = []
    for _ in range(3):
        try:
            raise snapshot.refusal("no analysis")
        except Exception as raised:
            depths.append(len(traceback.extract_tb(raised.__traceback__)))
    assert depths == [1, 1, 1]  # each raise starts its own traceback
