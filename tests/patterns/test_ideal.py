"""Scoring customers and leads against the ideal-customer profile."""

from __future__ import annotations

import pytest

from kundenwert.patterns import DEFAULT_WEIGHTS, ProfileError, fit_scores
from kundenwert.patterns.ideal_texts import score_text
from tests.analysis.builders import PortfolioBuilder, run

ONLY = dict.fromkeys(DEFAULT_WEIGHTS, 0)


def weights(**chosen: int) -> dict[str, int]:
    return {**ONLY, **chosen}


def by_id(fits) -> dict:
    return {f.customer_id: f for f in fits}


def test_a_punctual_payer_fits_better_than_a_late_one():
    builder = PortfolioBuilder().customer("good").customer("late")
    builder.invoice("good", issue_date="2026-06-01", due_date="2026-06-15", paid_date="2026-06-10")
    builder.invoice("late", issue_date="2026-06-01", due_date="2026-06-15", paid_date="2026-07-15")

    fits = by_id(fit_scores(run(builder.build()), weights(pays_on_time=1)))

    assert fits["good"].fit == 100
    assert fits["late"].fit == 0  # 30 days late on average: the exit limit
    assert score_text(fits["late"].scores[0], "de") == (
        "zahlt pünktlich: im Schnitt 30 Tage nach Fälligkeit, 0 %, Gewicht 1"
    )


def test_the_fit_is_the_weighted_mean_of_the_scored_criteria():
    builder = PortfolioBuilder().customer("a", potential=5, useful=True)

    fits = by_id(fit_scores(run(builder.build()), weights(potential=3, useful=1, heart=1)))

    # potential 5 -> 1.0 (weight 3), useful -> 1.0 (1), heart no -> 0.0 (1): 4 of 5.
    assert fits["a"].fit == 80
    assert [s.criterion for s in fits["a"].scores] == ["potential", "useful", "heart"]


def test_criteria_without_data_are_left_out_rather_than_scored_as_bad():
    builder = PortfolioBuilder().customer("a", useful=True)

    fits = by_id(fit_scores(run(builder.build()), weights(friendly=5, useful=1)))

    assert fits["a"].fit == 100  # no mood rating: friendliness is not scored
    assert [s.criterion for s in fits["a"].scores] == ["useful"]


def test_leads_are_not_scored_on_revenue_or_payment():
    builder = PortfolioBuilder().customer("lead", status="lead", potential=4)

    fit = by_id(fit_scores(run(builder.build()), weights(revenue=5, pays_on_time=5, potential=1)))[
        "lead"
    ]

    assert fit.fit == 75
    assert [s.criterion for s in fit.scores] == ["potential"]


def test_ended_customers_are_not_scored():
    builder = PortfolioBuilder().customer("a").customer("gone", status="ended")

    fits = by_id(fit_scores(run(builder.build()), dict(DEFAULT_WEIGHTS)))

    assert "gone" not in fits


def test_the_best_fit_comes_first():
    builder = PortfolioBuilder().customer("a", potential=2).customer("b", potential=5)

    fits = fit_scores(run(builder.build()), weights(potential=1))

    assert [f.customer_id for f in fits] == ["b", "a"]


def test_unknown_criteria_and_weights_out_of_range_are_refused():
    result = run(PortfolioBuilder().customer("a").build())

    with pytest.raises(ProfileError, match="unknown criteria: charm"):
        fit_scores(result, {"charm": 3})
    with pytest.raises(ProfileError, match="heart"):
        fit_scores(result, weights(heart=6))
