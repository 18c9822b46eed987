"""The analysis gives the same answer from a portfolio folder as from the database."""

from __future__ import annotations

from datetime import date, timedelta

import polars as pl
import pytest
from django.conf import settings as django_settings
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kundenwert.analysis import AnalysisSettings, Period, analyze
from kundenwert.demo import generate_demo
from kundenwert.exchange.loader import load_for_analysis, load_portfolio
from kundenwert.exchange.services import do_import_portfolio
from kundenwert.portfolio.reader import read_folder
from kundenwert.portfolio.writer import write_folder
from tests.analysis.test_properties import portfolios
from tests.exchange.test_round_trip import empty_the_database

pytestmark = pytest.mark.django_db


def both_ways(portfolio, folder, as_of):
    write_folder(portfolio, folder)
    from_folder = analyze(read_folder(folder), AnalysisSettings(), as_of)
    empty_the_database()
    do_import_portfolio(portfolio, source="test")
    from_database = analyze(load_portfolio(), AnalysisSettings(), as_of)
    return from_folder.to_json(), from_database.to_json()


@settings(
    max_examples=6, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    seed=st.integers(min_value=0, max_value=10_000),
    as_of=st.dates(min_value=date(2024, 1, 1), max_value=date(2027, 12, 31)),
)
def test_folder_and_database_give_the_same_result(tmp_path_factory, seed, as_of):
    folder = tmp_path_factory.mktemp("portfolio")

    from_folder, from_database = both_ways(generate_demo(as_of, seed=seed), folder, as_of)

    assert from_folder == from_database
    assert len(from_folder["customers"]) == 60


def test_both_paths_agree_on_the_period_edges_around_midnight(tmp_path):
    as_of = date(2026, 11, 23)
    portfolio = generate_demo(as_of)
    first_day = as_of - timedelta(days=364)
    # Entries at 00:00 on the first day and 23:59 on the last belong to the period; in UTC
    # they fall on the day before and the same day, which must not move them.
    import polars as pl

    extra = pl.DataFrame(
        {
            "customer_id": ["K-1001", "K-1001"],
            "start": [f"{first_day}T00:00:00", f"{as_of}T23:59:00"],
            "minutes": ["600.00", "600.00"],
        }
    ).with_columns(
        pl.col("start").str.to_datetime("%Y-%m-%dT%H:%M:%S", time_unit="us"),
        pl.col("minutes").cast(portfolio.time_entries.schema["minutes"]),
        billable=pl.lit(True),
        user=pl.lit(None, pl.String),
        project=pl.lit(None, pl.String),
        description=pl.lit("Randfall", pl.String),
    )
    portfolio.time_entries = pl.concat(
        [portfolio.time_entries, extra.select(portfolio.time_entries.columns)]
    )

    from_folder, from_database = both_ways(portfolio, tmp_path, as_of)

    assert from_folder == from_database
    sommer = next(c for c in from_database["customers"] if c["id"] == "K-1001")
    without = analyze(generate_demo(as_of), AnalysisSettings(), as_of).customer("K-1001")
    assert sommer["metrics"]["effort_hours"] == pytest.approx(without.metrics["effort_hours"] + 20)


def with_override_reasons(portfolio):
    """The portfolio with a reason wherever a group is set by hand: the strategy draws
    overrides alone, which the analysis takes but a folder or an import refuses."""
    overridden = pl.col("group_override").is_not_null()
    reason = pl.when(overridden).then(pl.lit("von Hand gesetzt")).alias("override_reason")
    portfolio.customers = portfolio.customers.with_columns(reason)
    return portfolio


def as_the_cli_loads_them(portfolio, folder, as_of):
    """The analysis of `kundenwert analyze --data folder` and of `kundenwert analyze` after
    importing the same portfolio, both read the way the command reads them."""
    settings = AnalysisSettings()
    period = Period.ending(as_of, settings.period_days)
    write_folder(portfolio, folder)
    zone = django_settings.TIME_ZONE  # the folder's times read on the database's clock
    from_folder = read_folder(folder, time_zone=zone, free_text=False)
    # The database is emptied per example: Hypothesis runs every example in one test.
    empty_the_database()
    do_import_portfolio(portfolio, source="test")
    from_database = load_for_analysis(period)
    return (
        analyze(from_folder, settings, as_of, period).to_json(),
        analyze(from_database, settings, as_of, period).to_json(),
    )


@settings(
    max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    portfolio=portfolios(),
    # The drawn records lie between 2025-10-01 and 2026-12-25: periods ending inside and
    # after them cut through the records at both ends.
    as_of=st.dates(min_value=date(2026, 6, 1), max_value=date(2027, 3, 31)),
)
def test_any_portfolio_gives_the_same_result_from_folder_and_database(
    tmp_path_factory, portfolio, as_of
):
    folder = tmp_path_factory.mktemp("portfolio")

    from_folder, from_database = as_the_cli_loads_them(
        with_override_reasons(portfolio), folder, as_of
    )

    assert from_folder == from_database
