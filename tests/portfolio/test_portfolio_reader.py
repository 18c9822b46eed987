from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

import polars as pl
import pytest

from kundenwert.portfolio.errors import MAX_ERRORS, PortfolioInvalid, RowError
from kundenwert.portfolio.reader import read_folder, read_table
from kundenwert.portfolio.schema import INVOICES, TABLES

CUSTOMERS = ["id,name", "K1,Alpha", "K2,Beta"]
INVOICE_HEADER = "number,customer_id,issue_date,net"


def test_it_reads_a_folder_and_fills_in_defaults(folder):
    path = folder(
        customers=CUSTOMERS,
        invoices=[INVOICE_HEADER, "RE-1,K1,2026-01-10,1200.5"],
        time_entries=["customer_id,start,minutes", "K1,2026-01-05T09:00:00,90"],
        interactions=["customer_id,at,channel", "K2,2026-02-03 10:15,phone"],
    )

    portfolio = read_folder(path)

    assert portfolio.customers.row(0, named=True) == {
        "id": "K1",
        "name": "Alpha",
        "status": "active",
        "since": None,
        "potential": None,
        "useful": False,
        "heart": False,
        "group_override": None,
        "override_reason": None,
        "email": None,
        "phone": None,
        "notes": None,
    }
    assert portfolio.invoices.select("net", "currency").row(0) == (Decimal("1200.50"), "EUR")
    assert portfolio.time_entries.select("minutes", "billable").row(0) == (Decimal("90"), True)
    assert portfolio.interactions.select("at", "direction", "planned", "minutes", "complaint").row(
        0
    ) == (datetime(2026, 2, 3, 10, 15), "out", True, Decimal("0"), "none")
    assert portfolio.offers.height == 0
    assert portfolio.warnings == []


def test_every_frame_has_the_columns_and_dtypes_of_the_schema(folder):
    portfolio = read_folder(folder(customers=CUSTOMERS))

    for table in TABLES:
        assert portfolio.frame(table).schema == pl.Schema(table.polars_schema)


def test_it_reports_a_missing_required_value(folder, read_errors):
    path = folder(
        customers=CUSTOMERS, invoices=[INVOICE_HEADER, "RE-1,K1,2026-01-10,10", "RE-2,K1,,10"]
    )

    assert read_errors(path) == [
        RowError("invoices.csv", 3, "issue_date", None, "a value is required")
    ]


def test_it_treats_a_value_of_only_spaces_as_missing(folder, read_errors):
    path = folder(customers=["id,name", "K1,  "])

    assert read_errors(path) == [RowError("customers.csv", 2, "name", None, "a value is required")]


def test_it_rejects_an_unknown_customer_id(folder, read_errors):
    path = folder(customers=CUSTOMERS, invoices=[INVOICE_HEADER, "RE-1,K9,2026-01-10,10"])

    assert read_errors(path) == [
        RowError(
            "invoices.csv",
            2,
            "customer_id",
            "K9",
            "is not the id of a customer (not in customers.csv)",
        )
    ]


def test_it_accepts_a_customer_id_that_is_known_from_elsewhere(folder):
    path = folder(invoices=[INVOICE_HEADER, "RE-1,K9,2026-01-10,10"])

    portfolio = read_folder(path, known_customer_ids=["K9"])

    assert portfolio.invoices["customer_id"].to_list() == ["K9"]


def test_it_rejects_a_date_that_is_not_a_date(folder, read_errors):
    path = folder(customers=CUSTOMERS, invoices=[INVOICE_HEADER, "RE-1,K1,2026-13-01,10"])

    [error] = read_errors(path)

    assert error == RowError(
        "invoices.csv", 2, "issue_date", "2026-13-01", "is not a date (YYYY-MM-DD)"
    )
    assert str(error) == (
        "invoices.csv, line 2, column issue_date: '2026-13-01' is not a date (YYYY-MM-DD)"
    )


@pytest.mark.parametrize("value", ["2026-02-30", "1.3.2026", "2026-3-1", "2026-03-01T10:00"])
def test_it_accepts_only_real_dates_written_year_month_day(folder, read_errors, value):
    path = folder(customers=CUSTOMERS, invoices=[INVOICE_HEADER, f"RE-1,K1,{value},10"])

    assert [(e.column, e.value) for e in read_errors(path)] == [("issue_date", value)]


