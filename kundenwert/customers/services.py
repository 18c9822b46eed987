"""Every write about customers goes through here: the web app, the CLI and the API alike."""

from __future__ import annotations

from django.db import transaction

from kundenwert.accounts.services import do_record_change
from kundenwert.customers.models import Customer, GroupRecord


@transaction.atomic
def do_save_group_history(result, user=None) -> int:
    """Keeps each customer's group, reasons and figures from an analysis result.

    One record per customer and analysis (as-of date and period); saving the same analysis
    again replaces its records, so the history shows one line per saved analysis.
    """
    pks = dict(Customer.objects.values_list("number", "pk"))
    frame = result.customers_json_frame()
    records = [
        GroupRecord(
            customer_id=pks[row["id"]],
            as_of=result.as_of,
            period_start=result.period.start,
            period_end=result.period.end,
            group=row["group"] or "",
            reasons=row["reasons"],
            exit_candidate=row["exit_candidate"],
            metrics=row["metrics"],
        )
        for row in frame.iter_rows(named=True)
        if row["id"] in pks
    ]
    GroupRecord.objects.bulk_create(
        records,
        batch_size=1000,
        update_conflicts=True,
        unique_fields=["customer", "as_of", "period_start", "period_end"],
        update_fields=["group", "reasons", "exit_candidate", "metrics", "saved_at"],
    )
    do_record_change(
        user,
        "save",
        "group history",
        f"{len(records)} customers as of {result.as_of.isoformat()}",
    )
    return len(records)
