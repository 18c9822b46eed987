"""The machine-readable result: exactly the shape of method.md, plus the allowed extras."""

from __future__ import annotations

import json
from dataclasses import fields

from kundenwert.analysis import AnalysisSettings
from kundenwert.analysis.machine import render_json
from kundenwert.analysis.metrics import REQUIRED_METRICS
from tests.analysis.builders import AS_OF, PortfolioBuilder, make_portfolio, run

METHOD_KEYS = {"as_of", "period", "settings", "customers", "budget"}
EXTRA_KEYS = {"whale_curve", "totals", "deciding"}


def sample():
    b = PortfolioBuilder().customer("a", name="Bäckerei Sommer").customer("b").customer("c")
    b.invoice("a", net="1000.05").invoice("b", net="200.10")
    b.time_entry("a", minutes=61).time_entry("c", minutes=30)
    return run(b.build())


def test_the_top_level_keys_are_method_md_s_plus_the_documented_extras():
    assert set(sample().to_json()) == METHOD_KEYS | EXTRA_KEYS


def test_the_period_and_as_of_are_iso_dates():
    data = sample().to_json()
    assert data["as_of"] == AS_OF.isoformat()
    assert data["period"] == {"from": "2025-11-24", "to": "2026-11-23"}


def test_the_settings_are_every_analysis_setting():
    settings = sample().to_json()["settings"]
    assert set(settings) == {f.name for f in fields(AnalysisSettings)}
    assert settings["hourly_cost"] == 60.0


def test_each_customer_object_has_exactly_the_six_keys():
    for customer in sample().to_json()["customers"]:
        assert set(customer) == {"id", "name", "group", "reasons", "exit_candidate", "metrics"}


def test_metrics_hold_at_least_the_required_keys_as_numbers_or_null():
    for customer in sample().to_json()["customers"]:
        metrics = customer["metrics"]
        assert {m.name for m in REQUIRED_METRICS} <= set(metrics)
        assert all(v is None or type(v) in (int, float) for v in metrics.values())


def test_money_is_rounded_to_cents_and_absent_or_infinite_figures_are_null():
    customers = {c["id"]: c for c in sample().to_json()["customers"]}
    a, c = customers["a"]["metrics"], customers["c"]["metrics"]
    assert a["revenue"] == 1000.05
    assert a["cost"] == 61.0
    assert a["margin"] == 939.05
    assert a["effective_hourly_rate"] == 983.66  # 1000.05 / (61 / 60)
    assert c["effort_ratio"] is None  # infinite
    assert c["effective_hourly_rate"] == 0.0  # no revenue over half an hour
    assert c["mood_avg"] is None


def test_ratios_keep_six_significant_digits():
    a = {c["id"]: c for c in sample().to_json()["customers"]}["a"]["metrics"]
    assert a["revenue_share"] == 0.833271  # 1000.05 / 1200.15 = 0.8332708…
    assert a["effort_hours"] == 1.0167


def test_the_budget_has_exactly_the_four_lines_with_three_keys_each():
    budget = sample().to_json()["budget"]
    assert set(budget) == {"A", "B", "C", "spontaneous"}
    for line in budget.values():
        assert set(line) == {"target", "actual_hours", "actual_share"}


def test_the_whale_curve_runs_from_the_highest_margin_down():
    curve = sample().to_json()["whale_curve"]
    assert [p["id"] for p in curve] == ["a", "b", "c"]
    assert [p["cumulative_margin"] for p in curve] == [939.05, 1139.15, 1109.15]
    assert set(curve[0]) == {"id", "name", "margin", "cumulative_margin"}


def test_deciding_names_the_rule_per_customer():
    assert sample().to_json()["deciding"] == {
        "a": "proportional_effort",
        "b": "small_steady",
        "c": "low_revenue_high_effort",
    }


def test_the_json_is_strict_json_and_render_json_writes_the_same_object():
    result = sample()
    text = render_json(result)
    assert json.loads(text) == result.to_json()
    json.dumps(result.to_json(), allow_nan=False)
    assert "Bäckerei" in text


def test_an_empty_portfolio_gives_a_result_without_customers():
    result = run(make_portfolio())
    data = json.loads(render_json(result))
    assert data["customers"] == [] and data["whale_curve"] == [] and data["deciding"] == {}
    assert data == result.to_json()
    assert result.customers == []
