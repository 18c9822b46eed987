"""A bad analysis setting is named with its file, key and value, in English and German."""

from __future__ import annotations

import pytest

from kundenwert.analysis.settings import SettingsError, load_toml


@pytest.mark.parametrize(
    ("toml", "english", "german"),
    [
        (
            "hourly_cost = -5",
            "hourly_cost: '-5' must not be negative",
            "„-5“ darf nicht negativ sein",
        ),
        (
            "period_days = 1.5",
            "'1.5' is not a valid whole number",
            "„1.5“ ist keine gültige ganze Zahl",
        ),
        ("colour = 1", "unknown setting 'colour'", "unbekannte Einstellung „colour“"),
        ("[analysis", "cannot be read: ", "lässt sich nicht lesen: "),
    ],
)
def test_a_bad_setting_says_what_is_wrong_in_english_and_german(tmp_path, toml, english, german):
    path = tmp_path / "settings.toml"
    path.write_text(toml if toml.startswith("[") else f"[analysis]\n{toml}\n", encoding="utf-8")

    with pytest.raises(SettingsError) as raised:
        load_toml(path)

    assert english in str(raised.value) and str(raised.value).startswith(str(path))
    assert german in raised.value.text("de")
