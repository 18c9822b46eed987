"""The best and worst fits of the ideal-customer profile: up to five each, nobody in both,
the best first and the worst first, customers without a score in neither."""

from __future__ import annotations

from datetime import date, timedelta

from kundenwert.kaizen.profile import best_and_worst
from kundenwert.patterns import DEFAULT_WEIGHTS, fit_scores
from tests.analysis.builders import PortfolioBuilder, run

# Scored on punctual payment only: 0 days late is 100, 30 days (the exit limit) is 0.
ONLY_PAYMENT = {**dict.fromkeys(DEFAULT_WEIGHTS, 0), "pays_on_time": 1}
DUE = date(2026, 6, 15)


def fits_for(days_late: dict[str, int], unscored: tuple[str, ...] = ()):
    builder = PortfolioBuilder()
    for name, days in days_late.items():
        builder.customer(name.lower(), name=name)
        builder.invoice(
            name.lower(),
            issue_date=DUE - timedelta(days=14),
            due_date=DUE,
            paid_date=DUE + timedelta(days=days),
        )
    for name in unscored:  # no invoice due: not scored at all
        builder.customer(name.lower(), name=name, status="lead")
    return fit_scores(run(builder.build()), ONLY_PAYMENT)


def named(fits) -> list[tuple[str, int | None]]:
    return [(f.name, f.fit) for f in fits]


def test_three_scored_customers_give_one_best_and_one_worst():
    fits = fits_for({"Alpha": 0, "Beta": 9, "Gamma": 24}, unscored=("Delta",))
    assert named(fits)[-1] == ("Delta", None)

    best, worst = best_and_worst(fits)

    assert named(best) == [("Alpha", 100)]
    assert named(worst) == [("Gamma", 20)]  # Beta (70) is in the middle, Delta unscored


def test_twelve_scored_customers_give_five_best_and_five_worst_without_overlap():
    names = [
        "Anker", "Birke", "Cello", "Dorn", "Eiche", "Fjord",
        "Gips", "Hafen", "Insel", "Jade", "Kiesel", "Linde",
    ]  # fmt: skip
    fits = fits_for({name: 2 * i for i, name in enumerate(names)}, unscored=("Moos",))

    best, worst = best_and_worst(fits)

    assert named(best) == [
        ("Anker", 100),
        ("Birke", 93),
        ("Cello", 87),
        ("Dorn", 80),
        ("Eiche", 73),
    ]
    assert named(worst) == [
        ("Linde", 27),
        ("Kiesel", 33),
        ("Jade", 40),
        ("Insel", 47),
        ("Hafen", 53),
    ]
    assert not {f.customer_id for f in best} & {f.customer_id for f in worst}
    # Fjord (67) and Gips (60) are in neither list; Moos, without a score, never is.