def test_it_rejects_a_decimal_with_a_comma(folder, read_errors):
    path = folder(customers=CUSTOMERS, invoices=[INVOICE_HEADER, 'RE-1,K1,2026-01-10,"1,5"'])

    assert read_errors(path) == [
        RowError(
            "invoices.csv",
            2,
            "net",
            "1,5",
            "is not a decimal: use a dot as decimal separator (1.5, not 1,5)",
        )
    ]


@pytest.mark.parametrize(
    ("value", "reason"),
    [
        ("1.234,56", "use no thousands separator and a dot as decimal separator"),
        ("1.234.567", "use no thousands separator"),
        ("12.345", "has more than 2 decimals"),
        ("1e3", "without an exponent"),
        ("12 EUR", "is not a decimal number"),
        ("12345678901234567", "is too large"),
    ],
)
def test_it_says_why_a_decimal_is_not_one(folder, read_errors, value, reason):
    path = folder(customers=CUSTOMERS, invoices=[INVOICE_HEADER, f'RE-1,K1,2026-01-10,"{value}"'])

    [error] = read_errors(path)

    assert (error.line, error.column, error.value) == (2, "net", value)
    assert reason in error.message


def test_it_reads_negative_amounts_and_surrounding_spaces(folder):
    path = folder(customers=CUSTOMERS, invoices=[INVOICE_HEADER, "RE-1,K1, 2026-01-10 , -99.99 "])

    invoice = read_folder(path).invoices.row(0, named=True)

    assert (invoice["issue_date"], invoice["net"]) == (date(2026, 1, 10), Decimal("-99.99"))


def test_it_rejects_a_duplicate_id(folder, read_errors):
    path = folder(customers=["id,name", "K1,Alpha", "K2,Beta", "K1,Alpha again"])

    assert read_errors(path) == [
        RowError("customers.csv", 4, "id", "K1", "appears more than once (first on line 2)")
    ]


def test_it_rejects_a_delivery_listed_twice(folder, read_errors):
    path = folder(
        customers=CUSTOMERS,
        deliveries=[
            "customer_id,title,delivered_date",
            "K1,Website,2026-02-15",
            "K1,Website,2026-03-01",
            "K1,Website,2026-02-15",
        ],
    )

    assert read_errors(path) == [
        RowError(
            "deliveries.csv",
            4,
            "customer_id",
            None,
            "repeats the customer_id, title and delivered_date of line 2",
        )
    ]


def test_it_rejects_an_unknown_enum_value(folder, read_errors):
    path = folder(customers=["id,name,status", "K1,Alpha,closed"])

    assert read_errors(path) == [
        RowError("customers.csv", 2, "status", "closed", "is not one of lead, active, ended")
    ]


def test_it_accepts_enum_values_in_any_case_and_stores_the_schema_spelling(folder):
    path = folder(
        customers=[
            "id,name,status,group_override,override_reason",
            "K1,Alpha,Active,b,zahlt spät",
        ],
        invoices=[INVOICE_HEADER + ",currency", "RE-1,K1,2026-01-10,10,chf"],
    )

    portfolio = read_folder(path)

    assert portfolio.customers.select("status", "group_override").row(0) == ("active", "B")
    assert portfolio.invoices["currency"].to_list() == ["CHF"]


def test_it_rejects_a_currency_that_is_not_three_letters(folder, read_errors):
    path = folder(
        customers=CUSTOMERS, invoices=[INVOICE_HEADER + ",currency", "RE-1,K1,2026-01-10,10,€"]
    )

    assert read_errors(path) == [
        RowError(
            "invoices.csv", 2, "currency", "€", "is not a currency code (three letters like EUR)"
        )
    ]


@pytest.mark.parametrize(
    ("word", "value"),
    [("true", True), ("Yes", True), ("JA", True), ("1", True), ("FALSE", False), ("no", False)]
    + [("Nein", False), ("0", False), ("", False)],
)
def test_it_reads_every_yes_no_word_in_any_case(folder, word, value):
    path = folder(customers=["id,name,useful", f"K1,Alpha,{word}"])

    assert read_folder(path).customers["useful"].to_list() == [value]


def test_it_rejects_a_yes_no_value_it_does_not_know(folder, read_errors):
    path = folder(customers=["id,name,heart", "K1,Alpha,maybe"])

    [error] = read_errors(path)

    assert (error.line, error.column, error.value) == (2, "heart", "maybe")
    assert error.message == "is not a yes/no value (true/false, yes/no, ja/nein or 1/0)"


