"""The analysis is method.md's JSON, the same as the command line prints; follow-ups are
method.md section 4's list, and can be marked done or snoozed."""

from __future__ import annotations

import json
from datetime import date, timedelta

from kundenwert.cli import main
from kundenwert.planning.models import FollowupState
from tests.web.conftest import import_rows, recent

JSON_KEYS = ["due", "kind", "customer_id", "customer", "ref", "reason", "cause"]


def cli_json(capsys, *args: str) -> dict:
    capsys.readouterr()
    assert main(["analyze", "--format", "json", *args]) == 0
    return json.loads(capsys.readouterr().out)


def test_the_analysis_is_exactly_what_the_command_line_prints(demo, owner_api, capsys):
    api = owner_api.get("/api/v1/analysis/", {"as_of": "2026-06-30"}).json()

    assert api == cli_json(capsys, "--as-of", "2026-06-30")
    assert list(api)[:5] == ["as_of", "period", "settings", "customers", "budget"]


def test_the_analysis_takes_a_period(demo, owner_api, capsys):
    params = {"as_of": "2026-03-31", "from": "2026-01-01", "to": "2026-03-31"}

    api = owner_api.get("/api/v1/analysis/", params).json()

    assert api["period"] == {"from": "2026-01-01", "to": "2026-03-31"}
    args = ("--as-of", "2026-03-31", "--from", "2026-01-01", "--to", "2026-03-31")
    assert api == cli_json(capsys, *args)


def test_from_without_to_or_a_bad_date_names_the_parameter(owner_api):
    alone = owner_api.get("/api/v1/analysis/", {"from": "2026-01-01"})
    bad = owner_api.get("/api/v1/analysis/", {"as_of": "gestern"})

    assert alone.status_code == 400 and alone.json()["errors"][0]["field"] == "to"
    assert bad.status_code == 400 and bad.json()["errors"][0]["field"] == "as_of"


def test_invoices_in_two_currencies_are_a_409_that_says_why(owner_api, today):
    day = recent(today)
    import_rows(
        customers=[{"id": "K1"}],
        invoices=[
            {"customer_id": "K1", "number": "A", "issue_date": day, "currency": "EUR"},
            {"customer_id": "K1", "number": "B", "issue_date": day, "currency": "CHF"},
        ],
    )

    response = owner_api.get("/api/v1/analysis/")

    assert response.status_code == 409
    assert "CHF" in response.json()["errors"][0]["message"]


def test_follow_ups_are_the_documented_list_with_their_cause(demo, owner_api, today):
    data = owner_api.get("/api/v1/followups/", {"lang": "en"}).json()

    assert list(data) == ["as_of", "followups"] and data["as_of"] == today.isoformat()
    assert data["followups"] and all(list(i) == JSON_KEYS for i in data["followups"])
    assert all(date.fromisoformat(i["due"]) <= today for i in data["followups"])


def test_a_follow_up_marked_done_leaves_the_list(demo, staff_api, staff):
    first = staff_api.get("/api/v1/followups/").json()["followups"][0]

    response = staff_api.post("/api/v1/followups/done/", {"cause": first["cause"]}, format="json")

    assert response.status_code == 200 and response.json()["status"] == "done"
    causes = [i["cause"] for i in staff_api.get("/api/v1/followups/").json()["followups"]]
    assert first["cause"] not in causes
    assert FollowupState.objects.get(cause=first["cause"]).user == staff


def test_a_follow_up_is_snoozed_to_a_later_day_only(demo, owner_api, today):
    cause = owner_api.get("/api/v1/followups/").json()["followups"][0]["cause"]
    url = "/api/v1/followups/snooze/"

    today_refused = owner_api.post(url, {"cause": cause, "until": today.isoformat()}, format="json")
    later = (today + timedelta(days=7)).isoformat()
    snoozed = owner_api.post(url, {"cause": cause, "until": later}, format="json")

    assert today_refused.status_code == 400
    assert today_refused.json()["errors"][0]["field"] == "until"
    assert snoozed.status_code == 200
    assert snoozed.json() == {"cause": cause, "status": "snoozed", "snoozed_until": later}


def test_an_unknown_cause_names_the_field(owner_api):
    response = owner_api.post("/api/v1/followups/done/", {"cause": "nonsense"}, format="json")

    assert response.status_code == 400
    assert response.json()["errors"][0]["field"] == "cause"
