"""`kundenwert analyze` as a user runs it: from a folder, from the database, in every format."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import date

import pytest

from kundenwert.cli import main
from kundenwert.customers.models import GroupRecord
from kundenwert.demo import generate_demo
from kundenwert.exchange.services import do_import_portfolio
from kundenwert.portfolio.writer import write_folder
from kundenwert.workspace.services import do_update_analysis_settings
from tests.conftest import write_folder as write_csv_folder

AS_OF = date(2026, 11, 23)


@pytest.fixture
def demo_folder(tmp_path):
    write_folder(generate_demo(AS_OF), tmp_path / "demo")
    return tmp_path / "demo"


def analyze_json(capsys, *args) -> dict:
    assert main(["analyze", "--as-of", AS_OF.isoformat(), "--format", "json", *args]) == 0
    return json.loads(capsys.readouterr().out)


def test_json_from_a_folder_has_the_shape_of_method_md(demo_folder, capsys):
    result = analyze_json(capsys, "--data", str(demo_folder))

    assert {"as_of", "period", "settings", "customers", "budget"} <= result.keys()
    assert result["as_of"] == "2026-11-23"
    assert result["period"] == {"from": "2025-11-24", "to": "2026-11-23"}
    assert set(result["budget"]) == {"A", "B", "C", "spontaneous"}
    assert set(result["customers"][0]) == {
        "id",
        "name",
        "group",
        "reasons",
        "exit_candidate",
        "metrics",
    }
    groups = {c["group"] for c in result["customers"]}
    assert groups == {"A", "B", "C", None}


# The run as a child process, saying on stderr whether rich was imported.
RICH_SCRIPT = """
import sys
from kundenwert.cli import main
status = main(["analyze", "--data", sys.argv[1], "--as-of", "2026-11-23", "--format", sys.argv[2]])
print(status, "rich" in sys.modules, file=sys.stderr)
"""


@pytest.mark.parametrize(("output", "imports_rich"), [("json", "False"), ("table", "True")])
def test_json_is_written_without_importing_rich_and_the_table_with_it(
    demo_folder, output, imports_rich
):
    command = [sys.executable, "-c", RICH_SCRIPT, str(demo_folder), output]
    done = subprocess.run(command, capture_output=True, text=True, check=True)

    assert done.stderr.split() == ["0", imports_rich]
    customers = (demo_folder / "customers.csv").read_text().count("\n") - 1
    if output == "json":
        assert len(json.loads(done.stdout)["customers"]) == customers


def test_a_calendar_year_is_analysed_with_year(demo_folder, capsys):
    result = analyze_json(capsys, "--data", str(demo_folder), "--year", "2025")

    assert result["period"] == {"from": "2025-01-01", "to": "2025-12-31"}


def test_from_and_to_set_the_period(demo_folder, capsys):
    result = analyze_json(
        capsys, "--data", str(demo_folder), "--from", "2026-01-01", "--to", "2026-06-30"
    )

    assert result["period"] == {"from": "2026-01-01", "to": "2026-06-30"}


def test_from_without_to_is_refused(demo_folder, capsys):
    assert main(["analyze", "--data", str(demo_folder), "--from", "2026-01-01"]) == 2
    assert "--from und --to gehören zusammen." in capsys.readouterr().err
    assert (
        main(["analyze", "--data", str(demo_folder), "--from", "2026-01-01", "--lang", "en"]) == 2
    )
    assert "--from and --to go together." in capsys.readouterr().err


def test_a_config_file_overrides_the_folder_settings(demo_folder, tmp_path, capsys):
    (demo_folder / "settings.toml").write_text("[analysis]\nhourly_cost = 75\n")
    config = tmp_path / "strict.toml"
    config.write_text("[analysis]\nlate_after_days = 7\n")

    result = analyze_json(capsys, "--data", str(demo_folder), "--config", str(config))

    assert result["settings"]["hourly_cost"] == 75
    assert result["settings"]["late_after_days"] == 7


def test_a_bad_setting_is_named_with_file_key_and_value(demo_folder, capsys):
    (demo_folder / "settings.toml").write_text('[analysis]\nhourly_cost = "viel"\n')

    assert main(["analyze", "--data", str(demo_folder)]) == 2
    toml = demo_folder / "settings.toml"
    assert f"{toml}: hourly_cost: „viel“ ist keine gültige Dezimalzahl" in capsys.readouterr().err

    assert main(["analyze", "--data", str(demo_folder), "--lang", "en"]) == 2
    expected = f"{toml}: hourly_cost: 'viel' is not a valid decimal number"
    assert expected in capsys.readouterr().err


def test_a_folder_with_bad_rows_lists_every_error_and_prints_no_result(tmp_path, capsys):
    folder = write_csv_folder(
        tmp_path / "bad",
        {
            "customers.csv": "id,name\nK1,Eins\nK2,\n",
            "invoices.csv": "number,customer_id,issue_date,net\n"
            'R1,K1,2026-02-30,10\nR2,K7,2026-02-01,"1,5"\n',
        },
    )

    assert main(["analyze", "--data", str(folder), "--format", "json", "--lang", "en"]) == 2

    captured = capsys.readouterr()
    assert captured.out == ""
    assert f"{folder}: no analysis, 4 error(s) found:" in captured.err
    assert "customers.csv, line 3, column name" in captured.err
    assert "invoices.csv, line 2, column issue_date: '2026-02-30'" in captured.err
    assert "invoices.csv, line 3, column customer_id: 'K7'" in captured.err
    assert "invoices.csv, line 3, column net: '1,5'" in captured.err

    # German unless told otherwise, as the analysis itself.
    assert main(["analyze", "--data", str(folder)]) == 2
    captured = capsys.readouterr()
    assert f"{folder}: keine Analyse, 4 Fehler gefunden:" in captured.err
    assert "customers.csv, Zeile 3, Spalte name: ein Wert ist erforderlich" in captured.err
    assert "invoices.csv, Zeile 3, Spalte customer_id: 'K7'" in captured.err


def test_invoices_in_two_currencies_need_a_configured_currency(tmp_path, capsys):
    folder = write_csv_folder(
        tmp_path / "fx",
        {
            "customers.csv": "id,name\nK1,Eins\nK2,Zwei\n",
            "invoices.csv": "number,customer_id,issue_date,net,currency\n"
            "R1,K1,2026-02-01,10,EUR\nR2,K2,2026-02-01,10,CHF\n",
        },
    )

    assert main(["analyze", "--data", str(folder), "--as-of", "2026-11-23"]) == 2
    err = capsys.readouterr().err
    assert "Die Rechnungen des Zeitraums lauten auf mehrere Währungen (CHF, EUR)." in err
    assert "[analysis]" in err  # the hint names the settings section, not swallowed as markup
    assert main(["analyze", "--data", str(folder), "--as-of", "2026-11-23", "--lang", "en"]) == 2
    assert "Invoices in the period use several currencies (CHF, EUR)." in capsys.readouterr().err

    (folder / "settings.toml").write_text('[analysis]\ncurrency = "EUR"\n')
    result = analyze_json(capsys, "--data", str(folder))
    revenue = {c["id"]: c["metrics"]["revenue"] for c in result["customers"]}
    assert revenue == {"K1": 10.0, "K2": 0.0}


def test_an_empty_portfolio_gets_a_friendly_message(tmp_path, capsys):
    (tmp_path / "empty").mkdir()

    assert main(["analyze", "--data", str(tmp_path / "empty"), "--as-of", "2026-11-23"]) == 0

    out = capsys.readouterr().out
    assert "Keine Kunden" in out


def test_the_table_lists_groups_with_explained_reasons_in_english(demo_folder, capsys):
    assert (
        main(["analyze", "--data", str(demo_folder), "--as-of", "2026-11-23", "--lang", "en"]) == 0
    )

    out = capsys.readouterr().out
    assert "Bäckerei Sommer GmbH" in out
    assert "Time budget" in out
    assert "Exit candidates" in out or "exit candidates" in out.lower()


def test_csv_in_german_uses_semicolons_and_decimal_commas(demo_folder, capsys):
    assert (
        main(
            [
                "analyze",
                "--data",
                str(demo_folder),
                "--as-of",
                "2026-11-23",
                "--format",
                "csv",
                "--lang",
                "de",
            ]
        )
        == 0
    )

    lines = capsys.readouterr().out.splitlines()
    assert lines[0].startswith("id;name;group")
    assert len(lines) == 61


@pytest.mark.django_db
def test_the_database_is_analysed_with_its_stored_settings(capsys):
    do_import_portfolio(generate_demo(AS_OF), source="demo")
    do_update_analysis_settings(None, {"hourly_cost": 80})

    result = analyze_json(capsys)

    assert result["settings"]["hourly_cost"] == 80
    assert len(result["customers"]) == 60


@pytest.mark.django_db
def test_save_keeps_the_group_history_once_per_analysis(capsys):
    do_import_portfolio(generate_demo(AS_OF), source="demo")

    analyze_json(capsys, "--save")
    analyze_json(capsys, "--save")

    assert GroupRecord.objects.count() == 60
    sommer = GroupRecord.objects.get(customer__number="K-1001")
    assert (sommer.as_of, sommer.group) == (AS_OF, "A")
    assert "high_revenue" in sommer.reasons
    assert sommer.metrics["revenue"] > 0


def test_save_does_not_go_with_data(demo_folder, capsys):
    assert main(["analyze", "--data", str(demo_folder), "--save"]) == 2
