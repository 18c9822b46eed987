"""The reader's fast path (`reader._read_fast`) gives exactly what the precise path gives.

Every file is read twice: as `read_folder` and `read_table` read it (the fast path first),
and with the fast path switched off, so that the precise path reads every file. The frames,
warnings and errors must be the same. Where the file is fine and in the forms that tools
write, the fast path must also have been the one that read it; where anything is wrong, it
must have given up, so that the precise path names every problem.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from decimal import Decimal
from pathlib import Path
from zoneinfo import ZoneInfo

import polars as pl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from polars.testing import assert_frame_equal

from kundenwert.demo.generator import generate_demo
from kundenwert.portfolio import Portfolio, reader
from kundenwert.portfolio.errors import PortfolioInvalid
from kundenwert.portfolio.reader import read_folder, read_table
from kundenwert.portfolio.schema import (
    CUSTOMERS,
    INTERACTIONS,
    INVOICES,
    TABLES,
    TABLES_BY_NAME,
    TIME_ENTRIES,
    Table,
)
from kundenwert.portfolio.writer import write_folder

BERLIN = ZoneInfo("Europe/Berlin")


@contextmanager
def fast_reads(monkeypatch: pytest.MonkeyPatch) -> Iterator[dict[str, bool]]:
    """Which files the fast path read (True) or gave up on (False), by table name."""
    taken: dict[str, bool] = {}
    original = reader._read_fast

    def spy(path: Path, table: Table, *args: object, **kwargs: object):
        result = original(path, table, *args, **kwargs)  # type: ignore[arg-type]
        taken[table.name] = result is not None
        return result

    with monkeypatch.context() as patch:
        patch.setattr(reader, "_read_fast", spy)
        yield taken


@contextmanager
def precise_only(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    with monkeypatch.context() as patch:
        patch.setattr(reader, "_read_fast", lambda *args, **kwargs: None)
        yield


def read_both(
    monkeypatch: pytest.MonkeyPatch, path: Path, **options: object
) -> tuple[Portfolio | PortfolioInvalid, Portfolio | PortfolioInvalid, dict[str, bool]]:
    """(as read, as the precise path alone reads it, which files the fast path read)."""

    def read() -> Portfolio | PortfolioInvalid:
        try:
            return read_folder(path, **options)  # type: ignore[arg-type]
        except PortfolioInvalid as invalid:
            return invalid

    with fast_reads(monkeypatch) as taken:
        read_normally = read()
    with precise_only(monkeypatch):
        read_precisely = read()
    return read_normally, read_precisely, taken


def assert_same(first: Portfolio | PortfolioInvalid, second: Portfolio | PortfolioInvalid):
    if isinstance(first, PortfolioInvalid) or isinstance(second, PortfolioInvalid):
        assert isinstance(first, PortfolioInvalid) and isinstance(second, PortfolioInvalid)
        assert (first.errors, first.total) == (second.errors, second.total)
        return
    for table in TABLES:
        assert_frame_equal(first.frame(table), second.frame(table))
    assert first.warnings == second.warnings


# --- valid folders: the same frames, read by the fast path ----------------------------------


@pytest.mark.parametrize("free_text", [True, False])
def test_the_demo_portfolio_reads_the_same_and_fast(monkeypatch, tmp_path, free_text):
    write_folder(generate_demo(date(2026, 6, 30)), tmp_path)

    normally, precisely, taken = read_both(monkeypatch, tmp_path, free_text=free_text)

    assert_same(normally, precisely)
    assert isinstance(normally, Portfolio) and not normally.is_empty()
    written = {p.stem for p in tmp_path.glob("*.csv")}
    assert taken == dict.fromkeys(written, True)


BOM = "\ufeff"

# Edge values, all valid: columns in another order, in another case and with spaces around
# their names, optional columns left out, every bool spelling and blanks, offsets and other
# datetime forms, credit notes, many digits, quoted commas and line breaks, a byte order
# mark, CRLF line ends, blank lines and rows of empty fields, an unknown and an unnamed
# column.
EDGE_FILES: dict[str, str] = {
    "customers": BOM
    + "\r\n".join(
        [
            " Name ,ID,Status,useful,HEART,group_override,override_reason,notes,potential",
            'Müller & Söhne,K1,Active,ja,nein,b,"long-standing, loyal","line one',
            'line two",5',
            "Alpha GmbH,K2,lead,1,0,,,,",
            "Beta,K3,ENDED,,TRUE,A,  hand-set  ,,1",
            ",,,,,,,,",
            "Gamma,K4 ,active,Yes,no,,,  ,3",
            "",
        ]
    ),
    "invoices": "\r\n".join(
        [
            "customer_id,number,net,issue_date,due_date,paid_date",
            "K1,RE-1,1200.50,2026-01-10,2026-01-24,2026-01-20",
            "K1,RE-2,-99.99,2026-01-11,,",
            "K2,RE-3,0.5,2026-02-01,2026-02-15,",
            'K3,"RE-4, copy",9999999999999999.99,2026-03-01,, 2026-03-09 ',
            "K4 ,RE-5,-0.01,2026-03-02,,2026-03-02",
            "K2,RE-6,7,2026-03-03,2026-04-01,2026-04-01",
            "",
        ]
    ),
    "time_entries": "\n".join(
        [
            "start,customer_id,minutes,billable,description,user",
            "2026-01-05T09:00:00,K1,15,true,Konzeption,anna",
            "2026-01-05T09:30:00+01:00,K1,0.5,ja,,ben",
            "2026-03-29T01:30:00Z,K2,1.25,nein,,",
            "2026-01-05 10:15,K2,30,1,,",
            "2026-01-05T10:15:07.123,K3,45,0,,",
            "2026-07-01T12:00:00+0200,K1,60,,,",
            "2026-07-01T12:00-05,K1,60,FALSE,,",
            "",
            ",,,,,",
            '2026-12-31T23:59:59,K4 ,9999999999.99, True ,"a, b",clara',
            "",
        ]
    ),
    "interactions": "\n".join(
        [
            "customer_id,at,channel,mood,minutes",
            "K1,2026-01-05T09:00:00,Phone,-2,",
            "K2,2026-01-05T09:00:00, email ,2,12.5",
            "K3,2026-01-05T09:00:00,MEETING,,0",
            "K1,2026-01-05T09:00:00,letter,0,0.01",
        ]
    ),
    "offers": "\n".join(
        [
            "number,customer_id,sent_date,amount,status,decided_date,valid_until,comment,",
            "AN-1,K1,2026-01-05,1500,accepted,2026-01-10,,a comment,",
            "AN-2,K2,2026-01-06,-1500.5,Declined,,2026-02-01,,",
            "AN-3,K3,2026-01-07,0,,,,,",
        ]
    ),
    "deliveries": "\n".join(
        [
            "customer_id,title,delivered_date,live_date",
            "K1,Website,2026-01-05,",
            "K1,Website,2026-01-06,2026-01-20",
            "K1,website,2026-01-05,",
        ]
    ),
    "direct_costs": "\n".join(
        [
            "customer_id,date,amount,description",
            "K1,2026-01-05,120.00,Reise",
            "K2,2026-01-06,-5,Gutschrift",
        ]
    ),
}


def write(folder: Path, files: dict[str, str | bytes]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, content in files.items():
        data = content if isinstance(content, bytes) else content.encode()
        (folder / f"{name}.csv").write_bytes(data)
    return folder


@pytest.mark.parametrize("free_text", [True, False])
def test_edge_values_read_the_same_and_fast(monkeypatch, tmp_path, free_text):
    path = write(tmp_path / "edge", dict(EDGE_FILES))

    normally, precisely, taken = read_both(monkeypatch, path, free_text=free_text)

    assert_same(normally, precisely)
    assert isinstance(normally, Portfolio)
    assert taken == dict.fromkeys(EDGE_FILES, True)
    # A few of the values, to be sure that both read them as the format says.
    customers = normally.customers.sort("id")
    assert customers["id"].to_list() == ["K1", "K2", "K3", "K4 "]
    assert customers["useful"].to_list() == [True, True, False, True]
    assert customers["group_override"].to_list() == ["B", None, "A", None]
    entries = normally.time_entries
    assert entries["start"].dt.to_string("%Y-%m-%d %H:%M:%S").to_list()[:4] == [
        "2026-01-05 09:00:00",
        "2026-01-05 09:30:00",
        "2026-03-29 03:30:00",  # 01:30 UTC, after the change to summer time
        "2026-01-05 10:15:00",
    ]
    assert normally.invoices.sort("number")["net"].to_list() == [
        Decimal(v) for v in ("1200.50", "-99.99", "0.50", "9999999999999999.99", "-0.01", "7.00")
    ]
    assert any("unknown column 'comment'" in w for w in normally.warnings)


def test_columns_without_a_name_or_unknown_are_warned_about_as_the_precise_path_does(
    monkeypatch, tmp_path
):
    # Column 3 has no name but values, column 5 neither name nor values.
    customers = "id,name,,colour,\nK1,Alpha,x,red,\nK2,Beta,,blue,\n"
    path = write(tmp_path / "extra", {"customers": customers})

    normally, precisely, taken = read_both(monkeypatch, path)

    assert_same(normally, precisely)
    assert taken == {"customers": True}
    assert isinstance(normally, Portfolio)
    assert normally.warnings == [
        "customers.csv: column 3 has no name; its values are ignored",
        "customers.csv: unknown column 'colour' is ignored",
    ]
    assert normally.customers["name"].to_list() == ["Alpha", "Beta"]


def test_a_folder_whose_name_looks_like_a_pattern_is_read_fast(monkeypatch, tmp_path):
    path = write(tmp_path / "data[1]*", {"customers": "id,name\nK1,Alpha\n"})
    write(tmp_path / "data1x", {"customers": "id,name\nK2,Beta\n"})

    normally, precisely, taken = read_both(monkeypatch, path)

    assert_same(normally, precisely)
    assert isinstance(normally, Portfolio)
    assert normally.customers["id"].to_list() == ["K1"]
    assert taken == {"customers": True}


def test_a_folder_read_for_the_analysis_needs_the_same_customer_ids(monkeypatch, tmp_path):
    path = write(tmp_path / "edge", dict(EDGE_FILES))

    normally, precisely, taken = read_both(
        monkeypatch, path, known_customer_ids=["K9", "  "], free_text=False
    )

    assert_same(normally, precisely)
    assert all(taken.values())


# --- anything wrong: the fast path gives up, the errors stay those of the precise path -------

GOOD_ENTRY = "K1,2026-01-05T09:00:00,15,true,anna,P-1,Konzeption"
HEADER = "customer_id,start,minutes,billable,user,project,description"

BAD_TIME_ENTRIES: dict[str, list[str] | bytes] = {
    "a row with an extra, empty field": [GOOD_ENTRY + ","],
    "a row with an extra field": [GOOD_ENTRY + ",x"],
    "a quote left open": ['K1,2026-01-05T09:00:00,15,true,anna,P-1,"Konzeption'],
    "no 30th of February": ["K1,2026-02-30T09:00:00,15,true,,,"],
    "no second 60": ["K1,2026-01-05T09:00:60,15,true,,,"],
    "no year 0": ["K1,0000-01-05T09:00:00,15,true,,,"],
    "no hour 24": ["K1,2026-01-05T24:00:00,15,true,,,"],
    "a blank customer": ["  ,2026-01-05T09:00:00,15,true,,,"],
    "an unknown customer": ["K2,2026-01-05T09:00:00,15,true,,,"],
    "a customer id with a space": ["K1 ,2026-01-05T09:00:00,15,true,,,"],
    "three decimals": ["K1,2026-01-05T09:00:00,1.234,true,,,"],
    "a decimal comma": ['K1,2026-01-05T09:00:00,"1,5",true,,,'],
    "no minutes": ["K1,2026-01-05T09:00:00,0,true,,,"],
    "negative minutes": ["K1,2026-01-05T09:00:00,-1,true,,,"],
    "minutes missing": ["K1,2026-01-05T09:00:00,,true,,,"],
    "a bool that is none": ["K1,2026-01-05T09:00:00,15,maybe,,,"],
    "only free text": [",,,,anna,,"],
    "a datetime with an offset out of range": ["K1,2026-01-05T09:00:00+24:00,15,true,,,"],
    "a date without a time": ["K1,2026-01-05,15,true,,,"],
}


def time_entries_file(rows: list[str] | bytes) -> bytes:
    if isinstance(rows, bytes):
        return rows
    return "\n".join([HEADER, GOOD_ENTRY, *rows, GOOD_ENTRY, ""]).encode()


BAD_TIME_ENTRIES_BYTES: dict[str, bytes] = {
    **{name: time_entries_file(rows) for name, rows in BAD_TIME_ENTRIES.items()},
    "not UTF-8 in a column the analysis leaves out": (
        f"{HEADER}\n{GOOD_ENTRY}\nK1,2026-01-05T09:00:00,15,true,anna,P-1,".encode()
        + b"Gr\xf6\xdfe\n"
    ),
    "a required column missing": b"customer_id,minutes\nK1,15\n",
    "a column named twice": f"{HEADER},Minutes\n{GOOD_ENTRY},15\n".encode(),
    "a header only of blanks": b"  \nK1,2026-01-05T09:00:00,15\n",
}


@pytest.mark.parametrize("free_text", [True, False])
@pytest.mark.parametrize("case", sorted(BAD_TIME_ENTRIES_BYTES))
def test_the_fast_path_gives_up_on_every_bad_file(monkeypatch, tmp_path, case, free_text):
    files: dict[str, str | bytes] = {
        "customers": "id,name\nK1,Alpha\n",
        "time_entries": BAD_TIME_ENTRIES_BYTES[case],
    }
    path = write(tmp_path / "bad", files)

    normally, precisely, taken = read_both(monkeypatch, path, free_text=free_text)

    assert isinstance(precisely, PortfolioInvalid)
    assert_same(normally, precisely)
    assert taken == {"customers": True, "time_entries": False}


@pytest.mark.parametrize(
    ("table", "content"),
    [
        (INVOICES, "number,customer_id,issue_date,net\nRE-1,K1,2026-01-05,1\nRE-1,K1,2026-01-06,2"),
        (INVOICES, "number,customer_id,issue_date,net\nRE-1,K1,2026-01-05,   "),
        (INVOICES, "number,customer_id,issue_date,net\nRE-1,K1,2026-01-05,1e3"),
        (INVOICES, "number,customer_id,issue_date,net,currency\nRE-1,K1,2026-01-05,1,EURO"),
        (CUSTOMERS, "id,name,group_override\nK1,Alpha,A"),
        (CUSTOMERS, "id,name,group_override,override_reason\nK1,Alpha,A,  "),
        (CUSTOMERS, "id,name,potential\nK1,Alpha,6"),
        (CUSTOMERS, "id,name\nK1,Alpha\nK1,Beta"),
        (CUSTOMERS, "id,name\nK1,"),
        (INTERACTIONS, "customer_id,at,channel\nK1,2026-01-05T09:00:00,fax"),
        (INTERACTIONS, "customer_id,at,channel,mood\nK1,2026-01-05T09:00:00,phone,-3"),
        (INTERACTIONS, "customer_id,at,channel,minutes\nK1,2026-01-05T09:00:00,phone,-1"),
    ],
)
def test_the_fast_path_gives_up_on_bad_values_of_every_kind(tmp_path, table, content):
    path = tmp_path / table.filename
    path.write_text(content + "\n")

    assert reader._read_fast(path, table, BERLIN, pl.Series(["K1"]), free_text=True) is None
    assert read_table(path, table, customer_ids=["K1"])[1]


def test_a_datetime_column_in_other_forms_is_checked_as_the_precise_path_does(tmp_path):
    path = tmp_path / TIME_ENTRIES.filename
    path.write_text("customer_id,start,minutes\nK1,2026-01-05 09:00,15\nK1,2026-01-05 9:00,15\n")

    assert reader._read_fast(path, TIME_ENTRIES, BERLIN, pl.Series(["K1"]), free_text=True) is None


# --- anything at all: the same result --------------------------------------------------------

SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# Per kind: three good values first (in forms tools write, and a few others), then bad ones.
VALUES: dict[str, list[str]] = {
    "string": ["Alpha", "Müller", '"a, ""b"""', " ", "", '"x\ny"', " padded "],
    "date": ["2026-01-05", "2024-02-29", " 2026-01-05", "2026-02-30", "05.01.2026", "0000-01-01"],
    "datetime": [
        "2026-01-05T09:00:00",
        "2026-01-05T09:00:59",
        "2026-10-25T02:30:00+01:00",
        "2026-01-05T09:00:60",
        "2026-01-05 09:00",
        "2026-01-05T09:00:00Z",
        "2026-02-30T09:00:00",
        "2026-01-05T9:00:00",
        " 2026-01-05T09:00:00",
        "",
    ],
    "money": ["1", "-1.5", "9999999999999999.99", "1.234", "1,5", " 7", "1e3", ""],
    "minutes": ["15", "0.5", "99999999.99", "0", "-1", "1.255", " 2", ""],
    "int": ["1", "2", " 2", "6", "-3", "1.0", "x", ""],
    "bool": ["true", "FALSE", "ja", "Nein", "1", "0", "yes", "maybe", " no", ""],
}
CUSTOMER_IDS = ["K1", "K1 ", " ", "K2", ""]