@pytest.mark.parametrize(
    ("column", "value", "message"),
    [
        ("potential", "6", "is out of range (1 to 5)"),
        ("potential", "0", "is out of range (1 to 5)"),
        ("potential", "3.5", "is not a whole number"),
    ],
)
def test_it_rejects_a_potential_outside_one_to_five(folder, read_errors, column, value, message):
    path = folder(customers=[f"id,name,{column}", f"K1,Alpha,{value}"])

    assert read_errors(path) == [RowError("customers.csv", 2, column, value, message)]


def test_it_rejects_a_mood_outside_minus_two_to_two(folder, read_errors):
    path = folder(
        customers=CUSTOMERS,
        interactions=["customer_id,at,channel,mood", "K1,2026-01-05T09:00,phone,-3"],
    )

    assert read_errors(path) == [
        RowError("interactions.csv", 2, "mood", "-3", "is out of range (-2 to 2)")
    ]


def test_it_rejects_a_time_entry_of_zero_minutes(folder, read_errors):
    path = folder(
        customers=CUSTOMERS, time_entries=["customer_id,start,minutes", "K1,2026-01-05T09:00,0"]
    )

    assert read_errors(path) == [
        RowError("time_entries.csv", 2, "minutes", "0", "must be greater than 0")
    ]


def test_it_accepts_an_interaction_of_zero_minutes_but_not_fewer(folder, read_errors):
    header = "customer_id,at,channel,minutes"
    fine = folder(customers=CUSTOMERS, interactions=[header, "K1,2026-01-05T09:00,phone,0.00"])
    assert read_folder(fine).interactions["minutes"].to_list() == [Decimal("0")]

    wrong = folder(interactions=[header, "K1,2026-01-05T09:00,phone,-5"])
    assert read_errors(wrong) == [
        RowError("interactions.csv", 2, "minutes", "-5", "must be at least 0")
    ]


def test_it_requires_a_reason_for_a_group_set_by_hand(folder, read_errors):
    path = folder(customers=["id,name,group_override,override_reason", "K1,Alpha,A,", "K2,Beta,,"])

    assert read_errors(path) == [
        RowError(
            "customers.csv",
            2,
            "override_reason",
            None,
            "a reason is required when group_override is set",
        )
    ]


def test_it_requires_a_reason_even_when_the_reason_column_is_missing(folder, read_errors):
    path = folder(customers=["id,name,group_override", "K1,Alpha,C"])

    assert [(e.line, e.column) for e in read_errors(path)] == [(2, "override_reason")]


@pytest.mark.parametrize(
    ("written", "wall_clock"),
    [
        ("2026-01-15T08:30:00Z", datetime(2026, 1, 15, 9, 30)),  # winter: UTC+1
        ("2026-07-15T08:30:00+00:00", datetime(2026, 7, 15, 10, 30)),  # summer: UTC+2
        ("2026-07-15T12:00:00-04:00", datetime(2026, 7, 15, 18, 0)),
        ("2026-07-15T12:00+0530", datetime(2026, 7, 15, 8, 30)),
        # The night the clocks go forward: 02:00 CET becomes 03:00 CEST at 01:00 UTC.
        ("2026-03-29T00:30:00Z", datetime(2026, 3, 29, 1, 30)),
        ("2026-03-29T01:30:00Z", datetime(2026, 3, 29, 3, 30)),
        ("2026-03-29T01:30:00+01:00", datetime(2026, 3, 29, 1, 30)),
        # The night they go back: 03:00 CEST becomes 02:00 CET at 01:00 UTC.
        ("2026-10-25T00:30:00Z", datetime(2026, 10, 25, 2, 30)),
        ("2026-10-25T01:30:00Z", datetime(2026, 10, 25, 2, 30)),
        # Without an offset a value already is wall-clock time.
        ("2026-03-29T02:30:00", datetime(2026, 3, 29, 2, 30)),
        ("2026-03-04 09:30", datetime(2026, 3, 4, 9, 30)),
        ("2026-03-04T09:30:15.999", datetime(2026, 3, 4, 9, 30, 15)),
    ],
)
def test_it_converts_a_datetime_with_an_offset_to_berlin_wall_clock_time(
    folder, written, wall_clock
):
    path = folder(
        customers=CUSTOMERS, time_entries=["customer_id,start,minutes", f"K1,{written},30"]
    )

    assert read_folder(path).time_entries["start"].to_list() == [wall_clock]


