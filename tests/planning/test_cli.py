"""`kundenwert followups` and `kundenwert today` as a user runs them."""

from __future__ import annotations

import json

import pytest

from kundenwert.cli import main
from kundenwert.planning import services
from kundenwert.planning.data import load_planning_data
from kundenwert.portfolio.writer import write_folder
from tests.planning.conftest import TODAY, small_portfolio

JSON_KEYS = ["due", "kind", "customer_id", "customer", "ref", "reason"]


@pytest.fixture
def folder(tmp_path):
    write_folder(small_portfolio(), tmp_path / "portfolio")
    return tmp_path / "portfolio"


def run_json(capsys, *args: str) -> dict:
    assert main(["followups", "--as-of", "2026-03-17", "--format", "json", *args]) == 0
    return json.loads(capsys.readouterr().out)


def test_followups_on_a_folder_print_the_documented_json(folder, capsys):
    data = run_json(capsys, "--data", str(folder), "--lang", "en")

    assert list(data) == ["as_of", "followups"] and data["as_of"] == "2026-03-17"
    assert [list(item) for item in data["followups"]] == [JSON_KEYS] * 3
    assert [(i["due"], i["kind"], i["ref"]) for i in data["followups"]] == [
        ("2026-03-03", "cadence", None),
        ("2026-03-10", "delivery_checkin", "Website-Texte"),
        ("2026-03-16", "offer_checkin", "AN-1"),
    ]
    assert data["followups"][2] == {
        "due": "2026-03-16",
        "kind": "offer_checkin",
        "customer_id": "K1",
        "customer": "Bäckerei Sommer",
        "ref": "AN-1",
        "reason": "Offer AN-1 for €4,800.00 has been open for 16 days, valid until 2026-03-31: "
        "check in",
    }


def test_followups_on_a_folder_read_its_followup_settings(folder, capsys):
    (folder / "settings.toml").write_text("[followups]\ndelivery_checkin_days = 60\n")

    data = run_json(capsys, "--data", str(folder))

    assert "delivery_checkin" not in [i["kind"] for i in data["followups"]]


def test_a_bad_followup_setting_in_a_folder_exits_2(folder, capsys):
    (folder / "settings.toml").write_text("[followups]\ncadence_a_days = 'oft'\n")

    assert main(["followups", "--data", str(folder)]) == 2
    assert "cadence_a_days" in capsys.readouterr().err


def test_followups_on_a_missing_folder_exit_2(tmp_path, capsys):
    assert main(["followups", "--data", str(tmp_path / "nowhere")]) == 2


def test_followups_on_the_database_leave_out_dismissed_ones(portfolio, owner, capsys):
    offer = load_planning_data(TODAY).open_followups()[2]
    services.do_dismiss_followup(owner, offer.cause, "kein Interesse")

    data = run_json(capsys)

    assert [i["kind"] for i in data["followups"]] == ["cadence", "delivery_checkin"]


def test_followups_print_a_table_by_default(portfolio, capsys):
    assert main(["followups", "--as-of", "2026-03-17"]) == 0

    out = capsys.readouterr().out
    assert "Wiedervorlagen fällig bis 17.03.2026" in out and "AN-1" in out


def test_today_prints_the_plan_with_tasks_follow_ups_and_capacity(portfolio, owner, capsys):
    services.do_create_task(owner, "Rechnung schreiben", assigned_to=owner, due_date=TODAY)
    services.do_add_rule(owner, "Mittagspause bleibt frei")

    assert main(["today", "--as-of", "2026-03-17", "--lang", "de"]) == 0

    out = capsys.readouterr().out
    assert "Heute, 17. März 2026" in out
    assert "Rechnung schreiben" in out and "Angebot nachfassen" in out
    assert "80 von 480 Minuten" in out
    assert "Mittagspause bleibt frei" in out


def test_today_shows_a_task_title_with_brackets_as_typed(portfolio, owner, capsys):
    services.do_create_task(owner, "[i]Ruf[/i] [Alt]", assigned_to=owner, due_date=TODAY)

    assert main(["today", "--as-of", "2026-03-17", "--lang", "de"]) == 0

    assert "[i]Ruf[/i] [Alt]" in capsys.readouterr().out


def test_today_for_a_staff_member_shows_no_amounts(portfolio, staff, capsys):
    assert main(["today", "--as-of", "2026-03-17", "--user", "sven"]) == 0

    assert "€" not in capsys.readouterr().out


def test_today_for_an_unknown_user_fails_cleanly(db, capsys):
    assert main(["today", "--user", "nobody"]) == 1
    assert "nobody" in capsys.readouterr().err


def test_a_folder_with_bad_rows_gives_no_follow_ups_and_says_why_in_german(tmp_path, capsys):
    bad = tmp_path / "bad"
    bad.mkdir()
    (bad / "customers.csv").write_text("id,name\nK1,\n", encoding="utf-8")

    assert main(["followups", "--data", str(bad)]) == 2
    err = capsys.readouterr().err
    assert f"{bad}: keine Wiedervorlagen, 1 Fehler gefunden:" in err
    assert "customers.csv, Zeile 2, Spalte name: ein Wert ist erforderlich" in err
    assert main(["followups", "--data", str(bad), "--lang", "en"]) == 2
    assert f"{bad}: no follow-ups, 1 error(s) found:" in capsys.readouterr().err