def _enum_values(table: Table, name: str) -> list[str]:
    choices = list(table.column(name).choices or ("EUR", "chf"))
    return [choices[0], choices[-1].upper(), f" {choices[0]} ", "fax", "", "EURO"]


@st.composite
def csv_files(draw: st.DrawFn, table: Table) -> bytes:
    names = draw(st.permutations([c.name for c in table.columns]))
    names = [n for n in names if table.column(n).required or draw(st.booleans())]
    header = [draw(st.sampled_from([n, n.upper(), f" {n} "])) for n in names]
    good = draw(st.booleans())

    def value(name: str, number: int) -> str:
        column = table.column(name)
        if name in ("id", "number"):
            return f"{name}-{number}"
        if name == "customer_id":
            return draw(st.sampled_from(CUSTOMER_IDS[: 2 if good else None]))
        values = _enum_values(table, name) if column.kind == "enum" else VALUES[column.kind]
        return draw(st.sampled_from(values[: 3 if good else None]))

    lines = [",".join(header)]
    for number in range(draw(st.integers(0, 6))):
        lines.append(",".join(value(name, number) for name in names))
    if draw(st.booleans()):
        lines.insert(draw(st.integers(1, len(lines))), draw(st.sampled_from(["", ",,,"])))
    text = draw(st.sampled_from(["\n", "\r\n"])).join(lines) + draw(st.sampled_from(["", "\n"]))
    return (BOM if draw(st.booleans()) else "").encode() + text.encode()


@pytest.mark.parametrize(
    "table", [CUSTOMERS, INVOICES, TIME_ENTRIES, INTERACTIONS, TABLES_BY_NAME["offers"]]
)
def test_any_file_reads_the_same_with_and_without_the_fast_path(
    monkeypatch, tmp_path_factory, table
):
    @SETTINGS
    @given(content=csv_files(table), free_text=st.booleans())
    def check(content: bytes, free_text: bool) -> None:
        path = tmp_path_factory.mktemp("any") / table.filename
        path.write_bytes(content)

        normally = reader._read_table(path, table, BERLIN, _ids(), free_text=free_text)
        with precise_only(monkeypatch):
            precisely = reader._read_table(path, table, BERLIN, _ids(), free_text=free_text)

        assert_frame_equal(normally.frame, precisely.frame)
        assert (normally.errors, normally.total) == (precisely.errors, precisely.total)
        assert normally.warnings == precisely.warnings
        if precisely.ids is None:
            assert normally.ids is None
        else:
            assert normally.ids is not None
            assert normally.ids.to_list() == precisely.ids.to_list()

    check()


def _ids() -> pl.Series:
    return pl.Series(["K1", "K1 "], dtype=pl.String)