def test_it_converts_offsets_to_the_time_zone_it_is_given(folder):
    path = folder(
        customers=CUSTOMERS,
        time_entries=["customer_id,start,minutes", "K1,2026-07-15T08:30:00Z,30"],
    )

    portfolio = read_folder(path, time_zone="America/New_York")

    assert portfolio.time_entries["start"].to_list() == [datetime(2026, 7, 15, 4, 30)]


@pytest.mark.parametrize(
    "value",
    ["2026-03-04T24:00", "2026-03-04T09:60", "2026-03-04T09:30:60", "2026-03-04T09:30+25:00"],
)
def test_it_rejects_a_datetime_that_is_not_one(folder, read_errors, value):
    path = folder(customers=CUSTOMERS, time_entries=["customer_id,start,minutes", f"K1,{value},30"])

    [error] = read_errors(path)

    assert (error.line, error.column, error.value) == (2, "start", value)
    assert error.message.startswith("is not a date and time (YYYY-MM-DDTHH:MM")


def test_it_rejects_an_unknown_time_zone(folder):
    with pytest.raises(ValueError, match="unknown time zone"):
        read_folder(folder(customers=CUSTOMERS), time_zone="Europe/Atlantis")


def test_it_rejects_a_file_that_is_not_utf8(folder, read_errors):
    path = folder(customers="id,name\nK1,Alpha\nK2,Müller\n".encode("latin-1"))

    assert read_errors(path) == [
        RowError(
            "customers.csv", 3, None, None, "not valid UTF-8 (byte 0xfc); save the file as UTF-8"
        )
    ]


def test_it_accepts_a_utf8_byte_order_mark(folder):
    path = folder(customers="\ufeffid,name\nK1,Müller\n".encode())

    assert read_folder(path).customers.select("id", "name").row(0) == ("K1", "Müller")


def test_it_reads_windows_line_endings(folder):
    path = folder(customers=b"id,name\r\nK1,Alpha\r\nK2,Beta\r\n")

    assert read_folder(path).customers["name"].to_list() == ["Alpha", "Beta"]


@pytest.mark.parametrize("content", [b"", b" \r\n\t\n", b"\xef\xbb\xbf\n  "])
def test_it_rejects_an_empty_file(folder, read_errors, content):
    path = folder(customers=CUSTOMERS, offers=content)

    assert read_errors(path) == [
        RowError(
            "offers.csv",
            None,
            None,
            None,
            "file is empty; expected a header row with the columns number, customer_id, "
            "sent_date, valid_until, amount, status, decided_date",
        )
    ]


def test_a_header_only_file_holds_no_rows(folder):
    path = folder(customers=CUSTOMERS, offers=["number,customer_id,sent_date,amount"])

    assert read_folder(path).offers.height == 0


def test_a_missing_file_holds_no_rows(folder):
    portfolio = read_folder(folder(customers=CUSTOMERS))

    assert portfolio.invoices.height == 0
    assert portfolio.customers.height == 2


def test_it_warns_about_an_unknown_column_and_reads_the_rest(folder):
    path = folder(customers=["id,name,Farbe", "K1,Alpha,blau"])

    portfolio = read_folder(path)

    assert portfolio.warnings == ["customers.csv: unknown column 'Farbe' is ignored"]
    assert portfolio.customers["id"].to_list() == ["K1"]


def test_it_warns_about_an_unknown_file(folder):
    path = folder(customers=CUSTOMERS, kunden=["id,name"])

    assert read_folder(path).warnings == ["kunden.csv: unknown file is ignored"]


def test_it_reports_a_missing_required_column_once(folder, read_errors):
    path = folder(customers=["id,status", "K1,active", "K2,lead"])

    assert read_errors(path) == [
        RowError("customers.csv", 1, "name", None, "required column is missing")
    ]


def test_it_reports_a_column_named_twice(folder, read_errors):
    path = folder(customers=["id,name,Name", "K1,Alpha,Beta"])

    assert read_errors(path) == [
        RowError("customers.csv", 1, "name", None, "appears more than once in the header")
    ]


def test_it_matches_column_names_ignoring_case_spaces_and_order(folder):
    path = folder(customers=[" Name ,ID", "Alpha,K1"])

    assert read_folder(path).customers.select("id", "name").row(0) == ("K1", "Alpha")


