"""`kundenwert report` and `kundenwert export-list` as a user runs them."""

from __future__ import annotations

import csv
import io
from datetime import timedelta
from decimal import Decimal

import openpyxl
import pytest

from kundenwert.activity.models import Interaction
from kundenwert.cli import main
from tests.web.conftest import customer


def test_report_writes_the_html_report_in_english(demo, tmp_path, today, capsys):
    output = tmp_path / "report.html"

    status = main(
        ["report", "--year", str(today.year), "--format", "html", "--lang", "en", "-o", str(output)]
    )

    assert status == 0
    page = output.read_text(encoding="utf-8")
    assert f"Customer base review {today.year}" in page and "Payment behaviour" in page
    assert f"Written: {output}" in capsys.readouterr().err


def test_report_of_a_year_to_come_fails_with_a_sentence(db, tmp_path, capsys):
    assert main(["report", "--year", "3000", "-o", str(tmp_path / "x.pdf")]) == 2

    assert "3000" in capsys.readouterr().err
    assert not (tmp_path / "x.pdf").exists()


def test_export_list_writes_customers_as_a_workbook(demo, tmp_path):
    output = tmp_path / "kunden.xlsx"

    assert main(["export-list", "customers", "-o", str(output)]) == 0

    rows = list(openpyxl.load_workbook(output).active.iter_rows(values_only=True))
    assert rows[0][:2] == ("Kundennummer", "Kunde") and len(rows) == 61


def test_export_list_filters_interactions_by_customer_number_and_days(demo, tmp_path, today):
    output = tmp_path / "kontakte.csv"
    since = today - timedelta(days=120)  # not the calendar year: on 2 January it is nearly empty
    args = ["--customer", "K-1001", "--from", since.isoformat(), "--to", today.isoformat()]

    assert main(["export-list", "interactions", "--format", "csv", *args, "-o", str(output)]) == 0

    rows = list(csv.DictReader(io.StringIO(output.read_text(encoding="utf-8"))))
    expected = Interaction.objects.filter(
        customer=customer("K-1001"), at__date__range=(since, today)
    )
    assert len(rows) == expected.count() > 0
    assert {row["customer_id"] for row in rows} == {"K-1001"}


def test_export_list_warns_about_characters_windows_1252_cannot_hold(demo, tmp_path, capsys):
    sommer = customer("K-1001")
    sommer.name = "Bäckerei Sommer 🥨"
    sommer.save()
    output = tmp_path / "kunden.csv"

    args = ["export-list", "customers", "--format", "csv-de", "--encoding", "cp1252"]
    assert main([*args, "-o", str(output)]) == 0

    assert "Bäckerei Sommer ?" in output.read_bytes().decode("cp1252")
    err = capsys.readouterr().err
    assert "character(s) do not exist in Windows-1252" in err
    assert "column Kunde: '🥨'" in err


def test_an_encoding_goes_with_the_german_csv_only(db, tmp_path, capsys):
    args = ["export-list", "invoices", "--format", "csv", "--encoding", "cp1252"]

    assert main([*args, "-o", str(tmp_path / "x.csv")]) == 2
    assert "--encoding" in capsys.readouterr().err


def export_customers(tmp_path, *options) -> list[dict]:
    output = tmp_path / f"kunden{len(list(tmp_path.iterdir()))}.csv"
    assert main(["export-list", "customers", "--format", "csv", *options, "-o", str(output)]) == 0
    return list(csv.DictReader(io.StringIO(output.read_text(encoding="utf-8"))))


def test_export_list_customers_takes_the_web_list_s_filters_and_order(demo, tmp_path):
    everyone = export_customers(tmp_path)

    chosen = export_customers(tmp_path, "--group", "B", "--status", "active", "--sort", "name")
    late = export_customers(tmp_path, "--reason", "late_payer", "--sort=-revenue")
    exits = export_customers(tmp_path, "--exit-candidates")

    expected = sorted(
        (r for r in everyone if (r["group"], r["status"]) == ("B", "active")),
        key=lambda r: r["name"],
    )
    assert [r["id"] for r in chosen] == [r["id"] for r in expected] and len(chosen) > 5
    assert {r["id"] for r in late} == {r["id"] for r in everyone if "late_payer" in r["reasons"]}
    assert len(late) >= 2
    assert [Decimal(r["revenue"]) for r in late] == sorted(Decimal(r["revenue"]) for r in late)
    assert {r["id"] for r in exits} == {r["id"] for r in everyone if r["exit_candidate"] == "true"}
    assert 0 < len(exits) < len(everyone)


@pytest.mark.parametrize(
    ("options", "message"),
    [
        (
            ["customers", "--reason", "nett"],
            "--reason nett: not a reason code; known: high_revenue",
        ),
        (["customers", "--sort", "umsatz"], "--sort umsatz: use one of name, group, revenue"),
        (["invoices", "--group", "A"], "--group is for the customers list only."),
    ],
)
def test_export_list_refuses_options_it_cannot_use(db, tmp_path, capsys, options, message):
    assert main(["export-list", *options, "-o", str(tmp_path / "x.csv")]) == 2

    assert message in capsys.readouterr().err
    assert not (tmp_path / "x.csv").exists()
