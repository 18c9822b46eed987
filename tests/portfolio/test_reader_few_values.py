"""A column that repeats few values is checked per distinct value: the same values, the
same errors as checking every row."""

from __future__ import annotations

import pytest

from kundenwert.portfolio import reader
from kundenwert.portfolio.reader import read_table
from kundenwert.portfolio.schema import INTERACTIONS, INVOICES

# Good and bad spellings, blanks and short rows (no field at all), repeated so that the
# columns have few distinct values among many rows.
INTERACTION_ROWS = [
    "K1,2026-02-03T10:15:00,phone,in,false,25,no,,,unjustified,-2",
    "K1,2026-02-03T10:15:00, Phone ,IN, JA ,25.5,1,true,0,None,2",
    "K1,2026-02-03T10:15:00,fax,sideways,maybe,-1,2,x,yes,angry,3",
    "K1,2026-02-03T10:15:00,,,,,,,,,",
    "K1,2026-02-03T10:15:00,email",
    "K1,2026-02-03T10:15:00,email,out,true,1.234,false,false,false,none,-2.0",
    "K1,2026-02-03T10:15:00,  ,  ,  ,  ,  ,  ,  ,  ,  ",
]
INVOICE_ROWS = [
    "RE-{n},K1,2026-01-10,2026-01-24,1200.50,eur,",
    "RE-{n},K1, 2026-01-10 ,,-99.99,EUR,2026-02-30",
    "RE-{n},K1,2026-13-01,10.01.2026,12.345,EURO,2026-01-20",
    "RE-{n},K1,,,,,",
]


def read(tmp_path, table, header: str, rows: list[str], repeat: int = 10):
    path = tmp_path / table.filename
    lines = [header] + [row.format(n=i) for i in range(repeat) for row in rows]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return read_table(path, table, customer_ids=["K1"])


def each_row_checked_by_itself(monkeypatch):
    monkeypatch.setattr(reader, "_few_values", lambda raw, column: None)


@pytest.mark.parametrize(
    ("table", "header", "rows"),
    [
        (
            INTERACTIONS,
            "customer_id,at,channel,direction,planned,minutes,tracked,out_of_scope,"
            "price_negotiation,complaint,mood",
            INTERACTION_ROWS,
        ),
        (INVOICES, "number,customer_id,issue_date,due_date,net,currency,paid_date", INVOICE_ROWS),
    ],
    ids=["interactions", "invoices"],
)
def test_bad_values_are_reported_as_when_each_row_is_checked(
    tmp_path, monkeypatch, table, header, rows
):
    looked_up = []
    monkeypatch.setattr(reader, "_looked_up", spy(reader._looked_up, looked_up))
    _, errors, _ = read(tmp_path, table, header, rows)
    monkeypatch.undo()
    each_row_checked_by_itself(monkeypatch)

    _, expected, _ = read(tmp_path, table, header, rows)

    assert looked_up  # the lookup was used, so the comparison means something
    assert errors == expected
    assert len(errors) > 20


def test_good_values_give_the_same_frame_as_when_each_row_is_checked(tmp_path, monkeypatch):
    header = "customer_id,at,channel,direction,planned,minutes,tracked,mood"
    rows = [
        "K1,2026-02-03T10:15:00, Phone ,IN, JA ,25.5,1,2",
        "K1,2026-02-03T10:16:00,email,,nein,0,,",
        "K1,2026-02-03T10:17:00,meeting,out",
    ]
    frame, errors, _ = read(tmp_path, INTERACTIONS, header, rows)
    each_row_checked_by_itself(monkeypatch)

    expected, _, _ = read(tmp_path, INTERACTIONS, header, rows)

    assert errors == []
    assert frame.equals(expected)
    assert frame.row(0, named=True)["channel"] == "phone"
    assert frame.row(2, named=True)["planned"] is True  # a row without the field: default


def spy(function, calls: list):
    def wrapper(column, *args):
        calls.append(column.name)
        return function(column, *args)

    return wrapper
