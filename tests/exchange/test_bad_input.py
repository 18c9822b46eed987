"""Each kind of bad input of data-format.md: a clear message, and the database unchanged."""

from __future__ import annotations

import pytest

from kundenwert.activity.models import TimeEntry
from kundenwert.billing.models import Invoice
from kundenwert.cli import main
from kundenwert.customers.models import Customer
from kundenwert.exchange.services import do_import_folder

pytestmark = pytest.mark.django_db

# (case, file, bytes appended or the whole file, expected fragments of the message)
BAD_ROWS = [
    (
        "missing required value",
        "invoices.csv",
        b"RE-3,K1,,,10.00,EUR,\n",
        ["invoices.csv, line 4, column issue_date"],
    ),
    (
        "unknown customer id",
        "invoices.csv",
        b"RE-3,K9,2026-03-01,,10.00,EUR,\n",
        ["invoices.csv, line 4, column customer_id", "'K9'"],
    ),
    (
        "date that is not a date",
        "offers.csv",
        b"AN-2,K1,01.03.2026,,10.00,open\n",
        ["offers.csv, line 3, column sent_date", "'01.03.2026'"],
    ),
    (
        "decimal with a comma",
        "invoices.csv",
        b'RE-3,K1,2026-03-01,,"10,50",EUR,\n',
        ["invoices.csv, line 4, column net", "'10,50'"],
    ),
    (
        "duplicate id",
        "customers.csv",
        b"K1,Doppelt GmbH,active,,,,,,\n",
        ["customers.csv, line 4, column id", "'K1'"],
    ),
    (
        "unknown enum value",
        "interactions.csv",
        b"K1,2026-03-01T10:00:00,fax,out,,,,,\n",
        ["interactions.csv, line 3, column channel", "'fax'"],
    ),
]


@pytest.fixture
def imported(small_folder):
    do_import_folder(small_folder)
    return small_folder


def database_state() -> tuple:
    return (
        list(Customer.objects.order_by("number").values_list("number", "name", "updated_at")),
        list(Invoice.objects.order_by("number").values_list("number", "net", "paid_date")),
        TimeEntry.objects.count(),
    )


@pytest.mark.parametrize(
    ("case", "name", "row", "expected"), BAD_ROWS, ids=[c[0] for c in BAD_ROWS]
)
def test_a_bad_row_is_named_and_nothing_changes(imported, capsys, case, name, row, expected):
    with (imported / name).open("ab") as f:
        f.write(row)
    # A good change in another file must not land either: all or nothing.
    with (imported / "time_entries.csv").open("a") as f:
        f.write("K1,2026-04-01T08:00:00,30,true,anna,Website,neu\n")
    before = database_state()

    assert main(["import", "--lang", "en", str(imported)]) == 2

    err = capsys.readouterr().err
    for fragment in expected:
        assert fragment in err
    assert "Traceback" not in err
    assert database_state() == before


def test_a_file_that_is_not_utf8_is_named(imported, capsys):
    (imported / "customers.csv").write_bytes("id,name\nK1,Bäckerei Sommer GmbH\n".encode("cp1252"))
    before = database_state()

    assert main(["import", "--lang", "en", str(imported)]) == 2

    err = capsys.readouterr().err
    assert "customers.csv" in err and "UTF-8" in err
    assert database_state() == before


def test_an_empty_file_is_an_error_that_names_the_expected_header(imported, capsys):
    (imported / "offers.csv").write_bytes(b"")
    before = database_state()

    assert main(["import", "--lang", "en", str(imported)]) == 2

    err = capsys.readouterr().err
    assert "offers.csv" in err and "empty" in err and "sent_date" in err
    assert database_state() == before


def test_a_header_only_file_imports_no_rows_and_no_error(imported, capsys):
    (imported / "offers.csv").write_text("number,customer_id,sent_date,amount\n")

    assert main(["import", "--lang", "en", str(imported)]) == 0

    assert "0 change(s)." in capsys.readouterr().out


def test_an_unknown_column_is_a_warning_and_the_rest_imports(small_folder, capsys):
    text = (small_folder / "deliveries.csv").read_text().splitlines()
    rows = [text[0] + ",farbe"] + [line + ",blau" for line in text[1:]]
    (small_folder / "deliveries.csv").write_text("\n".join(rows) + "\n")

    assert main(["import", "--lang", "en", str(small_folder)]) == 0

    captured = capsys.readouterr()
    assert "deliveries.csv" in captured.err and "farbe" in captured.err
    assert Customer.objects.count() == 2


def test_a_folder_with_many_bad_rows_lists_them_all_up_to_the_limit(imported, capsys):
    with (imported / "invoices.csv").open("a") as f:
        for n in range(150):
            f.write(f"X-{n},K1,kein Datum,,1.00,EUR,\n")

    assert main(["import", "--lang", "en", str(imported)]) == 2

    err = capsys.readouterr().err
    assert "150 error(s) found" in err
    assert err.count("column issue_date") == 100
    assert "… and 50 more" in err
