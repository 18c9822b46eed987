from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

import polars as pl
from polars.testing import assert_frame_equal

from kundenwert.portfolio import Portfolio
from kundenwert.portfolio.reader import read_folder
from kundenwert.portfolio.schema import CUSTOMERS, INTERACTIONS, INVOICES, TABLES, TIME_ENTRIES
from kundenwert.portfolio.writer import format_frame, write_folder


def sample() -> Portfolio:
    return Portfolio.from_frames(
        {
            "customers": frame(
                CUSTOMERS,
                {"id": "K1", "name": "Bäckerei Sommer, GmbH", "status": "active"}
                | {"since": date(2021, 3, 1), "potential": 4, "useful": True, "heart": False}
                | {"group_override": "C", "override_reason": 'sagt "später"', "email": None}
                | {"phone": " 030 123 ", "notes": "zwei\nZeilen\r\nund mehr"},
            ),
            "invoices": frame(
                INVOICES,
                {"number": "RE-1", "customer_id": "K1", "issue_date": date(2026, 1, 10)}
                | {"due_date": None, "net": Decimal("-1200.5"), "currency": "EUR"}
                | {"paid_date": date(2026, 1, 20)},
            ),
            "time_entries": frame(
                TIME_ENTRIES,
                {"customer_id": "K1", "start": datetime(2026, 3, 29, 2, 30, 5, 999)}
                | {"minutes": Decimal("90"), "billable": False, "user": "anna"}
                | {"project": None, "description": "Texte"},
            ),
            "interactions": frame(
                INTERACTIONS,
                {"customer_id": "K1", "at": datetime(2026, 2, 3, 10, 15), "channel": "phone"}
                | {"direction": "in", "planned": False, "minutes": Decimal("0.25")}
                | {"tracked": False, "out_of_scope": True, "price_negotiation": False}
                | {"complaint": "none", "mood": -2, "user": None, "note": "laut"},
            ),
        }
    )


def frame(table, row: dict) -> pl.DataFrame:
    return pl.DataFrame([row], schema=table.polars_schema, orient="row")


def test_it_writes_every_table_with_its_header_even_when_empty(tmp_path):
    paths = write_folder(Portfolio.empty(), tmp_path / "out")

    assert paths == [tmp_path / "out" / t.filename for t in TABLES]
    for table, path in zip(TABLES, paths, strict=True):
        assert path.read_bytes() == (",".join(table.column_names) + "\n").encode()


def test_it_writes_each_value_in_its_one_canonical_form(tmp_path):
    write_folder(sample(), tmp_path)

    assert (tmp_path / "customers.csv").read_bytes().decode().splitlines(keepends=True)[1:] == [
        'K1,"Bäckerei Sommer, GmbH",active,2021-03-01,4,true,false,C,"sagt ""später""",,'
        ' 030 123 ,"zwei\n',
        "Zeilen\r\n",
        'und mehr"\n',
    ]
    assert (tmp_path / "invoices.csv").read_text() == (
        "number,customer_id,issue_date,due_date,net,currency,paid_date\n"
        "RE-1,K1,2026-01-10,,-1200.50,EUR,2026-01-20\n"
    )
    assert (tmp_path / "time_entries.csv").read_text().splitlines()[1] == (
        "K1,2026-03-29T02:30:05,90.00,false,anna,,Texte"
    )


def test_it_writes_a_blank_string_as_an_empty_field():
    customers = frame(CUSTOMERS, {"id": "K1", "name": "Alpha", "notes": " "})

    assert format_frame(CUSTOMERS, customers)["notes"].to_list() == [None]


def test_a_written_folder_reads_back_unchanged_and_rewrites_to_the_same_bytes(tmp_path):
    original = sample()
    first = write_folder(original, tmp_path / "first")

    portfolio = read_folder(tmp_path / "first")
    second = write_folder(portfolio, tmp_path / "second")

    for table in TABLES:
        expected = original.frame(table)
        if table is TIME_ENTRIES:  # the written form has whole seconds
            expected = expected.with_columns(pl.col("start").dt.truncate("1s"))
        assert_frame_equal(portfolio.frame(table), expected)
    assert [p.read_bytes() for p in first] == [p.read_bytes() for p in second]
