"""Before and after: a kaizen step's figures across its start date, and the talk watch."""

from __future__ import annotations

from datetime import date

import pytest

from kundenwert.patterns import Measurement, PatternSettings, measure_step, watch_after_talk
from kundenwert.patterns.texts import measurement_text
from tests.analysis.builders import PortfolioBuilder

START = date(2026, 6, 1)  # a Monday


def test_a_kaizen_step_counts_the_day_before_its_start_as_before_and_its_start_as_after():
    portfolio = (
        PortfolioBuilder()
        .customer("a")
        .time_entry("a", start="2026-05-30T10:00", minutes=180)  # Saturday before: odd
        .time_entry("a", start="2026-05-29T10:00", minutes=420)  # Friday before
        .time_entry("a", start="2026-06-01T20:30", minutes=60)  # the start day, evening: odd
        .time_entry("a", start="2026-06-02T10:00", minutes=540)
        .time_entry("a", start="2026-02-28T10:00", minutes=600)  # Saturday, before the window
        .build()
    )

    result = measure_step(portfolio, "a", "odd_hours", START, as_of=date(2026, 8, 29))

    assert (result.before.start, result.before.end) == (date(2026, 3, 3), date(2026, 5, 31))
    assert (result.after.start, result.after.end) == (date(2026, 6, 1), date(2026, 8, 29))
    assert result.before_figure.value == pytest.approx(0.3)
    assert result.after_figure.value == pytest.approx(0.1)
    assert result.direction == "better"
    assert result.moved
    assert result.change == pytest.approx(-0.2)


def test_while_a_step_is_young_both_windows_are_as_long_as_it_has_run():
    portfolio = PortfolioBuilder().customer("a").build()

    result = measure_step(portfolio, "a", "out_of_scope", START, as_of=date(2026, 6, 10))

    assert result.after.days == result.before.days == 10
    assert result.before.end == date(2026, 5, 31)


def test_a_step_that_has_not_started_is_not_measured():
    portfolio = PortfolioBuilder().customer("a").build()

    assert measure_step(portfolio, "a", "mood", START, as_of=date(2026, 5, 31)) is None


def test_a_change_smaller_than_the_threshold_is_unchanged():
    builder = PortfolioBuilder().customer("a")
    builder.time_entry("a", start="2026-05-04T10:00", minutes=600, billable=False)
    builder.time_entry("a", start="2026-05-05T10:00", minutes=1400)  # 30 % unbilled before
    builder.time_entry("a", start="2026-06-04T10:00", minutes=520, billable=False)
    builder.time_entry("a", start="2026-06-05T10:00", minutes=1480)  # 26 % after

    result = measure_step(builder.build(), "a", "unbilled", START, as_of=date(2026, 8, 29))

    assert result.direction == "unchanged"
    assert not result.moved


def test_a_change_of_exactly_the_threshold_has_moved():
    builder = PortfolioBuilder().customer("a")
    builder.interaction("a", at="2026-05-10T10:00", out_of_scope=True)
    builder.interaction("a", at="2026-05-11T10:00", out_of_scope=True)
    builder.interaction("a", at="2026-06-10T10:00", out_of_scope=True)

    result = measure_step(builder.build(), "a", "out_of_scope", START, as_of=date(2026, 8, 29))

    assert (result.before_figure.value, result.after_figure.value) == (2, 1)
    assert result.direction == "better"


def test_without_enough_hours_on_one_side_nothing_is_judged():
    builder = PortfolioBuilder().customer("a")
    builder.time_entry("a", start="2026-05-30T10:00", minutes=120)
    builder.time_entry("a", start="2026-06-02T10:00", minutes=600)

    result = measure_step(builder.build(), "a", "odd_hours", START, as_of=date(2026, 8, 29))

    assert result.direction is None


def test_the_window_length_is_a_setting():
    portfolio = PortfolioBuilder().customer("a").build()
    settings = PatternSettings(measure_window_days=30)

    result = measure_step(portfolio, "a", "mood", START, date(2026, 12, 1), settings)

    assert result.before.start == date(2026, 5, 2)
    assert result.after.end == date(2026, 6, 30)


def test_the_measurement_reads_as_a_sentence_and_survives_json():
    builder = PortfolioBuilder().customer("a")
    builder.interaction("a", at="2026-05-10T10:00", out_of_scope=True)

    result = measure_step(builder.build(), "a", "out_of_scope", START, as_of=date(2026, 8, 29))
    text = measurement_text(result, PatternSettings(), "de")

    assert Measurement.from_json(result.to_json()) == result
    assert "vorher (03.03.2026 – 31.05.2026): 1 Sonderwunsch" in text
    assert "nachher (01.06.2026 – 29.08.2026): 0 Sonderwünsche" in text
    assert text.endswith("besser (Schwelle 1)")


TALK = date(2026, 6, 1)


def test_the_watch_flags_an_old_pattern_that_is_back_after_the_talk():
    builder = PortfolioBuilder().customer("a")
    for day in ("2026-05-05", "2026-05-20"):
        builder.interaction("a", at=f"{day}T10:00", out_of_scope=True)  # before the talk
    for day in ("2026-10-01", "2026-10-15", "2026-11-01"):
        builder.interaction("a", at=f"{day}T10:00", out_of_scope=True)  # back months later

    watch = watch_after_talk(builder.build(), "a", "out_of_scope", TALK, as_of=date(2026, 11, 23))

    assert watch.measurement.after.start == date(2026, 8, 26)  # the latest 90 days
    assert watch.measurement.before.end == TALK
    assert watch.returned


def test_the_watch_is_quiet_while_the_pattern_stays_away():
    builder = PortfolioBuilder().customer("a")
    for day in ("2026-05-05", "2026-05-20"):
        builder.interaction("a", at=f"{day}T10:00", out_of_scope=True)

    watch = watch_after_talk(builder.build(), "a", "out_of_scope", TALK, as_of=date(2026, 11, 23))

    assert watch.measurement.direction == "better"
    assert not watch.returned


def test_the_watch_starts_the_day_after_the_talk():
    portfolio = PortfolioBuilder().customer("a").build()

    assert watch_after_talk(portfolio, "a", "mood", TALK, as_of=TALK) is None
    assert watch_after_talk(portfolio, "a", "mood", TALK, as_of=date(2026, 6, 2)) is not None
