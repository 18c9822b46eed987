"""The thresholds of the method (shared/docs/method.md, section 2), each with its default.

The same dataclass is read from a folder's settings.toml (`[analysis]`), from `--config`,
and from the settings stored in the database, so a threshold is validated in one place.
"""

from __future__ import annotations

import tomllib
from dataclasses import asdict, dataclass, fields, replace
from decimal import Decimal, InvalidOperation
from pathlib import Path


class SettingsError(ValueError):
    """A settings value that cannot be used; the message names the file, key and value.

    `str()` is English; `text(lang)` says it in German or English."""

    TEXTS = {
        "unknown": {
            "en": "{where}: unknown setting '{key}'",
            "de": "{where}: unbekannte Einstellung „{key}“",
        },
        "invalid": {
            "en": "{where}: '{value}' is not a valid {kind}",
            "de": "{where}: „{value}“ ist keine gültige {kind}",
        },
        "negative": {
            "en": "{where}: '{value}' must not be negative",
            "de": "{where}: „{value}“ darf nicht negativ sein",
        },
        "unreadable": {
            "en": "{where}: cannot be read: {cause}",
            "de": "{where}: lässt sich nicht lesen: {cause}",
        },
        "not_a_table": {
            "en": "{where}: [analysis] must be a table",
            "de": "{where}: [analysis] muss eine Tabelle sein",
        },
    }
    # What a value of each field type must be, by language.
    KINDS = {
        "int": {"en": "whole number", "de": "ganze Zahl"},
        "float": {"en": "number", "de": "Zahl"},
        "Decimal": {"en": "decimal number", "de": "Dezimalzahl"},
    }

    def __init__(self, reason: str, **values: object) -> None:
        self.reason, self.values = reason, values
        super().__init__(self.text("en"))

    def text(self, lang: str) -> str:
        texts = self.TEXTS[self.reason]
        values = dict(self.values)
        if "kind" in values:
            kinds = self.KINDS.get(str(values["kind"]), {})
            values["kind"] = kinds.get(lang, kinds.get("en", values["kind"]))
        return texts.get(lang, texts["en"]).format(**values)


@dataclass(frozen=True)
class AnalysisSettings:
    period_days: int = 365
    hourly_cost: Decimal = Decimal("60")
    payment_terms_days: int = 14
    late_after_days: int = 14
    high_revenue_share: float = 0.8
    effort_ratio_limit: float = 1.5
    late_invoices_min: int = 2
    price_negotiations_min: int = 2
    talker_calls_min: int = 5
    talker_minutes_share: float = 0.2
    empty_promises_offers_min: int = 2
    unjustified_complaints_min: int = 2
    rude_ratings_min: int = 3
    rude_mood_max: float = -1.0
    potential_min: int = 4
    exit_avg_days_late: float = 30.0
    budget_a: float = 0.5
    budget_b: float = 0.2
    budget_c: float = 0.1
    budget_spontaneous: float = 0.2
    currency: str | None = None  # the one currency to analyse when invoices use several

    def as_json(self) -> dict[str, object]:
        """The settings as plain JSON values (Decimal becomes a number)."""
        return {k: (float(v) if isinstance(v, Decimal) else v) for k, v in asdict(self).items()}

    def updated(self, values: dict[str, object], source: str = "settings") -> AnalysisSettings:
        """A copy with `values` applied, each converted to the field's type or rejected."""
        # Each coerced value has its field's type, which mypy cannot tell from the key.
        return replace(self, **coerce_settings(values, source))  # type: ignore[arg-type]


# The annotations as written (strings, under `from __future__ import annotations`).
FIELD_TYPES = {f.name: str(f.type) for f in fields(AnalysisSettings)}


def coerce_settings(values: dict[str, object], source: str) -> dict[str, object]:
    out: dict[str, object] = {}
    for key, value in values.items():
        if key not in FIELD_TYPES:
            raise SettingsError("unknown", where=source, key=key)
        out[key] = _coerce(FIELD_TYPES[key], value, f"{source}: {key}")
    return out


def _coerce(type_name: str, value: object, where: str) -> object:
    # `value` is any TOML/JSON value: int() and float() refuse the unsuitable ones
    # (TypeError/ValueError below), hence the ignores.
    try:
        if type_name == "int":
            if isinstance(value, bool) or int(value) != float(value):  # type: ignore[call-overload,arg-type]
                raise ValueError
            result: object = int(value)  # type: ignore[call-overload]
        elif type_name == "float":
            if isinstance(value, bool):
                raise ValueError
            result = float(value)  # type: ignore[arg-type]
        elif type_name == "Decimal":
            result = Decimal(str(value))
        else:  # "str | None"
            result = None if value in (None, "") else str(value).upper()
    except (TypeError, ValueError, InvalidOperation):
        raise SettingsError("invalid", where=where, value=value, kind=type_name) from None
    if isinstance(result, int | float | Decimal) and result < 0 and not where.endswith("mood_max"):
        raise SettingsError("negative", where=where, value=value)
    return result


def load_toml(path: Path, base: AnalysisSettings | None = None) -> AnalysisSettings:
    """Settings from the `[analysis]` table of a TOML file on top of `base`."""
    base = base or AnalysisSettings()
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise SettingsError("unreadable", where=path, cause=exc) from None
    section = data.get("analysis", {})
    if not isinstance(section, dict):
        raise SettingsError("not_a_table", where=path)
    return base.updated(section, source=str(path))
