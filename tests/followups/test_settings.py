"""The follow-up settings: defaults, validation, and the workspace's stored values."""

from __future__ import annotations

import pytest

from kundenwert.followups import FollowupSettings, FollowupSettingsError
from kundenwert.workspace.models import DEFAULT_FOLLOWUPS


def test_the_defaults_are_those_of_method_md():
    settings = FollowupSettings()

    assert settings.offer_default_validity_days == 30
    assert settings.delivery_checkin_days == 28
    assert (settings.cadence_a_days, settings.cadence_b_days) == (42, 84)
    assert settings.cadence_days("C") is None and settings.cadence_days(None) is None


def test_the_workspace_defaults_are_the_engines_defaults():
    assert FollowupSettings().as_json() == DEFAULT_FOLLOWUPS
    assert FollowupSettings().updated(DEFAULT_FOLLOWUPS) == FollowupSettings()


def test_stored_values_are_converted_to_the_fields_type():
    settings = FollowupSettings().updated({"cadence_a_days": "35", "capacity_warning_share": 0.8})

    assert settings.cadence_a_days == 35 and settings.capacity_warning_share == 0.8


@pytest.mark.parametrize(
    "values",
    [
        {"nonsense": 1},
        {"cadence_a_days": "six weeks"},
        {"cadence_a_days": 4.5},
        {"cadence_a_days": True},
        {"cadence_b_days": -1},
        {"punctual_payments_in_row": 0},
        {"present_month": 2, "present_day": 29},
        {"present_month": 13},
        {"capacity_notice_share": 0.8, "capacity_warning_share": 0.7},
    ],
)
def test_a_value_that_cannot_be_used_is_an_error_naming_it(values):
    with pytest.raises(FollowupSettingsError, match="follow-up setting"):
        FollowupSettings().updated(values)