def test_it_keeps_strings_as_written(folder):
    path = folder(customers=["id,name,notes", 'K1,  Alpha  ,"zwei\nZeilen, ""zitiert"""'])

    customer = read_folder(path).customers.row(0, named=True)

    assert (customer["name"], customer["notes"]) == ("  Alpha  ", 'zwei\nZeilen, "zitiert"')


def test_it_counts_the_lines_of_a_value_that_spans_lines(folder, read_errors):
    path = folder(customers=["id,name,notes", 'K1,Alpha,"eins', "zwei", 'drei"', "K2,,"])

    assert read_errors(path) == [RowError("customers.csv", 5, "name", None, "a value is required")]


def test_it_skips_empty_rows_but_counts_their_lines(folder, read_errors):
    path = folder(customers=["id,name,status", "K1,Alpha,", "", ",,", "K2,Beta,gone"])

    assert read_errors(path) == [
        RowError("customers.csv", 5, "status", "gone", "is not one of lead, active, ended")
    ]


def test_it_reports_an_unbalanced_quote_as_one_error(folder, read_errors):
    path = folder(customers=["id,name", 'K1,"Alpha', "K2,Beta"])

    [error] = read_errors(path)

    assert (error.file, error.line, error.column) == ("customers.csv", 2, None)
    assert "check the quotes" in error.message


def test_it_reports_a_row_with_more_fields_than_the_header(folder, read_errors):
    path = folder(customers=["id,name", "K1,Alpha", "K2,Beta,extra"])

    assert read_errors(path) == [
        RowError("customers.csv", 3, None, None, "has 3 fields, but the header has 2")
    ]


def test_it_reads_a_row_with_fewer_fields_as_empty_values(folder):
    path = folder(customers=["id,name,status", "K1,Alpha"])

    assert read_folder(path).customers["status"].to_list() == ["active"]


def test_it_collects_the_errors_of_all_files_before_it_stops(folder):
    path = folder(
        customers=["id,name", "K1,"],
        invoices=[INVOICE_HEADER, "RE-1,K1,gestern,10"],
        offers=b"",
    )

    with pytest.raises(PortfolioInvalid) as raised:
        read_folder(path)

    assert [(e.file, e.line) for e in raised.value.errors] == [
        ("customers.csv", 2),
        ("invoices.csv", 2),
        ("offers.csv", None),
    ]
    assert raised.value.total == 3


def test_it_lists_at_most_a_hundred_errors_but_counts_them_all(folder):
    rows = [f"RE-{i},K1,2026-01-{i % 28 + 1:02d},{i},5" for i in range(150)]
    path = folder(customers=CUSTOMERS, invoices=[INVOICE_HEADER + ",currency", *rows])

    with pytest.raises(PortfolioInvalid) as raised:
        read_folder(path)

    assert raised.value.total == 150
    assert len(raised.value.errors) == MAX_ERRORS
    assert raised.value.errors[-1].line == MAX_ERRORS + 1
    assert str(raised.value).startswith("150 errors in the portfolio folder:\n")
    assert str(raised.value).endswith("… and 50 more")


def test_it_does_not_blame_every_customer_id_when_customers_csv_is_broken(folder, read_errors):
    path = folder(customers=b"", invoices=[INVOICE_HEADER, "RE-1,K1,2026-01-10,10"])

    assert [e.file for e in read_errors(path)] == ["customers.csv"]


def test_a_path_that_is_not_a_folder_is_an_error(tmp_path, read_errors):
    assert read_errors(tmp_path / "nowhere") == [
        RowError(str(tmp_path / "nowhere"), None, None, None, "is not a folder")
    ]


def test_read_table_reads_one_file_without_the_customer_check(folder):
    path = folder(invoices=[INVOICE_HEADER, "RE-1,K9,2026-01-10,10", "RE-2,K9,2026-01-11,x"])

    frame, errors, warnings = read_table(path / "invoices.csv", INVOICES)

    assert frame.height == 0
    assert [(e.line, e.column) for e in errors] == [(3, "net")]
    assert warnings == []


def test_read_table_checks_customer_ids_when_it_is_given_them(folder):
    path = folder(invoices=[INVOICE_HEADER, "RE-1,K9,2026-01-10,10"])

    frame, errors, _ = read_table(path / "invoices.csv", INVOICES, customer_ids=["K9"])

    assert (frame.height, errors) == (1, [])
